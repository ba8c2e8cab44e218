// The public site through real HTTP handling (inject), on a fresh SQLite data folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import { SEARCH_CACHE_MS } from './routes.js';

let app: App;
let db: HttpTestDatabase;

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings } = app.services;
  await settings.update('site', { title: 'Testblatt', language: 'de' });
  const author = await content.createAuthor({ name: 'Jana Beispiel', bio: { de: 'Jana <b>berichtet</b> aus dem Rathaus.' }, books: [{ title: 'Das Rathaus', url: 'https://example.org/buch', year: 2024 }] });
  const tag = await content.createTag({ name: 'Stadtrat', description: 'Alles aus dem Stadtrat' });
  for (let i = 1; i <= 12; i++) {
    await content.createArticle({
      lang: 'de',
      title: i === 1 ? 'Haushalt <script>alert(1)</script> beschlossen' : `Meldung Nummer ${i}`,
      subtitle: 'Ein Untertitel',
      body: [
        { type: 'heading', level: 2, text: 'Die Sitzung' },
        { type: 'paragraph', text: `Der Stadtrat hat den Haushalt beraten. Absatz ${i}.` },
      ],
      status: 'published',
      publishedAt: new Date(Date.UTC(2026, 1, i)),
      authorIds: [author.id],
      tagIds: i % 2 ? [tag.id] : [],
    });
  }
  await content.createArticle({ lang: 'de', title: 'Noch ein Entwurf', body: [], status: 'draft', authorIds: [], tagIds: [] });
});

after(async () => {
  await app.close();
  await db.drop();
});

const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url, headers });

