// The Content API (issue 17) through the real routes, on the HTTP test database (SQLite, and
// PostgreSQL in the second pass): only what readers may see, filters, cursors, field
// limits, bad input answered with the field, ETag/304 dropped by a publish, keys and CORS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Author, Tag } from '../content/index.js';
import { LIMITS } from '../platform/ratelimit.js';
import { startKit, type Kit } from './testkit.js';

let kit: Kit;
let author: Author;
let other: Author;
let tag: Tag;
const articles: Record<string, Article> = {};
const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);

type Item = Record<string, unknown> & { id: number; slug: string; title: string };
type ListAnswer = { articles: Item[]; meta: { limit: number; next: string | null } };

const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '10.1.0.1') => kit.app.http.inject({ method: 'GET', url, headers, remoteAddress });

before(async () => {
  kit = await startKit();
  const content = kit.app.services.content;
  author = await content.createAuthor({ name: 'Anna Autorin', userId: kit.owner.id, bio: { de: 'Schreibt über den Stadtrat.' } });
  other = await content.createAuthor({ name: 'Bert Berichter' });
  tag = await content.createTag({ name: 'Stadtrat' });
  const make = async (key: string, input: Partial<Parameters<typeof content.createArticle>[0]>) => {
    articles[key] = await content.createArticle({
      lang: 'de', title: key, body: [{ type: 'paragraph', text: `Text von **${key}** über den Haushalt.` }], status: 'published',
      authorIds: [author.id], tagIds: [], ...input,
    });
  };
  await make('Haushalt beschlossen', { tagIds: [tag.id], publishedAt: at(50) });
  await make('Council in English', { lang: 'en', authorIds: [other.id], publishedAt: at(40), body: [{ type: 'paragraph', text: 'Budget news.' }] });
  await make('Zweiter Bericht', { tagIds: [tag.id], publishedAt: at(30) });
  await make('Dritter Bericht', { publishedAt: at(20) });
  await make('Vierter Bericht', { publishedAt: at(10) });
  await make('Geheimer Entwurf', { status: 'draft', tagIds: [tag.id] });
  await make('Geplanter Artikel', { status: 'scheduled', scheduledAt: new Date(now + 86_400_000), tagIds: [tag.id] });
  await make('Geloeschter Artikel', { publishedAt: at(5) });
  await make('Impressum Seite', { kind: 'page', publishedAt: at(60) });
  await kit.app.services.database.db.deleteFrom('articles').where('id', '=', articles['Geloeschter Artikel']!.id).execute();
});

after(async () => kit.stop());

const HIDDEN = ['Geheimer Entwurf', 'Geplanter Artikel', 'Geloeschter Artikel'];

describe('what the Content API shows', () => {
  test('lists published, due articles only: no draft, scheduled, deleted article or page', async () => {
    const res = await get('/api/v1/content/articles?limit=50');
    assert.equal(res.statusCode, 200, res.body);
    const titles = res.json<ListAnswer>().articles.map((a) => a.title);
    assert.deepEqual(titles, ['Vierter Bericht', 'Dritter Bericht', 'Zweiter Bericht', 'Council in English', 'Haushalt beschlossen']);
    for (const hidden of HIDDEN) assert.ok(!res.body.includes(hidden), hidden);
    const pages = await get('/api/v1/content/pages');
    assert.deepEqual(pages.json<{ pages: Item[] }>().pages.map((p) => p.title), ['Impressum Seite']);
  });

  test('a draft, a scheduled, a deleted article and a page are not found by id or slug', async () => {
    for (const hidden of HIDDEN) {
      const article = articles[hidden]!;
      for (const ref of [article.id, article.slug]) {
        const res = await get(`/api/v1/content/articles/${ref}`);
        assert.equal(res.statusCode, 404, `${hidden} ${ref}`);
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'NOT_FOUND');
      }
    }
    assert.equal((await get(`/api/v1/content/articles/${articles['Impressum Seite']!.slug}`)).statusCode, 404);
    assert.equal((await get(`/api/v1/content/pages/${articles['Impressum Seite']!.slug}`)).statusCode, 200);
    assert.equal((await get(`/api/v1/content/pages/${articles['Vierter Bericht']!.slug}`)).statusCode, 404);
  });

  test('one article has its rendered HTML and its blocks', async () => {
    const res = await get(`/api/v1/content/articles/${articles['Haushalt beschlossen']!.slug}`);
    assert.equal(res.statusCode, 200, res.body);
    const article = res.json<{ article: Item }>().article;
    assert.match(String(article.html), /<p>Text von <strong>Haushalt beschlossen<\/strong> über den Haushalt\.<\/p>/);
    assert.deepEqual(article.blocks, [{ type: 'paragraph', text: 'Text von **Haushalt beschlossen** über den Haushalt.' }]);
    assert.equal(article.url, `http://127.0.0.1:3000/${articles['Haushalt beschlossen']!.slug}/`);
    assert.deepEqual((article.tags as { name: string }[]).map((t) => t.name), ['Stadtrat']);
    assert.equal((await get(`/api/v1/content/articles/${articles['Haushalt beschlossen']!.id}`)).json<{ article: Item }>().article.slug, article.slug);
  });

  test('no private field anywhere: no e-mail, account, status or hash', async () => {
    for (const url of ['/api/v1/content/articles', `/api/v1/content/articles/${articles['Zweiter Bericht']!.slug}`, '/api/v1/content/authors', '/api/v1/content/tags', '/api/v1/content/settings', '/api/v1/content/pages']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      assert.ok(!res.body.includes('owner@example.org'), url);
      assert.doesNotMatch(res.body, /"(email|userId|user_id|status|ipHash|ip_hash|seoTitle|scheduledAt)"/, url);
    }
    const authors = (await get('/api/v1/content/authors')).json<{ authors: Item[] }>().authors;
    assert.deepEqual(authors.map((a) => a.name), ['Anna Autorin', 'Bert Berichter']);
    assert.deepEqual(Object.keys(authors[0]!).sort(), ['avatar', 'bio', 'books', 'id', 'links', 'name', 'slug', 'url']);
    const settings = (await get('/api/v1/content/settings')).json<{ settings: Record<string, unknown> }>().settings;
    assert.deepEqual(Object.keys(settings).sort(), ['description', 'language', 'navigation', 'social', 'tagline', 'title', 'url']);
  });
});

