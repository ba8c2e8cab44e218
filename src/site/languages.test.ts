// One language's articles (issue 12): `/en/` and `/de/` list only that language, in that
// language's words; `/?lang=en` leads there; a language the site does not have is a 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let db: HttpTestDatabase;

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings } = app.services;
  await settings.update('site', { title: 'Testblatt', language: 'de' });
  for (const [lang, title] of [['de', 'Stadtrat tagt'], ['en', 'Council meets'], ['de', 'Haushalt beschlossen'], ['en', 'Budget passed']] as const) {
    await content.createArticle({ lang, title, body: [{ type: 'paragraph', text: title }], status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [] });
  }
});

after(async () => {
  await app.close();
  await db.drop();
});

const get = (url: string) => app.http.inject({ method: 'GET', url });

test('/en/ lists only English articles, in English, and links the other choices', async () => {
  const res = await get('/en/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<html lang="en">/);
  assert.match(res.body, /Council meets/);
  assert.match(res.body, /Budget passed/);
  assert.doesNotMatch(res.body, /Stadtrat tagt|Haushalt beschlossen/);
  assert.match(res.body, /<a href="\/en\/" lang="en" aria-current="page">English<\/a>/);
  assert.match(res.body, /<link rel="canonical" href="[^"]*\/en\/">/);
  const de = await get('/de/');
  assert.match(de.body, /Stadtrat tagt/);
  assert.doesNotMatch(de.body, /Council meets/);
  const all = await get('/');
  assert.match(all.body, /Council meets/);
  assert.match(all.body, /Stadtrat tagt/);
  assert.match(all.body, /<a href="\/" lang="de" aria-current="page">Alle<\/a>/);
});

test('?lang= leads to the language page; an unknown language is a 400; /en/page/1/ is /en/', async () => {
  const res = await get('/?lang=en');
  assert.equal(res.statusCode, 301);
  assert.equal(res.headers.location, '/en/');
  assert.equal((await get('/?lang=fr')).statusCode, 400);
  const first = await get('/en/page/1/');
  assert.equal(first.statusCode, 301);
  assert.equal(first.headers.location, '/en/');
  assert.equal((await get('/en/page/9/')).statusCode, 404);
});

test('/en/feed.xml carries only English articles and says so', async () => {
  const res = await get('/en/feed.xml');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<language>en<\/language>/);
  assert.match(res.body, /Council meets/);
  assert.doesNotMatch(res.body, /Stadtrat tagt/);
  const json = await get('/de/feed.json');
  assert.match(json.body, /Stadtrat tagt/);
  assert.doesNotMatch(json.body, /Council meets/);
});

test('tag and author listings filter by ?lang= and keep it from page to page; a bad value is a 400', async () => {
  const { content } = app.services;
  const tag = await content.createTag({ name: 'Rathaus' });
  const author = await content.createAuthor({ name: 'Claire W.' });
  for (let i = 0; i < 12; i++) {
    await content.createArticle({ lang: i % 2 ? 'en' : 'de', title: `Rathaus ${i % 2 ? 'story' : 'Meldung'} ${i}`, body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', publishedAt: new Date(Date.UTC(2026, 3, 1 + i)), authorIds: [author.id], tagIds: [tag.id] });
  }
  const en = await get(`/tag/${tag.slug}/?lang=en`);
  assert.equal(en.statusCode, 200);
  assert.match(en.body, /<html lang="en">/);
  assert.match(en.body, /Rathaus story/);
  assert.doesNotMatch(en.body, /Rathaus Meldung/);
  const byAuthor = await get(`/author/${author.slug}/?lang=de`);
  assert.match(byAuthor.body, /Rathaus Meldung/);
  assert.doesNotMatch(byAuthor.body, /Rathaus story/);
  assert.equal((await get(`/tag/${tag.slug}/?lang=xx`)).statusCode, 400);
  assert.equal((await get(`/author/${author.slug}/page/1/?lang=en`)).headers.location, `/author/${author.slug}/?lang=en`);
});

test('the home page shows the site\'s language first, as a setting; off, all languages mix by date', async () => {
  const { content, settings } = app.services;
  // The newest article is English; the site is German.
  await content.createArticle({ lang: 'de', title: 'Neuer Radweg eröffnet', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', publishedAt: new Date('2026-06-01T10:00:00Z'), authorIds: [], tagIds: [] });
  await content.createArticle({ lang: 'en', title: 'New cycle lane opens', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', publishedAt: new Date('2026-06-02T10:00:00Z'), authorIds: [], tagIds: [] });
  const order = (body: string): [number, number] => [body.indexOf('Neuer Radweg eröffnet'), body.indexOf('New cycle lane opens')];
  const [german, english] = order((await get('/')).body);
  assert.ok(german > 0 && english > 0, 'both on the first page');
  assert.ok(german < english, 'by default the German article leads on a German site');
  await settings.update('site', { homeLanguageFirst: false });
  const [germanOff, englishOff] = order((await get('/')).body);
  assert.ok(englishOff > 0 && englishOff < germanOff, 'with the setting off, the newest article leads whatever its language');
  const en = await get('/en/');
  assert.doesNotMatch(en.body, /Neuer Radweg/, '/en/ still lists English only');
  await settings.update('site', { homeLanguageFirst: true });
});