test('home page lists the newest articles with pagination', async () => {
  const res = await get('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  assert.match(res.body, /<html lang="de">/);
  assert.match(res.body, /Meldung Nummer 12/);
  assert.doesNotMatch(res.body, /Meldung Nummer 2</);
  assert.match(res.body, /href="\/page\/2\/"/);
  assert.doesNotMatch(res.body, /<script>alert/);
  const page2 = await get('/page/2/');
  assert.equal(page2.statusCode, 200);
  assert.match(page2.body, /Meldung Nummer 2</);
  assert.equal((await get('/page/1/')).statusCode, 301);
  assert.equal((await get('/page/9/')).statusCode, 404);
});

test('malformed parameters are a 400 with a clear message', async () => {
  for (const url of ['/page/abc/', '/page/0/', '/page/-1/', '/page/99999999/', '/tag/stadtrat/page/x/', `/search?q=${'x'.repeat(10_000)}`, '/search?q=a&q=b', '/search?q=haushalt&page=abc']) {
    const res = await get(url);
    assert.equal(res.statusCode, 400, url);
    assert.match(res.body, /fehlerhaft|zu lang|ungültig/i, url);
  }
  const api = await get('/page/abc/', { accept: 'application/json' });
  assert.equal(api.json().error.code, 'BAD_REQUEST');
  assert.equal(api.json().error.field, 'page');
});

test('an article renders with its byline, author box, tags and escaped title', async () => {
  const res = await get('/haushalt-script-alert-1-script-beschlossen/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1>Haushalt &lt;script&gt;alert\(1\)&lt;\/script&gt; beschlossen<\/h1>/);
  assert.match(res.body, /href="\/author\/jana-beispiel\/" rel="author"/);
  assert.match(res.body, /Jana &lt;b&gt;berichtet&lt;\/b&gt;/);
  assert.match(res.body, /Das Rathaus/);
  assert.match(res.body, /href="\/tag\/stadtrat\/" rel="tag"/);
  assert.match(res.body, /<script type="application\/ld\+json">[^<]*"@type":"NewsArticle"/);
  assert.match(res.body, /<meta name="csrf-token" content="[A-Za-z0-9_-]{43}">/);
  assert.match(res.body, /id="comments"/);
  assert.doesNotMatch(res.body, /\u0000/);
});

test('unknown slugs, drafts and traversal attempts are a useful 404', async () => {
  for (const url of ['/gibt-es-nicht/', '/noch-ein-entwurf/', '/tag/unbekannt/', '/author/niemand/', '/assets/../package.json', '/assets/..%2f..%2fpackage.json', '/media/..%2f..%2fsecret.key', '/media/2026/01/../../secret.key', '/%2e%2e/%2e%2e/etc/passwd']) {
    const res = await get(url);
    assert.equal(res.statusCode, 404, url);
    assert.doesNotMatch(res.body, /"name":\s*"blattwerk"|BEGIN|root:/, url);
  }
  const res = await get('/gibt-es-nicht/');
  assert.match(res.body, /Seite nicht gefunden/);
  assert.match(res.body, /action="\/search"/);
  assert.match(res.body, /Meldung Nummer 12/, 'the 404 offers the newest articles');
});

test('an old slug redirects permanently to the new one', async () => {
  const { content } = app.services;
  const article = (await content.store.findBy('slug', 'meldung-nummer-3'))!;
  await content.updateArticle(article.id, {
    lang: article.lang, title: article.title, slug: 'meldung-drei', body: article.body, status: article.status,
    authorIds: article.authors.map((a) => a.id), tagIds: article.tags.map((t) => t.id),
  });
  const res = await get('/meldung-nummer-3/');
  assert.equal(res.statusCode, 301);
  assert.equal(res.headers.location, '/meldung-drei/');
  assert.equal((await get('/meldung-drei')).headers.location, '/meldung-drei/');
});

test('tag and author pages list their articles', async () => {
  const tag = await get('/tag/stadtrat/');
  assert.equal(tag.statusCode, 200);
  assert.match(tag.body, /Thema: Stadtrat/);
  assert.match(tag.body, /Meldung Nummer 11/);
  assert.doesNotMatch(tag.body, /Meldung Nummer 10</);
  const author = await get('/author/jana-beispiel/');
  assert.equal(author.statusCode, 200);
  assert.match(author.body, /Artikel von Jana Beispiel/);
});

test('search finds stemmed words and highlights them; an empty query shows the form', async () => {
  const res = await get('/search?q=Haushalte');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<mark>/);
  assert.match(res.body, /Treffer/);
  const empty = await get('/search?q=');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /Durchsuchen Sie/);
  const hostile = await get('/search?q=' + encodeURIComponent('"<script>" NEAR( *'));
  assert.equal(hostile.statusCode, 200);
  assert.doesNotMatch(hostile.body, /<script>"/);
});

test('cached pages answer 304 to a matching ETag and compress for those who ask', async () => {
  const first = await get('/');
  const etag = first.headers.etag as string;
  assert.ok(etag);
  assert.match(first.headers['cache-control'] as string, /public/);
  const again = await get('/', { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  const withSession = await get('/', { cookie: 'bw_sid=abc' });
  assert.match(withSession.headers['cache-control'] as string, /private/);
  const token = /name="csrf-token" content="([^"]+)"/.exec(withSession.body)?.[1];
  const anonToken = /name="csrf-token" content="([^"]+)"/.exec(first.body)?.[1];
  assert.ok(token && anonToken && token !== anonToken, 'a session gets its own token, never the shared one');
});

test('the home and author pages, which are also ActivityPub actors, vary on Accept; an article does not', async () => {
  for (const url of ['/', '/author/jana-beispiel/']) {
    for (const headers of [{}, { cookie: 'bw_sid=abc' }] as Record<string, string>[]) {
      const res = await get(url, headers);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers.vary, 'Accept-Encoding, Cookie, Accept', `${url} ${JSON.stringify(headers)}`);
    }
  }
  assert.equal((await get('/meldung-nummer-5/')).headers.vary, 'Accept-Encoding, Cookie');
});

test('a change to an article is visible at once (events drop the cache)', async () => {
  const { content } = app.services;
  await get('/meldung-nummer-5/');
  const article = (await content.store.findBy('slug', 'meldung-nummer-5'))!;
  await content.updateArticle(article.id, {
    lang: article.lang, title: 'Meldung fünf, korrigiert', slug: article.slug, body: article.body, status: article.status,
    authorIds: [], tagIds: [],
  });
  const res = await get('/meldung-nummer-5/');
  assert.match(res.body, /Meldung fünf, korrigiert/);
});

