// Confirmation tokens and signed unsubscribe links: shapes, round trips, forgeries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConfirmToken, newConfirmToken, signUnsubscribe, tokenHash, verifyUnsubscribe } from './tokens.js';

const SECRET = 'test-secret';

test('a confirmation token is random, URL-safe, and only its hash is kept', () => {
  const a = newConfirmToken();
  const b = newConfirmToken();
  assert.notEqual(a.token, b.token);
  assert.ok(isConfirmToken(a.token));
  assert.equal(a.hash, tokenHash(a.token));
  assert.notEqual(a.hash, a.token);
  for (const bad of ['', 'short', `${a.token}x`, `${a.token.slice(0, 42)}/`, 42, null]) assert.equal(isConfirmToken(bad), false);
});

test('unsubscribe links verify for what they were signed for, and nothing else', () => {
  for (const target of [{ kind: 'reply', id: 12 }, { kind: 'author', id: 3 }, { kind: 'queue', id: 3 }] as const) {
    const token = signUnsubscribe(SECRET, target);
    assert.match(token, /^[raq]\d+\.[A-Za-z0-9_-]{32}$/);
    assert.deepEqual(verifyUnsubscribe(SECRET, token), target);
  }
  const genuine = signUnsubscribe(SECRET, { kind: 'reply', id: 12 });
  const mac = genuine.split('.')[1]!;
  const forged = [
    `r13.${mac}`, // another subscription with a copied signature
    `a12.${mac}`, // another kind
    `r12.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
    signUnsubscribe('another-site', { kind: 'reply', id: 12 }),
    'r12', 'r0.' + mac, 'r012.' + mac, `r99999999999.${mac}`, '', 'x'.repeat(300),
  ];
  for (const token of forged) assert.equal(verifyUnsubscribe(SECRET, token), null, token);
});
