/**
 * How long a failed job waits before its next attempt.
 *
 * @example
 *   retryDelayMs(3, { baseMs: 30_000, maxMs: 3_600_000 }); // 60–120 s
 */
export interface RetryPolicy {
  /** Nominal delay after the first failure. */
  baseMs: number;
  /** Upper bound of the nominal delay. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 };

/**
 * `base · 2^(attempt-1)`, capped, with "equal jitter": half the delay is fixed, half random.
 * The random half keeps a burst of jobs that failed together (the SMTP server was down)
 * from retrying in lockstep; the fixed half keeps every retry from coming back too soon.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
