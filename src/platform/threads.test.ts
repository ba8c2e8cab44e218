// Render threads (threads.ts): misses and searches are rendered off the main event loop, the
// page comes back to the main thread's cache, and a thread that throws or runs out of memory
// is replaced while the process keeps serving. Real server on loopback, real SQLite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildApp, type App } from '../app.js';
import { loadConfig } from './config.js';
import { ChurnTable } from './churn.js';
import { untilHeld } from './testing.js';

let app: App;
let dir: string;
let base: string;
let articleId = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-threads-'));
  const config = { ...loadConfig({ flags: { data: dir, 'log-level': process.env.BW_TEST_LOG ?? 'silent', workers: false }, env: {} }), renderThreads: 1 };
  app = await buildApp(config, { threads: { faults: true, maxOldGenerationSizeMb: 256, deadlineMs: 5000 } });
  await app.services.settings.update('discussion', { policy: 'none' });
  const article = await app.services.content.createArticle({
    lang: 'de', title: 'Faden und Fäden', body: [{ type: 'paragraph', text: 'Ein Text über Fäden.' }], status: 'published', authorIds: [], tagIds: [],
  });
  articleId = article.id;
  await app.services.search.reindexAll();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  await app.renderThreads!.ready();
});

after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a cache miss is rendered in a render thread and then answered from the main thread\'s cache', async () => {
  const hitsBefore = app.services.pages.cache.hits;
  const first = await fetch(`${base}/faden-und-faeden/`);
  assert.equal(first.status, 200);
  const html = await first.text();
  assert.match(html, /Faden und Fäden/);
  assert.doesNotMatch(html, /\u0000/, 'the holes were filled on the main thread');
  assert.equal(first.headers.get('x-blattwerk-relayed-page'), null, 'the relay mark never reaches a visitor');
  assert.ok(app.services.pages.cache.peek('/faden-und-faeden/'), 'the page is in the main thread\'s cache');
  const second = await fetch(`${base}/faden-und-faeden/`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(second.status, 200);
  assert.match(await second.text(), /Faden und Fäden/);
  assert.equal(app.services.pages.cache.hits, hitsBefore + 1);
});

test('a page built in a render thread arrives ready: each encoding decodes to the same page, cookie-less readers share the anonymous token, a session gets its own', async () => {
  const path = '/faden-und-faeden/';
  // A miss asked for in brotli: the thread compresses it.
  app.services.pages.cache.drop([`article:${articleId}`], { untagged: false });
  const miss = await request(path, { 'accept-encoding': 'br' });
  assert.equal(miss.headers['content-encoding'], 'br');
  const page = brotliDecompressSync(miss.body).toString('utf8');
  assert.match(page, /Faden und Fäden/);
  assert.doesNotMatch(page, /\u0000/);
  assert.ok(page.includes(app.services.csrf.anonymousToken()), 'the anonymous token is in the page');
  const cached = app.services.pages.cache.peek(path);
  assert.ok(cached, 'the main thread cached the page it was handed');
  for (const encoding of ['gzip', 'br', 'identity'] as const) {
    const hit = await request(path, encoding === 'identity' ? {} : { 'accept-encoding': encoding });
    const body = encoding === 'gzip' ? gunzipSync(hit.body) : encoding === 'br' ? brotliDecompressSync(hit.body) : hit.body;
    assert.equal(body.toString('utf8'), page, `${encoding}: the same page`);
  }
  // A visitor with a session cookie: the template (decoded on demand) with the session's token.
  const sid = 'session-of-a-test';
  const own = await request(path, { cookie: `bw_sid=${sid}` });
  const ownPage = own.body.toString('utf8');
  assert.match(ownPage, /Faden und Fäden/);
  assert.doesNotMatch(ownPage, /\u0000/);
  assert.ok(ownPage.includes(app.services.csrf.tokenFor(sid)), "the session's own token");
  assert.ok(!ownPage.includes(app.services.csrf.anonymousToken()), 'not the shared one');
});

/** A raw GET (fetch would decode the body and hide what was sent). */
function request(path: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('search runs in a render thread and answers', async () => {
  const response = await fetch(`${base}/search?q=F%C3%A4den`);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /Faden und Fäden/);
});

