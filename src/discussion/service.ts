/**
 * Reading the discussion: one page of an article's threads as a tree, where a comment is
 * for permalinks, and the commenter keys readers mute by. Writes are operations
 * (`operations/`, `moderation/decide.ts`); this module holds the shared types they use.
 *
 * @example
 *   const discussion = createDiscussionService({ db, settings, content, secret });
 *   const { nodes, pages } = await discussion.thread(7, { sort: 'oldest', page: 1 });
 */
import type { Kysely } from 'kysely';
import type { CommentRow, Database } from '../platform/db/schema.js';
import type { SettingsService } from '../platform/settings.js';
import type { ContentService } from '../content/index.js';
import { createDiscussionStore } from './store.js';
import { buildTree, type CommentSort, type TreeNode } from './tree.js';
import type { PublicComment } from './types.js';
import { commenterKey } from './readers/key.js'; // readers

/** A stored comment whose writer ticked "notify me of replies" (discussion/notify acts on it). */
export interface ReplyNotifyRequest {
  commentId: number;
  articleId: number;
  status: 'published' | 'pending';
  /** The guest's address as stored; empty for staff, whose account address is used. */
  email: string;
  userId: number | null;
}

/**
 * A comment this process just stored and is about to announce as `comment.published`
 * (issue 16): discussion/notify takes the writer from here instead of reading the row
 * back, and knows no reply subscription of it exists yet (one asked for is made after).
 */
export interface AnnouncedComment {
  commentId: number;
  userId: number | null;
  /** As stored in `author_email` (empty for staff, readers and fediverse writers). */
  authorEmail: string;
}

export interface ScreenInput {
  body: string;
  links: number;
  identity: string;
  ipHash: string;
  articleId: number;
}

export interface ScreenVerdict {
  action: 'accept' | 'hold' | 'reject';
  score: number;
  reasons: { code: string; detail: string; weight?: number }[];
}

export type Screen = (input: ScreenInput) => Promise<ScreenVerdict>;

export interface DiscussionDeps {
  db: Kysely<Database>;
  settings: Pick<SettingsService, 'get'>;
  content: Pick<ContentService, 'store'>;
  secret: string;
}

export type { ModerationAction } from './schemas.js';

/** `keyOf` (readers): the opaque commenter key for `data-author-key`, muting. */
export function toPublicComment(row: CommentRow, authorUserIds: ReadonlySet<number>, keyOf?: (identity: string) => string): PublicComment {
  const removed = row.status !== 'published';
  return {
    ...(keyOf && !removed ? { authorKey: keyOf(row.identity) } : {}),
    id: row.id,
    parentId: row.parent_id,
    threadId: row.thread_id ?? row.id,
    depth: row.depth,
    html: removed ? '' : row.html,
    author: { name: removed ? '' : row.author_name, isAuthor: row.user_id !== null && authorUserIds.has(row.user_id), isStaff: row.user_id !== null },
    // Federation (issue 13): a reply from the fediverse shows its handle and links its original.
    ...(!removed && row.origin_handle && row.origin_url ? { origin: { handle: row.origin_handle, url: row.origin_url } } : {}),
    likes: row.likes,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    status: row.status,
    visible: !removed,
  };
}

export function createDiscussionService(deps: DiscussionDeps) {
  const { db, settings, content, secret } = deps;
  const store = createDiscussionStore(db);
  const commenterKeys = new Map<string, string>();

  const service = {
    store,

    /** readers: the opaque, stable key of an identity (never the e-mail hash itself). */
    commenterKey: (identity: string) => {
      // An HMAC per comment was a tenth of a 200-comment render; the same readers write most
      // comments, so keys are remembered (bounded: emptied when full).
      let key = commenterKeys.get(identity);
      if (key === undefined) {
        if (commenterKeys.size >= 10_000) commenterKeys.clear();
        key = commenterKey(secret, identity);
        commenterKeys.set(identity, key);
      }
      return key;
    },

    /** One page of an article's discussion as a tree, plus counts for paging. */
    async thread(articleId: number, options: { sort: CommentSort; page: number }) {
      const policy = await settings.get('discussion');
      const perPage = policy.threadsPerPage;
      const [rows, threads, counts] = await Promise.all([
        store.threadPage(articleId, options.sort, perPage, (options.page - 1) * perPage),
        store.threadCount(articleId),
        store.counts([articleId]),
      ]);
      const article = await content.store.findBy('id', articleId);
      const authorUsers = new Set(article?.authors.flatMap((a) => (a.userId ? [a.userId] : [])) ?? []);
      const comments = rows.map((row) => toPublicComment(row, authorUsers, service.commenterKey));
      return {
        nodes: buildTree(comments, { sort: options.sort }) as TreeNode<PublicComment>[],
        total: counts.get(articleId) ?? 0,
        page: options.page,
        pages: Math.max(1, Math.ceil(threads / perPage)),
      };
    },

    /** Which page (oldest first) of its article a comment is on: for permalinks. */
    async locate(commentId: number): Promise<{ articleId: number; page: number; commentId: number } | null> {
      const row = await store.byId(commentId);
      if (!row || row.status === 'pending' || row.status === 'spam') return null;
      const policy = await settings.get('discussion');
      const position = await store.rootPosition(row.article_id, row.thread_id ?? row.id);
      return { articleId: row.article_id, page: Math.floor(position / policy.threadsPerPage) + 1, commentId };
    },

  };
  return service;
}

export type DiscussionService = ReturnType<typeof createDiscussionService>;
