import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { Assembled, CachedPage, PageCache } from './cache.js';
import { createCsrf, CSRF_HOLE, TOKEN_LENGTH } from './csrf.js';
import { escapeHtml, html } from './html.js';

const page = `<meta name="csrf-token" content="${CSRF_HOLE}"><form><input name="_csrf" value="${CSRF_HOLE}"></form>`;

test('splices each visitor its own token and keeps the template', () => {
  const cache = new PageCache();
  const entry = cache.set('/a/', { status: 200, contentType: 'text/html', body: page });
  assert.equal(entry.holes, 2);
  const one = entry.splice('A'.repeat(TOKEN_LENGTH)).toString();
  const two = entry.splice('B'.repeat(TOKEN_LENGTH)).toString();
  assert.equal(one.split('A'.repeat(TOKEN_LENGTH)).length, 3);
  assert.ok(!one.includes('B') && !two.includes('A'));
  assert.notEqual(entry.etagFor('A'.repeat(TOKEN_LENGTH)), entry.etagFor('B'.repeat(TOKEN_LENGTH)));
});

test('the anonymous copy is compressed once and decompresses to the spliced page', () => {
  const cache = new PageCache();
  const entry = cache.set('/a/', { status: 200, contentType: 'text/html', body: page });
  const token = createCsrf('secret').anonymousToken();
  const copy = entry.anonymous(token);
  assert.equal(gunzipSync(copy.gzip).toString(), copy.identity.toString());
  assert.equal(brotliDecompressSync(copy.br).toString(), copy.identity.toString());
  assert.equal(entry.anonymous(token), copy);
  assert.ok(copy.identity.toString().includes(token));
});

test('the cache is bounded and drops the oldest entry first', () => {
  const cache = new PageCache({ maxEntries: 2 });
  cache.set('/1/', { status: 200, contentType: 'text/html', body: '1' });
  cache.set('/2/', { status: 200, contentType: 'text/html', body: '2' });
  cache.set('/3/', { status: 200, contentType: 'text/html', body: '3' });
  assert.equal(cache.size, 2);
  assert.equal(cache.get('/1/'), undefined);
  assert.ok(cache.get('/3/'));
});

test('a page built for another thread is compressed once, there and then, not again in the background', () => {
  const page = new CachedPage({ status: 200, contentType: 'text/html', body: `<p>${'Haushalt '.repeat(2000)}</p>` });
  const before = Assembled.backgroundCompressions;
  const built = page.prebuild('token-a', true, 'br');
  assert.ok(built.anonymous?.gzip && built.anonymous.br, 'both bodies, made now');
  assert.equal(brotliDecompressSync(built.anonymous.br).toString(), built.anonymous.identity.toString());
  assert.equal(Assembled.backgroundCompressions, before, 'nothing compressed a second time in the background');
  // A copy made on the thread that keeps it does compress in the background.
  new CachedPage({ status: 200, contentType: 'text/html', body: '<p>Stadtrat</p>' }).anonymous('token-b');
  assert.equal(Assembled.backgroundCompressions, before + 2);
});

test('a one-off copy decompresses to the page however well it compresses (its output buffers are sized to the page)', () => {
  const pages = {
    search: `<main>${'<article><h2>Haushalt 2027</h2><p>Der Stadtrat berät den Haushalt.</p></article>'.repeat(90)}</main>`,
    noise: `<pre>${randomBytes(6000).toString('base64')}</pre>`, // compresses poorly: several output buffers, joined
    long: `<main>${'<p>Grüße aus Lindenau, Straßenbahnlinie 7.</p>'.repeat(6000)}</main>`,
  };
  for (const [name, body] of Object.entries(pages)) {
    const built = new CachedPage({ status: 200, contentType: 'text/html', body }).prebuild('token', false, 'br');
    const gzipped = new CachedPage({ status: 200, contentType: 'text/html', body }).prebuild('token', false, 'gzip');
    const identity = built.anonymous!.identity;
    assert.deepEqual(brotliDecompressSync(built.anonymous!.br!), identity, name);
    assert.deepEqual(gunzipSync(gzipped.anonymous!.gzip!), identity, name);
  }
});

