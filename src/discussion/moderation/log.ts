/**
 * Writing and reading the append-only moderation log: who did what to which comment (or
 * ban, filter, notice), why, and when. Nothing here updates or deletes an entry.
 * `detail` says exactly what changed ("email ban until …") and stays on the desk;
 * the public page shows only action, date, article and reason.
 *
 * @example
 *   await writeLog(db, { actor, action: 'ban.add', target: 'ban:3', detail: 'email ban', reason: 'Beleidigungen', at });
 */
import type { ModerationDb, ModerationTx } from './tables.js';

export interface Actor {
  userId: number | null;
  name: string;
}

export interface LogInput {
  actor: Actor;
  action: string;
  commentId?: number | null;
  articleId?: number | null;
  /** What the entry is about besides a comment: `ban:3`, `filter:2`, `notice:5`. */
  target?: string | null;
  detail?: string;
  reason: string;
  at: string;
}

/** Actions the public page lists. Filter and trust changes stay internal: a public word list helps spammers around it. */
export const PUBLIC_ACTIONS = ['approve', 'reject', 'spam', 'notice.remove', 'notice.keep', 'ban.add', 'ban.lift'] as const;

export async function writeLog(db: ModerationTx, entry: LogInput): Promise<void> {
  await db
    .insertInto('moderation_log')
    .values({
      actor_user_id: entry.actor.userId,
      actor: entry.actor.name.slice(0, 200),
      action: entry.action,
      comment_id: entry.commentId ?? null,
      article_id: entry.articleId ?? null,
      target: entry.target ?? null,
      detail: (entry.detail ?? '').slice(0, 1000),
      reason: entry.reason.slice(0, 2000),
      created_at: entry.at,
    })
    .execute();
}

export interface DeskLogEntry {
  id: number;
  actor: string;
  action: string;
  commentId: number | null;
  articleId: number | null;
  target: string | null;
  detail: string;
  reason: string;
  at: string;
}

/** The newest entries with everything in them, for staff. */
export async function recentLog(db: ModerationDb, limit = 100): Promise<DeskLogEntry[]> {
  const rows = await db.selectFrom('moderation_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    actor: r.actor,
    action: r.action,
    commentId: r.comment_id,
    articleId: r.article_id,
    target: r.target ?? null,
    detail: r.detail ?? '',
    reason: r.reason,
    at: r.created_at,
  }));
}

export interface PublicLogEntry {
  id: number;
  action: string;
  at: string;
  reason: string;
  /** Only for articles readers can see. */
  article: { slug: string; title: string } | null;
}

/**
 * Entries for the public page: no actor, no comment author, no detail. An article link
 * only when the article is published (a draft's title is not public yet).
 */
export async function publicLog(db: ModerationDb, options: { limit: number; offset: number; now: Date }): Promise<PublicLogEntry[]> {
  const rows = await db
    .selectFrom('moderation_log')
    .leftJoin('articles', (join) =>
      join
        .onRef('articles.id', '=', 'moderation_log.article_id')
        .on('articles.status', '=', 'published')
        .on('articles.published_at', '<=', options.now.toISOString()),
    )
    .select([
      'moderation_log.id',
      'moderation_log.action',
      'moderation_log.created_at',
      'moderation_log.reason',
      'articles.slug',
      'articles.title',
    ])
    .where('moderation_log.action', 'in', [...PUBLIC_ACTIONS])
    .orderBy('moderation_log.id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    at: r.created_at,
    // Ban reasons often name the person; the fact of a ban is public, the why stays inside.
    reason: r.action.startsWith('ban.') ? '' : r.reason,
    article: r.slug && r.title ? { slug: r.slug, title: r.title } : null,
  }));
}
