import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedMemo } from './memo.js';

test('a bounded memo makes each value once, and makes the oldest again once more than its bound were kept', () => {
  const made: string[] = [];
  const memo = boundedMemo<string, string>(2);
  const get = (key: string) => memo.get(key, () => (made.push(key), key.toUpperCase()));
  assert.deepEqual([get('a'), get('a'), get('b'), get('c'), get('b'), get('a')], ['A', 'A', 'B', 'C', 'B', 'A']);
  assert.deepEqual(made, ['a', 'b', 'c', 'a'], "'a' was dropped when 'c' came");
  memo.clear();
  get('b');
  assert.deepEqual(made, ['a', 'b', 'c', 'a', 'b']);
});
