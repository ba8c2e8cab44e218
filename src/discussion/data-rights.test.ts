// Readers' data rights across capabilities (issue 12), on both databases: a reader who
// used every feature with one address (guest and account comments, an edit, likes, a
// reply notification, a report, a DSA notice, the newsletter with its consent, a
// correction suggestion, a mute) gets every kind of record in the export, and the
// deletion removes them: nothing with the address or its account is left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import type { Caller } from '../platform/caller.js';
import { emailHash } from '../platform/privacy.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import { signRequest } from './privacy.js';

let app: App;
let db: HttpTestDatabase;
const SITE = 'http://127.0.0.1:3000';
const RIA = 'ria@example.org';
let readerId = 0;
let otherComment = 0;

// Kysely's typed tables stop at the shared schema; the capabilities' own tables are read raw here.
type Row = Record<string, unknown>;
const rows = async (table: string, column: string, value: unknown): Promise<Row[]> =>
  (app.services.database.db as unknown as { selectFrom(t: string): { selectAll(): { where(c: string, o: string, v: unknown): { execute(): Promise<Row[]> } } } })
    .selectFrom(table).selectAll().where(column, '=', value).execute();

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings, operations, moderation, corrections, database, secret } = app.services;
  await settings.update('discussion', { policy: 'none', identity: 'both' });
  const article = await content.createArticle({ lang: 'de', title: 'Stadtfest im Auenpark', body: [{ type: 'paragraph', text: 'Das Stadtfest beginnt am Freitag im Auenpark.' }], status: 'published', publishedAt: new Date('2026-04-01T10:00:00Z'), authorIds: [], tagIds: [] });
  const guest: Caller = { kind: 'guest', sessionHash: 'session-ria', ipHash: 'ip-ria' };
  const other = await operations.postComment({ kind: 'guest', sessionHash: 's-tom', ipHash: 'ip-tom' }, article.id, { body: 'Ein Kommentar von Tom.', parentId: null, name: 'Tom', email: 'tom@example.org', notify: false });
  otherComment = other.id;

  // As a guest: a comment with reply notifications, then an edit; a like; a report.
  const mine = await operations.postComment(guest, article.id, { body: 'Ria als Gast.', parentId: null, name: 'Ria', email: RIA, notify: true });
  await operations.editComment(guest, mine.id, 'Ria als Gast, bearbeitet.');
  await operations.like(guest, other.id);
  await moderation.reports.file({ commentId: other.id, reason: 'off_topic', note: 'Passt nicht', reporter: 'session-ria' });
  // With a reader account under the same address: a comment, a like, a mute, a sign-in link.
  const at = new Date().toISOString();
  const inserted = await (database.db as unknown as { insertInto(t: string): { values(v: Row): { returning(c: string[]): { executeTakeFirstOrThrow(): Promise<{ id: number }> } } } })
    .insertInto('readers').values({ email: RIA, name: 'Ria R.', created_at: at, last_login_at: at }).returning(['id']).executeTakeFirstOrThrow();
  readerId = inserted.id;
  const reader: Caller = { kind: 'reader', reader: { id: readerId, name: 'Ria R.', email: RIA }, sessionHash: 'reader-session-ria', ipHash: 'ip-ria-2' };
  await operations.postComment(reader, article.id, { body: 'Ria mit Konto.', parentId: other.id, notify: false });
  await operations.like(reader, mine.id);
  const raw = database.db as unknown as { insertInto(t: string): { values(v: Row): { execute(): Promise<unknown> } } };
  await raw.insertInto('reader_mutes').values({ reader_id: readerId, muted_key: 'k-tom', created_at: at }).execute();
  await raw.insertInto('reader_logins').values({ token_hash: 'h-ria', email: RIA, return_to: '/', created_at: at, expires_at: at, used_at: at }).execute();
  // A DSA notice, the newsletter (double opt-in with topics), a correction suggestion.
  await moderation.notices.submit({ commentId: other.id, category: 'defamation', explanation: 'Das stimmt so nicht und schadet einem Verein.', name: 'Ria', email: RIA, goodFaith: true });
  await app.services.newsletter.subscriptions.subscribe({ email: RIA, name: 'Ria', topics: [] });
  await corrections.suggest(article, { passage: 'Auenpark', replacement: 'Auen-Park', kind: 'typo', name: 'Ria', email: RIA }, 'ip-ria');
  assert.ok(secret);
});

after(async () => {
  await app.close();
  await db.drop();
});

