// DSA notices through HTTP: the form under each comment, the deadline from the settings,
// moderators deciding (JSON and plain form), the statement of reasons to the author and
// the confirmations to the notifier, all through the outbox (no SMTP configured).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, startModerationApp, type ModerationTestApp } from './testing.js';

let t: ModerationTestApp;
let staff: { cookie: string; csrf: string };
let target = 0;
let harmless = 0;
let noticeId = 0;

before(async () => {
  t = await startModerationApp();
  staff = await t.signIn();
  target = await t.published({ name: 'Kurt Kommentator', email: 'kurt@example.org', body: 'Herr X hat nachweislich Geld unterschlagen' });
  harmless = await t.published({ email: 'lea@example.org', body: 'Ich sehe das anders' });
});

after(async () => {
  await t.close();
});

const sendNotice = (id: number, fields: Record<string, string>) =>
  t.app.http.inject({
    method: 'POST', url: `/stadtrat-tagt/comment/${id}/notice/`, remoteAddress: t.freshIp(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: t.anonToken(), ...fields }).toString(),
  });

const complete = {
  category: 'defamation', explanation: 'Das ist eine unwahre Tatsachenbehauptung über mich.', name: 'Xaver X', email: 'xaver@example.org', goodFaith: 'yes',
};

test('the notice form names the comment and asks for everything Art. 16 DSA needs', async () => {
  const form = await t.app.http.inject({ method: 'GET', url: `/stadtrat-tagt/comment/${target}/notice/` });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`value="${SITE}/stadtrat-tagt/comment/${target}/" readonly`));
  assert.match(form.body, /Herr X hat nachweislich Geld unterschlagen/);
  assert.match(form.body, /<select id="notice-category" name="category" required>/);
  assert.match(form.body, /<option value="defamation">Beleidigung, üble Nachrede oder Verleumdung<\/option>/);
  assert.match(form.body, /name="explanation"[^>]*required/);
  assert.match(form.body, /name="name"/);
  assert.match(form.body, /name="email" type="email"/);
  assert.match(form.body, /type="checkbox" id="notice-good-faith" name="goodFaith" value="yes" required/);
  assert.match(form.body, /bis spätestens 24 Stunden/);
});

test('a notice without the good-faith statement is refused, with the entries kept', async () => {
  const { goodFaith: _, ...rest } = complete;
  const res = await sendNotice(target, rest);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /role="alert"/);
  assert.match(res.body, /Das ist eine unwahre Tatsachenbehauptung über mich\./);
  assert.match(res.body, /name="goodFaith" value="yes" required aria-invalid="true"/);
  const noEmail = await sendNotice(target, { ...complete, email: 'keine-adresse' });
  assert.equal(noEmail.statusCode, 400);
});

