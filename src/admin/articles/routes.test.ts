// The newsroom's article API: role rules, revisions with diff and restore, autosave,
// preview and the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser, type Role } from '../../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
const SITE = 'http://127.0.0.1:3000';
const who = new Map<string, { cookie: string; csrf: string; authorId: number }>();
let ip = 1;

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const page = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  for (const [name, role] of [['eva', 'editor'], ['anton', 'author'], ['conny', 'contributor'], ['mo', 'moderator'], ['olga', 'owner']] as [string, Role][]) {
    const user = await createUser(app.services.database.db, { email: `${name}@example.org`, password: 'passwort-passwort', role, name });
    const author = await app.services.content.createAuthor({ name: `${name} Schreiber` });
    await app.services.database.db.updateTable('authors').set({ user_id: user.id }).where('id', '=', author.id).execute();
    const login = await app.http.inject({
      method: 'POST', url: '/api/v1/session', remoteAddress: `10.8.0.${ip++}`,
      headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: `${name}@example.org`, password: 'passwort-passwort' },
    });
    who.set(name, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken, authorId: author.id });
  }
});

after(async () => {
  await app.close();
  await db.drop();
});

function as(name: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const { cookie, csrf } = who.get(name)!;
  return app.http.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf, origin: SITE }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

const draft = (name: string, extra: Record<string, unknown> = {}) => ({
  title: `Entwurf von ${name}`, lang: 'de', status: 'draft', body: [{ type: 'paragraph', text: 'Der Stdtrat tagt.' }],
  authorIds: [who.get(name)!.authorId], tagIds: [], ...extra,
});

test('a contributor writes drafts but cannot publish; an editor publishes', async () => {
  const created = await as('conny', 'POST', '/api/v1/admin/articles', draft('conny'));
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  const publish = await as('conny', 'PUT', `/api/v1/admin/articles/${id}`, { ...draft('conny'), status: 'published' });
  assert.equal(publish.statusCode, 403);
  assert.equal(publish.json().error.field, 'status');
  const byEditor = await as('eva', 'PUT', `/api/v1/admin/articles/${id}`, { ...draft('conny'), status: 'published' });
  assert.equal(byEditor.statusCode, 200, byEditor.body);
  assert.equal((await app.http.inject({ method: 'GET', url: '/entwurf-von-conny/' })).statusCode, 200);
});

test('an author publishes their own article, not someone else\'s', async () => {
  const own = await as('anton', 'POST', '/api/v1/admin/articles', draft('anton', { status: 'published' }));
  assert.equal(own.statusCode, 201, own.body);
  const foreign = await as('anton', 'POST', '/api/v1/admin/articles', draft('eva', { title: 'Fremd' }));
  assert.equal(foreign.statusCode, 403);
  const evasArticle = await as('eva', 'POST', '/api/v1/admin/articles', draft('eva', { title: 'Evas Text' }));
  const edit = await as('anton', 'PUT', `/api/v1/admin/articles/${evasArticle.json().id}`, draft('eva', { title: 'Gekapert' }));
  assert.equal(edit.statusCode, 403);
  const moderator = await as('mo', 'GET', '/api/v1/admin/articles');
  assert.equal(moderator.statusCode, 403);
});

test('revisions: a readable diff and a restore that makes a new revision', async () => {
  const created = await as('eva', 'POST', '/api/v1/admin/articles', draft('eva', { title: 'Haushalt' }));
  const id = created.json().id;
  await as('eva', 'PUT', `/api/v1/admin/articles/${id}`, draft('eva', { title: 'Haushalt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt.' }] }));
  const revisions = (await as('eva', 'GET', `/api/v1/admin/articles/${id}/revisions`)).json().revisions as { id: number }[];
  assert.equal(revisions.length, 2);
  const oldest = revisions.at(-1)!.id;
  const diff = await as('eva', 'GET', `/api/v1/admin/articles/${id}/diff?from=${oldest}`);
  assert.match(diff.json().html, /<del>Stdtrat<\/del>/);
  assert.match(diff.json().html, /<ins>Stadtrat<\/ins>/);
  assert.deepEqual(diff.json().changedFields, ['body']);
  const restored = await as('eva', 'POST', `/api/v1/admin/articles/${id}/revisions/${oldest}/restore`);
  assert.equal(restored.statusCode, 200, restored.body);
  assert.equal(restored.json().body[0].text, 'Der Stdtrat tagt.');
  assert.equal((await as('eva', 'GET', `/api/v1/admin/articles/${id}/revisions`)).json().revisions.length, 3);
});

