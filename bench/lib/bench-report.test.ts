import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanP99, cleanRpsOf } from './bench-report.js';
import type { RoundRun } from './rounds.js';

const run = (round: number, requestsPerSec: number, p99Ms: number, stops: number): RoundRun => ({
  round,
  result: { requestsPerSec, p99Ms } as RoundRun['result'],
  command: 'wrk',
  load: 1,
  cpuUsPerRequest: null,
  stalls: { count: stops, worstMs: stops ? 100 : 0, totalMs: stops * 100 },
});

test('tail latency and throughput are judged on the runs the machine did not stop during', () => {
  const runs = [run(1, 400, 48, 1), run(2, 650, 4, 0), run(3, 440, 52, 2), run(4, 640, 6, 0), run(5, 660, 5, 0)];
  assert.equal(cleanP99(runs), 5, 'the median p99 of the three clean runs');
  assert.equal(cleanRpsOf(runs), 650);
});

test('without a clean run there is no judged p99, and throughput falls back to every run', () => {
  const runs = [run(1, 400, 48, 1), run(2, 500, 52, 2)];
  assert.ok(Number.isNaN(cleanP99(runs)));
  assert.equal(cleanRpsOf(runs), 450);
});