test('a complete notice is stored with a deadline, listed for moderators, and confirmed', async () => {
  await t.app.services.settings.update('discussion', { noticeDeadlineHours: 48 });
  const res = await sendNotice(target, complete);
  assert.equal(res.statusCode, 200, res.body.slice(0, 500));
  noticeId = Number(/Ihre Meldung #(\d+) ist eingegangen/.exec(res.body)![1]);
  await t.app.services.settings.update('discussion', { noticeDeadlineHours: 24 });
  const second = await sendNotice(harmless, { ...complete, category: 'other', explanation: 'Finde ich auch rechtswidrig.', email: 'yvonne@example.org' });
  assert.equal(second.statusCode, 200);

  const list = await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/notices', headers: { cookie: staff.cookie } });
  assert.equal(list.statusCode, 200);
  const notices = list.json().notices as { id: number; deadlineAt: string; createdAt: string; comment: { id: number }; notifier: { name: string }; overdue: boolean }[];
  assert.deepEqual(notices.map((n) => n.comment.id), [harmless, target], 'nearest deadline first');
  const mine = notices.find((n) => n.id === noticeId)!;
  assert.equal(Date.parse(mine.deadlineAt) - Date.parse(mine.createdAt), 48 * 3_600_000);
  assert.equal(mine.notifier.name, 'Xaver X');
  assert.equal(mine.overdue, false);

  await t.drainJobs();
  const receipt = t.outbox().find((m) => m.to === 'xaver@example.org');
  assert.ok(receipt, 'receipt mailed to the notifier');
  assert.equal(receipt.subject, `Eingangsbestätigung: Ihre Meldung #${noticeId}`);
  assert.match(receipt.text, new RegExp(`${SITE}/stadtrat-tagt/comment/${target}/`));
});

test('removing after a notice rejects the comment and mails the author a statement of reasons', async () => {
  t.later(3600);
  const anon = await t.app.http.inject({ method: 'POST', url: `/api/v1/admin/notices/${noticeId}/decide`, headers: { origin: SITE, 'x-csrf-token': t.anonToken() }, payload: { action: 'remove', reason: 'x' } });
  assert.equal(anon.statusCode, 401);
  const noReason = await t.app.http.inject({ method: 'POST', url: `/api/v1/admin/notices/${noticeId}/decide`, headers: t.staff(staff), payload: { action: 'remove', reason: '' } });
  assert.equal(noReason.statusCode, 400);
  const res = await t.app.http.inject({
    method: 'POST', url: `/api/v1/admin/notices/${noticeId}/decide`, headers: t.staff(staff),
    payload: { action: 'remove', reason: 'Unbelegter Vorwurf einer Straftat gegen eine Privatperson.', ground: '§ 186 StGB (üble Nachrede)' },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().notice.status, 'removed');
  assert.ok(res.json().statementId);
  assert.equal((await t.app.services.discussion.store.byId(target))!.status, 'rejected');
  const page = await t.app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' });
  assert.doesNotMatch(page.body, /Geld unterschlagen/);
  const again = await t.app.http.inject({ method: 'POST', url: `/api/v1/admin/notices/${noticeId}/decide`, headers: t.staff(staff), payload: { action: 'keep', reason: 'doch nicht' } });
  assert.equal(again.statusCode, 400, 'a decided notice stays decided');

  await t.drainJobs();
  const statement = t.outbox().find((m) => m.to === 'kurt@example.org');
  assert.ok(statement, 'statement of reasons mailed to the author');
  assert.match(statement.subject, /Ihr Kommentar wurde entfernt – Begründung/);
  assert.match(statement.text, /Guten Tag Kurt Kommentator/);
  assert.match(statement.text, /Herr X hat nachweislich Geld unterschlagen/, 'which comment');
  assert.match(statement.text, new RegExp(`${SITE}/stadtrat-tagt/comment/${target}/`));
  assert.match(statement.text, /nicht mehr sichtbar/, 'what was decided');
  assert.match(statement.text, /Meldung rechtswidriger Inhalte an uns nach Art\. 16/, 'that a notice led to it');
  assert.match(statement.text, /Grund: § 186 StGB \(üble Nachrede\)/, 'the ground');
  assert.match(statement.text, /Unbelegter Vorwurf einer Straftat/, 'the facts');
  assert.match(statement.text, /ein Mensch aus unserem Team/, 'a human decision');
  assert.match(statement.text, /Widerspruch: .*antworten Sie auf diese E-Mail/, 'how to appeal');
  const decision = t.outbox().filter((m) => m.to === 'xaver@example.org').map((m) => m.subject);
  assert.deepEqual(decision, [`Eingangsbestätigung: Ihre Meldung #${noticeId}`, `Entscheidung zu Ihrer Meldung #${noticeId}`]);
});

test('keeping after a notice (through the desk form) leaves the comment and tells the notifier', async () => {
  const list = await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/notices', headers: { cookie: staff.cookie } });
  const other = list.json().notices[0] as { id: number };
  t.later(2 * 86_400);
  const overdue = await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/notices', headers: { cookie: staff.cookie } });
  assert.equal(overdue.json().notices[0].overdue, true);
  const res = await t.app.http.inject({
    method: 'POST', url: `/admin/notices/${other.id}/decide`,
    headers: { cookie: staff.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: staff.csrf, action: 'keep', reason: 'Zulässige Meinungsäußerung.' }).toString(),
  });
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(res.headers.location, `/admin/comments/?filter=notices&decided=${other.id}`);
  assert.equal((await t.app.services.discussion.store.byId(harmless))!.status, 'published');
  await t.drainJobs();
  const told = t.outbox().filter((m) => m.to === 'yvonne@example.org');
  assert.match(told[1]!.text, /bleibt online/);
  assert.ok(!t.outbox().some((m) => m.to === 'lea@example.org'), 'no statement when nothing was removed');

  const log = await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/moderation/log', headers: { cookie: staff.cookie } });
  const entries = log.json().entries as { action: string; actor: string; reason: string; commentId: number | null; detail: string }[];
  const removed = entries.find((e) => e.action === 'notice.remove')!;
  assert.equal(removed.actor, 'Mod Erika Muster');
  assert.equal(removed.commentId, target);
  // One decision, one log entry: the removal is the notice's entry, not a second plain reject.
  assert.ok(!entries.some((e) => e.action === 'reject' && e.commentId === target));
  assert.equal(removed.reason, 'Unbelegter Vorwurf einer Straftat gegen eine Privatperson.');
  assert.match(entries.find((e) => e.action === 'notice.keep')!.detail, /overdue/);
});
