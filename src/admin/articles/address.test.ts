// An article's address and main tag through the newsroom's article API (issue 11): the
// address follows the title until the first publication, drafts leave no redirects, a
// published article keeps its address and a later change by hand redirects the old one;
// the chosen main tag comes first and stands above the headline on the public page.
// SQLite, and PostgreSQL in the HTTP suites' second pass (BLATTWERK_TEST_HTTP_DB=postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { createHttpTestDatabase, staffSession, type HttpTestDatabase } from '../../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
const SITE = 'http://127.0.0.1:3000';
let eva: { cookie: string; csrf: string; authorId: number };

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const user = await createUser(app.services.database.db, { email: 'eva@example.org', password: 'passwort-passwort', role: 'editor', name: 'Eva' });
  const author = await app.services.content.createAuthor({ name: 'Eva Schreiber', userId: user.id });
  eva = { ...(await staffSession(app.http, { email: 'eva@example.org', password: 'passwort-passwort', origin: SITE })), authorId: author.id };
});

after(async () => {
  await app.close();
  await db.drop();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.http.inject({ method, url, headers: { cookie: eva.cookie, 'x-csrf-token': eva.csrf, origin: SITE }, ...(payload ? { payload } : {}) });

const article = (title: string, extra: Record<string, unknown> = {}) => ({
  title, lang: 'de', status: 'draft', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt.' }], authorIds: [eva.authorId], tagIds: [], ...extra,
});

const redirects = async () => (await app.services.database.db.selectFrom('slug_redirects').select('old_slug').orderBy('old_slug').execute()).map((r) => r.old_slug);

test('the address follows the title until the first publication; then it stays, and a change by hand redirects', async () => {
  const created = await call('POST', '/api/v1/admin/articles', article('Stadtrta beschließt Haushalt'));
  assert.equal(created.statusCode, 201, created.body);
  const { id, slug } = created.json();
  assert.equal(slug, 'stadtrta-beschliesst-haushalt');

  // The editor sends back the address it was given (as the editor's form does): the title's is taken.
  let saved = await call('PUT', `/api/v1/admin/articles/${id}`, article('Stadtrat beschließt Haushalt', { slug }));
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().slug, 'stadtrat-beschliesst-haushalt', 'the typo is gone from the address too');
  saved = await call('PUT', `/api/v1/admin/articles/${id}`, article('Stadtrat beschließt den Haushalt 2027', { slug: '' }));
  assert.equal(saved.json().slug, 'stadtrat-beschliesst-den-haushalt-2027');
  assert.deepEqual(await redirects(), [], 'a draft\'s old addresses were never public: no redirects');
  assert.equal((await app.http.inject({ method: 'GET', url: '/stadtrta-beschliesst-haushalt/' })).statusCode, 404);

  // Another draft with the same title gets the next free address, and follows its own title.
  const twin = await call('POST', '/api/v1/admin/articles', article('Stadtrat beschließt den Haushalt 2027'));
  assert.equal(twin.json().slug, 'stadtrat-beschliesst-den-haushalt-2027-2');

  // Published: the address is fixed, whatever the title becomes.
  const published = await call('PUT', `/api/v1/admin/articles/${id}`, article('Stadtrat beschließt den Haushalt 2027', { slug: saved.json().slug, status: 'published' }));
  assert.equal(published.statusCode, 200, published.body);
  const fixed = published.json().slug;
  const retitled = await call('PUT', `/api/v1/admin/articles/${id}`, article('Haushalt 2027: Stadtrat stimmt zu', { slug: fixed, status: 'published' }));
  assert.equal(retitled.json().slug, fixed, 'the title changed, the address stayed');
  // Even taken back to a draft and retitled, it stays: it has been public.
  const unpublished = await call('PUT', `/api/v1/admin/articles/${id}`, article('Noch ein Titel', { slug: fixed, status: 'draft' }));
  assert.equal(unpublished.json().slug, fixed);
  await call('PUT', `/api/v1/admin/articles/${id}`, article('Haushalt 2027: Stadtrat stimmt zu', { slug: fixed, status: 'published' }));

  // A change by hand moves it, and the old address keeps redirecting.
  const moved = await call('PUT', `/api/v1/admin/articles/${id}`, article('Haushalt 2027: Stadtrat stimmt zu', { slug: 'haushalt-2027', status: 'published' }));
  assert.equal(moved.json().slug, 'haushalt-2027');
  const old = await app.http.inject({ method: 'GET', url: `/${fixed}/` });
  assert.equal(old.statusCode, 301);
  assert.equal(old.headers.location, '/haushalt-2027/');
  assert.equal((await app.http.inject({ method: 'GET', url: '/haushalt-2027/' })).statusCode, 200);
});

test('an address typed by hand in a draft stops following the title', async () => {
  const created = await call('POST', '/api/v1/admin/articles', article('Kurz notiert'));
  const { id } = created.json();
  const typed = await call('PUT', `/api/v1/admin/articles/${id}`, article('Kurz notiert', { slug: 'notizen-der-woche' }));
  assert.equal(typed.json().slug, 'notizen-der-woche');
  const retitled = await call('PUT', `/api/v1/admin/articles/${id}`, article('Ganz anders', { slug: 'notizen-der-woche' }));
  assert.equal(retitled.json().slug, 'notizen-der-woche');
  // An address given at creation is the editor's choice from the start.
  const given = await call('POST', '/api/v1/admin/articles', article('Mit Adresse', { slug: 'eigene-adresse' }));
  const again = await call('PUT', `/api/v1/admin/articles/${given.json().id}`, article('Neuer Titel', { slug: 'eigene-adresse' }));
  assert.equal(again.json().slug, 'eigene-adresse');
});

test('the chosen main tag comes first and stands above the headline; one not among the tags is refused', async () => {
  const alpha = await app.services.content.createTag({ name: 'Abfall' });
  const zulu = await app.services.content.createTag({ name: 'Zuwanderung' });
  const created = await call('POST', '/api/v1/admin/articles', article('Neue Regeln', { status: 'published', tagIds: [alpha.id, zulu.id], mainTagId: zulu.id }));
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual(created.json().tagIds, [zulu.id, alpha.id]);
  const page = await app.http.inject({ method: 'GET', url: `/${created.json().slug}/` });
  assert.match(page.body, /<p class="kicker"><a href="\/tag\/zuwanderung\/">Zuwanderung<\/a><\/p>/);

  const refused = await call('PUT', `/api/v1/admin/articles/${created.json().id}`, article('Neue Regeln', { slug: created.json().slug, status: 'published', tagIds: [alpha.id], mainTagId: zulu.id }));
  assert.equal(refused.statusCode, 400, refused.body);
  assert.deepEqual([refused.json().error.code, refused.json().error.field], ['VALIDATION', 'mainTagId']);
  const stored = await call('GET', `/api/v1/admin/articles/${created.json().id}`);
  assert.deepEqual(stored.json().tagIds, [zulu.id, alpha.id], 'nothing changed');

  const switched = await call('PUT', `/api/v1/admin/articles/${created.json().id}`, article('Neue Regeln', { slug: created.json().slug, status: 'published', tagIds: [zulu.id, alpha.id], mainTagId: alpha.id }));
  assert.deepEqual(switched.json().tagIds, [alpha.id, zulu.id]);
  const after = await app.http.inject({ method: 'GET', url: `/${created.json().slug}/` });
  assert.match(after.body, /<p class="kicker"><a href="\/tag\/abfall\/">Abfall<\/a><\/p>/, 'the page shows the new main tag at once');
});
