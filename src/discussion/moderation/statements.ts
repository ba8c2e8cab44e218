/**
 * Statements of reasons (Art. 17 DSA): when we remove a reader's comment, we record why
 * (decision, ground, facts, whether a notice led to it) and, when the author left an
 * e-mail address and mail is set up, queue a durable job that mails it to them. The
 * record is written in the caller's transaction, with the job, so neither exists alone.
 *
 * @example
 *   await db.transaction().execute(async (tx) => {
 *     const id = await issueStatement(tx, jobs, { comment, noticeId: null, ground, facts, at });
 *   });
 *   jobs.wake();
 */
import type { JobQueue } from '../../platform/jobs/index.js';
import type { CommentRow } from '../../platform/db/schema.js';
import type { ModerationDb, ModerationTx, StatementRow } from './tables.js';

export const STATEMENT_JOB = 'moderation.statement';

export interface StatementInput {
  comment: Pick<CommentRow, 'id' | 'article_id' | 'author_email'>;
  noticeId: number | null;
  ground: string;
  facts: string;
  at: string;
}

export type Enqueue = Pick<JobQueue, 'enqueue'>;

export async function issueStatement(tx: ModerationTx, jobs: Enqueue | null, input: StatementInput): Promise<number> {
  const row = await tx
    .insertInto('moderation_statements')
    .values({
      comment_id: input.comment.id,
      article_id: input.comment.article_id,
      notice_id: input.noticeId,
      decision: 'removed',
      ground: input.ground.slice(0, 500),
      facts: input.facts.slice(0, 2000),
      by_notice: input.noticeId === null ? 0 : 1,
      created_at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (jobs && input.comment.author_email) {
    // One job per statement: a repeated decision cannot mail the author twice.
    await jobs.enqueue(STATEMENT_JOB, { statementId: row.id }, { dedupeKey: `statement:${row.id}` }, tx);
  }
  return row.id;
}

/** Statements about one comment, newest first (the desk and tests read them). */
export async function statementsFor(db: ModerationDb, commentId: number): Promise<StatementRow[]> {
  return db.selectFrom('moderation_statements').selectAll().where('comment_id', '=', commentId).orderBy('id', 'desc').execute();
}
