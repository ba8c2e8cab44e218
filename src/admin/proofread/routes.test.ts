// The proofreading API through HTTP: staff only, a checked body, the site's published
// names accepted (and learnt when an article is published later), the newsroom dictionary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { createHttpTestDatabase, staffSession, type HttpTestDatabase } from '../../platform/testing.js';

const SITE = 'http://127.0.0.1:3000';
let app: App;
let db: HttpTestDatabase;
let editor: { cookie: string; csrf: string };
let contributor: { cookie: string; csrf: string };

const signIn = (email: string) => staffSession(app.http, { email, password: 'sehr-geheim-123', origin: SITE });

function call(method: 'GET' | 'POST' | 'DELETE', url: string, who: { cookie: string; csrf: string } | null, payload?: object) {
  return app.http.inject({
    method, url, ...(payload ? { payload } : {}),
    headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: SITE } : { origin: SITE },
  });
}

const check = (text: string, who = editor, language = 'de') => call('POST', '/api/v1/admin/proofread', who, { text, language });
const flagged = async (text: string) => {
  const res = await check(text);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().findings as { word: string }[]).map((f) => f.word);
};

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, database } = app.services;
  await content.createArticle({
    lang: 'de', title: 'Lindenau übernimmt', status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'),
    body: [{ type: 'paragraph', text: 'Die Stadträtin Mareike Lindenau übernimmt den Vorsitz.' }], authorIds: [], tagIds: [],
  });
  await content.createArticle({
    lang: 'de', title: 'Entwurf', status: 'draft', body: [{ type: 'paragraph', text: 'Herr Quastenberg' }], authorIds: [], tagIds: [],
  });
  await createUser(database.db, { email: 'editor@example.org', password: 'sehr-geheim-123', role: 'editor', name: 'Eda Editor' });
  await createUser(database.db, { email: 'contrib@example.org', password: 'sehr-geheim-123', role: 'contributor', name: 'Cora' });
  editor = await signIn('editor@example.org');
  contributor = await signIn('contrib@example.org');
});

after(async () => {
  await app.close();
  await db.drop();
});

test('anonymous callers are refused with 401, moderators with 403', async () => {
  const res = await call('POST', '/api/v1/admin/proofread', null, { text: 'Die Urkaine', language: 'de' });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error.code, 'UNAUTHORIZED');
  assert.equal((await call('GET', '/api/v1/admin/dictionary', null)).statusCode, 401);
  await createUser(app.services.database.db, { email: 'mod@example.org', password: 'sehr-geheim-123', role: 'moderator' });
  const moderator = await signIn('mod@example.org');
  assert.equal((await check('Die Urkaine', moderator)).statusCode, 403);
});

test('a write without the CSRF token is refused', async () => {
  const res = await app.http.inject({
    method: 'POST', url: '/api/v1/admin/proofread', headers: { cookie: editor.cookie, origin: SITE }, payload: { text: 'x', language: 'de' },
  });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().error.code, 'CSRF');
});

test('the body is checked: 400 naming the field', async () => {
  const cases: [object, string][] = [
    [{ language: 'de' }, 'text'],
    [{ text: 'Hallo' }, 'language'],
    [{ text: 'Hallo', language: 'fr' }, 'language'],
    [{ text: 42, language: 'de' }, 'text'],
    [{ text: 'x'.repeat(200_001), language: 'de' }, 'text'],
    [{ text: 'Hallo', language: 'en', variant: 'de-CH' }, 'variant'],
  ];
  for (const [payload, field] of cases) {
    const res = await call('POST', '/api/v1/admin/proofread', editor, payload);
    assert.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80));
    assert.equal(res.json().error.code, 'VALIDATION');
    assert.equal(res.json().error.field, field);
  }
});

test('a contributor gets findings: typos flagged, the published name not, the draft name yes', async () => {
  const text = 'Mareike Lindenau nannte die 90-Minnuten-Sitzung zur Urkaine kurz. Herr Quastenberg  schwieg.';
  const res = await check(text, contributor);
  assert.equal(res.statusCode, 200, res.body);
  const findings = res.json().findings as { word: string; offset: number; length: number; kind: string; suggestions: string[] }[];
  assert.deepEqual(findings.map((f) => [f.kind, f.word]), [
    ['spelling', 'Minnuten'], ['spelling', 'Urkaine'], ['spelling', 'Quastenberg'], ['spacing', '  '],
  ]);
  for (const f of findings) assert.equal(text.slice(f.offset, f.offset + f.length), f.word);
  assert.equal(findings[1]!.suggestions[0], 'Ukraine');
});

test('a name becomes known when its article is published', async () => {
  assert.deepEqual(await flagged('Frau Wendelstorf sprach.'), ['Wendelstorf']);
  await app.services.content.createArticle({
    lang: 'de', title: 'Wendelstorf tritt an', status: 'published', body: [], authorIds: [], tagIds: [],
  });
  assert.deepEqual(await flagged('Frau Wendelstorf sprach.'), []);
});

test('the newsroom dictionary: words added are accepted, removed ones flagged again', async () => {
  assert.deepEqual(await flagged('Das Bürgerbudgetgremium in Quastenberg'), ['Quastenberg']);
  const added = await call('POST', '/api/v1/admin/dictionary', editor, { word: 'Quastenberg' });
  assert.equal(added.statusCode, 201, added.body);
  assert.equal(added.json().word, 'Quastenberg');
  assert.equal(added.json().createdBy, 'Eda Editor');
  assert.equal((await call('POST', '/api/v1/admin/dictionary', editor, { word: 'Quastenberg' })).statusCode, 200);
  assert.deepEqual(await flagged('Das Bürgerbudgetgremium in Quastenbergs Amt'), []);

  const list = await call('GET', '/api/v1/admin/dictionary', contributor);
  assert.deepEqual(list.json().words.map((w: { word: string }) => w.word), ['Quastenberg']);

  assert.equal((await call('DELETE', '/api/v1/admin/dictionary/Quastenberg', contributor)).statusCode, 403);
  assert.equal((await call('DELETE', '/api/v1/admin/dictionary/Quastenberg', editor)).statusCode, 204);
  assert.equal((await call('DELETE', '/api/v1/admin/dictionary/Quastenberg', editor)).statusCode, 404);
  assert.deepEqual(await flagged('in Quastenberg'), ['Quastenberg']);
});

test('dictionary words are checked; contributors may not add', async () => {
  for (const word of ['zwei Wörter', '', 'x'.repeat(65), '-Strich']) {
    const res = await call('POST', '/api/v1/admin/dictionary', editor, { word });
    assert.equal(res.statusCode, 400, word);
    assert.equal(res.json().error.field, 'word');
  }
  assert.equal((await call('POST', '/api/v1/admin/dictionary', contributor, { word: 'Quastenberg' })).statusCode, 403);
});

test('English texts use the English dictionary', async () => {
  const res = await check('We did not recieve it.', editor, 'en');
  assert.deepEqual(res.json().findings.map((f: { word: string; suggestions: string[] }) => [f.word, f.suggestions[0]]), [['recieve', 'receive']]);
});

test('the OpenAPI document describes the proofreading API', async () => {
  const res = await app.http.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(res.statusCode, 200);
  const paths = res.json().paths as Record<string, Record<string, unknown>>;
  assert.ok(paths['/api/v1/admin/proofread']?.post);
  assert.ok(paths['/api/v1/admin/dictionary']?.get);
});