test('autosave keeps work without changing the article; preview renders blocks; bad bodies are refused', async () => {
  const created = await as('eva', 'POST', '/api/v1/admin/articles', draft('eva', { title: 'Autosave' }));
  const id = created.json().id;
  const saved = await as('eva', 'PUT', `/api/v1/admin/articles/${id}/autosave`, { title: 'Autosave, halb fertig' });
  assert.equal(saved.statusCode, 200);
  assert.equal((await as('eva', 'GET', `/api/v1/admin/articles/${id}`)).json().title, 'Autosave');
  const preview = await as('eva', 'POST', '/api/v1/admin/preview', { lang: 'de', body: [{ type: 'quote', text: '<script>x</script>Zitat', attribution: 'Jemand' }] });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.match(preview.json().html, /&lt;script&gt;/);
  const bad = await as('eva', 'POST', '/api/v1/admin/articles', draft('eva', { body: [{ type: 'heading', level: 9, text: 'x' }] }));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.field, /^body\[0\]/);
  const unknown = await as('eva', 'POST', '/api/v1/admin/articles', { ...draft('eva'), evil: true });
  assert.equal(unknown.statusCode, 400);
});

test('deleting is for editors; the audit log names who did what', async () => {
  const created = await as('anton', 'POST', '/api/v1/admin/articles', draft('anton', { title: 'Wird gelöscht' }));
  const id = created.json().id;
  assert.equal((await as('anton', 'DELETE', `/api/v1/admin/articles/${id}`)).statusCode, 403);
  assert.equal((await as('eva', 'DELETE', `/api/v1/admin/articles/${id}`)).statusCode, 204);
  assert.equal((await as('eva', 'GET', '/api/v1/admin/audit')).statusCode, 403);
  const log = (await as('olga', 'GET', '/api/v1/admin/audit')).json().entries as { actor: string; action: string; target_id: string }[];
  assert.ok(log.some((e) => e.actor === 'eva' && e.action === 'article.delete' && e.target_id === String(id)));
  assert.ok(log.some((e) => e.actor === 'anton' && e.action === 'article.publish'));
});

test('a contributor cannot change a published article by restoring an old revision (the same rule as editing it)', async () => {
  const created = await as('conny', 'POST', '/api/v1/admin/articles', draft('conny', { title: 'Wiederhergestellt' }));
  const id = created.json().id;
  await as('conny', 'PUT', `/api/v1/admin/articles/${id}`, draft('conny', { title: 'Wiederhergestellt', body: [{ type: 'paragraph', text: 'Vom Entwurf.' }] }));
  const published = await as('eva', 'PUT', `/api/v1/admin/articles/${id}`, draft('conny', { title: 'Wiederhergestellt', status: 'published', body: [{ type: 'paragraph', text: 'Von der Redaktion geprüft.' }] }));
  assert.equal(published.statusCode, 200, published.body);
  const revisions = (await as('eva', 'GET', `/api/v1/admin/articles/${id}/revisions`)).json().revisions as { id: number }[];
  const direct = await as('conny', 'PUT', `/api/v1/admin/articles/${id}`, draft('conny', { title: 'Wiederhergestellt', status: 'published' }));
  assert.equal(direct.statusCode, 403);
  const restore = await as('conny', 'POST', `/api/v1/admin/articles/${id}/revisions/${revisions.at(-1)!.id}/restore`);
  assert.equal(restore.statusCode, 403, restore.body);
  const page = await app.http.inject({ method: 'GET', url: '/wiederhergestellt/' });
  assert.match(page.body, /Von der Redaktion geprüft/);
  assert.equal((await as('eva', 'GET', `/api/v1/admin/articles/${id}/revisions`)).json().revisions.length, revisions.length, 'no revision written');
});
