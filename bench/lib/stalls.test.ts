import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { startStallWatch, summarise, type Stall } from './stalls.js';

test('a stop counts for every window it overlaps, and only those', () => {
  const stalls: Stall[] = [
    { cpu: '0', endedAt: 1_100, ms: 100 }, // stopped 1,000–1,100
    { cpu: '1', endedAt: 5_030, ms: 30 }, // stopped 5,000–5,030
  ];
  assert.deepEqual(summarise(stalls, 0, 999), { count: 0, worstMs: 0, totalMs: 0 });
  assert.deepEqual(summarise(stalls, 1_050, 2_000), { count: 1, worstMs: 100, totalMs: 100 });
  assert.deepEqual(summarise(stalls, 900, 5_001), { count: 2, worstMs: 100, totalMs: 130 });
  assert.deepEqual(summarise(stalls, 5_031, 9_000), { count: 0, worstMs: 0, totalMs: 0 });
});

test('a watcher that cannot run for a while reports the stop', { skip: process.platform !== 'linux' && 'needs Linux' }, async () => {
  const watch = await startStallWatch(['0'], 20);
  try {
    const from = Date.now();
    // Freeze the watcher as the host freezes a virtual CPU: SIGSTOP, then SIGCONT 150 ms later.
    const pids = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
    const frozen = pids.filter((pid) => execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).includes('performance.now'));
    assert.ok(frozen.length > 0, 'the watcher process is found');
    // chrt and taskset exec the watcher, so the child's pid is the watcher's own.
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 150));
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = watch.between(from, Date.now());
    // At least this one (the host may stop the machine too while the test runs).
    assert.ok(seen.count >= 1);
    assert.ok(seen.worstMs >= 140, `the stop lasted ~150 ms, the watcher saw ${seen.worstMs} ms`);
  } finally {
    await watch.stop();
  }
});
