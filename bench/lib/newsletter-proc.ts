/**
 * Memory and CPU of another process from /proc (Linux): resident set now (VmRSS), its
 * peak over the process's life (VmHWM), CPU seconds used (utime + stime), the main
 * thread's time on and waiting for a CPU, and a sampler that keeps the highest VmRSS seen.
 *
 * @example
 *   const sampler = sampleRss(child.pid!, 100);
 *   … // the work
 *   const { peakKiB } = sampler.stop();
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcMemory {
  rssKiB: number;
  hwmKiB: number;
}

export function memoryOf(pid: number): ProcMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
  } catch {
    return null;
  }
}

let ticks: number | null = null;
function clockTicks(): number {
  if (ticks === null) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5000 });
    ticks = Number(out.stdout?.trim()) || 100;
  }
  return ticks;
}

/** User + system CPU seconds the process (all its threads) has used so far. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return null;
  }
}

/**
 * The main thread's scheduler times in seconds (/proc/<pid>/schedstat): on a CPU, and
 * runnable but waiting for one (other work on the machine). The event loop, and with
 * better-sqlite3 every query and commit, runs on this thread.
 */
export function schedOf(pid: number): { onCpuS: number; runqueueS: number } | null {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    if (!Number.isFinite(onCpu) || !Number.isFinite(waiting)) return null;
    return { onCpuS: onCpu! / 1e9, runqueueS: waiting! / 1e9 };
  } catch {
    return null;
  }
}

export interface RssSampler {
  stop(): { peakKiB: number; samples: number };
}

export function sampleRss(pid: number, everyMs: number): RssSampler {
  let peakKiB = 0;
  let samples = 0;
  const take = () => {
    const memory = memoryOf(pid);
    if (memory && Number.isFinite(memory.rssKiB)) {
      peakKiB = Math.max(peakKiB, memory.rssKiB);
      samples++;
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakKiB, samples };
    },
  };
}