test('a comment posted on the main thread shows on the page the render thread renders next', async () => {
  await fetch(`${base}/faden-und-faeden/`);
  const page = await (await fetch(`${base}/faden-und-faeden/`)).text();
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page)![1]!;
  const posted = await fetch(`${base}/api/v1/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: base },
    body: JSON.stringify({ body: 'Ein Kommentar aus dem Hauptfaden.', name: 'Ada', email: 'ada@example.org' }),
  });
  assert.equal(posted.status, 201, await posted.text());
  const after = await (await fetch(`${base}/faden-und-faeden/`)).text();
  assert.match(after, /Ein Kommentar aus dem Hauptfaden\./);
});

test('a page rendered before a comment and handed over after it is sent, and not kept as current: the next read renders the comment', async () => {
  const url = '/faden-und-faeden/';
  const cache = app.services.pages.cache;
  const page = await (await fetch(`${base}${url}`)).text();
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page)![1]!;
  cache.drop([`article:${articleId}`], { untagged: false });
  // Rendered now (without the comment below), handed over 400 ms later (after it).
  const heldBefore = app.renderThreads!.held;
  const late = fetch(`${base}${url}`, { headers: { 'x-blattwerk-fault': 'late' } });
  await untilHeld(app.renderThreads!, heldBefore);
  const posted = await fetch(`${base}/api/v1/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: base },
    body: JSON.stringify({ body: 'Ein Kommentar während des Renderns.', name: 'Grace', email: 'grace@example.org' }),
  });
  assert.equal(posted.status, 201, await posted.text());
  const early = await (await late).text();
  assert.doesNotMatch(early, /während des Renderns/, 'the late page was rendered before the comment');
  const stored = cache.peek(url);
  assert.equal(stored === undefined || (stored.stale && stored.urgent), true, 'stored, if at all, as stale: a comment is waiting (cache.ts `claimRefresh`)');
  assert.match(await (await fetch(`${base}${url}`)).text(), /Ein Kommentar während des Renderns\./);
  assert.equal(cache.peek(url)?.stale, false, 'the next render, made after the comment, is cached');
});

test('a render that never ends takes its thread down after the deadline of CPU time; the request gets a 500 and the process keeps serving', async () => {
  const replaced = app.renderThreads!.replaced;
  const failed = await fetch(`${base}/search?q=loop`, { headers: { 'x-blattwerk-fault': 'loop', accept: 'application/json' } });
  assert.equal(failed.status, 500);
  assert.match(((await failed.json()) as { error: { requestId: string } }).error.requestId, /^[0-9a-f]{16}$/);
  assert.equal(app.renderThreads!.replaced, replaced + 1);
  await app.renderThreads!.ready();
  assert.equal((await fetch(`${base}/search?q=F%C3%A4den`)).status, 200);
});

for (const fault of ['throw', 'oom'] as const) {
  test(`a render thread that ${fault === 'throw' ? 'throws' : 'runs out of memory'} is replaced; the request gets a 500 with a request id; the process keeps serving`, async () => {
    await app.renderThreads!.ready();
    const failed = await fetch(`${base}/search?q=${fault}`, { headers: { 'x-blattwerk-fault': fault, accept: 'application/json' } });
    assert.equal(failed.status, 500);
    const requestId = failed.headers.get('x-request-id');
    assert.match(requestId ?? '', /^[0-9a-f]{16}$/);
    const body = (await failed.json()) as { error: { code: string; requestId: string } };
    assert.equal(body.error.code, 'INTERNAL');
    assert.equal(body.error.requestId, requestId);
    // Cached pages never waited on the thread; misses and searches go to its replacement
    // (or, until it is ready, render on the event loop).
    assert.equal((await fetch(`${base}/faden-und-faeden/`)).status, 200);
    assert.ok(app.renderThreads!.replaced >= 1, 'the thread was replaced');
    const again = await fetch(`${base}/search?q=F%C3%A4den`);
    assert.equal(again.status, 200);
    assert.match(await again.text(), /Faden und Fäden/);
  });
}

test('a HEAD of a page not cached yet answers headers only', async () => {
  app.services.pages.cache.clear();
  const response = await fetch(`${base}/faden-und-faeden/`, { method: 'HEAD' });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), '');
});

test('pages and search go to a thread; the API, streams, assets, media and feeds stay on the event loop', async () => {
  await app.renderThreads!.ready();
  const takes = (method: string, url: string) => app.renderThreads!.takes({ method, url } as import('node:http').IncomingMessage);
  for (const url of ['/', '/faden-und-faeden/', '/search?q=a.b', '/tag/stadtrat/?page=2']) assert.equal(takes('GET', url), true, url);
  for (const url of ['/feed.xml', '/tag/stadtrat/feed.xml', '/assets/site.css', '/media/x.png', '/api/v1/articles', '/api/v1/articles/1/comments/stream', '/healthz', '/sitemap.xml', '/robots.txt']) {
    assert.equal(takes('GET', url), false, url);
  }
  assert.equal(takes('POST', '/faden-und-faeden/'), false, 'writes stay');
});

