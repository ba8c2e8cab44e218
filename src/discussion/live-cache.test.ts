// A live discussion and the page cache (issue 16): likes and new comments on an article that
// everyone reads leave its page cached (sent while one request renders it again, once a second
// for likes, at the next read for a comment); the poster and the no-script liker are sent to
// an address of their own that shows what they did; a moderator's removal drops the page at
// once. The page cache's clock is the test's. Runs on SQLite, and on PostgreSQL in the HTTP pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { createHttpTestDatabase, staffSession, type HttpTestDatabase, type StaffSession } from '../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
let staff: StaffSession;
let clock = new Date('2026-05-01T10:00:00Z');
let cacheMs = 1_000_000;
const SITE = 'http://127.0.0.1:3000';
const URL_A = '/live-debatte/';
let ip = 1;
const freshIp = () => `10.16.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;
const comments: number[] = [];

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock, cacheClock: () => cacheMs });
  const { content, database, settings } = app.services;
  await settings.update('discussion', { policy: 'none', identity: 'both' });
  const author = await content.createAuthor({ name: 'Jana Beispiel' });
  await content.createArticle({
    lang: 'de', title: 'Live-Debatte', body: [{ type: 'paragraph', text: 'Der Rat debattiert.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [author.id], tagIds: [],
  });
  await createUser(database.db, { email: 'moderation@example.org', password: 'sehr-geheim-123', role: 'editor', name: 'Mo Deration' });
  staff = await staffSession(app.http, { email: 'moderation@example.org', password: 'sehr-geheim-123' });
  for (let n = 1; n <= 30; n++) comments.push(await postApi(`Beitrag Nummer ${n} zur Debatte.`));
});

after(async () => {
  await app.close();
  await db.drop();
});

async function get(url: string) {
  const res = await app.http.inject({ method: 'GET', url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
  return res.body;
}

const csrfOf = (body: string) => /name="csrf-token" content="([^"]+)"/.exec(body)![1]!;

async function postApi(body: string): Promise<number> {
  const res = await app.http.inject({
    method: 'POST', url: `/api/v1/articles${URL_A}comments`,
    remoteAddress: freshIp(), headers: { 'x-csrf-token': csrfOf(await get(URL_A)), origin: SITE },
    payload: { body, name: 'Klaus R.', email: 'klaus@example.org' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: number }).id;
}

async function likeApi(id: number, csrf: string): Promise<number> {
  const res = await app.http.inject({ method: 'POST', url: `/api/v1/comments/${id}/like`, remoteAddress: freshIp(), headers: { origin: SITE, 'x-csrf-token': csrf } });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { likes: number }).likes;
}

/** The like count the page shows for a comment. */
function likesShown(body: string, id: number): number {
  const at = body.indexOf(`id="comment-${id}"`);
  assert.ok(at >= 0, `comment ${id} on the page`);
  return Number(/<span class="like-count">(\d+)<\/span>/.exec(body.slice(at))![1]);
}

test('many likes on an article leave its page cached: readers are sent it, and it is rendered again at most once a second', async () => {
  const cache = app.services.pages.cache;
  const csrf = csrfOf(await get(URL_A));
  cacheMs += 60_000;
  const [misses, refreshes] = [cache.misses, cache.refreshes];
  let last = 0;
  // Two seconds of a like every 50 ms on a different comment, each followed by three readers.
  for (let n = 0; n < 40; n++) {
    last = await likeApi(comments[n % comments.length]!, csrf);
    for (let r = 0; r < 3; r++) await get(URL_A);
    cacheMs += 50;
  }
  assert.ok(cache.peek(URL_A), 'the page stayed in the cache');
  const refreshed = cache.refreshes - refreshes;
  assert.ok(refreshed >= 2 && refreshed <= 3, `rendered again once a second, not once per like: ${refreshed} times for 40 likes`);
  assert.equal(cache.misses - misses, refreshed, 'the only reads that were not answered from the cache are the refreshes');
  cacheMs += 1000;
  await get(URL_A); // the refresh, a second after the last
  assert.equal(likesShown(await get(URL_A), comments[39 % comments.length]!), last, 'a second later the page shows every like');
});

test('a new comment shows on the next read of the article; the poster without script is sent to an address the cache never keeps', async () => {
  const cache = app.services.pages.cache;
  await get(URL_A);
  await get(URL_A);
  const id = await postApi('Ganz frisch: ein neuer Gedanke zur Debatte.');
  assert.match(await get(URL_A), /Ganz frisch: ein neuer Gedanke zur Debatte/, 'the next read shows it');
  // Without script: the form, then the redirect.
  const page = await get(URL_A);
  clock = new Date(clock.getTime() + 60_000); // a person takes a while to write
  const form = await app.http.inject({
    method: 'POST', url: `${URL_A}comments`, remoteAddress: freshIp(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: csrfOf(page), stamp: /name="stamp" value="([^"]+)"/.exec(page)?.[1] ?? '', body: 'Ohne Skript geschrieben, gleich zu sehen.', name: 'Paula', email: 'paula@example.org' }).toString(),
  });
  assert.equal(form.statusCode, 303, form.body.slice(0, 300));
  const target = String(form.headers.location);
  assert.match(target, /\?posted=1#comment-\d+$/);
  assert.ok(Number(/comment-(\d+)/.exec(target)![1]) > id);
  for (let n = 0; n < 2; n++) assert.match(await get(target.split('#')[0]!), /Ohne Skript geschrieben, gleich zu sehen/);
  assert.equal(cache.peek(target.split('#')[0]!), undefined, 'the poster\'s own address is rendered for them, never cached');
});

test('a like without script: the liker is sent to their own address, which shows it while the shared page may be a moment behind', async () => {
  const cache = app.services.pages.cache;
  const csrf = csrfOf(await get(URL_A));
  const [target, other] = [comments[5]!, comments[6]!];
  // A like starts the page's second: the next read refreshes it, and a like within the second waits.
  await likeApi(other, csrf);
  cacheMs += 5000;
  await get(URL_A);
  const before = likesShown(await get(URL_A), target);
  const like = async (path: 'like' | 'unlike') => {
    const res = await app.http.inject({
      method: 'POST', url: `${URL_A}comment/${target}/${path}`, remoteAddress: '10.99.0.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return String(res.headers.location);
  };
  const liked = await like('like');
  assert.equal(liked, `${URL_A}?liked=${target}#comment-${target}`);
  const own = liked.split('#')[0]!;
  assert.equal(likesShown(await get(own), target), before + 1, 'the liker sees their like');
  assert.equal(likesShown(await get(own), target), before + 1, 'and again on a reload');
  assert.equal(cache.peek(own), undefined, 'their address is never cached');
  assert.equal(cache.peek(URL_A)?.stale, true, 'the shared page is marked, not dropped');
  const unliked = await like('unlike');
  assert.equal(unliked, `${URL_A}?unliked=${target}#comment-${target}`);
  assert.equal(likesShown(await get(unliked.split('#')[0]!), target), before, 'the like taken back');
  cacheMs += 1000;
  await get(URL_A);
  assert.equal(likesShown(await get(URL_A), target), before, 'the shared page caught up within the second');
});

test('a moderator\'s removal drops the page at once, even while likes keep it stale', async () => {
  const cache = app.services.pages.cache;
  const csrf = csrfOf(await get(URL_A));
  const removed = comments[10]!;
  assert.match(await get(URL_A), /Beitrag Nummer 11 zur Debatte/);
  await likeApi(comments[11]!, csrf);
  await likeApi(comments[12]!, csrf);
  assert.equal(cache.peek(URL_A)?.stale, true);
  const res = await app.http.inject({ method: 'POST', url: `/api/v1/admin/comments/${removed}/reject`, headers: staff.headers, payload: {} });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(cache.peek(URL_A), undefined, 'dropped, not marked');
  assert.doesNotMatch(await get(URL_A), /Beitrag Nummer 11 zur Debatte/);
});
