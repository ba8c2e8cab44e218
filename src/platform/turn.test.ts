// forThisTurn (turn.ts): one read per key and turn; the next turn reads again; failures are not kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forThisTurn } from './turn.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('a lookup is read once per key in a turn, and again in the next turn', async () => {
  const reads: number[] = [];
  let version = 1;
  const lookup = forThisTurn(async (key: number) => (reads.push(key), `${key}@${version}`));
  assert.deepEqual(await Promise.all([lookup(1), lookup(1), lookup(2)]), ['1@1', '1@1', '2@1']);
  assert.deepEqual(reads, [1, 2]);
  version = 2;
  assert.equal(await lookup(1), '1@1', 'still the same turn');
  await nextTurn();
  assert.equal(await lookup(1), '1@2', 'a change counts from the next turn');
  assert.deepEqual(reads, [1, 2, 1]);
});

test('a failed read is not remembered', async () => {
  let fail = true;
  const lookup = forThisTurn(async (key: string) => {
    if (fail) throw new Error('down');
    return key;
  });
  await assert.rejects(lookup('a'), /down/);
  fail = false;
  assert.equal(await lookup('a'), 'a');
});
