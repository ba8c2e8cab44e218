import { test } from 'node:test';
import assert from 'node:assert/strict';
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