test('health and readiness answer', async () => {
  assert.deepEqual((await get('/healthz')).json(), { status: 'ok' });
  assert.equal((await get('/readyz')).json().status, 'ready');
});

test('every route declares who may call it', async () => {
  const { default: Fastify } = await import('fastify');
  const { requireAccessDeclarations } = await import('../platform/http.js');
  const probe = Fastify();
  requireAccessDeclarations(probe);
  assert.throws(() => probe.get('/undeclared', async () => 'x'), /no access declaration/);
  await probe.close();
});

test('the OpenAPI document lists the API, and only the API', async () => {
  const res = await get('/api/v1/openapi.json');
  assert.equal(res.statusCode, 200);
  const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
  assert.match(doc.openapi, /^3\./);
  for (const path of ['/api/v1/articles/{article}/comments', '/api/v1/comments/{id}', '/api/v1/comments/{id}/like', '/api/v1/session', '/api/v1/admin/comments/{id}/approve']) {
    assert.ok(doc.paths[path], path);
  }
  assert.ok(Object.keys(doc.paths).every((p) => p.startsWith('/api/')));
});

test('links that reached the database without the check render as plain text, not as links', async () => {
  const { content, database } = app.services;
  const hostile = ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/'];
  // Written straight into the table, as an old import or a hand-edited row might have it.
  await database.db.insertInto('authors').values({
    slug: 'alte-daten', name: 'Alte Daten', bio: '{}', avatar_media_id: null, user_id: null, created_at: new Date().toISOString(),
    links: JSON.stringify([...hostile.map((url, i) => ({ label: `Link ${i}`, url })), { label: 'Echt', url: 'https://example.org/echt' }]),
    books: JSON.stringify(hostile.map((url, i) => ({ title: `Buch ${i}`, url }))),
  }).execute();
  const author = (await content.store.authorBy('slug', 'alte-daten'))!;
  await content.createArticle({
    lang: 'de', title: 'Mit alten Daten', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published',
    publishedAt: new Date(Date.UTC(2026, 0, 1)), authorIds: [author.id], tagIds: [],
  });
  for (const url of ['/author/alte-daten/', '/mit-alten-daten/']) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    for (const i of hostile.keys()) {
      assert.match(res.body, new RegExp(`<li>Link ${i}</li>`), `${url}: link ${i} is plain text`);
      assert.match(res.body, new RegExp(`<li><cite>Buch ${i}</cite></li>`), `${url}: book ${i} is plain text`);
    }
    assert.doesNotMatch(res.body, /href="[^"]*(javascript|vbscript|data:|evil)/i, url);
    assert.doesNotMatch(res.body, /href="#"/, `${url}: no dead links either`);
    assert.match(res.body, /<a href="https:\/\/example\.org\/echt" rel="me noopener">Echt<\/a>/, url);
  }
});

// Last: it publishes an article, which the tests above do not expect.
test('a search asked for again is answered from the page cache until something is published, and never longer than its bound', async () => {
  const { pages, content, search } = app.services;
  const url = '/search?q=Stadtratssitzung';
  const first = await get(url);
  assert.match(first.body, /Keine Treffer|0 Treffer/);
  assert.equal(pages.cache.peek(url), undefined, 'a search asked for once is not kept');
  assert.equal((await get(url)).body, first.body);
  const entry = pages.cache.peek(url);
  assert.ok(entry, 'the search page is cached');
  assert.equal(entry.input.maxAgeMs, SEARCH_CACHE_MS);
  assert.ok(entry.expiresAt! <= Date.now() + SEARCH_CACHE_MS);
  const hits = pages.cache.hits;
  assert.equal((await get(url)).body, first.body);
  assert.equal(pages.cache.hits, hits + 1, 'the repeat came from the cache');
  const article = await content.createArticle({
    lang: 'de', title: 'Stadtratssitzung vertagt', body: [{ type: 'paragraph', text: 'Die Stadtratssitzung fällt aus.' }],
    status: 'published', authorIds: [], tagIds: [],
  });
  await search.index(article.id);
  assert.equal(pages.cache.peek(url), undefined, 'publishing dropped the cached search');
  assert.match((await get(url)).body, /Stadtratssitzung vertagt/);
});
