// Run: node --import tsx --test bench/lib/live-report.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { earlierRuns, failedLiveSection, LIVE_HEADING, median, renderLiveSection, replaceLiveSection, type LiveRound, type LiveRun } from './live-report.js';
import type { Machine } from './machine.js';

const machine: Machine = {
  date: '2026-12-06T09:00:00Z', cpuModel: 'Test CPU', logicalCores: 2, availableParallelism: 2, cgroupCpuLimit: null, memoryGiB: 8,
  os: 'Linux', node: 'v20.20.2', nginx: '1.22.1', wrk: '4.1.0', loadAverage: '0.50 0.40 0.30', commit: 'abc1234',
};

function round(hitRate: number, p50: number): LiveRound {
  const tally = { sent: 100, acknowledged: 100, skipped: 0, failures: {}, p50Ms: 5, p99Ms: 50 };
  return {
    hits: hitRate * 1000, misses: (1 - hitRate) * 1000, hitRate, loadAtStart: 1, serverCpu: 0.9, readerRequests: 1000, readerRps: 100, readerBytes: 40_000,
    readerP50Ms: p50, readerP99Ms: p50 * 10, readerErrors: 0, readerNon2xx: 0,
    comments: { ...tally, published: 99, landed: 99 }, likes: { ...tally, sent: 500, acknowledged: 500, landed: 500 },
  };
}

function run(label: string, rounds: LiveRound[]): LiveRun {
  return {
    label, machine, rounds, secondsPerRound: 10, commentsPerSec: 10, likesPerSec: 50, liveArticle: 'stadtrat', articles: ['stadtrat', 'tram'],
    seededComments: 1650, readerCommand: 'wrk …', serverCommand: 'node bin/blattwerk.js serve …', command: 'npm run bench:live', totalSeconds: 60, notes: [],
  };
}

const FILE = ['# Benchmark results', '', '## Summary', '', 'figures', '', '## Other measurements', '', '- large', '', '## History', '', '- old run', ''].join('\n');

test('median takes the middle value, the mean of the middle two, and skips missing values', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([null, 5, Number.NaN, undefined]), 5);
  assert.equal(median([]), null);
});

test('the first run inserts the section before "Other measurements" and leaves the rest alone', () => {
  const lines = renderLiveSection(run('before (a5afca3)', [round(0.4, 20), round(0.5, 10), round(0.45, 30)]), FILE);
  const out = replaceLiveSection(FILE, lines);
  assert.ok(out.indexOf(LIVE_HEADING) > out.indexOf('## Summary') && out.indexOf(LIVE_HEADING) < out.indexOf('## Other measurements'));
  assert.ok(out.includes('- old run') && out.includes('figures'));
  const [row] = earlierRuns(out);
  assert.match(row!, /^\| before \(a5afca3\) · 2026-12-06T09:00:00Z \| 45\.0 % \(40\.0 %–50\.0 %\) \| 100 \| 20\.0 ms \| 200 ms \| 297 \/ 300 \| 1,500 \/ 1,500 \| 3 × 10 s \|/);
});

test('a later run keeps the earlier rows, replaces the details, and a failed run keeps the rows too', () => {
  const first = replaceLiveSection(FILE, renderLiveSection(run('before (a5afca3)', [round(0.4, 20)]), FILE));
  const second = replaceLiveSection(first, renderLiveSection(run('after', [round(0.99, 2)]), first));
  const rows = earlierRuns(second);
  assert.equal(rows.length, 2);
  assert.match(rows[0]!, /^\| before \(a5afca3\)/);
  assert.match(rows[1]!, /^\| after/);
  assert.equal(second.split(LIVE_HEADING).length, 2, 'one section');
  assert.equal(second.split('### Latest run').length, 2, 'one details block');
  assert.ok(second.includes('### Latest run: after'));

  const failed = replaceLiveSection(second, failedLiveSection(new Error('wrk exploded'), second));
  assert.deepEqual(earlierRuns(failed), rows);
  assert.ok(failed.includes('wrk exploded') && failed.includes('## Other measurements'));
});
