// The commenter key: stable per identity, different between identities, and nothing of
// the e-mail hash (which moderation uses) shows through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailHash } from '../../platform/privacy.js';
import { commenterKey, COMMENTER_KEY_PATTERN } from './key.js';

const SECRET = 'test-secret-of-the-site';

test('the same identity always has the same key; different identities differ', () => {
  const lea = `email:${emailHash('lea@example.org', SECRET)}`;
  assert.equal(commenterKey(SECRET, lea), commenterKey(SECRET, lea));
  const keys = new Set([lea, `email:${emailHash('max@example.org', SECRET)}`, 'reader:1', 'reader:2', 'user:1'].map((id) => commenterKey(SECRET, id)));
  assert.equal(keys.size, 5);
  for (const key of keys) assert.match(key, COMMENTER_KEY_PATTERN);
});

test('the key shares nothing with the e-mail hash and depends on the site secret', () => {
  const hash = emailHash('lea@example.org', SECRET);
  const key = commenterKey(SECRET, `email:${hash}`);
  for (let i = 0; i + 6 <= hash.length; i++) assert.ok(!key.includes(hash.slice(i, i + 6)), 'no run of the hash in the key');
  assert.notEqual(commenterKey('another-site', `email:${hash}`), key);
});
