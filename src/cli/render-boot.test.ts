// A render thread boots at ordinary priority and takes the idle class only once it is ready.
// It used to take the idle class first: on a core kept busy by ordinary work (a server
// restarted under load) it then got almost no CPU, never finished booting, and the event
// loop rendered every miss in place for as long as the load lasted. Real processes: the
// server pinned to one core beside a CPU-bound loop on the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const has = (program: string) => spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;

test('a render thread finishes booting on a core that ordinary work keeps busy', { skip: (process.platform !== 'linux' || !has('taskset') || !has('chrt')) && 'needs Linux with util-linux (taskset, chrt)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-render-boot-'));
  const cpu = String(availableParallelism() - 1);
  const busy = spawn('taskset', ['-c', cpu, 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' });
  const server = spawn('taskset', ['-c', cpu, process.execPath, join(root, 'bin/blattwerk.js'), 'serve', '--render-threads', '1', '--workers', 'false', '--data', dir, '--port', '0', '--log-level', 'info'], {
    cwd: root,
    env: { ...process.env, BLATTWERK_RATE_LIMITS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<boolean>((resolve) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('render thread ready')) resolve(true);
    };
    server.stdout!.on('data', look);
    server.stderr!.on('data', look);
    server.once('exit', () => resolve(false));
    // Booting the app takes a few seconds of CPU; sharing the core with the loop, a few more.
    // In the idle class beside the loop it got ~0.3 % of the core: minutes.
    setTimeout(() => resolve(false), 90_000).unref();
  });
  try {
    assert.equal(await ready, true, `no render thread became ready beside a busy loop:\n${output.slice(-2000)}`);
    const line = output.split('\n').find((l) => l.includes('render thread ready'))!;
    assert.match(line, /"policy":"idle"/, 'once ready it yields to the event loop');
  } finally {
    busy.kill('SIGKILL');
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    rmSync(dir, { recursive: true, force: true });
  }
});
