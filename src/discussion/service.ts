/**
 * Comment operations shared by the plain-HTML forms, the JSON API and the moderation
 * desk: posting (with policy, spam screening and duplicate checks), the thread view,
 * editing and deleting one's own comment, likes, and moderator decisions, each of which
 * lands in the append-only moderation log.
 *
 * @example
 *   const discussion = createDiscussionService({ db, bus, settings, content, secret });
 *   const { id, status } = await discussion.post({ articleId: 7, name: 'Lea', email: 'lea@example.org', body: 'Danke!', ipHash, sessionHash });
 */
import type { Kysely } from 'kysely';
import type { CommentRow, Database } from '../platform/db/schema.js';
import type { EventBus } from '../platform/events.js';
import type { SettingsService } from '../platform/settings.js';
import { AppError } from '../platform/errors.js';
import { emailHash } from '../platform/privacy.js';
import type { ContentService } from '../content/index.js';
import { createDiscussionStore } from './store.js';
import { buildTree, type CommentSort, type TreeNode } from './tree.js';
import { renderComment, validateCommentBody, CommentTextError, countLinks } from './text/markdown.js';
import type { PublicComment } from './types.js';
import { commenterKey } from './readers/key.js'; // readers

export interface PostInput {
  articleId: number;
  parentId?: number | null;
  name?: string;
  email?: string;
  body: string;
  /** Staff writing as themselves (author badge, never held). */
  user?: { id: number; name: string } | null;
  /** readers: a signed-in reader account (name from the account; see readers/README.md). */
  reader?: { id: number; name: string; email: string } | null;
  sessionHash: string | null;
  ipHash: string;
  /** What the transport already found (form honeypot and stamp): merged into the screen. */
  flagged?: ScreenVerdict['reasons'];
  /** The writer asks to be e-mailed about replies (handed to `notifyReplies`, see notify/). */
  notify?: boolean;
}

/** A stored comment whose writer ticked "notify me of replies" (discussion/notify acts on it). */
export interface ReplyNotifyRequest {
  commentId: number;
  articleId: number;
  status: 'published' | 'pending';
  /** The guest's address as stored; empty for staff, whose account address is used. */
  email: string;
  userId: number | null;
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
  bus: EventBus;
  settings: Pick<SettingsService, 'get'>;
  content: Pick<ContentService, 'store'>;
  secret: string;
  screen?: Screen;
  /** moderation: trusted commenters skip the policy hold (a screen's hold still applies). */
  isTrusted?: (identity: string) => Promise<boolean>;
  now?: () => Date;
  /** notify: called after a comment with `notify` is stored; must not throw (notify/ logs its own failures). */
  notifyReplies?: (request: ReplyNotifyRequest) => Promise<void>;
}

export type ModerationAction = 'approve' | 'reject' | 'spam';

const NAME_MAX = 80;
const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

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
    likes: row.likes,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    status: row.status,
    visible: !removed,
  };
}