async function confirm(action: 'export' | 'delete') {
  const page = await app.http.inject({ method: 'GET', url: '/privacy/comments/' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const token = signRequest(app.services.secret, RIA, action, Date.now() + 60_000);
  return app.http.inject({
    method: 'POST', url: '/privacy/comments/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: csrf, token }).toString(),
  });
}

test('the export of a reader who used every feature contains every kind of record', async () => {
  const res = await confirm('export');
  assert.equal(res.statusCode, 200);
  const data = res.json() as Record<string, Row[]>;
  const kinds = ['comments', 'likes', 'reports', 'replyNotifications', 'dsaNotices', 'readerAccount', 'newsletter', 'correctionSuggestions'];
  for (const kind of kinds) assert.ok(Array.isArray(data[kind]) && data[kind]!.length > 0, `${kind}: ${JSON.stringify(data[kind])}`);
  assert.deepEqual(data.comments!.map((c) => [c.as, c.text]), [['guest', 'Ria als Gast, bearbeitet.'], ['account', 'Ria mit Konto.']]);
  assert.deepEqual((data.comments![0]!.earlierVersions as Row[]).map((v) => v.text), ['Ria als Gast.']);
  assert.equal(data.likes!.length, 2);
  assert.equal(data.reports![0]!.reason, 'off_topic');
  assert.equal(data.dsaNotices![0]!.email, RIA);
  const newsletter = data.newsletter![0]!;
  assert.equal(newsletter.email, RIA);
  assert.ok((newsletter.consent as Row).subscribedAt, 'the consent record');
  assert.deepEqual((data.readerAccount![0]!.muted as string[]), ['k-tom']);
  assert.equal(data.correctionSuggestions![0]!.passage, 'Auenpark');
  assert.doesNotMatch(res.body, /tom@example\.org|Ein Kommentar von Tom/, 'nobody else’s data');
});

test('deletion removes every record tied to the address, and leaves others alone', async () => {
  const res = await confirm('delete');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /\d+ Einträge wurden gelöscht/);
  const hash = emailHash(RIA, app.services.secret);
  const comments = await app.services.database.db.selectFrom('comments').selectAll().execute();
  const ria = comments.filter((c) => c.identity === `email:${hash}` || c.identity === `reader:${readerId}`);
  assert.equal(ria.length, 2);
  assert.ok(ria.every((c) => c.status === 'deleted' && c.body === '' && c.author_name === '' && c.author_email === ''));
  assert.deepEqual((await rows('comment_edits', 'comment_id', ria[0]!.id)), []);
  assert.deepEqual(await rows('comment_likes', 'voter', `reader:${readerId}`), []);
  assert.deepEqual(await rows('comment_likes', 'voter', 'session-ria'), []);
  assert.deepEqual(await rows('comment_reports', 'reporter', 'session-ria'), []);
  assert.deepEqual(await rows('notify_subscriptions', 'email', RIA), []);
  assert.deepEqual(await rows('readers', 'email', RIA), []);
  assert.deepEqual(await rows('reader_mutes', 'reader_id', readerId), []);
  assert.deepEqual(await rows('reader_logins', 'email', RIA), []);
  assert.deepEqual(await rows('subscribers', 'email_hash', hash), []);
  assert.deepEqual(await rows('dsa_notices', 'notifier_email', RIA), []);
  assert.deepEqual(await rows('correction_suggestions', 'reader_email', RIA), []);
  // The notice and the suggestion stay as records of the newsroom's work, without Ria.
  assert.equal((await rows('dsa_notices', 'comment_id', otherComment)).length, 1);
  // Tom's comment, its like count without Ria's like, stays.
  const tom = comments.find((c) => c.id === otherComment)!;
  assert.equal(tom.status, 'published');
  assert.equal(tom.likes, 0);
  const again = await confirm('export');
  const data = again.json() as Record<string, Row[]>;
  for (const [kind, list] of Object.entries(data)) if (Array.isArray(list)) assert.ok(list.every((r) => r.status === 'deleted' || kind === 'comments'), kind);
  assert.doesNotMatch(again.body, /Ria als Gast|Ria mit Konto|Auen-Park|ria@example.org"[^]*ria@/);
});

test('every comment e-mail links to the readers\u2019 data page', async () => {
  const { notifyMessages } = await import('./notify/messages.js');
  for (const lang of ['de', 'en'] as const) assert.match(notifyMessages[lang]['mail.dataRights'], /\{link\}/);
});