describe('filters, search, cursors and fields', () => {
  const titles = async (query: string) => {
    const res = await get(`/api/v1/content/articles?${query}`);
    assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
    return res.json<ListAnswer>().articles.map((a) => a.title);
  };

  test('by tag, author, language and updated_since', async () => {
    assert.deepEqual(await titles(`tag=${tag.slug}`), ['Zweiter Bericht', 'Haushalt beschlossen']);
    assert.deepEqual(await titles(`author=${other.slug}`), ['Council in English']);
    assert.deepEqual(await titles('language=en'), ['Council in English']);
    assert.deepEqual(await titles('tag=nobody-has-this'), []);
    const later = new Date(Date.now() + 60_000).toISOString();
    assert.deepEqual(await titles(`updated_since=${encodeURIComponent(later)}`), []);
    assert.equal((await titles(`updated_since=${encodeURIComponent(new Date(now - 3_600_000).toISOString())}`)).length, 5);
  });

  test('q searches; order by relevance or date', async () => {
    const relevance = await titles('q=Haushalt');
    assert.ok(relevance.includes('Haushalt beschlossen'));
    assert.equal(relevance[0], 'Haushalt beschlossen', 'the title match ranks first');
    assert.ok(!relevance.includes('Council in English'));
    for (const hidden of HIDDEN) assert.ok(!relevance.includes(hidden));
    const byDate = await titles('q=Haushalt&order=date');
    assert.deepEqual(byDate, [...relevance].sort((a, b) => articles[b]!.publishedAt!.getTime() - articles[a]!.publishedAt!.getTime()));
  });

  test('cursors page through every article once, by date and by relevance', async () => {
    for (const base of ['limit=2', 'q=Haushalt&limit=2']) {
      const seen: string[] = [];
      let url = `/api/v1/content/articles?${base}`;
      for (let round = 0; round < 10; round++) {
        const answer = (await get(url)).json<ListAnswer>();
        assert.ok(answer.articles.length <= 2);
        seen.push(...answer.articles.map((a) => a.title));
        if (!answer.meta.next) break;
        url = `/api/v1/content/articles?${base}&cursor=${answer.meta.next}`;
      }
      const all = await titles(base.replace('limit=2', 'limit=50'));
      assert.deepEqual(seen, all, base);
    }
  });

  test('fields limits what each item carries', async () => {
    const res = await get('/api/v1/content/articles?fields=id,title,url&limit=1');
    assert.deepEqual(Object.keys(res.json<ListAnswer>().articles[0]!).sort(), ['id', 'title', 'url']);
    const one = await get(`/api/v1/content/articles/${articles['Dritter Bericht']!.slug}?fields=title,html`);
    assert.deepEqual(Object.keys(one.json<{ article: Item }>().article).sort(), ['html', 'title']);
  });

  test('bad input is a 400 naming the field, whatever it is', async () => {
    const cases: [string, string][] = [
      ['colour=blue', 'colour'],
      ['cursor=not-a-cursor!', 'cursor'],
      [`cursor=${Buffer.from('{"o":"d","p":"yesterday","i":1}').toString('base64url')}`, 'cursor'],
      [`q=Haushalt&cursor=${Buffer.from('{"o":"d","p":"2026-01-01T00:00:00.000Z","i":1}').toString('base64url')}`, 'cursor'],
      ['fields=id,email', 'fields'],
      ['fields=html', 'fields'],
      ['limit=51', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['order=relevance', 'order'],
      ['order=random', 'order'],
      ['language=fr', 'language'],
      ['updated_since=gestern', 'updated_since'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/api/v1/content/articles?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      const error = res.json<{ error: { code: string; field: string; message: string } }>().error;
      assert.equal(error.code, 'VALIDATION', query);
      assert.equal(error.field, field, query);
      assert.ok(error.message.length > 0);
    }
    const single = await get(`/api/v1/content/articles/${articles['Dritter Bericht']!.slug}?fields=nope`);
    assert.equal(single.json<{ error: { field: string } }>().error.field, 'fields');
    // Every other content route refuses what it does not know the same way.
    for (const path of ['pages?limit=51', 'pages?colour=blue', `articles/${articles['Dritter Bericht']!.slug}?colour=blue`, 'tags?colour=blue', 'authors?colour=blue', 'settings?colour=blue']) {
      const res = await get(`/api/v1/content/${path}`);
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      assert.equal(res.json<{ error: { code: string; field: string } }>().error.field, path.includes('limit') ? 'limit' : 'colour', path);
    }
  });
});

describe('caching, keys and limits', () => {
  test('ETag and 304; a publish changes the list and the ETag', async () => {
    const first = await get('/api/v1/content/articles?limit=3');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    assert.match(String(first.headers['cache-control']), /public, max-age=0, must-revalidate/);
    const again = await get('/api/v1/content/articles?limit=3', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const single = await get(`/api/v1/content/articles/${articles['Vierter Bericht']!.slug}`);
    const singleTag = String(single.headers.etag);
    assert.equal((await get(`/api/v1/content/articles/${articles['Vierter Bericht']!.slug}`, { 'if-none-match': singleTag })).statusCode, 304);

    const draft = articles['Geheimer Entwurf']!;
    const content = kit.app.services.content;
    await content.updateArticle(draft.id, { lang: 'de', title: draft.title, body: draft.body, status: 'published', authorIds: [author.id], tagIds: [tag.id] });
    const after = await get('/api/v1/content/articles?limit=3', { 'if-none-match': etag });
    assert.equal(after.statusCode, 200);
    assert.notEqual(after.headers.etag, etag);
    assert.equal(after.json<ListAnswer>().articles[0]!.title, 'Geheimer Entwurf');
    // Another article's answer is left alone by that publish (tags, like the pages).
    assert.equal((await get(`/api/v1/content/articles/${articles['Vierter Bericht']!.slug}`, { 'if-none-match': singleTag })).statusCode, 304);
    // …and dropped when that article changes.
    const fourth = articles['Vierter Bericht']!;
    await content.updateArticle(fourth.id, { lang: 'de', title: 'Vierter Bericht', subtitle: 'neu', body: fourth.body, status: 'published', authorIds: [author.id], tagIds: [] });
    assert.equal((await get(`/api/v1/content/articles/${fourth.slug}`, { 'if-none-match': singleTag })).statusCode, 200);
  });

  test('an unknown key is refused; a key answers CORS for its own origins only', async () => {
    const refused = await get('/api/v1/content/tags?key=bwc_unknown');
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json<{ error: { field: string } }>().error.field, 'key');
    const { contentKey } = await kit.createIntegration(['content:read'], 'Frontend', ['https://app.example.org']);
    const allowed = await get(`/api/v1/content/tags?key=${contentKey}`, { origin: 'https://app.example.org' });
    assert.equal(allowed.statusCode, 200);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.org');
    const foreign = await get(`/api/v1/content/tags?key=${contentKey}`, { origin: 'https://evil.example' });
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    const keyless = await get('/api/v1/content/tags', { origin: 'https://app.example.org' });
    assert.equal(keyless.headers['access-control-allow-origin'], undefined);
    const header = await get('/api/v1/content/tags', { origin: 'https://app.example.org', 'x-content-key': contentKey });
    assert.equal(header.headers['access-control-allow-origin'], 'https://app.example.org');
    // The preflight a browser sends before using the header: only for listed origins.
    const preflight = (origin: string) => kit.app.http.inject({ method: 'OPTIONS', url: '/api/v1/content/tags', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-content-key' } });
    const allowedPreflight = await preflight('https://app.example.org');
    assert.equal(allowedPreflight.statusCode, 204);
    assert.equal(allowedPreflight.headers['access-control-allow-origin'], 'https://app.example.org');
    assert.match(String(allowedPreflight.headers['access-control-allow-headers']), /x-content-key/);
    assert.equal((await preflight('https://evil.example')).headers['access-control-allow-origin'], undefined);
  });

  test('a content key raises the rate limit', async () => {
    const { contentKey } = await kit.createIntegration(['content:read'], 'Busy front end');
    const max = LIMITS.content.max;
    assert.ok(LIMITS['content-key'].max > max);
    // Distinct queries: only answers the cache does not hold count.
    let status = 0;
    for (let i = 0; i <= max; i++) status = (await get(`/api/v1/content/articles?limit=${(i % 50) + 1}&fields=id&q=x${i}`, {}, '10.2.0.1')).statusCode;
    assert.equal(status, 429);
    for (let i = 0; i <= max; i++) status = (await get(`/api/v1/content/articles?limit=${(i % 50) + 1}&fields=id,title&q=y${i}&key=${contentKey}`, {}, '10.2.0.1')).statusCode;
    assert.equal(status, 200);
  });
});
