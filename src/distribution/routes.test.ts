// Feeds, sitemap and robots.txt through HTTP, on a fresh app with its own data folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';

const BASE = 'https://zeitung.example';
let app: App;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'blattwerk-distribution-'));
  app = await buildApp(
    loadConfig({ flags: { data: dataDir, 'log-level': 'silent', 'public-url': BASE, workers: false }, env: {} }),
  );
  const { content } = app.services;
  const anna = await content.createAuthor({ name: 'Anna Beispiel' });
  const ben = await content.createAuthor({ name: 'Ben <Muster>' });
  const rat = await content.createTag({ name: 'Stadtrat' });
  const kultur = await content.createTag({ name: 'Kultur & Kunst' });
  await content.createArticle({
    lang: 'de',
    title: 'Haushalt beschlossen',
    body: [{ type: 'paragraph', text: 'Der Rat hat entschieden.' }],
    status: 'published',
    publishedAt: new Date('2026-01-10T09:00:00Z'),
    authorIds: [anna.id],
    tagIds: [rat.id],
  });
  await content.createArticle({
    lang: 'de',
    slug: 'theater',
    title: 'Theater \u0007<script>alert(1)</script> ]]>',
    body: [{ type: 'paragraph', text: 'Premiere ]]> im <b>Stadttheater</b>.' }],
    status: 'published',
    publishedAt: new Date('2026-01-11T09:00:00Z'),
    authorIds: [ben.id],
    tagIds: [kultur.id],
  });
  await content.createArticle({
    lang: 'de',
    title: 'Geheimer Entwurf',
    body: [{ type: 'paragraph', text: 'Noch nicht fertig.' }],
    status: 'draft',
    authorIds: [anna.id],
    tagIds: [rat.id],
  });
});

after(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url, headers });
const titles = async (xml: string) => (await new Parser().parseString(xml)).items.map((i) => i.title);

test('RSS feed of the site: published articles only, absolute links, cache headers', async () => {
  const res = await get('/feed.xml');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
  assert.equal(res.headers['cache-control'], 'public, max-age=300');
  assert.match(String(res.headers.etag), /^W\/".+"$/);
  assert.equal(XMLValidator.validate(res.body), true);
  const feed = await new Parser().parseString(res.body);
  assert.deepEqual(feed.items.map((i) => i.title), ['Theater <script>alert(1)</script> ]]>', 'Haushalt beschlossen']);
  assert.deepEqual(feed.items.map((i) => i.link), [`${BASE}/theater/`, `${BASE}/haushalt-beschlossen/`]);
  assert.doesNotMatch(res.body, /Entwurf/);
});

test('Atom and JSON Feed have their content types and the same articles', async () => {
  const atom = await get('/atom.xml');
  assert.equal(atom.statusCode, 200);
  assert.equal(atom.headers['content-type'], 'application/atom+xml; charset=utf-8');
  assert.equal(XMLValidator.validate(atom.body), true);
  assert.equal(atom.body.match(/<entry>/g)?.length, 2);
  assert.match(atom.body, /<link rel="self" type="application\/atom\+xml" href="https:\/\/zeitung\.example\/atom\.xml"\/>/);
  const json = await get('/feed.json');
  assert.equal(json.headers['content-type'], 'application/feed+json; charset=utf-8');
  const feed = json.json();
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.deepEqual(feed.items.map((i: { url: string }) => i.url), [`${BASE}/theater/`, `${BASE}/haushalt-beschlossen/`]);
});

test('tag and author feeds are filtered; unknown ones are 404', async () => {
  assert.deepEqual(await titles((await get('/tag/stadtrat/feed.xml')).body), ['Haushalt beschlossen']);
  const atom = await get('/tag/kultur-kunst/atom.xml');
  assert.match(atom.body, /<link rel="self" type="application\/atom\+xml" href="https:\/\/zeitung\.example\/tag\/kultur-kunst\/atom\.xml"\/>/);
  assert.match(atom.body, /<title type="text">Kultur &amp; Kunst – Blattwerk<\/title>/);
  const json = (await get('/author/ben-muster/feed.json')).json();
  assert.equal(json.title, 'Ben <Muster> – Blattwerk');
  assert.deepEqual(json.items.map((i: { url: string }) => i.url), [`${BASE}/theater/`]);
  assert.deepEqual(await titles((await get('/author/anna-beispiel/feed.xml')).body), ['Haushalt beschlossen']);
  for (const url of ['/tag/gibt-es-nicht/feed.xml', '/author/niemand/atom.xml', '/tag/NOPE/feed.json', '/author/%3Cx%3E/feed.xml']) {
    const res = await get(url);
    assert.equal(res.statusCode, 404, url);
    assert.doesNotMatch(String(res.headers['content-type']), /json|rss|atom/, url);
  }
});

test('ETag answers 304; gzip when accepted; HEAD works', async () => {
  const first = await get('/atom.xml');
  const etag = String(first.headers.etag);
  const again = await get('/atom.xml', { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers.etag, etag);
  assert.equal((await get('/atom.xml', { 'if-none-match': 'W/"other"' })).statusCode, 200);
  const zipped = await get('/atom.xml', { 'accept-encoding': 'gzip, br' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'Accept-Encoding');
  assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), first.body);
  const head = await app.http.inject({ method: 'HEAD', url: '/feed.json' });
  assert.equal(head.statusCode, 200);
  assert.equal(head.body, '');
});

test('a newly published article reaches the cached feed', async () => {
  const before = await get('/feed.json');
  const { content } = app.services;
  const author = await content.store.authorBy('slug', 'anna-beispiel');
  await content.createArticle({
    lang: 'de',
    title: 'Neue Meldung',
    body: [{ type: 'paragraph', text: 'Frisch.' }],
    status: 'published',
    publishedAt: new Date('2026-01-12T09:00:00Z'),
    authorIds: [author!.id],
    tagIds: [],
  });
  const after = await get('/feed.json');
  assert.notEqual(after.headers.etag, before.headers.etag);
  assert.equal(after.json().items[0].url, `${BASE}/neue-meldung/`);
});

test('sitemap lists home, articles, tags and authors, never drafts', async () => {
  const res = await get('/sitemap.xml');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
  assert.equal(XMLValidator.validate(res.body), true);
  for (const path of ['/', '/haushalt-beschlossen/', '/theater/', '/tag/stadtrat/', '/tag/kultur-kunst/', '/author/anna-beispiel/', '/author/ben-muster/']) {
    assert.match(res.body, new RegExp(`<loc>${BASE.replace(/\./g, '\\.')}${path}</loc><lastmod>\\d{4}-`), path);
  }
  assert.doesNotMatch(res.body, /geheimer-entwurf/);
});

test('robots.txt', async () => {
  const res = await get('/robots.txt');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
  assert.match(res.body, /^User-agent: \*$/m);
  assert.match(res.body, /^Disallow: \/admin\/$/m);
  assert.match(res.body, /^Disallow: \/api\/$/m);
  assert.match(res.body, /^Sitemap: https:\/\/zeitung\.example\/sitemap\.xml$/m);
});
