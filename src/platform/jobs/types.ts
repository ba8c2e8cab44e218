/** Shapes shared by the job store and the queue. Times are ISO-8601 UTC text, as elsewhere. */
import type { Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

// Type aliases, not interfaces: Kysely's withTables wants an index signature.
export type JobsTable = {
  id: Generated<number>;
  kind: string;
  /** JSON text. */
  payload: string;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  status: Generated<JobStatus>;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  finished_at: string | null;
};

export type JobsDatabase = {
  jobs: JobsTable;
};

/** What a handler receives. `attempt` starts at 1. */
export interface Job<P = unknown> {
  id: number;
  kind: string;
  payload: P;
  attempt: number;
  maxAttempts: number;
  /** The caller's idempotency key, if any: record it beside the effect for exactly-once. */
  dedupeKey: string | null;
  runAt: Date;
}

/**
 * Runs one job. Throwing schedules a retry; an error with `permanent: true` (such as a
 * `MailError` for a 5xx bounce) fails the job at once. A job may run more than once (a
 * node that crashes after the effect but before recording completion), so handlers must
 * tolerate repeats.
 */
export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Enqueuing a second job with the same key is a no-op while the first row exists. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface JobStats {
  /** Jobs per status over all kinds. */
  total: Record<JobStatus, number>;
  /** Jobs per kind and status. */
  kinds: Record<string, Record<JobStatus, number>>;
  /** Queued jobs whose time has come: the backlog a worker has not caught up with. */
  due: number;
}
