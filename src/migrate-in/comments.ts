/**
 * Imported comments into the discussion's table, written directly (no `comment.published`
 * events: old readers must not get reply mails for replies from 2014). Threading, authors
 * and dates are kept: `parent_id`, `thread_id` and `depth` are derived from the old
 * parent as the discussion itself would; the text goes through the same Markdown renderer
 * and sanitiser as a new comment. Approved comments are published, pending ones land in
 * the moderation queue; spam and deleted ones are left out and counted, except where
 * replies hang on them: then they stay as removed placeholders (status `rejected`, no
 * name, no text), so the conversation keeps its shape.
 *
 * @example
 *   await importThread(session, articleId, comments, { autop: true, link: plainLink, label: 'post 12' });
 */
import { createHash } from 'node:crypto';
import { emailHash } from '../platform/privacy.js';
import { CommentTextError, renderCommentText as renderComment, validateCommentBody } from '../discussion/index.js';
import { commentMarkdown } from './comment-text.js';
import type { InlineOptions } from './inline.js';
import { findItem, findItems, remember, rememberMany } from './ledger.js';
import { own } from './own.js';
import type { Session } from './session.js';
import { clip } from './writer.js';

export type IncomingStatus = 'published' | 'pending' | 'spam' | 'deleted';

export interface IncomingComment {
  externalId: string;
  /** The old parent's id; null for a top-level comment. */
  parentId: string | null;
  status: IncomingStatus;
  authorName: string;
  authorEmail: string;
  /** A stable key for commenters without an e-mail address (Disqus user name). */
  authorKey?: string;
  /** A staff account, when the comment was written by one (author badge). */
  userId: number | null;
  /** The old text: HTML, or WordPress text with auto-paragraphs. */
  content: string;
  createdAt: Date;
}

export interface Placed {
  id: number;
  depth: number;
  threadId: number;
}

export interface CommentTextOptions extends InlineOptions {
  autop: boolean;
}

/** Regular commenters write hundreds of comments: their keyed hash is computed once per run (bounded). */
const hashesOf = new WeakMap<Session, Map<string, string>>();

function identity(s: Session, c: IncomingComment): string {
  if (c.userId !== null) return `user:${c.userId}`;
  const email = c.authorEmail.trim().toLowerCase();
  if (/^[^\s@]+@[^\s@]+$/.test(email)) {
    let hashes = hashesOf.get(s);
    if (!hashes) hashesOf.set(s, (hashes = new Map()));
    let hash = hashes.get(email);
    if (hash === undefined) {
      if (hashes.size >= 10_000) hashes.clear();
      hashes.set(own(email), (hash = emailHash(email, s.deps.secret)));
    }
    return `email:${hash}`;
  }
  // No address: a pseudonym per old system and name, so moderation can still tell writers apart.
  const key = `${s.source}:${c.authorKey || c.authorName}`;
  return `import:${createHash('sha256').update(`${s.deps.secret}:${key}`).digest('base64url').slice(0, 22)}`;
}

/** The row an earlier run made for this comment, as a parent for new replies. */
async function existing(s: Session, externalId: string): Promise<Placed | null> {
  const id = await findItem(s.tx, s.source, 'comment', externalId);
  if (id === null) return null;
  const row = await s.tx.selectFrom('comments').select(['id', 'depth', 'thread_id']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, depth: row.depth, threadId: row.thread_id ?? row.id } : null;
}

/**
 * A thread's bookkeeping done in bulk, because a big import is mostly comments: what an
 * earlier run imported is looked up in one query, the new records are written in one,
 * and top-level comments get their `thread_id` in one update at the end.
 */
export interface CommentBatch {
  known: Map<string, Placed>;
  made: { externalId: string; localId: number }[];
  roots: boolean;
}

async function openBatch(s: Session, externalIds: string[]): Promise<CommentBatch> {
  const known = new Map<string, Placed>();
  const ids = await findItems(s.tx, s.source, 'comment', externalIds);
  const local = [...ids.values()];
  for (let i = 0; i < local.length; i += 500) {
    const rows = await s.tx.selectFrom('comments').select(['id', 'depth', 'thread_id']).where('id', 'in', local.slice(i, i + 500)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [externalId, id] of ids) {
      const row = byId.get(id);
      if (row) known.set(externalId, { id: row.id, depth: row.depth, threadId: row.thread_id ?? row.id });
    }
  }
  return { known, made: [], roots: false };
}

async function closeBatch(s: Session, articleId: number, batch: CommentBatch): Promise<void> {
  if (batch.roots) {
    await s.tx.updateTable('comments').set((eb) => ({ thread_id: eb.ref('id') })).where('article_id', '=', articleId).where('thread_id', 'is', null).execute();
  }
  await rememberMany(s.tx, s.source, 'comment', batch.made, s.now);
}

/**
 * Inserts one comment under `parent` (or as a thread of its own). `placeholder` stores a
 * removed comment without its text. Answers null for a comment with no text and no replies.
 * Without a batch, every step is its own statement (Disqus, where comments stream in).
 */
