// Bans, filters and trusted commenters through HTTP: moderators set them up with the
// JSON API, readers meet them when they comment, and every change is in the log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startModerationApp, type ModerationTestApp } from './testing.js';

let t: ModerationTestApp;
let staff: { cookie: string; csrf: string };

before(async () => {
  t = await startModerationApp();
  staff = await t.signIn();
});

after(async () => {
  await t.close();
});

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.http.inject({ method, url, headers: t.staff(staff), ...(payload ? { payload } : {}) });

test('an e-mail ban rejects that address until it expires', async () => {
  await t.published({ email: 'lea@example.org', body: 'Hallo zusammen' });
  const ban = await api('POST', '/api/v1/admin/bans', { kind: 'email', email: 'lea@example.org', reason: 'Wiederholte Beleidigungen', days: 1 });
  assert.equal(ban.statusCode, 201, ban.body);
  assert.equal(ban.json().ban.kind, 'email');
  assert.notEqual(ban.json().ban.value, 'lea@example.org', 'only the hash is stored');
  const refused = await t.comment({ email: 'LEA@example.org', body: 'Ich schon wieder' });
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.json().error.code, 'COMMENT_SPAM');
  assert.equal((await t.comment({ email: 'max@example.org', body: 'Ich darf' })).statusCode, 201);
  t.later(86_400 + 60);
  const back = await t.comment({ email: 'lea@example.org', body: 'Wieder da' });
  assert.equal(back.statusCode, 201, back.body);
  assert.equal(back.json().status, 'published');
});

test('an IP ban from a comment rejects that address, not others, and expires', async () => {
  const ip = '10.200.0.7';
  const res = await t.comment({ email: 'ip@example.org', body: 'Von hier', ip });
  const ban = await api('POST', '/api/v1/admin/bans', {
    kind: 'ip', commentId: res.json().id, reason: 'Flut von Kommentaren', expiresAt: new Date(t.now().getTime() + 3_600_000).toISOString(),
  });
  assert.equal(ban.statusCode, 201, ban.body);
  assert.equal((await t.comment({ email: 'neu@example.org', body: 'Andere Adresse, gleiche IP', ip })).statusCode, 400);
  assert.equal((await t.comment({ email: 'neu@example.org', body: 'Andere IP' })).statusCode, 201);
  t.later(2 * 3600);
  assert.equal((await t.comment({ email: 'neu2@example.org', body: 'Nach Ablauf', ip })).statusCode, 201);
});

test('an account ban from a comment rejects that identity until lifted', async () => {
  const id = await t.published({ email: 'konto@example.org', body: 'Mein Beitrag' });
  const ban = await api('POST', '/api/v1/admin/bans', { kind: 'account', commentId: id, reason: 'Drohung' });
  assert.equal(ban.statusCode, 201, ban.body);
  assert.equal(ban.json().ban.expiresAt, null);
  assert.equal((await t.comment({ email: 'konto@example.org', body: 'Noch einmal' })).statusCode, 400);
  const listed = await api('GET', '/api/v1/admin/bans');
  assert.ok(listed.json().bans.some((b: { id: number }) => b.id === ban.json().ban.id));
  const noReason = await api('POST', `/api/v1/admin/bans/${ban.json().ban.id}/lift`, { reason: '' });
  assert.equal(noReason.statusCode, 400);
  const lift = await api('POST', `/api/v1/admin/bans/${ban.json().ban.id}/lift`, { reason: 'Entschuldigung angenommen' });
  assert.equal(lift.statusCode, 200, lift.body);
  assert.equal((await t.comment({ email: 'konto@example.org', body: 'Danke' })).statusCode, 201);
});

