// The federation's parts on their own: a remote note's HTML becomes comment text (links,
// quotes, breaks; our own mentions and every script dropped; Markdown characters escaped);
// the key–value store Fedify caches in (get/set/ttl/cas/list by prefix) and the keys (made
// once, the same on a second node, new ones after a rotation) on both databases; blocked
// domains match their subdomains; the collections and the actor documents over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Temporal } from '@js-temporal/polyfill';
import { exportJwk } from '@fedify/fedify';
import { eachDatabase } from '../platform/testing.js';
import { createKeyStore } from './keys.js';
import { createKvStore } from './kv.js';
import { noteToCommentText } from './remote-html.js';
import { isBlocked, normaliseDomain } from './settings.js';

test('a note’s HTML becomes comment text: links, quotes and breaks kept, scripts and our mentions dropped', () => {
  const own = ['https://news.example/ap/actors/site'];
  assert.equal(
    noteToCommentText('<p><span class="h-card"><a href="https://news.example/ap/actors/site" class="u-url mention">@<span>site</span></a></span> Danke!</p>', { ownActors: own }),
    'Danke!',
  );
  assert.equal(noteToCommentText('<p>Siehe <a href="https://x.org/a?b=(1)">die Quelle</a> und https://y.org</p>'), 'Siehe [die Quelle](https://x.org/a?b=%281%29) und https://y.org');
  assert.equal(noteToCommentText('<blockquote><p>Zitat</p></blockquote><p>Eins<br>Zwei</p>'), '> Zitat\n\nEins\nZwei');
  assert.equal(noteToCommentText('<p>a <script>alert(1)</script><style>*{}</style>b</p>'), 'a b');
  assert.equal(noteToCommentText('<p>*fett* _x_ &lt;b&gt; [l](javascript:alert(1))</p>'), '\\*fett\\* \\_x\\_ \\<b\\> \\[l\\](javascript:alert(1))');
  assert.equal(noteToCommentText('<p><a href="javascript:alert(1)">klick</a> <a href="https://m.example/tags/rat" class="mention hashtag">#<span>rat</span></a></p>'), 'klick #rat');
});

test('blocked domains cover their subdomains; entries are normalised or refused', () => {
  assert.equal(normaliseDomain(' Spam.Example. '), 'spam.example');
  assert.equal(normaliseDomain('*.evil.example'), 'evil.example');
  assert.equal(normaliseDomain('not a domain'), null);
  assert.ok(isBlocked('social.spam.example', ['spam.example']));
  assert.ok(isBlocked('SPAM.example', ['spam.example']));
  assert.ok(!isBlocked('notspam.example', ['spam.example']));
});

eachDatabase('federation key–value store', (handle) => {
  test('get, set with ttl, delete, compare-and-set, list by prefix', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const kv = createKvStore(handle(), () => now);
    await kv.set(['_fedify', 'doc', 'https://a.example/1'], { a: 1 });
    await kv.set(['_fedify', 'doc', 'https://a.example/2'], [1, 2], { ttl: Temporal.Duration.from({ minutes: 5 }) as never });
    await kv.set(['_fedify', 'docs'], 'not under doc');
    await kv.set(['other', '%_'], true);
    assert.deepEqual(await kv.get(['_fedify', 'doc', 'https://a.example/1']), { a: 1 });
    const listed = [];
    for await (const entry of kv.list(['_fedify', 'doc'])) listed.push(entry.key.at(-1));
    assert.deepEqual(listed, ['https://a.example/1', 'https://a.example/2']);
    now = new Date('2030-01-01T00:06:00Z');
    assert.equal(await kv.get(['_fedify', 'doc', 'https://a.example/2']), undefined, 'expired');
    assert.equal(await kv.cas!(['counter'], undefined, 1), true);
    assert.equal(await kv.cas!(['counter'], undefined, 1), false);
    assert.equal(await kv.cas!(['counter'], 1, 2), true);
    assert.equal(await kv.get(['counter']), 2);
    await kv.delete(['counter']);
    assert.equal(await kv.get(['counter']), undefined);
    const percent = [];
    for await (const entry of kv.list(['other'])) percent.push(entry.key);
    assert.deepEqual(percent, [['other', '%_']], 'LIKE wildcards in keys are literal');
  });
});

eachDatabase('federation keys', (handle) => {
  test('made once and shared by every node; rotation makes new ones', async () => {
    const a = createKeyStore(handle(), () => new Date());
    const b = createKeyStore(handle(), () => new Date());
    const first = await a.pairsOf('site');
    assert.equal(first.length, 2);
    assert.equal(first[0]!.privateKey.algorithm.name, 'RSASSA-PKCS1-v1_5');
    assert.equal(first[1]!.privateKey.algorithm.name, 'Ed25519');
    const jwk = async (pairs: typeof first) => JSON.stringify(await exportJwk(pairs[0]!.publicKey));
    assert.equal(await jwk(await b.pairsOf('site')), await jwk(first), 'the second node signs with the same key');
    assert.deepEqual(await a.rotate('site'), ['site']);
    const rotated = await b.pairsOf('site');
    assert.notEqual(await jwk(rotated), await jwk(first));
    assert.deepEqual(await a.rotate(), ['site']);
  });
});
