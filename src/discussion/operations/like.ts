/**
 * Likes: one per reader identity and comment, and taken back the same way. The identity is
 * the account for staff and signed-in readers, the session for a guest with one, and the
 * day's IP hash for a request without cookies (so five cookie-less requests are one like).
 * A like changes one number on one article's page: it says so in its own event, and the
 * page cache and the live stream act on that article alone.
 *
 * @example
 *   const likes = makeLikeOperations(deps);
 *   await likes.like(request.caller, 12);   // { likes: 4, liked: true }
 *   await likes.unlike(request.caller, 12); // { likes: 3, liked: false }
 */
import type { Kysely } from 'kysely';
import type { Caller } from '../../platform/caller.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import type { Limits } from '../../platform/ratelimit.js';
import type { DiscussionStore } from '../store.js';

export interface LikeDeps {
  db: Kysely<Database>;
  store: Pick<DiscussionStore, 'byId'>;
  limits: Pick<Limits, 'limit'>;
  bus: Pick<EventBus, 'emit'>;
  now: () => Date;
}

export interface LikeResult {
  likes: number;
  liked: boolean;
  articleId: number;
}

/** Who counts as one voter. Session hashes are stored bare, as before accounts existed. */
export function voterOf(caller: Caller): string {
  if (caller.kind === 'staff') return `user:${caller.staff.id}`;
  if (caller.kind === 'reader') return `reader:${caller.reader.id}`;
  if (caller.kind === 'system') return `system:${caller.name}`;
  return caller.sessionHash ?? `ip:${caller.ipHash}`;
}

export function makeLikeOperations(deps: LikeDeps) {
  async function visible(commentId: number) {
    const row = await deps.store.byId(commentId);
    if (!row || row.status !== 'published') throw new AppError('NOT_FOUND', { field: 'id' });
    return row;
  }

  async function change(caller: Caller, commentId: number, add: boolean): Promise<LikeResult> {
    const row = await visible(commentId);
    if (caller.kind !== 'staff') await deps.limits.limit('like', caller.ipHash);
    const voter = voterOf(caller);
    const changed = await deps.db.transaction().execute(async (tx) => {
      const result = add
        ? await tx
            .insertInto('comment_likes')
            .values({ comment_id: commentId, voter, created_at: deps.now().toISOString() })
            .onConflict((oc) => oc.columns(['comment_id', 'voter']).doNothing())
            .executeTakeFirst()
        : await tx.deleteFrom('comment_likes').where('comment_id', '=', commentId).where('voter', '=', voter).executeTakeFirst();
      const count = Number('numDeletedRows' in result ? result.numDeletedRows : (result.numInsertedOrUpdatedRows ?? 0));
      if (count > 0) {
        await tx.updateTable('comments').set((eb) => ({ likes: eb('likes', add ? '+' : '-', 1) })).where('id', '=', commentId).execute();
      }
      return count > 0;
    });
    const likes = (await deps.store.byId(commentId))!.likes;
    if (changed) await deps.bus.emit('comment.liked', { commentId, articleId: row.article_id, likes });
    return { likes, liked: add, articleId: row.article_id };
  }

  return {
    like: (caller: Caller, commentId: number) => change(caller, commentId, true),
    unlike: (caller: Caller, commentId: number) => change(caller, commentId, false),
  };
}

export type LikeOperations = ReturnType<typeof makeLikeOperations>;
