// Editing a comment passes the rules a new comment passes: a text refused as new is refused
// as an edit and the approved text stays; a text held as new waits for a moderator beside
// the approved text, which readers keep seeing; the moderator's decision puts it in place
// or drops it, once, with one log entry. SQLite here, PostgreSQL in the HTTP pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { systemCaller } from '../platform/caller.js';
import { loadConfig } from '../platform/config.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
const clock = new Date('2026-05-01T10:00:00Z');
const SITE = 'http://127.0.0.1:3000';
const COOKIE = 'bw_sid=editoreditoreditoreditor1';
let csrf = '';
let ip = 1;

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  await app.services.settings.update('discussion', { policy: 'none' });
  await app.services.content.createArticle({
    lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [],
  });
  const page = await app.http.inject({ method: 'GET', url: '/stadtrat-tagt/', headers: { cookie: COOKIE } });
  csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  await app.services.moderation.rules.filters.add({ userId: null, name: 'Test' }, { kind: 'word', pattern: 'Schwachkopf', action: 'hold' });
});

after(async () => {
  await app.close();
  await db.drop();
});

const headers = () => ({ cookie: COOKIE, 'x-csrf-token': csrf, origin: SITE });

async function harmless(text: string): Promise<number> {
  const res = await app.http.inject({
    method: 'POST', url: '/api/v1/articles/stadtrat-tagt/comments', remoteAddress: `10.7.0.${ip++}`, headers: headers(),
    payload: { body: text, name: 'Edi', email: 'edi@example.org' },
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().status, 'published');
  return res.json().id;
}

const SPAM = `Billig kaufen! ${Array.from({ length: 10 }, (_, i) => `https://pills${i}.example/`).join(' ')}`;

test('an edit to spam words and ten links is refused like a new comment, and the approved text stays', async () => {
  const id = await harmless('Danke für den Bericht aus dem Stadtrat.');
  const asNew = await app.http.inject({
    method: 'POST', url: '/api/v1/articles/stadtrat-tagt/comments', remoteAddress: `10.7.0.${ip++}`, headers: headers(),
    payload: { body: SPAM, name: 'Edi', email: 'edi@example.org' },
  });
  const edit = await app.http.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, headers: headers(), payload: { body: SPAM } });
  assert.equal(asNew.statusCode, 400);
  assert.equal(edit.statusCode, asNew.statusCode);
  assert.equal(edit.json().error.code, asNew.json().error.code);
  const row = (await app.services.discussion.store.byId(id))!;
  assert.equal(row.status, 'published');
  assert.equal(row.body, 'Danke für den Bericht aus dem Stadtrat.');
  assert.equal(row.pending_body, null);
});

test('an edit the screen would hold waits for a moderator while readers see the approved text', async () => {
  const id = await harmless('Ein sachlicher Beitrag zur Sitzung.');
  const edit = await app.http.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, headers: headers(), payload: { body: 'Der Kämmerer ist ein Schwachkopf.' } });
  assert.equal(edit.statusCode, 200, edit.body);
  assert.equal(edit.json().pending, true);
  const page = await app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' });
  assert.match(page.body, /Ein sachlicher Beitrag zur Sitzung/);
  assert.doesNotMatch(page.body, /Schwachkopf/);
  const queue = (await app.services.discussion.store.queue(50, 0)).filter((r) => r.id === id);
  assert.equal(queue.length, 1, 'the held edit is in the moderation queue');
  assert.equal(queue[0]!.pending_body, 'Der Kämmerer ist ein Schwachkopf.');

  // Dropped: the approved text stays; one log entry, no statement of reasons.
  const [dropped] = await app.services.moderation.decide(systemCaller('Moderation'), [id], 'reject', 'Beleidigung');
  assert.deepEqual(dropped, { id, status: 'published' });
  const after = (await app.services.discussion.store.byId(id))!;
  assert.equal(after.body, 'Ein sachlicher Beitrag zur Sitzung.');
  assert.equal(after.pending_body, null);
  const statements = await app.services.database.db.withTables<{ moderation_statements: { id: number; comment_id: number } }>().selectFrom('moderation_statements').select('id').where('comment_id', '=', id).execute();
  assert.equal(statements.length, 0);

  // Held again, then approved: the edit is put in place and the old text goes to the history.
  await app.http.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, headers: headers(), payload: { body: 'Der Kämmerer ist ein Schwachkopf, sorry.' } });
  await app.services.moderation.decide(systemCaller('Moderation'), [id], 'approve', 'noch zulässig');
  const approved = (await app.services.discussion.store.byId(id))!;
  assert.equal(approved.body, 'Der Kämmerer ist ein Schwachkopf, sorry.');
  assert.equal(approved.pending_body, null);
  const history = await app.services.database.db.selectFrom('comment_edits').select('body').where('comment_id', '=', id).execute();
  assert.ok(history.some((h) => h.body === 'Ein sachlicher Beitrag zur Sitzung.'));
  const log = await app.services.database.db.selectFrom('moderation_log').select(['action']).where('comment_id', '=', id).execute();
  assert.deepEqual(log.map((l) => l.action).sort(), ['approve', 'reject'], 'one entry per decision');
  assert.match((await app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' })).body, /Schwachkopf, sorry/);
});
