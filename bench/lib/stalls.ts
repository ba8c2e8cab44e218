/**
 * Stops of the machine itself. On a virtual machine the host can stop a virtual CPU, and the
 * guest is not told: /proc/stat counts no steal time on this project's machines. Measured
 * there (bench/PROFILE.md section 6): while both CPUs are busy, one of them stops for 100 ms
 * at a time, several times in 10 s; while one CPU idles, neither does. wrk corrects its
 * latencies for coordinated omission (a request that waited 100 ms also stands for the
 * requests its connection would have sent meanwhile), so one such stop during a 5 s run at
 * 25,000 req/s puts the p99 near 50 ms, whatever the server did.
 *
 * The watch: one small process per CPU, pinned to it, in the real-time class where it may be
 * (so that nothing in the guest keeps it from running), waking every 2 ms and noting
 * how late it woke. Late by `thresholdMs` or more is a stop of that CPU.
 *
 * @example
 *   const watch = await startStallWatch(['0', '1']);
 *   const from = Date.now(); await measure(); const stops = watch.between(from, Date.now());
 *   await watch.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Stall {
  cpu: string;
  /** When the watcher woke again (ms since the epoch). */
  endedAt: number;
  ms: number;
}

export interface StallSummary {
  count: number;
  worstMs: number;
  totalMs: number;
}

export interface StallWatch {
  /** How the watchers run: 'real-time' (SCHED_FIFO) or 'normal' where chrt could not. */
  readonly policy: 'real-time' | 'normal';
  /** Stops that overlapped the window [from, to]. */
  between(from: number, to: number): StallSummary;
  stop(): Promise<void>;
}

const WATCHER = (thresholdMs: number) => `
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - last >= ${thresholdMs}) process.stdout.write(Date.now() + ' ' + (now - last).toFixed(1) + '\\n');
  last = now;
}, 2);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export function summarise(stalls: readonly Stall[], from: number, to: number): StallSummary {
  const inside = stalls.filter((s) => s.endedAt >= from && s.endedAt - s.ms <= to);
  return {
    count: inside.length,
    worstMs: inside.reduce((worst, s) => Math.max(worst, s.ms), 0),
    totalMs: inside.reduce((sum, s) => sum + s.ms, 0),
  };
}

export async function startStallWatch(cpus: readonly string[], thresholdMs = 20): Promise<StallWatch> {
  const realTime = spawnSync('chrt', ['--fifo', '1', 'true'], { stdio: 'ignore' }).status === 0;
  const pinned = spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
  const stalls: Stall[] = [];
  const children: ChildProcess[] = [];
  for (const cpu of cpus) {
    const node = [process.execPath, '-e', WATCHER(thresholdMs)];
    const pin = pinned ? ['taskset', '-c', cpu] : [];
    const command = realTime ? ['chrt', '--fifo', '1', ...pin, ...node] : [...pin, ...node];
    const child = spawn(command[0]!, command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [at, ms] = line.split(' ').map(Number);
      if (Number.isFinite(at) && Number.isFinite(ms)) stalls.push({ cpu, endedAt: at!, ms: ms! });
    });
    children.push(child);
  }
  // Let the watchers start before anything is measured.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    policy: realTime ? 'real-time' : 'normal',
    between: (from, to) => summarise(stalls, from, to),
    async stop() {
      await Promise.all(children.map((child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
        setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      })));
    },
  };
}
