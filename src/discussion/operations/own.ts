/**
 * What a writer may do with their own comment afterwards: edit it while the edit window
 * is open, or remove it (replies keep a placeholder to hang on). "Own" means written from
 * the same session, or by the same staff or reader account. An edit passes the same
 * screen as a new comment, and a held edit waits beside the approved text.
 *
 * @example
 *   const own = makeOwnCommentOperations(deps);
 *   await own.edit(request.caller, 12, 'Korrigiert: 12 Millionen, nicht 21.');
 *   await own.remove(request.caller, 12);
 */
import type { Kysely } from 'kysely';
import type { Caller } from '../../platform/caller.js';
import type { CommentRow, Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import type { SettingsService } from '../../platform/settings.js';
import type { DiscussionStore } from '../store.js';
import { countLinks, renderComment } from '../text/markdown.js';
import type { Screen } from '../service.js';
import { toPublicComment } from '../service.js';
import type { PublicComment } from '../types.js';
import { cleanBody } from './rules.js';

export interface OwnDeps {
  db: Kysely<Database>;
  store: Pick<DiscussionStore, 'byId'>;
  settings: Pick<SettingsService, 'get'>;
  screen: Screen;
  /** Trusted commenters skip the hold policy, for edits as for new comments. */
  isTrusted: (identity: string) => Promise<boolean>;
  bus: Pick<EventBus, 'emit'>;
  now: () => Date;
}

export type Edited = PublicComment & {
  /** The edit waits for a moderator; readers still see the approved text. */
  pending: boolean;
};

/** Whether the caller wrote this comment (session, or the account it was written under). */
export function isOwn(caller: Caller, row: Pick<CommentRow, 'session_hash' | 'identity'>): boolean {
  if (caller.kind === 'staff' && row.identity === `user:${caller.staff.id}`) return true;
  if (caller.kind === 'reader' && row.identity === `reader:${caller.reader.id}`) return true;
  if (caller.kind === 'federated') return row.identity === `fediverse:${caller.remote.actor}`; // federation (issue 13)
  return caller.sessionHash !== null && row.session_hash === caller.sessionHash;
}

export function makeOwnCommentOperations(deps: OwnDeps) {
  async function mine(caller: Caller, commentId: number): Promise<CommentRow> {
    const row = await deps.store.byId(commentId);
    if (!row || row.status === 'deleted') throw new AppError('NOT_FOUND', { field: 'id' });
    if (!isOwn(caller, row)) throw new AppError('COMMENT_NOT_YOURS');
    return row;
  }

  return {
    /**
     * An edit passes the screen a new comment passes: what would be refused is refused;
     * what would be held (the screen, or a policy that holds everything) waits for a
     * moderator beside the approved text, which readers keep seeing until then.
     */
    async edit(caller: Caller, commentId: number, source: unknown): Promise<Edited> {
      const row = await mine(caller, commentId);
      const policy = await deps.settings.get('discussion');
      if (deps.now().getTime() - new Date(row.created_at).getTime() > policy.editMinutes * 60_000) {
        throw new AppError('COMMENT_EDIT_EXPIRED');
      }
      const text = cleanBody(source);
      let hold = false;
      if (caller.kind !== 'staff') {
        const verdict = await deps.screen({ body: text, links: countLinks(text), identity: row.identity, ipHash: caller.ipHash, articleId: row.article_id });
        if (verdict.action === 'reject') {
          throw new AppError('COMMENT_SPAM', { field: 'body', detail: verdict.reasons.map((r) => r.code).join(',') });
        }
        hold = verdict.action === 'hold' || (policy.policy === 'all' && !(await deps.isTrusted(row.identity)));
      }
      const html = renderComment(text, { lang: (await deps.settings.get('site')).language }).toString();
      const stamp = deps.now().toISOString();
      if (hold && row.status === 'published') {
        await deps.db.updateTable('comments').set({ pending_body: text, pending_html: html, pending_at: stamp }).where('id', '=', row.id).execute();
        await deps.bus.emit('comment.pending', { commentId: row.id, articleId: row.article_id });
        return { ...toPublicComment(row, new Set()), pending: true };
      }
      await deps.db.transaction().execute(async (tx) => {
        // The edit history is for moderators: what was there before each change.
        await tx.insertInto('comment_edits').values({ comment_id: row.id, body: row.body, created_at: stamp }).execute();
        await tx
          .updateTable('comments')
          .set({ body: text, html, edited_at: stamp, pending_body: null, pending_html: null, pending_at: null })
          .where('id', '=', row.id)
          .execute();
      });
      await deps.bus.emit('comment.updated', { commentId: row.id, articleId: row.article_id, status: row.status });
      return { ...toPublicComment((await deps.store.byId(row.id))!, new Set()), pending: false };
    },

    async remove(caller: Caller, commentId: number): Promise<void> {
      const row = await mine(caller, commentId);
      await deps.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('comments')
          .set({ status: 'deleted', body: '', html: '', deleted_at: deps.now().toISOString() })
          .where('id', '=', row.id)
          .execute();
        await tx.deleteFrom('comment_edits').where('comment_id', '=', row.id).execute();
      });
      await deps.bus.emit('comment.updated', { commentId: row.id, articleId: row.article_id, status: 'deleted' });
    },
  };
}

export type OwnCommentOperations = ReturnType<typeof makeOwnCommentOperations>;