export function createDiscussionService(deps: DiscussionDeps) {
  const { db, bus, settings, content, secret } = deps;
  const now = deps.now ?? (() => new Date());
  const store = createDiscussionStore(db);
  const screen: Screen = deps.screen ?? (async () => ({ action: 'accept', score: 0, reasons: [] }));
  const isTrusted = deps.isTrusted ?? (async () => false);
  const commenterKeys = new Map<string, string>();

  async function openArticle(articleId: number) {
    const article = await content.store.findBy('id', articleId);
    if (!article || article.status !== 'published' || !article.publishedAt || article.publishedAt > now()) {
      throw new AppError('NOT_FOUND', { field: 'article' });
    }
    return article;
  }

  async function assertOpen(article: { commentsOpen: boolean; publishedAt: Date | null }) {
    const policy = await settings.get('discussion');
    const closedByAge =
      policy.closeAfterDays > 0 && article.publishedAt && now().getTime() - article.publishedAt.getTime() > policy.closeAfterDays * 86_400_000;
    if (!article.commentsOpen || closedByAge) throw new AppError('COMMENT_CLOSED');
    return policy;
  }

  function body(source: string) {
    try {
      return validateCommentBody(source);
    } catch (error: unknown) {
      if (error instanceof CommentTextError) throw new AppError(error.code, { field: 'body' });
      throw error;
    }
  }

  async function siteLanguage() {
    return (await settings.get('site')).language;
  }

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

    async post(input: PostInput): Promise<{ id: number; status: 'published' | 'pending' }> {
      const article = await openArticle(input.articleId);
      const policy = await assertOpen(article);
      // readers: the `identity` setting decides who may comment. Under 'guests' accounts
      // are off and a reader session counts for nothing; under 'accounts' only staff and
      // signed-in readers may write. Checked before the text: no point fixing it first.
      const reader = policy.identity === 'guests' ? null : (input.reader ?? null);
      if (!input.user && !reader && policy.identity === 'accounts') throw new AppError('ACCOUNT_REQUIRED');
      const text = body(typeof input.body === 'string' ? input.body : '');
      let name: string;
      let email = '';
      let identity: string;
      if (input.user) {
        name = input.user.name;
        identity = `user:${input.user.id}`;
      } else if (reader) {
        name = reader.name;
        identity = `reader:${reader.id}`;
      } else {
        name = (input.name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
        if (!name || name.length > NAME_MAX) throw new AppError('NAME_REQUIRED', { field: 'name' });
        email = (input.email ?? '').trim().toLowerCase();
        if (!EMAIL_PATTERN.test(email) || email.length > 254) throw new AppError('EMAIL_INVALID', { field: 'email' });
        identity = `email:${emailHash(email, secret)}`;
      }
      let depth = 0;
      let threadId: number | null = null;
      const parentId = input.parentId ?? null;
      if (parentId !== null) {
        if (!Number.isInteger(parentId) || parentId <= 0) throw new AppError('COMMENT_PARENT_INVALID', { field: 'parentId' });
        const parent = await store.byId(parentId);
        if (!parent || parent.article_id !== article.id || parent.status !== 'published') {
          throw new AppError('COMMENT_PARENT_INVALID', { field: 'parentId' });
        }
        depth = parent.depth + 1;
        if (depth > policy.depthCap) throw new AppError('COMMENT_DEPTH', { field: 'parentId' });
        threadId = parent.thread_id ?? parent.id;
      }
      const stamp = now();
      if (await store.recentBodyFrom(identity, text, new Date(stamp.getTime() - 86_400_000).toISOString())) {
        throw new AppError('COMMENT_DUPLICATE', { field: 'body' });
      }
      const screened: ScreenVerdict = input.user
        ? { action: 'accept', score: 0, reasons: [] }
        : await screen({ body: text, links: countLinks(text), identity, ipHash: input.ipHash, articleId: article.id });
      const flagged = input.flagged ?? [];
      const verdict: ScreenVerdict = {
        action: screened.action === 'accept' && flagged.length ? 'hold' : screened.action,
        score: screened.score + flagged.reduce((sum, r) => sum + (r.weight ?? 0), 0),
        reasons: [...flagged, ...screened.reasons],
      };
      if (verdict.action === 'reject') throw new AppError('COMMENT_SPAM', { field: 'body', detail: verdict.reasons.map((r) => r.code).join(',') });
      let status: 'published' | 'pending';
      if (input.user || policy.policy === 'none') status = 'published';
      else if (await isTrusted(identity)) status = 'published'; // moderation: trusted commenters
      else if (policy.policy === 'all') status = 'pending';
      else status = (await store.hasPublishedFrom(identity)) ? 'published' : 'pending';
      if (verdict.action === 'hold') status = 'pending';
      const html = renderComment(text, { lang: await siteLanguage() }).toString();
      const id = await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('comments')
          .values({
            article_id: article.id,
            parent_id: parentId,
            thread_id: threadId,
            depth,
            author_name: name,
            author_email: email,
            identity,
            session_hash: input.sessionHash,
            user_id: input.user?.id ?? null,
            body: text,
            html,
            status,
            likes: 0,
            ip_hash: input.ipHash,
            spam_score: verdict.score,
            spam_reasons: JSON.stringify(verdict.reasons),
            created_at: stamp.toISOString(),
            edited_at: null,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (threadId === null) await tx.updateTable('comments').set({ thread_id: row.id }).where('id', '=', row.id).execute();
        return row.id;
      });
      if (status === 'published') await bus.emit('comment.published', { commentId: id, articleId: article.id, parentId });
      else await bus.emit('comment.pending', { commentId: id, articleId: article.id });
      // notify: the writer asked to hear about replies (double opt-in happens there).
      if (input.notify && deps.notifyReplies) {
        await deps.notifyReplies({ commentId: id, articleId: article.id, status, email: reader?.email ?? email, userId: input.user?.id ?? null });
      }
      return { id, status };
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

    async edit(commentId: number, source: string, sessionHash: string | null): Promise<PublicComment> {
      const row = await store.byId(commentId);
      if (!row || row.status === 'deleted') throw new AppError('NOT_FOUND', { field: 'id' });
      if (!sessionHash || row.session_hash !== sessionHash) throw new AppError('COMMENT_NOT_YOURS');
      const policy = await settings.get('discussion');
      if (now().getTime() - new Date(row.created_at).getTime() > policy.editMinutes * 60_000) {
        throw new AppError('COMMENT_EDIT_EXPIRED');
      }
      const text = body(source);
      const html = renderComment(text, { lang: await siteLanguage() }).toString();
      const stamp = now().toISOString();
      await db.transaction().execute(async (tx) => {
        // The edit history is for moderators: what was there before each change.
        await tx.insertInto('comment_edits').values({ comment_id: row.id, body: row.body, created_at: stamp }).execute();
        await tx.updateTable('comments').set({ body: text, html, edited_at: stamp }).where('id', '=', row.id).execute();
      });
      await bus.emit('comment.updated', { commentId: row.id, articleId: row.article_id, status: row.status });
      return toPublicComment((await store.byId(row.id))!, new Set());
    },

    /** The author removes their own comment; replies keep a placeholder to hang on. */
    async remove(commentId: number, sessionHash: string | null): Promise<void> {
      const row = await store.byId(commentId);
      if (!row || row.status === 'deleted') throw new AppError('NOT_FOUND', { field: 'id' });
      if (!sessionHash || row.session_hash !== sessionHash) throw new AppError('COMMENT_NOT_YOURS');
      await db
        .updateTable('comments')
        .set({ status: 'deleted', body: '', html: '', deleted_at: now().toISOString() })
        .where('id', '=', row.id)
        .execute();
      await db.deleteFrom('comment_edits').where('comment_id', '=', row.id).execute();
      await bus.emit('comment.updated', { commentId: row.id, articleId: row.article_id, status: 'deleted' });
    },

    /** One like per voter (session or IP hash); answers the new count. */
    async like(commentId: number, voter: string): Promise<number> {
      const row = await store.byId(commentId);
      if (!row || row.status !== 'published') throw new AppError('NOT_FOUND', { field: 'id' });
      const inserted = await db
        .insertInto('comment_likes')
        .values({ comment_id: commentId, voter, created_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['comment_id', 'voter']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
        await db.updateTable('comments').set((eb) => ({ likes: eb('likes', '+', 1) })).where('id', '=', commentId).execute();
        await bus.emit('comment.updated', { commentId, articleId: row.article_id, status: row.status });
      }
      return (await store.byId(commentId))!.likes;
    },

    async moderate(commentId: number, action: ModerationAction, actor: { userId: number | null; name: string }, reason = ''): Promise<CommentRow> {
      const row = await store.byId(commentId);
      if (!row || row.status === 'deleted') throw new AppError('NOT_FOUND', { field: 'id' });
      const status = action === 'approve' ? 'published' : action === 'reject' ? 'rejected' : 'spam';
      const stamp = now().toISOString();
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('comments').set({ status }).where('id', '=', commentId).execute();
        await store.log(
          { actorUserId: actor.userId, actor: actor.name, action, commentId, articleId: row.article_id, reason: reason.slice(0, 2000), at: stamp },
          tx,
        );
      });
      if (status === 'published' && row.status !== 'published') {
        await bus.emit('comment.published', { commentId, articleId: row.article_id, parentId: row.parent_id });
      } else {
        await bus.emit('comment.updated', { commentId, articleId: row.article_id, status });
      }
      return (await store.byId(commentId))!;
    },

    async moderationLog(limit = 100) {
      return db.selectFrom('moderation_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
  return service;
}

export type DiscussionService = ReturnType<typeof createDiscussionService>;
