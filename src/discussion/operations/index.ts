/**
 * The discussion's operations: every write a reader, a staff member or (later) a remote
 * server makes to a discussion goes through one of these, with a resolved caller. Doors
 * (forms, JSON API, importers, federation) only parse, call and render.
 *
 * @example
 *   const ops = createDiscussionOperations(deps);
 *   await ops.postComment(request.caller, 'stadtrat-tagt', commentInput.fromForm(request.body));
 *   await ops.like(request.caller, 12);
 */
import { makeLikeOperations, type LikeDeps } from './like.js';
import { makeOwnCommentOperations, type OwnDeps } from './own.js';
import { makePostComment, type PostDeps } from './post.js';

export type DiscussionOperationDeps = PostDeps & OwnDeps & LikeDeps;

export function createDiscussionOperations(deps: DiscussionOperationDeps) {
  const own = makeOwnCommentOperations(deps);
  const likes = makeLikeOperations(deps);
  return {
    postComment: makePostComment(deps),
    editComment: own.edit,
    removeComment: own.remove,
    like: likes.like,
    unlike: likes.unlike,
  };
}

export type DiscussionOperations = ReturnType<typeof createDiscussionOperations>;
export type { Posted } from './post.js';
export { cachedArticles, cachedNames, isOpen, type NameSource } from './rules.js';
export { voterOf } from './like.js';