test('a render thread runs in the idle scheduling class, behind the event loop that answers cached pages; V8\'s helper threads do not', { skip: process.platform !== 'linux' && 'thread policies are read from /proc (Linux)' }, async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { RENDER_NICENESS } = await import('./threads.js');
  // /proc/self/task/TID/stat: "pid (name) state …"; after the name, field 19 (nice) is at 16 and field 41 (policy) at 38.
  const threads = readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { tid: Number(tid), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), nice: Number(after[16]), policy: Number(after[38]) };
  });
  const main = threads.find((thread) => thread.tid === process.pid)!;
  assert.deepEqual([main.nice, main.policy], [0, 0], 'the event loop keeps its ordinary priority');
  const SCHED_IDLE = 5;
  const hasChrt = spawnSync('chrt', ['--version'], { stdio: 'ignore' }).status === 0;
  const helpers = threads.filter((thread) => thread.name === 'V8Worker');
  assert.ok(helpers.length > 0, 'V8 has helper threads');
  // In the idle class they starved: the main thread's sweeping task waited for them, posting
  // itself again and again, and the event loop spun at 100 % with no answers (PROFILE section 6).
  assert.ok(helpers.every((thread) => thread.policy !== SCHED_IDLE), `V8's helpers keep their class: ${JSON.stringify(helpers)}`);
  const yielding = threads.filter((thread) => thread.name !== 'V8Worker' && (hasChrt ? thread.policy === SCHED_IDLE : thread.nice === RENDER_NICENESS));
  assert.equal(yielding.length, 1, `one render thread ${hasChrt ? 'in the idle class' : `at nice ${RENDER_NICENESS}`}: ${JSON.stringify(threads)}`);
  assert.notEqual(yielding[0]!.tid, process.pid);
});

