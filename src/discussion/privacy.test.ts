// A commenter exports or deletes everything tied to their e-mail through a mailed link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { signRequest, verifyRequest } from './privacy.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let dir: string;
let db: HttpTestDatabase;
const SITE = 'http://127.0.0.1:3000';

before(async () => {
  db = await createHttpTestDatabase();
  dir = db.dataDir;
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings, operations } = app.services;
  await settings.update('discussion', { policy: 'none' });
  const article = await content.createArticle({ lang: 'de', title: 'Stadtfest', body: [], status: 'published', authorIds: [], tagIds: [] });
  for (const body of ['Erster Kommentar von Lea', 'Zweiter Kommentar von Lea']) {
    await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'x' }, article.id, { body: body, parentId: null, name: 'Lea', email: 'lea@example.org', notify: false });
  }
  await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'y' }, article.id, { body: 'Kommentar von Tom', parentId: null, name: 'Tom', email: 'tom@example.org', notify: false });
});

after(async () => {
  await app.close();
  await db.drop();
});

async function token() {
  const page = await app.http.inject({ method: 'GET', url: '/privacy/comments/' });
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /\u0000/);
  return /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
}

async function request(email: string, action: string) {
  const csrf = await token();
  return app.http.inject({
    method: 'POST', url: '/privacy/comments/', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: csrf, email, action }).toString(),
  });
}

function mailedLinks(): string[] {
  const outbox = join(dir, 'outbox');
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox).flatMap((file) => {
    const text = readFileSync(join(outbox, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    return [...text.matchAll(/\/privacy\/comments\/confirm\?token=([A-Za-z0-9_.%-]+)/g)].map((m) => decodeURIComponent(m[1]!));
  });
}

test('signed requests expire and cannot be forged', () => {
  const t = signRequest('s', 'a@example.org', 'export', Date.now() + 1000);
  assert.deepEqual(verifyRequest('s', t, new Date()), { email: 'a@example.org', action: 'export' });
  assert.equal(verifyRequest('other', t, new Date()), null);
  assert.equal(verifyRequest('s', t, new Date(Date.now() + 5000)), null);
  assert.equal(verifyRequest('s', t.replace(/^./, 'x'), new Date()), null);
  assert.equal(verifyRequest('s', 'nonsense', new Date()), null);
});

test('an unknown address gets the same answer and no mail', async () => {
  const res = await request('niemand@example.org', 'export');
  assert.equal(res.statusCode, 200);
  await app.services.jobs.runOnce(10);
  assert.equal(mailedLinks().length, 0);
});

test('export, then deletion, through the mailed confirmation link', async () => {
  const res = await request('Lea@Example.org', 'export');
  assert.equal(res.statusCode, 200);
  await app.services.jobs.runOnce(10);
  const [link] = mailedLinks();
  assert.ok(link, 'a confirmation mail with a link was written');
  const confirm = await app.http.inject({ method: 'GET', url: `/privacy/comments/confirm?token=${encodeURIComponent(link)}` });
  assert.equal(confirm.statusCode, 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.body)![1]!;
  const exported = await app.http.inject({
    method: 'POST', url: '/privacy/comments/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: csrf, token: link }).toString(),
  });
  assert.equal(exported.statusCode, 200);
  const data = exported.json() as { comments: { text: string }[] };
  assert.deepEqual(data.comments.map((c) => c.text).sort(), ['Erster Kommentar von Lea', 'Zweiter Kommentar von Lea']);

  const del = signRequest(app.services.secret, 'lea@example.org', 'delete', Date.now() + 60_000);
  const deleted = await app.http.inject({
    method: 'POST', url: '/privacy/comments/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: csrf, token: del }).toString(),
  });
  assert.equal(deleted.statusCode, 200);
  assert.match(deleted.body, /2 Einträge wurden gelöscht/);
  const left = await app.services.database.db.selectFrom('comments').select(['author_name', 'body', 'status']).execute();
  assert.deepEqual(left.filter((c) => c.status !== 'deleted').map((c) => c.author_name), ['Tom']);
  assert.ok(left.filter((c) => c.status === 'deleted').every((c) => c.body === '' && c.author_name === ''));
});

test('a forged confirmation is a 404 and changes nothing', async () => {
  const res = await app.http.inject({ method: 'GET', url: '/privacy/comments/confirm?token=abc.def' });
  assert.equal(res.statusCode, 404);
});