export async function insertComment(
  s: Session,
  articleId: number,
  c: IncomingComment,
  parent: Placed | null,
  text: CommentTextOptions,
  placeholder: boolean,
  batch?: CommentBatch,
): Promise<Placed | null> {
  const before = batch ? batch.known.get(c.externalId) ?? null : await existing(s, c.externalId);
  if (before) {
    s.report.existing('comments');
    return before;
  }
  let body = '';
  let html = '';
  if (!placeholder) {
    const dropped = new Set<string>();
    const markdown = commentMarkdown(c.content, { ...text, dropped: (what) => dropped.add(what) });
    if (dropped.size) {
      await s.report.review(`comment ${c.externalId}`, `${[...dropped].join(', ')}: the discussion's text has no form for this; the words were kept`, { kind: 'comment formatting dropped', articleId });
    }
    try {
      body = validateCommentBody(markdown);
    } catch (error) {
      if (!(error instanceof CommentTextError)) throw error;
      if (error.code === 'COMMENT_EMPTY') {
        s.report.skip('empty comment', `comment ${c.externalId}`);
        return null;
      }
      // Longer than a new comment may be: it was accepted there, so it stays whole.
      body = markdown.trim();
    }
    html = renderComment(body, { lang: s.deps.lang }).toString();
  }
  // 'rejected' shows "this comment was removed", true for spam, trash and Disqus deletions alike.
  const status = placeholder ? 'rejected' : c.status === 'pending' ? 'pending' : 'published';
  const stamp = Number.isNaN(c.createdAt.getTime()) ? s.now.toISOString() : c.createdAt.toISOString();
  const row = await s.tx
    .insertInto('comments')
    .values({
      article_id: articleId,
      parent_id: parent?.id ?? null,
      thread_id: parent?.threadId ?? null,
      depth: parent ? parent.depth + 1 : 0,
      author_name: placeholder ? '' : clip(c.authorName.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'Gast', 80),
      author_email: placeholder ? '' : c.authorEmail.trim().toLowerCase().slice(0, 254),
      identity: identity(s, c),
      session_hash: null,
      user_id: placeholder ? null : c.userId,
      body,
      html,
      status,
      likes: 0,
      // Old systems kept readers' IP addresses; we keep none (see DESIGN.md, privacy).
      ip_hash: '',
      spam_score: 0,
      spam_reasons: '[]',
      created_at: stamp,
      edited_at: null,
      deleted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (batch) {
    batch.made.push({ externalId: c.externalId, localId: row.id });
    if (!parent) batch.roots = true;
  } else {
    if (!parent) await s.tx.updateTable('comments').set({ thread_id: row.id }).where('id', '=', row.id).execute();
    await remember(s.tx, s.source, 'comment', c.externalId, row.id, s.now);
  }
  if (placeholder) s.report.added('placeholders for removed comments with replies');
  else s.report.added(status === 'pending' ? 'comments for the moderation queue' : 'comments');
  return { id: row.id, depth: parent ? parent.depth + 1 : 0, threadId: parent?.threadId ?? row.id };
}

/**
 * One article's comments, in any order: parents are placed before their replies, replies
 * to comments that are not in the list become threads of their own (and are reported).
 */
export async function importThread(s: Session, articleId: number, comments: IncomingComment[], text: CommentTextOptions, label: string): Promise<void> {
  const batch = await openBatch(s, comments.map((c) => c.externalId));
  const byId = new Map(comments.map((c) => [c.externalId, c]));
  const children = new Map<string | null, IncomingComment[]>();
  for (const c of comments) {
    const parent = c.parentId !== null && byId.has(c.parentId) && c.parentId !== c.externalId ? c.parentId : null;
    if (c.parentId !== null && parent === null) {
      await s.report.review(label, `comment ${c.externalId} answers comment ${c.parentId}, which is not in the export; it became a thread of its own`, { kind: 'reply without its comment' });
    }
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(c);
  }
  // A removed comment stays (as a placeholder) only when something kept hangs below it.
  const keeps = new Map<string, boolean>();
  const keep = (c: IncomingComment, seen: Set<string>): boolean => {
    const known = keeps.get(c.externalId);
    if (known !== undefined) return known;
    if (seen.has(c.externalId)) return false;
    seen.add(c.externalId);
    const own = c.status === 'published' || c.status === 'pending';
    const result = own || (children.get(c.externalId) ?? []).some((child) => keep(child, seen));
    keeps.set(c.externalId, result);
    return result;
  };
  const visited = new Set<string>();
  // Depth first with an explicit stack: a hostile file may nest comments thousands deep.
  const stack: { c: IncomingComment; parent: Placed | null }[] = (children.get(null) ?? []).map((c) => ({ c, parent: null })).reverse();
  const place = async () => {
    while (stack.length) {
      const { c, parent } = stack.pop()!;
      if (visited.has(c.externalId)) continue;
      visited.add(c.externalId);
      const removed = c.status === 'spam' || c.status === 'deleted';
      if (removed) s.report.skip(c.status === 'spam' ? 'spam comment' : 'deleted comment', `comment ${c.externalId} (${label})`);
      const placed = keep(c, new Set()) ? await insertComment(s, articleId, c, parent, text, removed, batch) : null;
      const replies = children.get(c.externalId) ?? [];
      for (let i = replies.length - 1; i >= 0; i--) stack.push({ c: replies[i]!, parent: placed ?? parent });
    }
  };
  await place();
  // Cycles (a → b → a) have no root; their comments become threads of their own.
  for (const c of comments) {
    if (!visited.has(c.externalId)) {
      stack.push({ c, parent: null });
      await place();
    }
  }
  await closeBatch(s, articleId, batch);
}
