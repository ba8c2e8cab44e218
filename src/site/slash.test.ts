// Every public path answers without its trailing slash too: walked from the route table,
// each GET route of the public site with its parameters filled in answers 301 to the
// slashed path (query kept); unknown slugs stay 404 and nothing redirects off the site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { routeTable } from '../platform/http.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
const values: Record<string, string> = {};

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings } = app.services;
  await settings.update('site', { title: 'Testblatt', language: 'de' });
  const author = await content.createAuthor({ name: 'Jana Beispiel' });
  const tag = await content.createTag({ name: 'Stadtrat' });
  const article = await content.createArticle({
    lang: 'de', title: 'Der Stadtrat tagt', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published',
    publishedAt: new Date(Date.UTC(2026, 1, 1)), authorIds: [author.id], tagIds: [tag.id],
  });
  const posted = await app.services.operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'x' }, article.id, {
    name: 'Klaus R.', email: 'klaus@example.org', body: 'Ein Kommentar.', parentId: null, notify: false,
  });
  Object.assign(values, { slug: article.slug, tag: tag.slug, author: author.slug, id: String(posted.id), n: '2', article: article.slug, token: 'x' });
});

after(async () => {
  await app.close();
  await db.drop();
});

function fill(url: string): string | null {
  if (url.includes('*')) return null;
  return url.replace(/:(\w+)/g, (_whole, name: string) => {
    if (url.startsWith('/tag/') && name === 'slug') return values.tag!;
    if (url.startsWith('/author/') && name === 'slug') return values.author!;
    return values[name] ?? 'x';
  });
}

test('every public GET route ending in a slash redirects its slash-less form (route table walk)', async () => {
  const routes = routeTable(app.http).filter((r) => r.method === 'GET' && r.access === 'public' && r.url.endsWith('/') && r.url !== '/' && !r.url.startsWith('/api/'));
  assert.ok(routes.length >= 10, `only ${routes.length} routes`);
  const checked: string[] = [];
  for (const route of routes) {
    const path = fill(route.url);
    if (!path) continue;
    const res = await app.http.inject({ method: 'GET', url: `${path.slice(0, -1)}?q=1` });
    assert.equal(res.statusCode, 301, `${route.url} → ${path.slice(0, -1)} answered ${res.statusCode}`);
    assert.equal(res.headers.location, `${path}?q=1`, route.url);
    checked.push(route.url);
  }
  for (const url of ['/tag/:slug/', '/author/:slug/', '/impressum/', '/datenschutz/', '/privacy/comments/', '/:slug/', '/:slug/thread/:id/']) {
    assert.ok(checked.includes(url), `${url} was walked`);
  }
});

test('an unknown slug without slash stays a 404, and no slash-less path leads off the site', async () => {
  assert.equal((await app.http.inject({ method: 'GET', url: '/gibt-es-nicht' })).statusCode, 404);
  for (const url of ['//evil.example/x', '/\\evil.example']) {
    const res = await app.http.inject({ method: 'GET', url });
    assert.ok(!String(res.headers.location ?? '').startsWith('//'), `${url} → ${res.headers.location}`);
  }
});
