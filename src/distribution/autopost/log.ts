/**
 * The autopost history (`autopost_log`): every attempt, appended, never rewritten, so the
 * admin can show what went out, what failed and what Telegram answered.
 *
 * @example
 *   const log = createAutopostLog(handle.db);
 *   await log.record({ articleId: 7, channel: 'telegram', attempt: 1, status: 'sent', responseCode: 200, createdAt: now });
 *   await log.wasSent(7, 'telegram'); // true
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** sent: posted · retrying: failed, another attempt is scheduled · failed: given up · skipped: nothing to post. */
export type AutopostStatus = 'sent' | 'retrying' | 'failed' | 'skipped';

// Type aliases, not interfaces: Kysely's withTables wants an index signature.
export type AutopostLogTable = {
  id: Generated<number>;
  article_id: number;
  channel: string;
  attempt: number;
  status: AutopostStatus;
  response_code: number | null;
  response_excerpt: string;
  error: string | null;
  created_at: string;
};

export interface AutopostEntry {
  articleId: number;
  channel: string;
  attempt: number;
  status: AutopostStatus;
  responseCode?: number | null;
  responseExcerpt?: string;
  error?: string | null;
  createdAt: Date;
}

/** A log row as the admin shows it, with the article's title when the article still exists. */
export interface AutopostListing extends Required<AutopostEntry> {
  id: number;
  articleTitle: string | null;
}

/**
 * @example
 *   const recent = await createAutopostLog(db).list(100);
 */
export function createAutopostLog(database: Kysely<Database>) {
  const db = database.withTables<{ autopost_log: AutopostLogTable }>();
  return {
    async record(entry: AutopostEntry): Promise<void> {
      await db
        .insertInto('autopost_log')
        .values({
          article_id: entry.articleId,
          channel: entry.channel,
          attempt: entry.attempt,
          status: entry.status,
          response_code: entry.responseCode ?? null,
          response_excerpt: entry.responseExcerpt ?? '',
          error: entry.error ?? null,
          created_at: entry.createdAt.toISOString(),
        })
        .execute();
    },

    /** Whether a post of this article already went out (a job may run twice). */
    async wasSent(articleId: number, channel: string): Promise<boolean> {
      const row = await db
        .selectFrom('autopost_log')
        .select('id')
        .where('article_id', '=', articleId)
        .where('channel', '=', channel)
        .where('status', '=', 'sent')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The newest entries first. */
    async list(limit = 200): Promise<AutopostListing[]> {
      const rows = await db
        .selectFrom('autopost_log')
        .leftJoin('articles', 'articles.id', 'autopost_log.article_id')
        .selectAll('autopost_log')
        .select('articles.title as article_title')
        .orderBy('autopost_log.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        articleId: row.article_id,
        articleTitle: row.article_title ?? null,
        channel: row.channel,
        attempt: row.attempt,
        status: row.status,
        responseCode: row.response_code,
        responseExcerpt: row.response_excerpt,
        error: row.error,
        createdAt: new Date(row.created_at),
      }));
    },
  };
}

export type AutopostLog = ReturnType<typeof createAutopostLog>;
