// Which of the process's flags a render thread starts with (threads.ts `workerExecArgv`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerExecArgv } from './threads.js';

test('loader and profiler flags pass on with their values, in either form; the test runner\'s stay behind', () => {
  assert.deepEqual(
    workerExecArgv(['--test', '--test-concurrency=1', '--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir=/tmp/p', '--import', 'tsx', '--conditions=dev'], false),
    ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir=/tmp/p', '--import', 'tsx', '--conditions=dev'],
  );
  assert.deepEqual(workerExecArgv(['--max-old-space-size=512'], true), ['--import', 'tsx'], 'sources get tsx');
  assert.deepEqual(workerExecArgv(['--import=tsx'], true), ['--import=tsx'], 'not twice');
  assert.deepEqual(workerExecArgv(['--cpu-prof-interval'], false), [], 'a flag missing its value is left out');
});

test('a Worker accepts what is passed on (a profiler interval given as two arguments stopped every render thread)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blattwerk-prof-'));
  try {
    const argv = workerExecArgv(['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', '--test'], false);
    const worker = new Worker('process.exit(0)', { eval: true, execArgv: argv });
    const code = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', resolve);
    });
    assert.equal(code, 0);
    assert.equal(readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).length, 1, 'the thread was profiled');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => new Worker('process.exit(0)', { eval: true, execArgv: ['--cpu-prof-interval'] }), { code: 'ERR_WORKER_INVALID_EXEC_ARGV' });
});
