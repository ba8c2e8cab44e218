/**
 * Durable jobs in the database, worked by every node that runs workers. Delivery is
 * at-least-once: a job whose node dies mid-run is picked up again once its lease
 * (`locked_until`) expires, so it may run twice. Handlers make repeats harmless; for
 * exactly-once effects, give the job a `dedupeKey` (one job per logical piece of work)
 * and let the handler record completion under that key in the same database, in the
 * same transaction as its own write, and skip work already recorded.
 *
 * @example
 *   const jobs = createJobQueue(handle, { logger });
 *   jobs.register<{ subscriberId: number }>('newsletter.send', async (job) => {
 *     await newsletter.deliver(job.payload.subscriberId, job.dedupeKey);
 *   });
 *   await handle.db.transaction().execute(async (tx) => {
 *     await tx.insertInto('issues').values(issue).execute();
 *     await jobs.enqueue('newsletter.send', { subscriberId: 7 }, { dedupeKey: 'issue:12:sub:7' }, tx);
 *   });
 *   jobs.wake(); // committed now; run without waiting for the next interval
 *   jobs.start(1000);
 *   // on shutdown:
 *   await jobs.stop();
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/index.js';
import type { Logger } from '../logging.js';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './backoff.js';
import { claimJobs, finishJob, insertJob, jobStats, pruneJobs, queuedRunAt, type JobRow, type Outcome } from './store.js';
import type { EnqueueOptions, Job, JobHandler, JobStats, JobsDatabase } from './types.js';

export interface JobQueueOptions {
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The clock; tests move it to make retries and leases due. */
  now?: () => Date;
  /** Names this node in `locked_by` (default: host, pid and a random suffix). */
  nodeId?: string;
  /** How long a claim holds before another node may take the job over (default 5 min). */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Attempts when `enqueue` does not say (default 8: about an hour of retries). */
  maxAttempts?: number;
  /** Jobs claimed per round by the `start` loop; they run concurrently (default 10). */
  batchSize?: number;
}

export interface JobQueue {
  readonly nodeId: string;
  /**
   * Adds a job; answers its id, or null when `dedupeKey` names an existing job. Pass the
   * caller's transaction as `tx` to enqueue atomically with the write that caused it
   * (then call `wake()` after the commit).
   */
  enqueue<P, DB>(kind: string, payload: P, options?: EnqueueOptions, tx?: Kysely<DB>): Promise<number | null>;
  /**
   * When the job with this dedupe key, still queued, is due; null when none waits. A job is
   * claimed only once due, so until then it has not run (what `enqueue` answering null hides).
   */
  waiting(dedupeKey: string): Promise<Date | null>;
  /** Handles `kind` on this node. A node claims only kinds it has handlers for. */
  register<P>(kind: string, handler: JobHandler<P>): void;
  /** Claims up to `limit` due jobs, runs them concurrently, answers how many ran. */
  runOnce(limit?: number): Promise<number>;
  /** Polls every `intervalMs` and whenever woken; drains a backlog without waiting. */
  start(intervalMs?: number): void;
  /** Stops polling and waits for running handlers to finish. */
  stop(): Promise<void>;
  /** Runs a round now if started (after enqueue, or when another node signals work). */
  wake(): void;
  stats(): Promise<JobStats>;
  /** Deletes done and failed jobs finished before `before`; answers how many. */
  prune(before: Date): Promise<number>;
}