test('word and domain filters hold or reject, naming what matched', async () => {
  await t.published({ email: 'filter@example.org', body: 'Erster' });
  const word = await api('POST', '/api/v1/admin/filters', { kind: 'word', pattern: 'Schwachkopf', action: 'hold', reason: 'Beleidigung' });
  assert.equal(word.statusCode, 201, word.body);
  const domain = await api('POST', '/api/v1/admin/filters', { kind: 'domain', pattern: 'https://www.pills.test/', action: 'reject' });
  assert.equal(domain.json().filter.pattern, 'pills.test');
  const held = await t.comment({ email: 'filter@example.org', body: 'Du Schwachkopf!' });
  assert.equal(held.json().status, 'pending');
  const queue = await api('GET', '/api/v1/admin/comments');
  const entry = queue.json().comments.find((c: { id: number }) => c.id === held.json().id);
  assert.deepEqual(entry.spamReasons.find((r: { code: string }) => r.code === 'filter_word'), { code: 'filter_word', detail: 'hold: schwachkopf', weight: 1 });
  const rejected = await t.comment({ email: 'filter@example.org', body: 'Billig bei https://shop.pills.test/kaufen' });
  assert.equal(rejected.statusCode, 400);
  assert.equal(rejected.json().error.code, 'COMMENT_SPAM');
  const bad = await api('POST', '/api/v1/admin/filters', { kind: 'domain', pattern: 'localhost', action: 'reject' });
  assert.equal(bad.statusCode, 400);
  const removed = await api('DELETE', `/api/v1/admin/filters/${domain.json().filter.id}`, { reason: 'zu streng' });
  assert.equal(removed.statusCode, 204);
  assert.equal((await t.comment({ email: 'filter@example.org', body: 'Billig bei https://shop.pills.test/kaufen' })).statusCode, 201);
});

test('a trusted commenter is published directly, even with the first comment', async () => {
  const first = await t.comment({ email: 'neuling@example.org', body: 'Mein erster Kommentar' });
  assert.equal(first.json().status, 'pending', 'the policy holds a new identity');
  const trust = await api('POST', '/api/v1/admin/trusted', { email: 'vertraut@example.org', reason: 'Bekannte Leserin' });
  assert.equal(trust.statusCode, 201, trust.body);
  const direct = await t.comment({ email: 'vertraut@example.org', body: 'Mein erster Kommentar' });
  assert.equal(direct.json().status, 'published');
  const byComment = await api('POST', '/api/v1/admin/trusted', { commentId: first.json().id, reason: 'kennen wir' });
  assert.equal(byComment.json().trusted.label, 'Lea Leserin');
  assert.equal((await t.comment({ email: 'neuling@example.org', body: 'Zweiter' })).json().status, 'published');
  const later = await api('POST', '/api/v1/admin/trusted', { email: 'spaeter@example.org', reason: 'Versehen' });
  const identity = later.json().trusted.identity as string;
  const untrust = await api('DELETE', `/api/v1/admin/trusted/${encodeURIComponent(identity)}`, { reason: 'Versehen korrigiert' });
  assert.equal(untrust.statusCode, 204);
  assert.equal((await t.comment({ email: 'spaeter@example.org', body: 'Erster' })).json().status, 'pending');
});

test('every change to the rules is in the log with actor and reason', async () => {
  const log = await api('GET', '/api/v1/admin/moderation/log?limit=200');
  assert.equal(log.statusCode, 200);
  const entries = log.json().entries as { action: string; actor: string; reason: string; target: string | null }[];
  for (const action of ['ban.add', 'ban.lift', 'filter.add', 'filter.remove', 'trust.add', 'trust.remove']) {
    const entry = entries.find((e) => e.action === action);
    assert.ok(entry, `${action} is logged`);
    assert.equal(entry.actor, 'Mod Erika Muster');
    assert.ok(entry.target, `${action} names its target`);
  }
  assert.equal(entries.find((e) => e.action === 'ban.lift')?.reason, 'Entschuldigung angenommen');
  assert.equal(entries.find((e) => e.action === 'filter.remove')?.reason, 'zu streng');
});