test('a reader who leaves while the threads are busy is dropped unrendered; the others are answered', async () => {
  const pool = app.renderThreads!;
  const droppedBefore = pool.dropped;
  // Two slow renders fill the one thread (it holds IN_FLIGHT_PER_THREAD at once).
  const slow = [1, 2].map((n) => fetch(`${base}/search?q=slow${n}`, { headers: { 'x-blattwerk-fault': 'slow' } }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Five readers who give up: they wait on the main thread and close their connections.
  const leaving = Array.from({ length: 5 }, (_, n) => {
    const controller = new AbortController();
    const request = fetch(`${base}/search?q=gone${n}`, { signal: controller.signal }).catch((error: Error) => error);
    return { controller, request };
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(pool.queued >= 5, `the five wait on the main thread (queued: ${pool.queued})`);
  for (const reader of leaving) reader.controller.abort();
  for (const reader of leaving) assert.ok((await reader.request) instanceof Error);
  const staying = fetch(`${base}/search?q=F%C3%A4den`);
  for (const response of await Promise.all(slow)) assert.equal(response.status, 200);
  assert.equal((await staying).status, 200, 'a reader who waits is answered');
  assert.equal(pool.dropped - droppedBefore, 5, 'the five who left were never rendered');
  assert.equal(pool.queued, 0);
});

test('cookie-less readers asking for a page while it renders share that render, unless the cache changed meanwhile', async () => {
  const pool = app.renderThreads!;
  const cache = app.services.pages.cache;
  const url = '/faden-und-faeden/';
  cache.drop([`article:${articleId}`], { untagged: false });
  const before = pool.dispatched;
  // The first render is handed over 400 ms late; two readers arrive meanwhile.
  const heldBefore = pool.held;
  const first = fetch(`${base}${url}`, { headers: { 'x-blattwerk-fault': 'late' } });
  await untilHeld(app.renderThreads!, heldBefore);
  const others = [fetch(`${base}${url}`), fetch(`${base}${url}`, { headers: { 'accept-encoding': 'br' } })];
  const bodies = await Promise.all([first, ...others].map(async (response) => {
    const answered = await response;
    assert.equal(answered.status, 200);
    return answered.text();
  }));
  assert.equal(pool.dispatched - before, 1, 'one render for three readers');
  assert.equal(bodies[1], bodies[0]);
  assert.equal(bodies[2], bodies[0]);
  // A drop while the render is under way: a reader arriving after it gets a render of their own.
  cache.drop([`article:${articleId}`], { untagged: false });
  const again = pool.dispatched;
  const heldAgain = pool.held;
  const slow = fetch(`${base}${url}`, { headers: { 'x-blattwerk-fault': 'late' } });
  await untilHeld(app.renderThreads!, heldAgain);
  cache.drop([`article:${articleId}`], { untagged: false });
  const after = fetch(`${base}${url}`);
  assert.equal((await slow).status, 200);
  assert.equal((await after).status, 200);
  assert.equal(pool.dispatched - again, 2, 'the reader after the drop did not share the earlier render');
});

test('a page the cache will not keep is compressed once, cheaply; the one it keeps, well', async () => {
  // An address with a query is kept the second time it is asked for (`PageCache.admit`): the
  // first answer is brotli at a low level, made for this reader alone; the second is stored.
  const once = await request('/search?q=F%C3%A4den&once=1', { 'accept-encoding': 'br' });
  const kept = await request('/search?q=F%C3%A4den&once=1', { 'accept-encoding': 'br' });
  assert.equal(once.headers['content-encoding'], 'br');
  assert.equal(kept.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(once.body).toString(), brotliDecompressSync(kept.body).toString(), 'the same page');
  assert.ok(once.body.length > kept.body.length, `asked once: ${once.body.length} bytes at a low level; kept: ${kept.body.length} bytes at level 6`);
});

test('a browser taking both encodings gets a one-off page in gzip (quick, through a kept engine) and the cached page in brotli', async () => {
  const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  const once = await request('/search?q=Haushalt&both=1', browser);
  const kept = await request('/search?q=Haushalt&both=1', browser);
  assert.equal(once.headers['content-encoding'], 'gzip');
  assert.equal(kept.headers['content-encoding'], 'br');
  assert.equal(gunzipSync(once.body).toString(), brotliDecompressSync(kept.body).toString(), 'the same page');
  const brOnly = await request('/search?q=Haushalt&both=2', { 'accept-encoding': 'br' });
  assert.equal(brOnly.headers['content-encoding'], 'br', 'a reader who takes brotli alone still gets it');
});

test('a one-off page for a cookie-less reader crosses as its copy alone; readers sharing its render in another encoding, and visitors with a session, still get the whole page', async () => {
  // What crosses, seen in a render thread's app (in this thread, through the router).
  const { answerLocally } = await import('./local-request.js');
  const { RELAY_ID_HEADER, RELAY_ONCE_HEADER } = await import('./pages.js');
  const config = { ...loadConfig({ flags: { data: dir, 'log-level': 'silent', workers: false }, env: {} }), renderThreads: 0, pageCache: false };
  const thread = await buildApp(config, { renderThread: true });
  try {
    const pages = thread.services.pages;
    pages.relayed = new ChurnTable();
    pages.relayCaches = true;
    const crossed = async (id: string, headers: Record<string, string>, once: boolean) => {
      await answerLocally(thread.http, { method: 'GET', url: `/search?q=F%C3%A4den&id=${id}`, headers: { host: '127.0.0.1', 'accept-encoding': 'br', ...headers, [RELAY_ID_HEADER]: id, [RELAY_ONCE_HEADER]: once ? '1' : '0' }, remoteAddress: '127.0.0.1' });
      return pages.relayed!.get(id)!;
    };
    const alone = await crossed('a', {}, true);
    assert.equal(alone.prebuilt.copyOnly, true);
    assert.equal(alone.template.byteLength, 0);
    assert.deepEqual(alone.prebuilt.parts, []);
    assert.ok(alone.prebuilt.anonymous!.identity.byteLength > 1000 && alone.prebuilt.anonymous!.br!.byteLength > 0);
    assert.equal(alone.template.buffer.byteLength, alone.prebuilt.anonymous!.identity.byteLength + alone.prebuilt.anonymous!.br!.byteLength, 'the copy and its body are all that crosses');
    for (const [id, headers, once] of [['b', { cookie: 'bw_sid=someone' }, true], ['c', {}, false]] as const) {
      const whole = await crossed(id, headers, once);
      assert.equal(whole.prebuilt.copyOnly, undefined, id);
      assert.ok(whole.template.byteLength > 1000 && whole.prebuilt.parts.length > 0, id);
    }
  } finally {
    await thread.close();
  }

  // Over HTTP: a render made for one reader in brotli, shared by one asking for gzip and one
  // for no encoding, and asked for by a visitor with a session (who gets a render of their own).
  const url = '/search?q=F%C3%A4den&shared=1';
  const heldBefore = app.renderThreads!.held;
  const first = request(url, { 'accept-encoding': 'br', 'x-blattwerk-fault': 'late' });
  await untilHeld(app.renderThreads!, heldBefore);
  const [br, gzip, plain, own] = await Promise.all([first, request(url, { 'accept-encoding': 'gzip' }), request(url, {}), request(url, { cookie: 'bw_sid=session-of-a-reader' })]);
  const page = brotliDecompressSync(br.body).toString('utf8');
  assert.match(page, /Faden und Fäden/);
  assert.equal(gunzipSync(gzip.body).toString('utf8'), page);
  assert.equal(plain.body.toString('utf8'), page);
  const ownPage = own.body.toString('utf8');
  assert.match(ownPage, /Faden und Fäden/);
  assert.ok(ownPage.includes(app.services.csrf.tokenFor('session-of-a-reader')) && !ownPage.includes(app.services.csrf.anonymousToken()));
  assert.equal(app.services.pages.cache.peek(url), undefined, 'a copy-only page is not stored');
});