test('a page rendered while a drop touched what it shows is sent but not stored', () => {
  const cache = new PageCache();
  const page = (tags?: string[]) => ({ status: 200, contentType: 'text/html', body: 'x', ...(tags ? { tags } : {}) });
  const before = cache.stamp();
  cache.drop(['article:1'], { untagged: false });
  assert.equal(cache.setIfFresh('/a/', before, page(['article:1'])).stored, false, 'its article changed meanwhile');
  assert.equal(cache.peek('/a/'), undefined);
  assert.equal(cache.setIfFresh('/b/', before, page(['article:2'])).stored, true, 'another article did not');
  assert.equal(cache.setIfFresh('/c/', before, page()).stored, true, 'untagged pages stay unless untagged ones were dropped');
  assert.equal(cache.setIfFresh('/a/', cache.stamp(), page(['article:1'])).stored, true, 'rendered after the drop');
  const beforeAll = cache.stamp();
  cache.drop(['listing'], { untagged: true });
  assert.equal(cache.setIfFresh('/d/', beforeAll, page()).stored, false);
  const beforeClear = cache.stamp();
  cache.clear();
  assert.equal(cache.setIfFresh('/e/', beforeClear, page(['article:9'])).stored, false, 'a clear touches every page');
  assert.equal(cache.setIfFresh('/e/', undefined, page(['article:9'])).stored, true, 'no stamp: stored as before');
});

test('an address with a query string is stored the second time it is asked for; a flood of one-off addresses never enters', () => {
  const cache = new PageCache({ maxEntries: 10 });
  const page = { status: 200, contentType: 'text/html', body: 'x' };
  assert.equal(cache.setIfFresh('/stadtrat/', cache.stamp(), page).stored, true, 'no query: stored at once');
  for (let n = 0; n < 100; n++) assert.equal(cache.setIfFresh(`/stadtrat/?r=${n}`, cache.stamp(), page).stored, false);
  assert.equal(cache.size, 1, 'the one-off addresses never entered');
  assert.equal(cache.setIfFresh('/search?q=haushalt', cache.stamp(), page).stored, false, 'first time');
  assert.equal(cache.setIfFresh('/search?q=haushalt', cache.stamp(), page).stored, true, 'asked for again');
  assert.ok(cache.peek('/search?q=haushalt'));
});

test('the cache remembers the last 4,096 addresses asked for once, and forgets older ones', () => {
  const cache = new PageCache({ maxEntries: 10 });
  const page = { status: 200, contentType: 'text/html', body: 'x' };
  const ask = (url: string) => cache.setIfFresh(url, cache.stamp(), page).stored;
  const others = (from: number, count: number) => {
    for (let n = from; n < from + count; n++) assert.equal(ask(`/search?q=w${n}`), false);
  };
  assert.equal(ask('/search?q=rat'), false);
  others(0, 4095);
  assert.equal(cache.wouldStore('/search?q=rat'), true, 'one of the last 4,096');
  others(4095, 1);
  assert.equal(cache.wouldStore('/search?q=rat'), false, 'forgotten once 4,096 others came after it');
  assert.equal(cache.wouldStore('/search?q=w0'), true);

  // Asked for again, an address is stored. Asked for once more (after a clear), it takes a new
  // place in the ring, and the ring passing its old place does not forget it.
  assert.equal(ask('/search?q=w5'), true, 'w5 is at the ring\'s 7th place');
  cache.clear();
  assert.equal(ask('/search?q=w5'), false, 'a clear dropped the page; w5 now at the 2nd place');
  others(5000, 5);
  assert.equal(cache.wouldStore('/search?q=w5'), true, 'its old place was passed, its new one not');
  others(5005, 4090);
  assert.equal(cache.wouldStore('/search?q=w5'), true);
  others(9095, 1);
  assert.equal(cache.wouldStore('/search?q=w5'), false, '4,096 asked for since');
});

test('a page with a maximum age leaves the cache when it is reached', async () => {
  const cache = new PageCache();
  cache.set('/search?q=a', { status: 200, contentType: 'text/html', body: 'a', maxAgeMs: 30 });
  cache.set('/forever/', { status: 200, contentType: 'text/html', body: 'b' });
  assert.ok(cache.get('/search?q=a'));
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(cache.get('/search?q=a'), undefined);
  assert.equal(cache.size, 1);
  assert.ok(cache.get('/forever/'));
});

