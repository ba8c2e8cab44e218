import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanP99, cleanRpsOf, p99Verdict, pairedMedian } from './bench-report.js';
import { pooledRate, type PairedRound, type RoundRun } from './rounds.js';

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

test('a p99 target is met only below its limit, on runs without a machine stop', () => {
  assert.equal(p99Verdict([run(1, 500, 264, 0), run(2, 520, 240, 0), run(3, 480, 90, 1), run(4, 510, 250, 0)], 100), '**250 ms** (NOT met)', 'the stopped run left out');
  assert.equal(p99Verdict([run(1, 500, 60, 0), run(2, 520, 240, 1)], 100), '**60.0 ms** (met)');
  assert.equal(p99Verdict([run(1, 500, 60, 1)], 100), 'no run without a machine stop: **not judged**');
});

test('side by side, a ratio is all requests over all time, and rounds with a machine stop do not judge', () => {
  const slice = (requests: number, durationS: number) => ({ requests, durationS }) as PairedRound['reference'][number];
  assert.equal(pooledRate([slice(100, 2), slice(300, 2)]), 100);
  const round = (n: number, ratio: number, stopped: boolean): PairedRound => ({ round: n, reference: [], subject: [], ratio, stopped });
  assert.ok(Math.abs(pairedMedian([round(1, 0.9, false), round(2, 0.5, true), round(3, 0.86, false)]) - 0.88) < 1e-9);
  assert.equal(pairedMedian([round(1, 0.9, true), round(2, 0.5, true), round(3, 0.7, true)]), 0.7);
});
