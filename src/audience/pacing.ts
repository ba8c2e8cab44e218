/**
 * The newsletter's rate limit, in two layers:
 *
 * - `slotTime` schedules recipient k of a send at `start + ⌊k / rate⌋ s`, as the job's
 *   `runAt`. The schedule is in the database, so it holds for all nodes together and
 *   keeps a big send from starving other mail (jobs are claimed in `run_at` order).
 * - `createPacer` spaces sends within one process: after downtime, a schedule that lies
 *   in the past would otherwise be sent as one burst.
 *
 * @example
 *   const runAt = slotTime(new Date('2026-05-01T10:00:00Z'), 45, 20); // 10:00:02
 *   const pacer = createPacer();
 *   await pacer.take(20); // resolves at most 20 times per second
 */
export function slotTime(start: Date, index: number, ratePerSecond: number): Date {
  return new Date(start.getTime() + Math.floor(index / safeRate(ratePerSecond)) * 1000);
}

export interface Pacer {
  /** Waits for this process's next free slot at `ratePerSecond`. */
  take(ratePerSecond: number): Promise<void>;
}

export function createPacer(
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): Pacer {
  let next = 0;
  return {
    async take(ratePerSecond) {
      const now = clock.now();
      const slot = Math.max(now, next);
      next = slot + 1000 / safeRate(ratePerSecond);
      if (slot > now) await clock.sleep(slot - now);
    },
  };
}

/** A broken setting (0, negative, not a number) must not stop sending or divide by zero. */
function safeRate(rate: number): number {
  return Number.isFinite(rate) && rate >= 1 ? Math.min(rate, 10_000) : 1;
}
