// Rate limits and bans key an IPv6 sender by its /64 (issue 15, finding 11): one household
// or one server gets a whole /64, so keying the full address would give it unlimited keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ipHash } from './privacy.js';

const SECRET = 'test-secret';
const DAY = new Date('2026-05-01T10:00:00Z');
const hash = (ip: string) => ipHash(ip, SECRET, DAY);

test('IPv6 addresses of one /64 share a key, in any notation', () => {
  const base = hash('2001:db8:1234:5678::1');
  for (const ip of [
    '2001:db8:1234:5678::2',
    '2001:db8:1234:5678:ffff:ffff:ffff:ffff',
    '2001:0db8:1234:5678:0000:0000:0000:abcd',
    '2001:DB8:1234:5678:a:b:c:d',
    '2001:db8:1234:5678:1:2:3.4.5.6',
    '2001:db8:1234:5678::1%eth0',
  ]) {
    assert.equal(hash(ip), base, ip);
  }
});

test('different /64s, and IPv4 addresses, stay apart', () => {
  const keys = ['2001:db8:1234:5678::1', '2001:db8:1234:5679::1', '2001:db8:1234::1', '::1', '203.0.113.7', '203.0.113.8'].map(hash);
  assert.equal(new Set(keys).size, keys.length);
});

test('an IPv4 address seen as IPv4-mapped IPv6 is the same sender', () => {
  assert.equal(hash('::ffff:203.0.113.7'), hash('203.0.113.7'));
  assert.equal(hash('::ffff:cb00:7107'), hash('203.0.113.7'));
  assert.notEqual(hash('::ffff:203.0.113.8'), hash('203.0.113.7'));
});

test('the key changes daily and with the secret', () => {
  assert.notEqual(ipHash('203.0.113.7', SECRET, new Date('2026-05-02T10:00:00Z')), hash('203.0.113.7'));
  assert.notEqual(ipHash('203.0.113.7', 'other', DAY), hash('203.0.113.7'));
  assert.match(hash('203.0.113.7'), /^[A-Za-z0-9_-]{22}$/);
});

test('a remembered hash is the one the HMAC gives, for its day and secret only', () => {
  const fresh = (ip: string, secret: string, day: string) => createHmac('sha256', `${secret}:ip:${day}`).update(ip).digest('base64url').slice(0, 22);
  // Asked twice, across a change of day and back, and with another secret in between.
  for (let round = 0; round < 2; round++) {
    assert.equal(ipHash('203.0.113.7', SECRET, DAY), fresh('203.0.113.7', SECRET, '2026-05-01'));
    assert.equal(ipHash('203.0.113.7', SECRET, new Date('2026-05-02T00:30:00Z')), fresh('203.0.113.7', SECRET, '2026-05-02'));
    assert.equal(ipHash('203.0.113.7', 'other', new Date('2026-05-02T00:30:00Z')), fresh('203.0.113.7', 'other', '2026-05-02'));
  }
  // More senders than are remembered: the first is still right after it has been forgotten.
  for (let i = 0; i < 5000; i++) ipHash(`10.0.${i >> 8}.${i & 255}`, SECRET, DAY);
  assert.equal(ipHash('203.0.113.7', SECRET, DAY), fresh('203.0.113.7', SECRET, '2026-05-01'));
});
