import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPacer, slotTime } from './pacing.js';

test('recipients are scheduled in one-second slots of `rate`', () => {
  const start = new Date('2026-05-01T10:00:00Z');
  assert.deepEqual([0, 19, 20, 39, 40, 1999].map((k) => (slotTime(start, k, 20).getTime() - start.getTime()) / 1000), [0, 0, 1, 1, 2, 99]);
  assert.equal(slotTime(start, 5, 0).getTime() - start.getTime(), 5000, 'a broken rate falls back to one per second');
  assert.equal(slotTime(start, 5, Number.NaN).getTime() - start.getTime(), 5000);
});

test('the pacer lets `rate` sends a second through, however many wait', async () => {
  let now = 1000;
  const waits: number[] = [];
  const pacer = createPacer({ now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) });
  for (let i = 0; i < 10; i++) await pacer.take(5);
  assert.deepEqual(waits, [200, 200, 200, 200, 200, 200, 200, 200, 200], 'the first goes at once, then one every 200 ms');
  assert.equal(now, 2800);
  now += 5000; // idle time is not saved up for a burst
  await pacer.take(5);
  await pacer.take(5);
  assert.deepEqual(waits.slice(-1), [200]);
});