export function createJobQueue(handle: DatabaseHandle, options: JobQueueOptions): JobQueue {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const nodeId = options.nodeId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const random = options.random ?? Math.random;
  const defaultMaxAttempts = options.maxAttempts ?? 8;
  const batchSize = options.batchSize ?? 10;
  const db = handle.db.withTables<JobsDatabase>();
  const handlers = new Map<string, JobHandler>();
  const inflight = new Set<Promise<void>>();

  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let round: Promise<void> | null = null;
  let again = false;

  function outcomeOf(row: JobRow, error: unknown): Outcome {
    const message = describe(error);
    if (isPermanent(error) || row.attempts >= row.max_attempts) return { status: 'failed', error: message };
    const delay = retryDelayMs(row.attempts, retry, random);
    return { status: 'queued', error: message, runAt: new Date(now().getTime() + delay) };
  }

  async function execute(row: JobRow): Promise<void> {
    const log = { jobId: row.id, kind: row.kind, attempt: row.attempts };
    let outcome: Outcome;
    // Claiming counts an attempt, so a job that crashed its node every time ends here.
    if (row.attempts > row.max_attempts) {
      const earlier = row.last_error ? `; earlier: ${row.last_error}` : '';
      outcome = { status: 'failed', error: `lease expired on the last attempt (did its node die?)${earlier}` };
    } else {
      try {
        const job: Job = {
          id: row.id,
          kind: row.kind,
          payload: JSON.parse(row.payload) as unknown,
          attempt: row.attempts,
          maxAttempts: row.max_attempts,
          dedupeKey: row.dedupe_key,
          runAt: new Date(row.run_at),
        };
        await handlers.get(row.kind)!(job);
        outcome = { status: 'done' };
      } catch (error) {
        outcome = outcomeOf(row, error);
      }
    }
    try {
      const ours = await finishJob(db, row, outcome, now());
      if (!ours) logger.warn(log, 'job lease was lost before it finished; another node took it over');
      else if (outcome.status === 'failed') logger.error({ ...log, error: outcome.error }, 'job failed');
      else if (outcome.status === 'queued') {
        logger.warn({ ...log, error: outcome.error, runAt: outcome.runAt }, 'job will be retried');
      }
    } catch (error) {
      // The lease will expire and the job run again: at-least-once, as documented.
      logger.error({ ...log, err: error }, 'could not record the end of a job');
    }
  }

  async function runOnce(limit = batchSize): Promise<number> {
    const kinds = [...handlers.keys()];
    const rows = await claimJobs(db, handle.dialect, { kinds, limit, now: now(), leaseMs, nodeId });
    const runs = rows.map((row) => {
      const run = execute(row).finally(() => inflight.delete(run));
      inflight.add(run);
      return run;
    });
    await Promise.all(runs);
    return rows.length;
  }

  function tick(): Promise<void> {
    if (round) {
      again = true;
      return round;
    }
    round = (async () => {
      try {
        do {
          again = false;
          // A full batch means there may be more: go on rather than wait an interval.
          while (started && (await runOnce(batchSize)) === batchSize);
        } while (again && started);
      } catch (error) {
        logger.error({ err: error }, 'job round failed');
      } finally {
        round = null;
      }
    })();
    return round;
  }

  function wake(): void {
    if (started) void tick();
  }

  return {
    nodeId,
    async enqueue(kind, payload, enqueueOptions = {}, tx) {
      const maxAttempts = enqueueOptions.maxAttempts ?? defaultMaxAttempts;
      if (!kind) throw new TypeError('job kind must not be empty');
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new TypeError('maxAttempts must be an integer ≥ 1');
      const text = JSON.stringify(payload ?? null) as string | undefined;
      if (text === undefined) throw new TypeError('job payload must be JSON-serialisable');
      const target = tx ? (tx as unknown as Kysely<JobsDatabase>) : db;
      const at = now();
      const id = await insertJob(target, {
        kind,
        payload: text,
        runAt: enqueueOptions.runAt ?? at,
        maxAttempts,
        dedupeKey: enqueueOptions.dedupeKey ?? null,
        now: at,
      });
      // Inside a transaction the job is invisible until the caller commits.
      if (id !== null && !tx) wake();
      return id;
    },
    waiting: (dedupeKey) => queuedRunAt(db, dedupeKey),
    register(kind, handler) {
      if (handlers.has(kind)) throw new Error(`a handler for job kind "${kind}" is already registered`);
      handlers.set(kind, handler as JobHandler);
    },
    runOnce,
    start(intervalMs = 1000) {
      if (started) return;
      started = true;
      timer = setInterval(() => void tick(), intervalMs);
      timer.unref();
      void tick();
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      timer = null;
      await round;
      await Promise.all([...inflight]);
    },
    wake,
    stats: () => jobStats(db, now()),
    prune: (before) => pruneJobs(db, before),
  };
}

function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}
