/**
 * What a writer may do with their own comment afterwards: edit it while the edit window
 * is open, or remove it (replies keep a placeholder to hang on). "Own" means written from
 * the same session, or by the same staff or reader account. An edit passes the same
 * screen as a new comment: a text that would be refused as new is refused as an edit.
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
  bus: Pick<EventBus, 'emit'>;
  now: () => Date;
}

/** Whether the caller wrote this comment (session, or the account it was written under). */
export function isOwn(caller: Caller, row: Pick<CommentRow, 'session_hash' | 'identity'>): boolean {
  if (caller.kind === 'staff' && row.identity === `user:${caller.staff.id}`) return true;
  if (caller.kind === 'reader' && row.identity === `reader:${caller.reader.id}`) return true;
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
    async edit(caller: Caller, commentId: number, source: unknown): Promise<PublicComment> {
      const row = await mine(caller, commentId);
      const policy = await deps.settings.get('discussion');
      if (deps.now().getTime() - new Date(row.created_at).getTime() > policy.editMinutes * 60_000) {
        throw new AppError('COMMENT_EDIT_EXPIRED');
      }
      const text = cleanBody(source);
      if (caller.kind !== 'staff') {
        const verdict = await deps.screen({ body: text, links: countLinks(text), identity: row.identity, ipHash: caller.ipHash, articleId: row.article_id });
        // A hold on an edit is the moderators' to decide like a new comment's; until then the
        // text that was approved stays what readers see (see "Noticed" in discussion/README.md).
        if (verdict.action !== 'accept') {
          throw new AppError('COMMENT_SPAM', { field: 'body', detail: verdict.reasons.map((r) => r.code).join(',') });
        }
      }
      const html = renderComment(text, { lang: (await deps.settings.get('site')).language }).toString();
      const stamp = deps.now().toISOString();
      await deps.db.transaction().execute(async (tx) => {
        // The edit history is for moderators: what was there before each change.
        await tx.insertInto('comment_edits').values({ comment_id: row.id, body: row.body, created_at: stamp }).execute();
        await tx.updateTable('comments').set({ body: text, html, edited_at: stamp }).where('id', '=', row.id).execute();
      });
      await deps.bus.emit('comment.updated', { commentId: row.id, articleId: row.article_id, status: row.status });
      return toPublicComment((await deps.store.byId(row.id))!, new Set());
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
