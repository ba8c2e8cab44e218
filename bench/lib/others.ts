/**
 * CPU time the rest of the machine used while we measured: everything /proc/stat counts as
 * busy, less what this process and its descendants used (Chromium and its helpers, watchers,
 * servers started by the test). A measurement of the page's speed taken while other work
 * held a CPU measured the machine, like one taken across a stop of it (lib/stalls.ts).
 * Linux only; elsewhere `othersCpu()` returns null and nothing counts as busy.
 *
 * @example
 *   const before = othersCpu();
 *   await measure();
 *   const busy = othersBusy(before, othersCpu()); // { seconds, share } or null
 */
import { readdirSync, readFileSync } from 'node:fs';

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: children that ended and were waited for, in ticks. */
  reaped: number;
}

/** Every process's line of /proc/<pid>/stat that could be read; [] where there is no /proc. */
export function processStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const stats: ProcStat[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let line: string;
    try {
      line = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // Fields after the command name (which may hold spaces) are at fixed places.
    const fields = line.slice(line.lastIndexOf(')') + 2).split(' ').map(Number);
    stats.push({ pid: Number(entry), ppid: fields[1]!, pgrp: fields[2]!, own: fields[11]! + fields[12]!, reaped: fields[13]! + fields[14]! });
  }
  return stats;
}

export interface CpuSnapshot {
  at: number;
  /** Busy ticks of all CPUs (user, nice, system, irq, softirq, steal). */
  busy: number;
  /** Ticks of this process and every descendant, with the children they reaped. */
  ours: number;
}

export function othersCpu(root = process.pid): CpuSnapshot | null {
  let total: number[];
  try {
    total = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return null;
  }
  const [user, nice, system, , , irq, softirq, steal] = total;
  const stats = processStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ours = 0;
  const queue = stats.filter((stat) => stat.pid === root);
  while (queue.length) {
    const stat = queue.pop()!;
    ours += stat.own + stat.reaped;
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return { at: Date.now(), busy: user! + nice! + system! + irq! + softirq! + (steal ?? 0), ours };
}

export interface OthersBusy {
  /** CPU seconds others used between the snapshots. */
  seconds: number;
  /** The same as a share of one CPU over the time between them. */
  share: number;
}

/**
 * What others used between two snapshots. A descendant that ended without being waited for
 * by one of ours (a Chromium helper whose parent went first) counts as others: the figure
 * errs towards "busy", never towards quiet.
 */
export function othersBusy(before: CpuSnapshot | null, after: CpuSnapshot | null): OthersBusy | null {
  if (!before || !after || after.at <= before.at) return null;
  const seconds = Math.max(0, after.busy - before.busy - (after.ours - before.ours)) / TICKS_PER_SECOND;
  return { seconds, share: seconds / ((after.at - before.at) / 1000) };
}
