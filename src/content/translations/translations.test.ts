// Translations on both databases through HTTP: an editor links a German and an English
// article; both pages carry hreflang alternates and a switch worded in the other language;
// bad input answers a coded error and links nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { systemCaller } from '../../platform/caller.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
const ids: Record<string, number> = {};

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false, 'public-url': 'https://blatt.example' }, env: {} }));
  const { content, settings } = app.services;
  await settings.update('site', { title: 'Testblatt', language: 'de' });
  const make = async (lang: 'de' | 'en', title: string) =>
    (await content.createArticle({ lang, title, body: [{ type: 'paragraph', text: title }], status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [] })).id;
  ids.de = await make('de', 'Haushalt beschlossen');
  ids.en = await make('en', 'Budget passed');
  ids.de2 = await make('de', 'Noch ein Artikel');
});

after(async () => {
  await app.close();
  await db.drop();
});

const get = (url: string) => app.http.inject({ method: 'GET', url });

test('linked translations: both pages carry hreflang alternates and a visible switch in the other language', async () => {
  const { createTranslations } = await import('./index.js');
  const translations = createTranslations({ db: app.services.database.db, bus: app.services.bus, now: () => new Date() });
  await translations.link(systemCaller('test'), ids.de!, ids.en!);
  const de = await get('/haushalt-beschlossen/');
  assert.match(de.body, /<link rel="alternate" hreflang="de" href="https:\/\/blatt.example\/haushalt-beschlossen\/">/);
  assert.match(de.body, /<link rel="alternate" hreflang="en" href="https:\/\/blatt.example\/budget-passed\/">/);
  assert.match(de.body, /<a href="\/budget-passed\/" hreflang="en" lang="en" rel="alternate">Read in English<\/a>/);
  const en = await get('/budget-passed/');
  assert.match(en.body, /<html lang="en">/);
  assert.match(en.body, /hreflang="de" href="https:\/\/blatt.example\/haushalt-beschlossen\/"/);
  assert.match(en.body, /<a href="\/haushalt-beschlossen\/" hreflang="de" lang="de" rel="alternate">Auf Deutsch lesen<\/a>/);
  // One per language: a new German version replaces the old link on both sides.
  await translations.link(systemCaller('test'), ids.de2!, ids.en!);
  assert.deepEqual((await translations.of(ids.en!)).map((t) => t.id), [ids.de2]);
  assert.deepEqual(await translations.of(ids.de!), []);
  assert.doesNotMatch((await get('/haushalt-beschlossen/')).body, /hreflang/);
});

test('the API refuses a translation in the same language, a missing article, and callers who are not editors', async () => {
  const put = (id: number, body: unknown) => app.http.inject({ method: 'PUT', url: `/api/v1/articles/${id}/translation`, payload: body as object });
  const anonymous = await put(ids.de!, { translationId: ids.en });
  assert.ok([401, 403].includes(anonymous.statusCode), String(anonymous.statusCode));
  const { createTranslations } = await import('./index.js');
  const translations = createTranslations({ db: app.services.database.db, bus: app.services.bus, now: () => new Date() });
  await assert.rejects(translations.link(systemCaller('test'), ids.de!, ids.de2!), (e: { code?: string; status?: number; field?: string }) => e.code === 'TRANSLATION_SAME_LANGUAGE' && e.status === 422 && e.field === 'translationId');
  await assert.rejects(translations.link(systemCaller('test'), ids.de!, 999_999), (e: { code?: string }) => e.code === 'NOT_FOUND');
  await assert.rejects(translations.link({ kind: 'guest', sessionHash: null, ipHash: 'x' }, ids.de!, ids.en!), (e: { code?: string }) => e.code === 'FORBIDDEN');
  assert.deepEqual((await translations.of(ids.de!)).map((t) => t.id), []);
});