test('a page readers keep asking for outlives a flood of one-off addresses', () => {
  const cache = new PageCache({ maxEntries: 3 });
  const page = (body: string) => ({ status: 200, contentType: 'text/html', body });
  cache.set('/article/', page('popular'));
  for (let n = 1; n <= 50; n++) {
    cache.set(`/article/?r=${n}`, page(`one-off ${n}`));
    assert.ok(cache.get('/article/'), `still cached after ${n} one-off pages`);
  }
  assert.equal(cache.size, 3);
  assert.equal(cache.peek('/article/?r=1'), undefined, 'the one-off pages went');
  // Not asked for again: it goes like any other.
  for (let n = 51; n <= 54; n++) cache.set(`/article/?r=${n}`, page(`one-off ${n}`));
  assert.equal(cache.peek('/article/'), undefined);
});

test('escaped user text can never open a hole', () => {
  assert.ok(!escapeHtml(`x${CSRF_HOLE}y`).includes('\u0000'));
  assert.ok(!html`${CSRF_HOLE}`.toString().includes('\u0000'));
});

test('CSRF tokens: bound to the session, anonymous ones only from our own origin', () => {
  const csrf = createCsrf('s3cret');
  const origins = ['http://127.0.0.1:3000'];
  const mine = csrf.tokenFor('session-a');
  const other = csrf.tokenFor('session-b');
  assert.equal(mine.length, TOKEN_LENGTH);
  const check = (token: string | undefined, sessionCookie?: string, origin?: string, fetchSite?: string) =>
    csrf.verify({ token, sessionCookie, origin, fetchSite, allowedOrigins: origins });
  assert.equal(check(mine, 'session-a'), true);
  assert.equal(check(other, 'session-a'), false, "another session's token");
  assert.equal(check(undefined, 'session-a'), false, 'no token');
  const anon = csrf.anonymousToken();
  assert.equal(check(anon, undefined, 'http://127.0.0.1:3000', 'same-origin'), true);
  assert.equal(check(anon, undefined, 'https://evil.example', 'cross-site'), false);
  assert.equal(check(anon, undefined, 'https://evil.example'), false);
  assert.equal(check(anon, 'session-a'), false, 'the anonymous token is not valid with a session');
  const yesterday = csrf.anonymousToken(new Date(Date.now() - 86_400_000));
  assert.equal(check(yesterday, undefined, 'http://127.0.0.1:3000'), true);
  const old = csrf.anonymousToken(new Date(Date.now() - 3 * 86_400_000));
  assert.equal(check(old, undefined, 'http://127.0.0.1:3000'), false);
  // The cached day token must be recomputed for a different day argument.
  assert.equal(csrf.anonymousToken(), anon);
});

// A live discussion: likes (50 a second) and comments (10) on one article that everyone reads.
function liveCache() {
  let clock = 1_000_000;
  const cache = new PageCache({ refreshEveryMs: 1000, now: () => clock });
  const page = (body: string) => ({ status: 200, contentType: 'text/html', body, tags: ['article:7'] });
  cache.set('/live/', page('v1'));
  return { cache, page, advance: (ms: number) => void (clock += ms) };
}

/** What a reader's GET does: the stale page is sent unless this request takes on its refresh. */
function read(cache: PageCache, url: string): 'hit' | 'refresh' | 'miss' {
  const entry = cache.peek(url);
  if (!entry) return 'miss';
  return cache.claimRefresh(entry) ? 'refresh' : 'hit';
}

