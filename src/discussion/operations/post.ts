/**
 * Posting a comment: the one place that decides who is writing, whether they may, and
 * what becomes of the text. The page form, the JSON API and (later) federation call this
 * with a resolved caller; none of them decides anything of its own.
 *
 * Rules, in order: the article is visible and open; the site's identity setting admits the
 * caller; guests are rate-limited (staff never); the text is valid; a guest's name is not a
 * newsroom member's; the parent can be answered and is not at the depth cap; the same text
 * twice in a day is refused; the screen (bans, filters, links, classifier, form signals)
 * may refuse or hold; the hold policy decides the rest (staff and trusted are published).
 *
 * @example
 *   const postComment = makePostComment(deps);
 *   const { id, status } = await postComment(request.caller, 7, commentInput.fromForm(request.body));
 */
import type { Kysely } from 'kysely';
import type { Caller } from '../../platform/caller.js';
import type { CommentRow, Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import { emailHash } from '../../platform/privacy.js';
import type { Limits } from '../../platform/ratelimit.js';
import type { SettingsService } from '../../platform/settings.js';
import type { Article } from '../../content/index.js';
import { COMMENT_LIMITS, type CommentInput } from '../schemas.js';
import type { DiscussionStore } from '../store.js';
import { parsedComment } from '../text/markdown.js';
import type { AnnouncedComment, ReplyNotifyRequest, Screen, ScreenVerdict } from '../service.js';
import { cleanPersonName } from '../../platform/names.js';
import { assertOpen, cleanBody, isReservedName, type NameSource } from './rules.js';
import { createGroupCommit } from '../../platform/db/group-commit.js';
import type { Durably } from '../../platform/db/durable.js';
import { compiledOnce } from '../../platform/db/compiled.js';

export interface PostDeps {
  db: Kysely<Database>;
  /** How the group's transaction reaches the disk (the database handle's; a plain transaction without). */
  durably?: Durably<Database>;
  store: Pick<DiscussionStore, 'byId' | 'recentBodyFrom' | 'hasPublishedFrom'>;
  /** The published article readers may see, by id or slug; NOT_FOUND otherwise. */
  article: (ref: number | string) => Promise<Article>;
  settings: Pick<SettingsService, 'get'>;
  screen: Screen;
  isTrusted: (identity: string) => Promise<boolean>;
  /** Honeypot and form stamp of a plain form: throws for a sure bot, else reasons to hold. */
  checkForm: (form: { honeypot: string | undefined; stamp: string | undefined }) => ScreenVerdict['reasons'];
  limits: Pick<Limits, 'limit'>;
  /** Names of the newsroom (staff accounts and author profiles) that guests may not take. */
  reservedNames: NameSource;
  bus: Pick<EventBus, 'emit'>;
  secret: string;
  now: () => Date;
  /** Told of a published comment just before `comment.published` is emitted for it; must not throw. */
  announcing?: (comment: AnnouncedComment) => void;
  /** Called after a comment with `notify` is stored; must not throw. */
  notifyReplies?: (request: ReplyNotifyRequest) => Promise<void>;
}

export interface Posted {
  id: number;
  status: 'published' | 'pending';
  article: { id: number; slug: string };
}

const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

interface Writer {
  identity: string;
  name: string;
  email: string;
  userId: number | null;
  /** Where reply notifications go ('' for staff: their account's address is used). */
  notifyEmail: string;
}

export function makePostComment(deps: PostDeps) {
  // Comments arriving in one event-loop turn are stored in one transaction (one fsync, off
  // the event loop on SQLite); each is acknowledged only once it is on disk (issue 16).
  const commit = createGroupCommit(deps.db, { durably: deps.durably });
  // The two statements of every post, compiled once (issue 16).
  const insertComment = compiledOnce((row: Omit<CommentRow, 'id'>) => deps.db.insertInto('comments').values(row).returning('id'));
  const ownThread = compiledOnce((p: { id: number }) => deps.db.updateTable('comments').set({ thread_id: p.id }).where('id', '=', p.id));
  async function writerOf(caller: Caller, input: CommentInput, identitySetting: 'guests' | 'accounts' | 'both'): Promise<Writer> {
    // Federation (issue 13): a fediverse author, proven by the activity's signature, writes
    // under their own name whatever the identity setting says (they are nobody's guest);
    // a name of the newsroom's is replaced by their handle.
    if (caller.kind === 'federated') {
      const own = cleanPersonName(caller.remote.name, COMMENT_LIMITS.name);
      const name = own === null || (await isReservedName(deps.reservedNames, own)) ? caller.remote.handle.slice(0, COMMENT_LIMITS.name) : own;
      return { identity: `fediverse:${caller.remote.actor}`, name, email: '', userId: null, notifyEmail: '' };
    }
    if (caller.kind === 'staff') {
      const { id, name } = caller.staff;
      return { identity: `user:${id}`, name, email: '', userId: id, notifyEmail: '' };
    }
    // Under 'guests' accounts are off and a reader session counts for nothing.
    if (caller.kind === 'reader' && identitySetting !== 'guests') {
      const { id, name, email } = caller.reader;
      return { identity: `reader:${id}`, name, email: '', userId: null, notifyEmail: email };
    }
    // The site and integrations (issue 17: no scope writes comments) do not comment.
    if (caller.kind === 'system' || caller.kind === 'integration') throw new AppError('FORBIDDEN');
    if (identitySetting === 'accounts') throw new AppError('ACCOUNT_REQUIRED');
    // One name rule for every person (platform/names.ts); the length is checked apart so
    // that a long name is told so, not that it is missing.
    const name = cleanPersonName(input.name, Number.POSITIVE_INFINITY);
    if (name === null) throw new AppError('NAME_REQUIRED', { field: 'name' });
    if (name.length > COMMENT_LIMITS.name) throw new AppError('NAME_TOO_LONG', { field: 'name' });
    const email = (input.email ?? '').trim().toLowerCase();
    if (!EMAIL_PATTERN.test(email) || email.length > COMMENT_LIMITS.email) throw new AppError('EMAIL_INVALID', { field: 'email' });
    if (await isReservedName(deps.reservedNames, name)) throw new AppError('NAME_RESERVED', { field: 'name' });
    return { identity: `email:${emailHash(email, deps.secret)}`, name, email, userId: null, notifyEmail: email };
  }

  async function placeOf(parentId: number | null, article: Article, depthCap: number): Promise<{ depth: number; threadId: number | null }> {
    if (parentId === null) return { depth: 0, threadId: null };
    if (!Number.isInteger(parentId) || parentId <= 0) throw new AppError('COMMENT_PARENT_INVALID', { field: 'parentId' });
    const parent = await deps.store.byId(parentId);
    if (!parent || parent.article_id !== article.id || parent.status !== 'published') {
      throw new AppError('COMMENT_PARENT_INVALID', { field: 'parentId' });
    }
    if (parent.depth + 1 > depthCap) throw new AppError('COMMENT_DEPTH', { field: 'parentId' });
    return { depth: parent.depth + 1, threadId: parent.thread_id ?? parent.id };
  }

  return async function postComment(caller: Caller, articleRef: number | string, input: CommentInput): Promise<Posted> {
    const article = await deps.article(articleRef);
    const policy = await deps.settings.get('discussion');
    assertOpen(article, policy, deps.now());
    const staff = caller.kind === 'staff';
    // Form signals first: a sure bot is refused before it costs a rate-limit slot or a query.
    const flagged = input.form && !staff ? deps.checkForm(input.form) : [];
    if (!staff) await deps.limits.limit('comment', caller.ipHash);
    const writer = await writerOf(caller, input, policy.identity);
    const text = cleanBody(input.body);
    const place = await placeOf(input.parentId, article, policy.depthCap);
    const stamp = deps.now();
    if (await deps.store.recentBodyFrom(writer.identity, text, new Date(stamp.getTime() - 86_400_000).toISOString())) {
      throw new AppError('COMMENT_DUPLICATE', { field: 'body' });
    }
    const parsed = parsedComment(text);
    const screened: ScreenVerdict = staff
      ? { action: 'accept', score: 0, reasons: [] }
      : await deps.screen({ body: text, links: parsed.links, identity: writer.identity, ipHash: caller.ipHash, articleId: article.id });
    const verdict: ScreenVerdict = {
      action: screened.action === 'accept' && flagged.length ? 'hold' : screened.action,
      score: screened.score + flagged.reduce((sum, r) => sum + (r.weight ?? 0), 0),
      reasons: [...flagged, ...screened.reasons],
    };
    if (verdict.action === 'reject') throw new AppError('COMMENT_SPAM', { field: 'body', detail: verdict.reasons.map((r) => r.code).join(',') });
    let status: 'published' | 'pending';
    if (staff || policy.policy === 'none') status = 'published';
    else if (await deps.isTrusted(writer.identity)) status = 'published';
    else if (policy.policy === 'all') status = 'pending';
    else status = (await deps.store.hasPublishedFrom(writer.identity)) ? 'published' : 'pending';
    if (verdict.action === 'hold') status = 'pending';
    const sessionHash = caller.sessionHash ?? caller.ensureSession?.() ?? null;
    const html = parsed.render({ lang: (await deps.settings.get('site')).language }).toString();
    const row: Omit<CommentRow, 'id'> = {
      article_id: article.id,
      parent_id: input.parentId,
      thread_id: place.threadId,
      depth: place.depth,
      author_name: writer.name,
      author_email: writer.email,
      identity: writer.identity,
      session_hash: sessionHash,
      user_id: writer.userId,
      body: text,
      html,
      status,
      likes: 0,
      ip_hash: caller.ipHash,
      spam_score: verdict.score,
      spam_reasons: JSON.stringify(verdict.reasons),
      created_at: stamp.toISOString(),
      edited_at: null,
      deleted_at: null,
      pending_body: null,
      pending_html: null,
      pending_at: null,
      origin_handle: caller.kind === 'federated' ? caller.remote.handle : null, // federation (issue 13)
      origin_url: caller.kind === 'federated' ? caller.remote.noteUrl : null,
    };
    const id = await commit(async (tx) => {
      const { id } = (await insertComment(tx, row)).rows[0]!;
      if (place.threadId === null) await ownThread(tx, { id });
      return id;
    });
    if (status === 'published') {
      deps.announcing?.({ commentId: id, userId: writer.userId, authorEmail: writer.email });
      await deps.bus.emit('comment.published', { commentId: id, articleId: article.id, parentId: input.parentId });
    } else await deps.bus.emit('comment.pending', { commentId: id, articleId: article.id });
    if (input.notify && deps.notifyReplies) {
      await deps.notifyReplies({ commentId: id, articleId: article.id, status, email: writer.notifyEmail, userId: writer.userId });
    }
    return { id, status, article: { id: article.id, slug: article.slug } };
  };
}

export type PostComment = ReturnType<typeof makePostComment>;
