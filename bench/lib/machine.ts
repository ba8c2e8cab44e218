/**
 * What the figures were measured on: CPU, cores (and any cgroup CPU limit), memory, OS,
 * Node, nginx and wrk versions, load at the start, date, and the checkout's commit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export interface Machine {
  date: string;
  cpuModel: string;
  logicalCores: number;
  availableParallelism: number;
  cgroupCpuLimit: string | null;
  memoryGiB: number;
  os: string;
  node: string;
  nginx: string;
  wrk: string;
  loadAverage: string;
  commit: string;
}

function firstLine(program: string, args: string[]): string | null {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.error) return null;
  const text = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim();
  return text.split('\n').find((line) => line.trim())?.trim() ?? null;
}

/** "nginx version: nginx/1.22.1" → "1.22.1". */
export function nginxVersion(program = 'nginx'): string | null {
  const line = firstLine(program, ['-v']);
  return line ? (/nginx\/(\S+)/.exec(line)?.[1] ?? line) : null;
}

/** "wrk debian/4.1.0-3+b2 [epoll] Copyright …" → "debian/4.1.0-3+b2 [epoll]". */
export function wrkVersion(program = 'wrk'): string | null {
  const line = firstLine(program, ['-v']);
  if (!line) return null;
  return /^wrk\s+(.*?)\s+Copyright/.exec(line)?.[1] ?? line;
}

function cgroupCpuLimit(): string | null {
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (!quota || quota === 'max' || !period) return null;
    return `${(Number(quota) / Number(period)).toFixed(2)} CPUs (cgroup cpu.max)`;
  } catch {
    return null;
  }
}

function commit(root: string): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', timeout: 10_000 });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', timeout: 10_000 });
  return `${head.stdout.trim()}${dirty.status === 0 && dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}`;
}

export function describeMachine(root: string): Machine {
  const list = cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpuModel: list[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown',
    logicalCores: list.length,
    availableParallelism: availableParallelism(),
    cgroupCpuLimit: cgroupCpuLimit(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${osType()} ${release()} ${process.arch}`,
    node: process.version,
    nginx: nginxVersion() ?? 'missing',
    wrk: wrkVersion() ?? 'missing',
    loadAverage: loadavg().map((n) => n.toFixed(2)).join(' '),
    commit: commit(root),
  };
}

/** Whether a program can be started at all (for the "please install" message). */
export function hasProgram(program: string, args: string[]): boolean {
  const result = spawnSync(program, args, { stdio: 'ignore', timeout: 10_000 });
  return !result.error;
}

/** Another benchmark (any wrk not ours) must not run at the same time: wait, bounded. */
export async function waitForQuietMachine(maxWaitMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  let told = false;
  for (;;) {
    const found = spawnSync('pgrep', ['-x', 'wrk'], { encoding: 'utf8', timeout: 5000 });
    if (found.error || found.status !== 0 || !found.stdout.trim()) return;
    if (Date.now() > deadline) throw new Error(`another wrk is running (pid ${found.stdout.trim().split('\n').join(', ')}); not benchmarking alongside it`);
    if (!told) console.log(`bench: another wrk is running (pid ${found.stdout.trim().split('\n').join(', ')}); waiting up to ${maxWaitMs / 1000} s …`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
