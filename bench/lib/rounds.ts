/**
 * Interleaved rounds: every target is measured once per round, in an order that rotates
 * from round to round, and the median of the rounds is the figure. A machine that gets
 * busier during the run then slows all targets alike instead of whichever ran last.
 * Each run also records the load average and the CPU time the server's process group
 * spent per request (from /proc), which moves far less with other work on the machine
 * than requests per second do.
 *
 * @example
 *   const runs = await interleave(targets, { rounds: 3, durationS: 5, warmupS: 1 });
 *   median(runs.get('nginx-gzip')!.map((r) => r.result.requestsPerSec));
 */
import { loadavg } from 'node:os';
import { processStats, TICKS_PER_SECOND } from './others.js';
import type { StallSummary, StallWatch } from './stalls.js';
import { runWrk, type WrkResult } from './wrk.js';

export interface RoundTarget {
  key: string;
  url: string;
  /** Process group of the server (it was spawned detached), for its CPU time. */
  group: number | null;
  connections: number;
  headers?: Record<string, string>;
  /** A wrk Lua script for the requests (e.g. a new address each time, past the page cache). */
  script?: string;
  /** Another load running at the same time (e.g. 50 connections searching). */
  alongside?: { url: string; connections: number; script?: string };
}

export interface RoundRun {
  round: number;
  result: WrkResult;
  command: string;
  /** One-minute load average when the run started. */
  load: number;
  /** CPU time of the server's process group per completed request, in microseconds. */
  cpuUsPerRequest: number | null;
  alongside?: WrkResult;
  /** Stops of the machine itself during the run (lib/stalls.ts), when watched. */
  stalls?: StallSummary;
}

/** A run the machine did not stop during (or that was not watched). */
export const clean = (run: RoundRun): boolean => !run.stalls || run.stalls.count === 0;

/** User plus system CPU seconds of every process in the group (all its threads). */
export function groupCpuSeconds(group: number): number | null {
  const members = processStats().filter((stat) => stat.pgrp === group);
  return members.length ? members.reduce((ticks, stat) => ticks + stat.own, 0) / TICKS_PER_SECOND : null;
}

