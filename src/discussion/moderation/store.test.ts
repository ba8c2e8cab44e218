// Moderation's services and SQL against both databases: bans, filters and trust through
// the real post flow; reports opening and closing with the log; a DSA notice from
// submission to decision, with statement of reasons and mail jobs; the public log query.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../../platform/testing.js';
import { createEventBus } from '../../platform/events.js';
import { createSettingsService } from '../../platform/settings.js';
import { createJobQueue } from '../../platform/jobs/index.js';
import type { OutgoingMail } from '../../platform/mail/index.js';
import { createUser } from '../../platform/users.js';
import { AppError } from '../../platform/errors.js';
import { createContentService } from '../../content/index.js';
import { staffCaller, type Caller } from '../../platform/caller.js';
import { createDiscussionService } from '../service.js';
import { createDiscussionOperations } from '../operations/index.js';
import { composeScreens, createModeration, createModerationServices } from './index.js';
import { publicLog, recentLog } from './log.js';
import { statementsFor } from './statements.js';
import { moderationDb } from './tables.js';

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

eachDatabase('moderation store', (handle) => {
  let clock = new Date('2026-05-01T10:00:00Z');
  const now = () => clock;
  const later = (hours: number) => {
    clock = new Date(clock.getTime() + hours * 3_600_000);
  };
  const sent: OutgoingMail[] = [];
  let env: ReturnType<typeof build>;
  let articleId = 0;
  let actor = { userId: 0, name: 'Mod Erika' };
  let mod: Caller;
  let n = 0;
  let leaFirst = 0;

  function build() {
    const db = handle().db;
    const bus = createEventBus(quiet);
    const settings = createSettingsService(db, bus);
    const content = createContentService({ db, bus, now });
    const rules = createModeration({ db, secret: 'test-secret', now });
    const discussion = createDiscussionService({ db, settings, content, secret: 'test-secret' });
    // Plain objects where the operation asks for a narrow dependency: no limits, no form.
    const operations = createDiscussionOperations({
      db, store: discussion.store, article: (ref) => content.visibleArticle(ref), settings, bus, secret: 'test-secret', now,
      screen: composeScreens(rules.screen), isTrusted: rules.isTrusted, checkForm: () => [], limits: { async limit() {} },
      reservedNames: { async names() { return []; } },
    });
    const jobs = createJobQueue(handle(), { logger: quiet, now });
    const mailer = { async send(mail: OutgoingMail) { sent.push(mail); return { messageId: 'x', response: 'ok', accepted: [], rejected: [], file: null }; } };
    const moderation = createModerationServices({ db, rules, learn: async () => {}, settings, bus, jobs, mailer, publicUrl: 'https://news.example', now });
    return { db, settings, content, rules, discussion, operations, jobs, moderation };
  }

  const post = (email: string, body: string, ipHash = 'ip-1') =>
    env.operations.postComment({ kind: 'guest', sessionHash: null, ipHash }, articleId, { body: `${body} (${++n})`, parentId: null, name: 'Lea', email, notify: false });

  before(async () => {
    env = build();
    const article = await env.content.createArticle({
      lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Heute.' }], status: 'published',
      publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [],
    });
    articleId = article.id;
    const user = await createUser(env.db, { email: 'mod@example.org', password: 'sehr-geheim-123', role: 'moderator', name: 'Mod Erika' });
    actor = { userId: user.id, name: 'Mod Erika' };
    mod = staffCaller({ id: user.id, email: 'mod@example.org', name: 'Mod Erika', role: 'moderator' });
    // Lea is a known writer from here on: her comments are published unless screened.
    const first = await post('lea@example.org', 'Mein allererster Kommentar', 'ip-lea');
    await env.moderation.decide(mod, [first.id], 'approve', 'passt');
    leaFirst = first.id;
  });

  test('bans of each kind reject, expire and can be lifted; each change is logged', async () => {
    const first = { id: leaFirst };
    const ban = await env.moderation.rules.bans.add(actor, { kind: 'email', email: 'LEA@example.org', reason: 'Beleidigungen', expiresAt: new Date(clock.getTime() + 3_600_000) });
    await assert.rejects(post('lea@example.org', 'Wieder da'), (e: AppError) => e.code === 'COMMENT_SPAM' && e.detail === 'banned');
    later(2);
    assert.equal((await post('lea@example.org', 'Abgelaufen')).status, 'published', 'expired; known writer');

    await env.moderation.rules.bans.add(actor, { kind: 'ip', commentId: first.id, reason: 'Flut', expiresAt: null });
    await assert.rejects(post('andere@example.org', 'Gleiche Adresse', 'ip-lea'), (e: AppError) => e.detail === 'banned');
    await post('andere@example.org', 'Andere Adresse', 'ip-other');

    const account = await env.moderation.rules.bans.add(actor, { kind: 'account', value: 'email:nobody', reason: 'Test', expiresAt: null });
    const accountBan = await env.moderation.rules.bans.add(actor, { kind: 'account', commentId: first.id, reason: 'Konto', expiresAt: null });
    await assert.rejects(post('lea@example.org', 'Konto gesperrt', 'ip-x'), (e: AppError) => e.detail === 'banned');
    await env.moderation.rules.bans.lift(actor, accountBan.id, 'Einspruch angenommen');
    assert.equal((await post('lea@example.org', 'Wieder frei', 'ip-x')).status, 'published');
    await assert.rejects(env.moderation.rules.bans.lift(actor, accountBan.id, 'nochmal'), (e: AppError) => e.code === 'NOT_FOUND');
    await assert.rejects(
      env.moderation.rules.bans.add(actor, { kind: 'email', email: 'x@example.org', reason: ' ', expiresAt: null }),
      (e: AppError) => e.field === 'reason',
    );

    const active = await env.moderation.rules.bans.list();
    assert.ok(!active.some((b) => b.id === ban.id), 'expired bans are not active');
    assert.ok(active.some((b) => b.id === account.id));
    const log = await recentLog(moderationDb(env.db), 20);
    const adds = log.filter((e) => e.action === 'ban.add');
    assert.equal(adds.length, 4);
    assert.ok(adds.every((e) => e.actor === 'Mod Erika' && e.reason && e.target?.startsWith('ban:')));
    assert.equal(log.find((e) => e.action === 'ban.lift')?.reason, 'Einspruch angenommen');
  });

  test('filters hold or reject and name what matched; trusted writers skip the hold', async () => {
    await env.moderation.rules.filters.add(actor, { kind: 'word', pattern: 'Schwachkopf', action: 'hold', reason: 'Beleidigung' });
    const reject = await env.moderation.rules.filters.add(actor, { kind: 'domain', pattern: 'pills.test', action: 'reject' });
    await assert.rejects(post('neu1@example.org', 'Billig: https://shop.pills.test'), (e: AppError) => e.code === 'COMMENT_SPAM' && e.detail === 'filter_domain');
    const held = await post('lea@example.org', 'Du Schwachkopf');
    assert.equal(held.status, 'pending', 'a known writer is held by the filter');
    const row = await env.discussion.store.byId(held.id);
    assert.match(row!.spam_reasons, /filter_word.*hold: schwachkopf/);

    assert.equal((await post('neu2@example.org', 'Mein erster Kommentar')).status, 'pending');
    await env.moderation.rules.trusted.add(actor, { email: 'neu3@example.org', reason: 'Stammleserin' });
    assert.equal(await env.moderation.rules.isTrusted('email:nope'), false);
    assert.equal((await post('neu3@example.org', 'Mein erster Kommentar')).status, 'published');
    await env.settings.update('discussion', { policy: 'all' });
    assert.equal((await post('neu3@example.org', 'Noch einer')).status, 'published', 'trusted beats "hold all"');
    assert.equal((await post('neu3@example.org', 'Du Schwachkopf')).status, 'pending', 'a filter still holds');
    await env.settings.update('discussion', { policy: 'first' });

    await env.moderation.rules.filters.remove(actor, reject.id, 'zu streng');
    assert.equal((await post('lea@example.org', 'Siehe https://shop.pills.test')).status, 'published');
    const actions = (await recentLog(moderationDb(env.db), 10)).map((e) => e.action);
    for (const action of ['filter.add', 'filter.remove', 'trust.add']) assert.ok(actions.includes(action), action);
  });

  test('reports count once per reader and close when a moderator decides', async () => {
    const { id } = await post('lea@example.org', 'Ein strittiger Satz');
    assert.equal(await env.moderation.reports.file({ commentId: id, reason: 'abuse', note: 'gemein', reporter: 'r1' }), true);
    assert.equal(await env.moderation.reports.file({ commentId: id, reason: 'spam', reporter: 'r1' }), false);
    await env.moderation.reports.file({ commentId: id, reason: 'hate', reporter: 'r2' });
    await assert.rejects(env.moderation.reports.file({ commentId: id, reason: 'boring', reporter: 'r3' }), (e: AppError) => e.field === 'reason');
    const open = (await env.moderation.reports.open()).find((r) => r.commentId === id)!;
    assert.equal(open.count, 2);
    assert.deepEqual(open.reasons, { abuse: 1, hate: 1 });
    assert.deepEqual(open.notes, ['gemein']);
    assert.equal((await env.moderation.reports.openCounts([id])).get(id), 2);
    later(0.1);
    await env.moderation.decide(mod, [id], 'approve', 'Meinung, zulässig');
    assert.equal((await env.moderation.reports.openCounts([id])).get(id), undefined);
    later(0.1);
    await env.moderation.reports.file({ commentId: id, reason: 'abuse', reporter: 'r4' });
    assert.equal((await env.moderation.reports.openCounts([id])).get(id), 1, 'a new report after the decision is open');
  });

  test('a DSA notice: deadline, decision, statement of reasons and mails', async () => {
    await env.settings.update('discussion', { noticeDeadlineHours: 48 });
    const { id: commentId } = await post('autorin@example.org', 'Herr X hat Geld unterschlagen');
    await env.moderation.decide(mod, [commentId], 'approve', 'erst einmal');
    const notice = await env.moderation.notices.submit({
      commentId, category: 'defamation', explanation: 'Unwahre Tatsachenbehauptung über mich.', name: 'Herr X', email: 'x@example.org', goodFaith: true,
    });
    assert.equal(notice.deadline_at, new Date(clock.getTime() + 48 * 3_600_000).toISOString());
    await env.settings.update('discussion', { noticeDeadlineHours: 24 });
    const other = await post('lea@example.org', 'Harmlos');
    const second = await env.moderation.notices.submit({
      commentId: other.id, category: 'other', explanation: 'Finde ich rechtswidrig.', name: 'Y', email: 'y@example.org', goodFaith: true,
    });
    await assert.rejects(
      env.moderation.notices.submit({ commentId, category: 'defamation', explanation: 'Ohne Erklärung.', name: 'Z', email: 'z@example.org', goodFaith: false }),
      (e: AppError) => e.field === 'goodFaith',
    );
    const anonymous = await env.moderation.notices.submit({ commentId, category: 'child_abuse', explanation: 'Ohne Namen erlaubt.', name: '', email: '', goodFaith: true });
    await assert.rejects(
      env.moderation.notices.submit({ commentId, category: 'defamation', explanation: 'Ohne Namen nicht erlaubt.', name: '', email: '', goodFaith: true }),
      (e: AppError) => e.code === 'NAME_REQUIRED',
    );
    const open = await env.moderation.notices.open();
    assert.deepEqual(open.map((o) => o.id), [second.id, anonymous.id, notice.id], 'nearest deadline first');

    later(1);
    const decided = await env.moderation.notices.decide(mod, notice.id, { action: 'remove', reason: 'Unbelegte Behauptung einer Straftat.' });
    assert.equal(decided.notice.status, 'removed');
    assert.equal((await env.discussion.store.byId(commentId))!.status, 'rejected');
    const [statement] = await statementsFor(moderationDb(env.db), commentId);
    assert.equal(statement!.notice_id, notice.id);
    assert.match(statement!.ground, /Beleidigung, üble Nachrede/);
    await assert.rejects(env.moderation.notices.decide(mod, notice.id, { action: 'keep', reason: 'x' }), (e: AppError) => e.detail === 'notice already decided');
    await env.moderation.notices.decide(mod, second.id, { action: 'keep', reason: 'Zulässige Meinungsäußerung.' });
    assert.equal((await env.discussion.store.byId(other.id))!.status, 'published');

    while ((await env.jobs.runOnce()) > 0);
    const to = (address: string) => sent.filter((m) => m.to === address);
    assert.match(to('autorin@example.org')[0]!.text, /Herr X hat Geld unterschlagen[\s\S]*Unbelegte Behauptung[\s\S]*Mensch[\s\S]*Widerspruch/);
    assert.deepEqual(to('x@example.org').map((m) => m.subject), ['Eingangsbestätigung: Ihre Meldung #' + notice.id, 'Entscheidung zu Ihrer Meldung #' + notice.id]);
    assert.match(to('y@example.org')[1]!.text, /bleibt online/);
    const log = await recentLog(moderationDb(env.db), 10);
    assert.ok(log.some((e) => e.action === 'notice.remove' && e.target === `notice:${notice.id}` && e.commentId === commentId));
    assert.ok(log.some((e) => e.action === 'notice.keep' && e.reason === 'Zulässige Meinungsäußerung.'));
    // One decision, one entry: the removal is not logged a second time as a plain reject.
    assert.equal(log.filter((e) => e.commentId === commentId && (e.action === 'reject' || e.action === 'notice.remove')).length, 1);
  });

  test('the public log has no names, no filter changes, no ban reasons', async () => {
    const entries = await publicLog(moderationDb(env.db), { limit: 100, offset: 0, now: clock });
    const actions = new Set(entries.map((e) => e.action));
    assert.ok(actions.has('notice.remove') && actions.has('ban.add'));
    assert.ok(!actions.has('filter.add') && !actions.has('trust.add'));
    assert.ok(entries.filter((e) => e.action.startsWith('ban.')).every((e) => e.reason === ''));
    assert.equal(entries.find((e) => e.action === 'notice.remove')?.article?.slug, 'stadtrat-tagt');
    assert.ok(!JSON.stringify(entries).includes('Mod Erika'));
  });

  test('spam scores keep their precision (a double on both databases)', async () => {
    const { id } = await post('praezise@example.org', 'Eine Meinung zum Haushalt');
    const comments = moderationDb(env.db);
    await comments.updateTable('comments').set({ spam_score: 0.123456789 }).where('id', '=', id).execute();
    const row = await comments.selectFrom('comments').select('spam_score').where('id', '=', id).executeTakeFirstOrThrow();
    // A 4-byte real reads back as 0.12345679.
    assert.equal(Number(row.spam_score), 0.123456789);
  });
});

test('eachDatabase ran', () => assert.ok(true));
