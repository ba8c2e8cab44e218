// The addresses a visitor is sent to after posting or liking without script (`?posted=1`,
// `?held=1`, `?liked=ID`, `?unliked=ID`) show them what they did: never cached here (see
// live-cache.test.ts), and sent `private, no-store`, so that a CDN in front does not hand one
// visitor's copy to another either, with or without a session, rendered on the main thread
// or in a render thread. A poster whose address another poster's render is already making
// (several processes: the event of their comment has not reached this one) gets a render of
// their own. Real servers on loopback; SQLite, and PostgreSQL in the HTTP pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { createHttpTestDatabase, staffSession, untilHeld, type HttpTestDatabase } from '../platform/testing.js';

const SITE = 'http://127.0.0.1:3000';
const SLUG = '/eigene-adresse/';
const PUBLIC = 'public, max-age=0, must-revalidate, s-maxage=60';
const OWN = 'private, no-store';

let db: HttpTestDatabase;
/** Renders on its main thread, as with `--render-threads 0`; also "another process" below. */
let plain: App;
/** Renders in a render thread; its main thread sends (pages.ts `sendRelayed`). */
let threaded: App;
const base = new Map<App, string>();
let cookie = '';
let commentId = 0;
let ip = 1;
const freshIp = () => `10.17.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;

async function listen(app: App): Promise<void> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  base.set(app, `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
}

before(async () => {
  db = await createHttpTestDatabase();
  const flags = { ...db.flags, 'log-level': process.env.BW_TEST_LOG ?? 'silent', workers: false };
  plain = await buildApp({ ...loadConfig({ flags, env: {} }), renderThreads: 0 });
  const { content, database, settings } = plain.services;
  await settings.update('discussion', { policy: 'none', identity: 'both' });
  await content.createArticle({
    lang: 'de', title: 'Eigene Adresse', body: [{ type: 'paragraph', text: 'Wer schreibt, sieht es.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [],
  });
  await createUser(database.db, { email: 'redaktion@example.org', password: 'sehr-geheim-123', role: 'editor', name: 'Rita Redaktion' });
  cookie = (await staffSession(plain.http, { email: 'redaktion@example.org', password: 'sehr-geheim-123' })).cookie;
  commentId = await postApi(plain, 'Der erste Beitrag zur eigenen Adresse.');
  threaded = await buildApp({ ...loadConfig({ flags, env: {} }), renderThreads: 1 }, { threads: { faults: true } });
  await listen(plain);
  await listen(threaded);
  await threaded.renderThreads!.ready();
});

after(async () => {
  await threaded?.close();
  await plain?.close();
  await db?.drop();
});

const csrfOf = (body: string) => /name="csrf-token" content="([^"]+)"/.exec(body)![1]!;