test('likes do not make readers of the page miss: it is sent stale while one request refreshes it, at most once a second', () => {
  const { cache, page, advance } = liveCache();
  advance(60_000);
  cache.markStale(['article:7'], { urgent: false });
  assert.equal(cache.peek('/live/')?.stale, true, 'a like marks the page, it does not drop it');
  // The first like after a quiet minute: the next reader refreshes, everyone else is sent the page.
  assert.equal(read(cache, '/live/'), 'refresh');
  const stamp = cache.stamp();
  const outcomes: string[] = [];
  // Five seconds of 50 likes and 1,000 reads a second; each refresh takes 20 ms to render.
  let rendering: { stamp: number; doneAt: number } | null = { stamp, doneAt: 20 };
  for (let ms = 1; ms <= 5000; ms++) {
    advance(1);
    if (ms % 20 === 0) cache.markStale(['article:7'], { urgent: false });
    if (rendering && ms >= rendering.doneAt) {
      assert.equal(cache.setIfFresh('/live/', rendering.stamp, page(`v${ms}`)).stored, true, 'a refresh is stored, likes or not');
      rendering = null;
    }
    const outcome = read(cache, '/live/');
    outcomes.push(outcome);
    if (outcome === 'refresh') rendering = { stamp: cache.stamp(), doneAt: ms + 20 };
  }
  assert.equal(outcomes.filter((o) => o === 'miss').length, 0, 'the page never left the cache');
  const refreshes = outcomes.flatMap((o, at) => (o === 'refresh' ? [at] : []));
  assert.equal(refreshes.length, 5, `one refresh a second: at ${refreshes.join(', ')} ms`);
  for (let i = 1; i < refreshes.length; i++) assert.ok(refreshes[i]! - refreshes[i - 1]! >= 1000);
  assert.equal(cache.peek('/live/')?.stale, true, 'a like landed during the last render: stored, and stale');
  assert.equal(cache.refreshes, 6);
});

test('a new comment makes the next read render the page at once; one landing during a refresh is followed by another', () => {
  const { cache, page, advance } = liveCache();
  advance(10);
  cache.markStale(['article:7'], { urgent: false });
  assert.equal(read(cache, '/live/'), 'hit', 'a like within the second waits for the interval');
  cache.markStale(['article:7'], { urgent: true });
  assert.equal(read(cache, '/live/'), 'refresh', 'a comment does not wait');
  const stamp = cache.stamp();
  assert.equal(read(cache, '/live/'), 'hit', 'one refresh at a time: the others are sent the page meanwhile');
  cache.markStale(['article:7'], { urgent: true }); // another comment, after the refresh read the database
  const { page: stored } = cache.setIfFresh('/live/', stamp, page('with the first comment'));
  assert.equal(stored.stale && stored.urgent, true);
  assert.equal(read(cache, '/live/'), 'refresh', 'the second comment is rendered by the next read');
  cache.setIfFresh('/live/', cache.stamp(), page('with both'));
  assert.equal(cache.peek('/live/')?.stale, false);
  assert.equal(read(cache, '/live/'), 'hit');
});

test('a removal drops the page at once, stale or not, and a render begun before it is not stored', () => {
  const { cache, page, advance } = liveCache();
  advance(5000);
  cache.markStale(['article:7'], { urgent: false });
  assert.equal(read(cache, '/live/'), 'refresh');
  const stamp = cache.stamp();
  cache.drop(['article:7'], { untagged: false }); // a moderator removed a comment
  assert.equal(read(cache, '/live/'), 'miss', 'never sent stale');
  assert.equal(cache.setIfFresh('/live/', stamp, page('with the removed comment')).stored, false);
  assert.equal(cache.peek('/live/'), undefined);
});

test('a refresh whose page never came back lets another request try after a while', () => {
  const { cache, advance } = liveCache();
  advance(5000);
  cache.markStale(['article:7'], { urgent: true });
  assert.equal(read(cache, '/live/'), 'refresh');
  advance(4000);
  assert.equal(read(cache, '/live/'), 'hit', 'still under way');
  advance(1000);
  assert.equal(read(cache, '/live/'), 'refresh', 'given up on: the next request renders');
});

test('a stale page is refreshed under its address with a query string too, and get() never answers it', () => {
  const { cache, page, advance } = liveCache();
  cache.setIfFresh('/live/?cpage=2', cache.stamp(), page('p2'));
  cache.setIfFresh('/live/?cpage=2', cache.stamp(), page('p2'));
  assert.ok(cache.peek('/live/?cpage=2'), 'stored the second time it was asked for');
  advance(5000);
  cache.markStale(['article:7'], { urgent: false });
  assert.equal(read(cache, '/live/?cpage=2'), 'refresh');
  const { stored } = cache.setIfFresh('/live/?cpage=2', cache.stamp(), page('p2 again'));
  assert.equal(stored, true, 'a cached address is stored again at once');
  cache.markStale(['article:7'], { urgent: false });
  // Callers that do not refresh (the Content API's answers) see a stale entry as gone.
  assert.equal(cache.get('/live/'), undefined);
  assert.equal(cache.peek('/live/'), undefined);
});