/** Waits (up to 60 s) until `url` answers a single request within a second. */
async function drain(url: string, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const started = Date.now();
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (Date.now() - started < 1000) return;
    } catch {
      // still busy
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface InterleaveOptions {
  rounds: number;
  durationS: number;
  warmupS: number;
  /** `taskset -c N` prefix for wrk (the servers are pinned to the other core). */
  wrkCpu: string | null;
  onRun?: (target: RoundTarget, run: RoundRun) => void;
  /** Watches for stops of the machine itself; each run records those it overlapped. */
  watch?: StallWatch;
  /**
   * Targets whose figure is a tail latency: one stop of the machine decides their p99, so
   * after the rounds they run again (up to `rounds` more times) until `rounds` runs are clean.
   */
  needsCleanRuns?: (target: RoundTarget) => boolean;
}

export async function interleave(targets: readonly RoundTarget[], options: InterleaveOptions): Promise<Map<string, RoundRun[]>> {
  const runs = new Map<string, RoundRun[]>(targets.map((t) => [t.key, []]));
  const measure = async (target: RoundTarget, round: number): Promise<void> => {
    const wrk = (url: string, connections: number, durationS: number) =>
      runWrk({ url, threads: 1, connections, durationS, headers: target.headers, timeoutS: 10, script: target.script, cpu: options.wrkCpu ?? undefined });
    if (options.warmupS > 0) await wrk(target.url, target.connections, options.warmupS);
    const background = target.alongside
      ? runWrk({ url: target.alongside.url, threads: 1, connections: target.alongside.connections, durationS: options.durationS + 2, timeoutS: 10, script: target.alongside.script, cpu: options.wrkCpu ?? undefined })
      : null;
    if (background) await new Promise((resolve) => setTimeout(resolve, 1000)); // let it build up
    const load = loadavg()[0]!;
    const before = target.group ? groupCpuSeconds(target.group) : null;
    const from = Date.now();
    const { result, command } = await wrk(target.url, target.connections, options.durationS);
    const stalls = options.watch?.between(from, Date.now());
    const after = target.group ? groupCpuSeconds(target.group) : null;
    const alongside = background ? (await background).result : undefined;
    const cpuUsPerRequest = before !== null && after !== null && result.requests > 0 && !background ? ((after - before) * 1e6) / result.requests : null;
    // The server may still be working off what the second load queued: let it drain
    // before the next target, or that one would be measured against the backlog.
    if (background) await drain(target.url, target.headers);
    const run: RoundRun = { round, result, command, load, cpuUsPerRequest, ...(alongside ? { alongside } : {}), ...(stalls ? { stalls } : {}) };
    runs.get(target.key)!.push(run);
    options.onRun?.(target, run);
  };
  for (let round = 1; round <= options.rounds; round++) {
    // Rotate the order so no target always runs first (or right after the heaviest one).
    const shift = ((round - 1) * Math.max(1, Math.floor(targets.length / options.rounds))) % targets.length;
    const order = [...targets.slice(shift), ...targets.slice(0, shift)];
    for (const target of order) await measure(target, round);
  }
  const wanting = options.needsCleanRuns ? targets.filter(options.needsCleanRuns) : [];
  for (let extra = 1; extra <= options.rounds; extra++) {
    const short = wanting.filter((t) => runs.get(t.key)!.filter(clean).length < options.rounds);
    if (short.length === 0) break;
    for (const target of short) await measure(target, options.rounds + extra);
  }
  return runs;
}

/** One round of a paired comparison (`paired`): the slices of each server and their ratio. */
export interface PairedRound {
  round: number;
  reference: WrkResult[];
  subject: WrkResult[];
  /** Subject's requests per second over the reference's, both over all their slices. */
  ratio: number;
  /** Whether the machine stopped during any slice of the round. */
  stopped: boolean;
}

/** Requests per second over several slices: all their requests over all their time. */
export function pooledRate(slices: readonly WrkResult[]): number {
  const seconds = slices.reduce((sum, s) => sum + s.durationS, 0);
  return seconds > 0 ? slices.reduce((sum, s) => sum + s.requests, 0) / seconds : Number.NaN;
}

/**
 * Two servers on the same core compared in short slices, in the order reference, subject,
 * subject, reference (ABBA) every round: a host whose speed drifts during the round then
 * slows both alike, where runs minutes apart (the interleaved rounds) measure the drift too.
 * Seen in session 9: nginx's own CPU per request moved from 33 to 51 µs between rounds, and
 * a ratio of medians taken in different minutes moved with it (bench/PROFILE.md section 9).
 */
export async function paired(
  reference: RoundTarget,
  subject: RoundTarget,
  options: { rounds: number; sliceS: number; warmupS: number; wrkCpu: string | null; watch?: StallWatch },
): Promise<PairedRound[]> {
  const wrk = (target: RoundTarget, durationS: number) =>
    runWrk({ url: target.url, threads: 1, connections: target.connections, durationS, headers: target.headers, timeoutS: 10, script: target.script, cpu: options.wrkCpu ?? undefined });
  const out: PairedRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.warmupS > 0) {
      await wrk(reference, options.warmupS);
      await wrk(subject, options.warmupS);
    }
    const from = Date.now();
    const slices = { reference: [] as WrkResult[], subject: [] as WrkResult[] };
    for (const side of ['reference', 'subject', 'subject', 'reference'] as const) {
      slices[side].push((await wrk(side === 'reference' ? reference : subject, options.sliceS)).result);
    }
    const stopped = (options.watch?.between(from, Date.now())?.count ?? 0) > 0;
    out.push({ round, ...slices, ratio: pooledRate(slices.subject) / pooledRate(slices.reference), stopped });
  }
  return out;
}
