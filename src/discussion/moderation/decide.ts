/**
 * A moderator's decision on comments: approve, reject or mark as spam, one or many. This is
 * the only place a comment's moderation status changes, so every door (the JSON API, the
 * desk's buttons and bulk form, a DSA notice) gets the same consequences, each exactly once:
 *
 * - one entry in the append-only moderation log (actor, action, comment, reason);
 * - the classifier learns once (approve: ham, spam: spam; a reject says nothing about spam);
 * - rejecting a comment readers could see issues a statement of reasons (Art. 17 DSA),
 *   with the notice's ground when a notice led to it; spam is exempt (commercial bulk);
 * - an event: published, or changed (the page, live stream and notifications follow).
 *
 * @example
 *   const decide = makeDecide(deps);
 *   await decide(request.caller, [12, 13], 'reject', 'Beleidigung');
 */
import type { Kysely } from 'kysely';
import { actorOf, hasRole, type Caller } from '../../platform/caller.js';
import type { CommentRow, Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import type { SettingsService } from '../../platform/settings.js';
import { BULK_MAX, MODERATION_ACTIONS, REASON_MAX, type ModerationAction } from '../schemas.js';
import { writeLog } from './log.js';
import { DEFAULT_GROUND } from './mail-text.js';
import { issueStatement } from './statements.js';
import { moderationDb } from './tables.js';

export type DecisionResult = { id: number; status: string } | { id: number; error: string };

/** What a DSA notice adds to a removal: its id and ground, and the log entry it is. */
export interface NoticeContext {
  noticeId: number;
  ground: string;
  logAction: string;
  detail: string;
}

export interface DecideDeps {
  db: Kysely<Database>;
  /** Teaches the classifier (saved for all nodes). */
  learn: (row: Pick<CommentRow, 'body'>, label: 'spam' | 'ham') => Promise<void>;
  settings: Pick<SettingsService, 'get'>;
  /** Without jobs, statements are recorded but not mailed. */
  jobs: Pick<JobQueue, 'enqueue' | 'wake'> | null;
  bus: Pick<EventBus, 'emit'>;
  now: () => Date;
}

const STATUS: Record<ModerationAction, CommentRow['status']> = { approve: 'published', reject: 'rejected', spam: 'spam' };

export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(value);
}

export function makeDecide(deps: DecideDeps) {
  const db = moderationDb(deps.db);

  async function one(id: number, action: ModerationAction, actor: { userId: number | null; name: string }, reason: string, notice?: NoticeContext) {
    const before = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before || before.status === 'deleted') throw new AppError('NOT_FOUND', { field: 'id' });
    // A held edit of a published comment: the decision is about the edit, not the comment.
    if (before.status === 'published' && before.pending_body !== null && !notice) return decideEdit(before, action, actor, reason);
    const status = STATUS[action];
    const at = deps.now().toISOString();
    const lang = (await deps.settings.get('site')).language;
    let stated = false;
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('comments').set({ status }).where('id', '=', id).execute();
      await writeLog(tx, {
        actor, action: notice?.logAction ?? action, commentId: id, articleId: before.article_id,
        target: notice ? `notice:${notice.noticeId}` : null, detail: notice?.detail ?? '', reason, at,
      });
      // Pending comments were never visible, so nothing was taken from readers.
      if (action === 'reject' && (before.status === 'published' || notice)) {
        await issueStatement(tx, deps.jobs, {
          comment: before, noticeId: notice?.noticeId ?? null,
          ground: notice?.ground ?? DEFAULT_GROUND[lang].rules, facts: reason || DEFAULT_GROUND[lang].rules, at,
        });
        stated = true;
      }
    });
    if (action !== 'reject') await deps.learn(before, action === 'spam' ? 'spam' : 'ham');
    if (status === 'published' && before.status !== 'published') {
      await deps.bus.emit('comment.published', { commentId: id, articleId: before.article_id, parentId: before.parent_id });
    } else if (status !== before.status) {
      await deps.bus.emit('comment.updated', { commentId: id, articleId: before.article_id, status });
    }
    return { status, stated };
  }

  /**
   * Approving a held edit puts it in place (the old text goes to the edit history);
   * rejecting it or calling it spam drops it and the approved text stays. One log entry,
   * the classifier taught once, no statement: nothing readers saw was taken away.
   */
  async function decideEdit(before: CommentRow, action: ModerationAction, actor: { userId: number | null; name: string }, reason: string) {
    const at = deps.now().toISOString();
    const edit = before.pending_body!;
    await db.transaction().execute(async (tx) => {
      if (action === 'approve') {
        await tx.insertInto('comment_edits').values({ comment_id: before.id, body: before.body, created_at: at }).execute();
        await tx
          .updateTable('comments')
          .set({ body: edit, html: before.pending_html ?? before.html, edited_at: before.pending_at ?? at, pending_body: null, pending_html: null, pending_at: null })
          .where('id', '=', before.id)
          .execute();
      } else {
        await tx.updateTable('comments').set({ pending_body: null, pending_html: null, pending_at: null }).where('id', '=', before.id).execute();
      }
      await writeLog(tx, {
        actor, action, commentId: before.id, articleId: before.article_id, target: null,
        detail: action === 'approve' ? 'held edit put in place' : 'held edit dropped; the approved text stays', reason, at,
      });
    });
    if (action !== 'reject') await deps.learn({ body: edit }, action === 'spam' ? 'spam' : 'ham');
    if (action === 'approve') await deps.bus.emit('comment.updated', { commentId: before.id, articleId: before.article_id, status: 'published' });
    return { status: 'published' as const, stated: false };
  }

  /**
   * Decides on each comment in turn; one that fails (gone meanwhile) does not stop the
   * rest and is answered with its error code.
   */
  return async function decide(
    caller: Caller,
    ids: readonly number[],
    action: unknown,
    reason: unknown = '',
    notice?: NoticeContext,
  ): Promise<DecisionResult[]> {
    if (!hasRole(caller, ROLES_FOR.moderate)) throw new AppError('FORBIDDEN');
    if (!isModerationAction(action)) throw new AppError('VALIDATION', { field: 'action' });
    const unique = [...new Set(ids)];
    if (unique.length === 0 || unique.length > BULK_MAX || unique.some((id) => !Number.isInteger(id) || id <= 0)) {
      throw new AppError('VALIDATION', { field: 'ids' });
    }
    const why = (typeof reason === 'string' ? reason : '').trim().slice(0, REASON_MAX);
    const actor = actorOf(caller);
    const results: DecisionResult[] = [];
    let queued = false;
    for (const id of unique) {
      try {
        const done = await one(id, action, actor, why, notice);
        queued ||= done.stated;
        results.push({ id, status: done.status });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ id, error: error.code });
      }
    }
    if (queued) deps.jobs?.wake();
    return results;
  };
}

export type Decide = ReturnType<typeof makeDecide>;
