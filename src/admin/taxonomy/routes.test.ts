// The authors and tags API through app.inject(), on SQLite and (in npm test's second pass,
// BLATTWERK_TEST_HTTP_DB=postgres) PostgreSQL: create and update with every check at its
// field (a javascript: link, a taken slug, an unknown picture or account), who may change
// which profile (editors any, an author only their own linked one, a moderator none),
// deleting a tag takes it off its articles, and every change is in the audit log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';
import { createUser, type Role } from '../../platform/users.js';
import { createAudit } from '../audit.js';

const SITE = 'http://127.0.0.1:3000';
const PASSWORD = 'passwort-passwort';

describe('authors and tags API', () => {
  let app: App;
  let db: HttpTestDatabase;
  const who = new Map<string, { cookie: string; csrf: string; id: number }>();
  let imageId = 0;

  async function call(name: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    const as = who.get(name)!;
    return app.http.inject({ method, url, headers: { cookie: as.cookie, 'x-csrf-token': as.csrf, origin: SITE }, ...(payload === undefined ? {} : { payload: payload as object }) });
  }

  before(async () => {
    db = await createHttpTestDatabase();
    app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
    const page = await app.http.inject({ method: 'GET', url: '/' });
    const anon = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    const staff: [string, Role][] = [['eva', 'editor'], ['anton', 'author'], ['berta', 'author'], ['mo', 'moderator'], ['conny', 'contributor']];
    let ip = 1;
    for (const [name, role] of staff) {
      const user = await createUser(app.services.database.db, { email: `${name}@example.org`, password: PASSWORD, role, name: name[0]!.toUpperCase() + name.slice(1) });
      const login = await app.http.inject({
        method: 'POST', url: '/api/v1/session', remoteAddress: `10.7.0.${ip++}`,
        headers: { 'x-csrf-token': anon, origin: SITE }, payload: { email: `${name}@example.org`, password: PASSWORD },
      });
      assert.equal(login.statusCode, 200, login.body);
      who.set(name, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string, id: user.id });
    }
    const media = await app.services.database.db
      .insertInto('media')
      .values({ path: '2026/03/bild.jpg', mime: 'image/jpeg', width: 400, height: 400, size: 1000, alt: '', caption: 'Porträt', credit: 'Foto', source_url: null, licence: 'all-rights-reserved', variants: '[]', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    imageId = media.id;
  });

  after(async () => {
    await app?.close();
    await db?.drop();
  });

  test('an editor creates and updates an author; every refusal names its field and nothing is saved', async () => {
    const created = await call('eva', 'POST', '/api/v1/admin/authors', {
      name: 'Jana Beispiel', bio: { de: 'Berichtet aus dem Rathaus.' }, avatarMediaId: imageId,
      links: [{ label: 'Website', url: 'https://jana.example.org/' }], books: [{ title: 'Das Rathaus', url: 'https://example.org/buch', year: 2024 }],
      userId: who.get('anton')!.id,
    });
    assert.equal(created.statusCode, 201, created.body);
    const jana = created.json();
    assert.equal(jana.slug, 'jana-beispiel');
    assert.equal(jana.userId, who.get('anton')!.id);
    assert.equal(jana.avatarMediaId, imageId);

    const refusals: [unknown, number, string, string][] = [
      [{ name: 'Jana', links: [{ label: 'x', url: 'javascript:alert(1)' }] }, 422, 'URL_INVALID', 'links[0].url'],
      [{ name: 'Jana', books: [{ title: 'B', url: 'data:text/html,x' }] }, 422, 'URL_INVALID', 'books[0].url'],
      [{ name: '   ' }, 400, 'VALIDATION', 'name'],
      [{ name: 'x'.repeat(201) }, 400, 'VALIDATION', 'name'],
      [{ name: 'Jana', avatarMediaId: 999_999 }, 400, 'VALIDATION', 'avatarMediaId'],
      [{ name: 'Jana', userId: 999_999 }, 400, 'VALIDATION', 'userId'],
      [{ name: 'Jana', books: [{ title: 'B', url: 'https://example.org/', year: 20_000 }] }, 400, 'VALIDATION', 'books[0].year'],
      [{ name: 'Jana', slug: 'Nicht Gültig' }, 400, 'SLUG_INVALID', 'slug'],
    ];
    for (const [payload, status, code, field] of refusals) {
      const res = await call('eva', 'PUT', `/api/v1/admin/authors/${jana.id}`, payload);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(res.json().error.code, code);
      assert.equal(res.json().error.field, field);
    }
    const other = await call('eva', 'POST', '/api/v1/admin/authors', { name: 'Max Muster' });
    assert.equal(other.statusCode, 201);
    const taken = await call('eva', 'PUT', `/api/v1/admin/authors/${other.json().id}`, { name: 'Max', slug: 'jana-beispiel' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'SLUG_TAKEN');
    assert.equal((await call('eva', 'POST', '/api/v1/admin/authors', { name: 'Jana Beispiel' })).json().error.code, 'SLUG_TAKEN');
    const unchanged = await call('eva', 'GET', `/api/v1/admin/authors/${jana.id}`);
    assert.deepEqual(unchanged.json(), jana, 'nothing was saved by a refusal');

    const updated = await call('eva', 'PUT', `/api/v1/admin/authors/${jana.id}`, { name: 'Jana B.', slug: 'jana-b', bio: { de: 'Neu.', en: 'New.' }, avatarMediaId: null, links: [] });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.deepEqual(
      { ...(updated.json() as Record<string, unknown>), id: 0 },
      { id: 0, slug: 'jana-b', name: 'Jana B.', bio: { de: 'Neu.', en: 'New.' }, avatarMediaId: null, links: [], books: [], userId: who.get('anton')!.id },
      'userId left out keeps the link',
    );
    const list = await call('eva', 'GET', '/api/v1/admin/authors');
    assert.deepEqual(list.json().authors.map((a: { name: string; articleCount: number }) => [a.name, a.articleCount]), [['Jana B.', 0], ['Max Muster', 0]]);
    const log = await createAudit(app.services.database.db).list(50);
    assert.ok(log.some((e) => e.action === 'author.create' && e.target_id === String(jana.id) && e.actor === 'Eva'));
    assert.ok(log.some((e) => e.action === 'author.update' && e.target_id === String(jana.id) && e.detail.from === 'jana-beispiel'));
  });

  test('an author edits only their own linked profile and cannot move the link; a moderator nothing', async () => {
    const own = (await call('eva', 'POST', '/api/v1/admin/authors', { name: 'Anton Eigen', userId: who.get('anton')!.id })).json();
    const foreign = (await call('eva', 'POST', '/api/v1/admin/authors', { name: 'Berta Fremd', userId: who.get('berta')!.id })).json();
    const unlinked = (await call('eva', 'POST', '/api/v1/admin/authors', { name: 'Niemand' })).json();

    assert.equal((await call('anton', 'GET', `/api/v1/admin/authors/${own.id}`)).statusCode, 200);
    const mine = await call('anton', 'PUT', `/api/v1/admin/authors/${own.id}`, { name: 'Anton E.', bio: { de: 'Selbst geschrieben.' } });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.json().userId, who.get('anton')!.id);
    for (const id of [foreign.id, unlinked.id]) {
      assert.equal((await call('anton', 'GET', `/api/v1/admin/authors/${id}`)).statusCode, 403);
      assert.equal((await call('anton', 'PUT', `/api/v1/admin/authors/${id}`, { name: 'Übernommen' })).statusCode, 403);
      assert.equal((await call('conny', 'PUT', `/api/v1/admin/authors/${id}`, { name: 'Übernommen' })).statusCode, 403);
    }
    const relink = await call('anton', 'PUT', `/api/v1/admin/authors/${own.id}`, { name: 'Anton E.', userId: who.get('berta')!.id });
    assert.equal(relink.statusCode, 403);
    assert.equal(relink.json().error.field, 'userId');
    assert.equal((await call('anton', 'PUT', `/api/v1/admin/authors/${own.id}`, { name: 'Anton E.', userId: null })).statusCode, 403, 'nor unlink');
    assert.equal((await call('anton', 'GET', '/api/v1/admin/authors')).statusCode, 403);
    assert.equal((await call('anton', 'POST', '/api/v1/admin/authors', { name: 'Neu' })).statusCode, 403);
    assert.equal((await call('anton', 'POST', '/api/v1/admin/tags', { name: 'Neu' })).statusCode, 403);
    for (const [method, url] of [['GET', `/api/v1/admin/authors/${own.id}`], ['PUT', `/api/v1/admin/authors/${own.id}`], ['GET', '/api/v1/admin/tags']] as const) {
      assert.equal((await call('mo', method, url, method === 'PUT' ? { name: 'Mo' } : undefined)).statusCode, 403, `${method} ${url} as moderator`);
    }
    assert.equal((await app.services.content.store.authorBy('id', foreign.id))!.name, 'Berta Fremd');
    assert.equal((await call('eva', 'PUT', `/api/v1/admin/authors/${foreign.id}`, { name: 'Berta F.' })).statusCode, 200, 'an editor edits any');
  });

  test('tags: create, rename, refuse a taken slug, delete takes the tag off its articles', async () => {
    const council = await call('eva', 'POST', '/api/v1/admin/tags', { name: 'Stadtrat', description: 'Alles aus dem Rat.' });
    assert.equal(council.statusCode, 201, council.body);
    const budget = (await call('eva', 'POST', '/api/v1/admin/tags', { name: 'Haushalt' })).json();
    const tagId = council.json().id as number;
    const author = (await app.services.content.store.allAuthors())[0]!;
    const article = await app.services.content.createArticle({
      lang: 'de', title: 'Der Rat tagt', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', authorIds: [author.id], tagIds: [tagId, budget.id],
    });
    const taken = await call('eva', 'PUT', `/api/v1/admin/tags/${tagId}`, { name: 'Stadtrat', slug: 'haushalt' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.field, 'slug');
    const renamed = await call('eva', 'PUT', `/api/v1/admin/tags/${tagId}`, { name: 'Rat', slug: 'rat', description: '' });
    assert.equal(renamed.statusCode, 200);
    assert.deepEqual(renamed.json(), { id: tagId, slug: 'rat', name: 'Rat', description: '' });
    const counts = (await call('eva', 'GET', '/api/v1/admin/tags')).json().tags as { slug: string; articleCount: number }[];
    assert.deepEqual(counts.map((t) => [t.slug, t.articleCount]), [['haushalt', 1], ['rat', 1]]);
    assert.equal((await app.http.inject({ method: 'GET', url: '/tag/rat/' })).statusCode, 200);

    assert.equal((await call('anton', 'DELETE', `/api/v1/admin/tags/${tagId}`)).statusCode, 403);
    const deleted = await call('eva', 'DELETE', `/api/v1/admin/tags/${tagId}`);
    assert.equal(deleted.statusCode, 204);
    const after = (await app.services.content.store.findBy('id', article.id))!;
    assert.deepEqual(after.tags.map((t) => t.slug), ['haushalt'], 'the article keeps its other tag');
    assert.equal(await app.services.content.store.tagBy('id', tagId), null);
    assert.equal((await app.http.inject({ method: 'GET', url: '/tag/rat/' })).statusCode, 404);
    assert.equal((await call('eva', 'DELETE', `/api/v1/admin/tags/${tagId}`)).statusCode, 404);
    const log = await createAudit(app.services.database.db).list(50);
    for (const action of ['tag.create', 'tag.update', 'tag.delete']) {
      assert.ok(log.some((e) => e.action === action && e.target_id === String(tagId)), action);
    }
    assert.equal(log.find((e) => e.action === 'tag.delete')!.detail.articles, 1);
  });
});
