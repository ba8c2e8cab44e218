/**
 * Reader reports: "this comment breaks the rules", with a reason from a fixed list and
 * an optional note. One report per reader and comment. A report is open until a
 * moderator decides on the comment: "open" is read off the moderation log (reports newer
 * than the comment's last log entry), so no extra state can drift from it.
 *
 * @example
 *   const reports = createReports({ db, now });
 *   await reports.file({ commentId: 12, reason: 'abuse', note: '', reporter: sessionHash });
 *   const counts = await reports.openCounts([12, 13]); // Map { 12 => 1 }
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { moderationDb, type ModerationDb } from './tables.js';

export const REPORT_REASONS = ['spam', 'abuse', 'hate', 'off_topic', 'privacy', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export function isReportReason(value: unknown): value is ReportReason {
  return typeof value === 'string' && (REPORT_REASONS as readonly string[]).includes(value);
}

export interface ReportedComment {
  commentId: number;
  articleId: number;
  articleSlug: string;
  articleTitle: string;
  authorName: string;
  body: string;
  status: string;
  count: number;
  reasons: Partial<Record<ReportReason, number>>;
  notes: string[];
  lastAt: string;
}

const NOTE_MAX = 1000;

/**
 * Reports filed since the comment's last moderation decision. A report in the same
 * millisecond as a decision counts as open: better a moderator sees it twice than never.
 */
function openReports(db: ModerationDb) {
  return db
    .selectFrom('comment_reports as r')
    .where(
      'r.created_at',
      '>=',
      sql<string>`coalesce((select max(l.created_at) from moderation_log l where l.comment_id = r.comment_id), '')`,
    );
}

export function createReports(deps: { db: Kysely<Database>; now?: () => Date }) {
  const db = moderationDb(deps.db);
  const now = deps.now ?? (() => new Date());

  return {
    /** Stores a report; a second one from the same reader is ignored (answers false). */
    async file(input: { commentId: number; reason: unknown; note?: unknown; reporter: string }): Promise<boolean> {
      if (!isReportReason(input.reason)) throw new AppError('VALIDATION', { field: 'reason' });
      const note = typeof input.note === 'string' ? input.note.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim() : '';
      if (note.length > NOTE_MAX) throw new AppError('VALIDATION', { field: 'note' });
      const comment = await db.selectFrom('comments').select(['id', 'status']).where('id', '=', input.commentId).executeTakeFirst();
      // Readers only see published comments; anything else is not theirs to report.
      if (!comment || comment.status !== 'published') throw new AppError('NOT_FOUND', { field: 'id' });
      const result = await db
        .insertInto('comment_reports')
        .values({ comment_id: comment.id, reason: input.reason, note, reporter: input.reporter, created_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['comment_id', 'reporter']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** Open report counts for these comments (absent: none). */
    async openCounts(commentIds: number[]): Promise<Map<number, number>> {
      if (commentIds.length === 0) return new Map();
      const rows = await openReports(db)
        .select(['r.comment_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.comment_id', 'in', commentIds)
        .groupBy('r.comment_id')
        .execute();
      return new Map(rows.map((r) => [r.comment_id, Number(r.n)]));
    },

    /** Comments with open reports, most reported first, with reasons counted. */
    async open(limit = 100): Promise<ReportedComment[]> {
      const rows = await openReports(db)
        .innerJoin('comments as c', 'c.id', 'r.comment_id')
        .innerJoin('articles as a', 'a.id', 'c.article_id')
        .where('c.status', '=', 'published')
        .select([
          'r.comment_id', 'r.reason', 'r.note', 'r.created_at', 'c.article_id', 'c.author_name', 'c.body', 'c.status',
          'a.slug', 'a.title',
        ])
        .orderBy('r.id')
        .limit(5000)
        .execute();
      const byComment = new Map<number, ReportedComment>();
      for (const row of rows) {
        let entry = byComment.get(row.comment_id);
        if (!entry) {
          entry = {
            commentId: row.comment_id, articleId: row.article_id, articleSlug: row.slug, articleTitle: row.title,
            authorName: row.author_name, body: row.body, status: row.status, count: 0, reasons: {}, notes: [], lastAt: row.created_at,
          };
          byComment.set(row.comment_id, entry);
        }
        entry.count++;
        const reason = row.reason as ReportReason;
        entry.reasons[reason] = (entry.reasons[reason] ?? 0) + 1;
        if (row.note) entry.notes.push(row.note);
        if (row.created_at > entry.lastAt) entry.lastAt = row.created_at;
      }
      return [...byComment.values()].sort((a, b) => b.count - a.count || a.commentId - b.commentId).slice(0, limit);
    },
  };
}

export type Reports = ReturnType<typeof createReports>;
