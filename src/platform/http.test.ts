// Request ids (http.ts `requestId`): cut from a pool of randomness, never repeated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestId } from './http.js';

test('request ids are 16 hex digits and differ, across refills of their pool', () => {
  // 512 ids per 4 KB pool: 2,000 take four refills.
  const ids = Array.from({ length: 2000 }, () => requestId());
  for (const id of ids) assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(new Set(ids).size, ids.length);
  // Consecutive ids share no structure (no counter behind them): their first halves differ too.
  assert.equal(new Set(ids.map((id) => id.slice(0, 8))).size, ids.length);
});