async function postApi(app: App, body: string): Promise<number> {
  const page = await app.http.inject({ method: 'GET', url: SLUG });
  const res = await app.http.inject({
    method: 'POST', url: `/api/v1/articles${SLUG}comments`, remoteAddress: freshIp(),
    headers: { 'x-csrf-token': csrfOf(page.body), origin: SITE }, payload: { body, name: 'Klaus R.', email: 'klaus@example.org' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: number }).id;
}

async function fetchFrom(app: App, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base.get(app)}${path}`, { ...init, redirect: 'manual' });
  return { status: res.status, cacheControl: res.headers.get('cache-control'), body: await res.text() };
}

test('the poster, the held poster and the liker are sent their own address private, no-store, from either thread, with or without a session; the plain page stays public', async () => {
  const own = [`${SLUG}?posted=1`, `${SLUG}?held=1`, `${SLUG}?liked=${commentId}`, `${SLUG}?unliked=${commentId}`];
  for (const app of [plain, threaded]) {
    const where = app === plain ? 'main thread' : 'render thread';
    const dispatched = threaded.renderThreads!.dispatched;
    for (const path of own) {
      // Twice: the second request would be the one a cache answers.
      for (const round of [1, 2]) {
        for (const [visitor, headers] of [['cookie-less', {}], ['gzip', { 'accept-encoding': 'gzip' }], ['signed in', { cookie }]] as const) {
          const res = await fetchFrom(app, path, { headers });
          assert.equal(res.status, 200, `${where} ${path}: ${res.body.slice(0, 200)}`);
          assert.equal(res.cacheControl, OWN, `${where}, ${visitor}, ${path}, request ${round}`);
        }
        const head = await fetchFrom(app, path, { method: 'HEAD' });
        assert.equal(head.cacheControl, OWN, `${where}, HEAD ${path}`);
      }
      assert.equal(app.services.pages.cache.peek(path), undefined, `${where}: ${path} is not cached`);
    }
    if (app === threaded) assert.ok(threaded.renderThreads!.dispatched - dispatched >= own.length * 2, 'rendered in the render thread');
    // The shared page is still shared (twice: a miss, then the cached copy).
    for (const round of [1, 2]) {
      assert.equal((await fetchFrom(app, SLUG)).cacheControl, PUBLIC, `${where}: the plain page, request ${round}`);
      assert.equal((await fetchFrom(app, SLUG, { headers: { cookie } })).cacheControl, 'private, no-cache', `${where}: the plain page, signed in`);
    }
  }
});

test('a form post without script: the redirect leads to a private page that shows the comment, from either thread', async () => {
  // Signed in, so that the form's quick answer (this test does not wait the seconds a person
  // takes) is not held as a bot's: a guest's is covered by live-cache.test.ts.
  for (const app of [plain, threaded]) {
    const page = await fetchFrom(app, SLUG, { headers: { cookie } });
    const text = `Ohne Skript über ${app === plain ? 'den Hauptfaden' : 'einen Renderfaden'} geschrieben.`;
    const res = await fetch(`${base.get(app)}${SLUG}comments`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, cookie },
      body: new URLSearchParams({ _csrf: csrfOf(page.body), stamp: /name="stamp" value="([^"]+)"/.exec(page.body)?.[1] ?? '', body: text }).toString(),
    });
    assert.equal(res.status, 303, await res.text());
    const target = String(res.headers.get('location'));
    assert.match(target, /\?posted=1#comment-\d+$/);
    const own = await fetchFrom(app, target.split('#')[0]!, { headers: { cookie } });
    assert.equal(own.cacheControl, OWN);
    assert.ok(own.body.includes(text), 'the poster sees their comment');
  }
});

test('a poster sent to their address while a render of it begun before their comment is under way gets a render of their own', async () => {
  const pool = threaded.renderThreads!;
  const path = `${SLUG}?posted=1`;
  // Another poster's render of the address: made now, handed over 400 ms later.
  const before = pool.dispatched;
  const heldBefore = pool.held;
  const earlier = fetchFrom(threaded, path, { headers: { 'x-blattwerk-fault': 'late' } });
  await untilHeld(pool, heldBefore);
  // This poster's comment is stored by another process whose event has not reached this one
  // (on PostgreSQL its bridge is closed, so that it never does during the test).
  await plain.services.bridge.close();
  const stamp = threaded.services.pages.cache.stamp();
  const text = 'Über einen anderen Prozess geschrieben, hier gleich zu sehen.';
  await postApi(plain, text);
  assert.equal(threaded.services.pages.cache.stamp(), stamp, 'no event reached this process: the cache would share the earlier render');
  const mine = await fetchFrom(threaded, path);
  assert.equal(mine.status, 200);
  assert.equal(mine.cacheControl, OWN);
  assert.ok(mine.body.includes(text), 'the poster sees their comment');
  const theirs = await earlier;
  assert.equal(theirs.status, 200);
  assert.ok(!theirs.body.includes(text), 'the earlier render was made before the comment');
  assert.equal(pool.dispatched - before, 2, 'the earlier render, which this poster joined first, and their own');
});
