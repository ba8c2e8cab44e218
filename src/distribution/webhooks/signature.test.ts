// The documented signature, recomputed by hand as a receiver following README.md would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { generateSecret, signWebhook, verifyWebhook } from './signature.js';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"d1","event":"article.published","createdAt":"2026-05-01T10:00:00.000Z","data":{"article":{"title":"Ä & <b>"}}}';

test('sha256= + hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret', () => {
  const expected = createHmac('sha256', SECRET).update(`1777629600.${BODY}`, 'utf8').digest('hex');
  assert.equal(signWebhook(SECRET, 1777629600, BODY), `sha256=${expected}`);
  assert.match(signWebhook(SECRET, 1, ''), /^sha256=[0-9a-f]{64}$/);
});

test('verification: right secret and fresh timestamp only', () => {
  const now = new Date(1777629600_000);
  const signature = signWebhook(SECRET, 1777629600, BODY);
  assert.equal(verifyWebhook(SECRET, { signature, timestamp: '1777629600', body: BODY }, { now }), true);
  assert.equal(verifyWebhook('whsec_other', { signature, timestamp: '1777629600', body: BODY }, { now }), false);
  assert.equal(verifyWebhook(SECRET, { signature, timestamp: '1777629600', body: `${BODY} ` }, { now }), false, 'body changed');
  assert.equal(verifyWebhook(SECRET, { signature, timestamp: '1777629601', body: BODY }, { now }), false, 'timestamp is signed');
  const late = new Date(now.getTime() + 301_000);
  assert.equal(verifyWebhook(SECRET, { signature, timestamp: '1777629600', body: BODY }, { now: late }), false, 'replayed later');
  assert.equal(verifyWebhook(SECRET, { signature: undefined, timestamp: '1777629600', body: BODY }, { now }), false);
  assert.equal(verifyWebhook(SECRET, { signature, timestamp: 'abc', body: BODY }, { now }), false);
});

test('secrets are long, random and recognisable', () => {
  const a = generateSecret();
  assert.match(a, /^whsec_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, generateSecret());
});
