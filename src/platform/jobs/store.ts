/**
 * The SQL of the job queue, written once for SQLite and PostgreSQL. Every state change of
 * a claimed job is fenced on `attempts`: claiming increments it, so a node whose lease
 * ran out (and whose job another node took over) cannot overwrite the newer claim.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Dialect } from '../db/index.js';
import { JOB_STATUSES, type JobStats, type JobStatus, type JobsDatabase, type JobsTable } from './types.js';

export type JobRow = Selectable<JobsTable>;
type Db = Kysely<JobsDatabase>;

export interface NewJob {
  kind: string;
  payload: string;
  runAt: Date;
  maxAttempts: number;
  dedupeKey: string | null;
  now: Date;
}

/** Answers the new job's id, or null when a job with the same dedupe key exists. */
export async function insertJob(db: Db, job: NewJob): Promise<number | null> {
  // ON CONFLICT DO NOTHING rather than catching the unique violation: in PostgreSQL a
  // failed statement aborts the caller's whole transaction.
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: job.payload,
      run_at: job.runAt.toISOString(),
      max_attempts: job.maxAttempts,
      dedupe_key: job.dedupeKey,
      created_at: job.now.toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** When the queued job with this dedupe key is due; null when none waits (running, finished or gone). */
export async function queuedRunAt(db: Db, dedupeKey: string): Promise<Date | null> {
  const row = await db.selectFrom('jobs').select('run_at').where('dedupe_key', '=', dedupeKey).where('status', '=', 'queued').executeTakeFirst();
  return row ? new Date(row.run_at) : null;
}

export interface ClaimRequest {
  kinds: string[];
  limit: number;
  now: Date;
  leaseMs: number;
  nodeId: string;
}

/**
 * Marks up to `limit` due jobs as running for this node, in one statement, and answers
 * them oldest first. Due means queued with `run_at` reached, or running with an expired
 * lease (its node died). PostgreSQL: the inner SELECT takes row locks and skips rows other
 * nodes are claiming. SQLite: a single UPDATE is one write transaction, and SQLite has
 * one writer at a time, so two claims cannot interleave.
 */
export async function claimJobs(db: Db, dialect: Dialect, req: ClaimRequest): Promise<JobRow[]> {
  if (req.kinds.length === 0 || req.limit < 1) return [];
  const now = req.now.toISOString();
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running' as const,
      locked_by: req.nodeId,
      locked_until: new Date(req.now.getTime() + req.leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', req.kinds)
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'queued'), w('run_at', '<=', now)]),
            w.and([w('status', '=', 'running'), w('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(req.limit)
        .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  // RETURNING promises no order.
  return rows.sort((a, b) => a.run_at.localeCompare(b.run_at) || a.id - b.id);
}

export type Outcome =
  | { status: 'done' }
  | { status: 'queued'; runAt: Date; error: string }
  | { status: 'failed'; error: string };

/** Records how a claimed run ended; false when the claim was no longer ours. */
export async function finishJob(db: Db, job: JobRow, outcome: Outcome, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      locked_by: null,
      locked_until: null,
      ...(outcome.status === 'queued' ? { run_at: outcome.runAt.toISOString() } : { finished_at: now.toISOString() }),
      ...(outcome.status === 'done' ? {} : { last_error: outcome.error }),
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function zeroCounts(): Record<JobStatus, number> {
  return { queued: 0, running: 0, done: 0, failed: 0 };
}

export async function jobStats(db: Db, now: Date): Promise<JobStats> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['kind', 'status', eb.fn.countAll<number | string | bigint>().as('n')])
    .groupBy(['kind', 'status'])
    .execute();
  const stats: JobStats = { total: zeroCounts(), kinds: {}, due: 0 };
  for (const row of rows) {
    if (!JOB_STATUSES.includes(row.status)) continue;
    const n = Number(row.n);
    stats.total[row.status] += n;
    (stats.kinds[row.kind] ??= zeroCounts())[row.status] += n;
  }
  const due = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('status', '=', 'queued')
    .where('run_at', '<=', now.toISOString())
    .executeTakeFirst();
  stats.due = Number(due?.n ?? 0);
  return stats;
}

/** Deletes finished jobs older than `before`; their dedupe keys become free again. */
export async function pruneJobs(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
