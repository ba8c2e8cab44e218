import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIRM_HOURS, confirmToken, manageToken, readConfirmToken, readManageToken } from './tokens.js';

const SECRET = 'test-secret';
const now = new Date('2026-05-01T10:00:00Z');

test('a confirm token reads back until it expires, then says expired', () => {
  const token = confirmToken(SECRET, 42, now);
  assert.deepEqual(readConfirmToken(SECRET, token, now), { ok: true, subscriberId: 42 });
  const almost = new Date(now.getTime() + CONFIRM_HOURS * 3_600_000);
  assert.equal(readConfirmToken(SECRET, token, almost).ok, true);
  assert.deepEqual(readConfirmToken(SECRET, token, new Date(almost.getTime() + 1)), { ok: false, reason: 'expired' });
});

test('forged, altered and foreign tokens are invalid, never expired', () => {
  const token = confirmToken(SECRET, 42, now);
  const [kind, id, expires, mac] = token.split('.');
  const later = (Number.parseInt(expires!, 36) + 86_400_000).toString(36);
  for (const forged of [
    `${kind}.43.${expires}.${mac}`, // another subscriber
    `${kind}.${id}.${later}.${mac}`, // a longer life
    `${kind}.${id}.${expires}.${mac!.slice(0, -1)}x`,
    confirmToken('another-site', 42, now),
    manageToken(SECRET, 42), // the wrong kind of token
    '', 'c.1.2', 'c.0.abc.def', 'c.01.abc.def', `c.42.${expires}.${mac}.x`, 'x'.repeat(5000),
  ]) {
    assert.deepEqual(readConfirmToken(SECRET, forged, now), { ok: false, reason: 'invalid' }, forged.slice(0, 60));
  }
  for (const odd of [undefined, null, 42, ['c'], { token }]) assert.equal(readConfirmToken(SECRET, odd, now).ok, false);
  // Even long expired, a forged token is only ever "invalid".
  assert.equal(readConfirmToken(SECRET, `${kind}.${id}.${expires}.${'A'.repeat(32)}`, new Date('2030-01-01')).ok === false, true);
});

test('manage tokens do not expire and cannot be moved to another subscriber', () => {
  const token = manageToken(SECRET, 7);
  assert.match(token, /^m\.7\.[\w-]{32}$/);
  assert.deepEqual(readManageToken(SECRET, token), { ok: true, subscriberId: 7 });
  assert.deepEqual(readManageToken(SECRET, token.replace('m.7.', 'm.8.')), { ok: false, reason: 'invalid' });
  assert.deepEqual(readManageToken('other', token), { ok: false, reason: 'invalid' });
  assert.deepEqual(readManageToken(SECRET, confirmToken(SECRET, 7, now)), { ok: false, reason: 'invalid' });
});
