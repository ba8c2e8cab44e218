/**
 * The discussion section of an article page: reads the page's query (`sort`, `cpage`,
 * `reply`, `held`), loads one page of threads and renders it. Bad query values are a 400,
 * like every other malformed parameter.
 */
import type { SafeHtml } from '../platform/html.js';
import { AppError } from '../platform/errors.js';
import type { SettingsService } from '../platform/settings.js';
import type { Article } from '../content/index.js';
import { toPublicComment, type DiscussionService } from './service.js';
import { COMMENT_SORTS, type CommentSort, type TreeNode } from './tree.js';
import type { PublicComment } from './types.js';
import { renderDiscussion } from './view.js';
import { isOpen } from './operations/rules.js';

export interface SectionQuery {
  sort?: unknown;
  cpage?: unknown;
  reply?: unknown;
  held?: unknown;
  posted?: unknown;
}

/**
 * Query keys that tell one visitor about what they just did: posted (`?posted=1`), held for
 * moderation (`?held=1`), liked or took a like back (`?liked=ID`, `?unliked=ID`, which only
 * the no-script forms are sent to). Such an address is that visitor's own view of the page,
 * rendered for them and never kept in the page cache: the shared address may be a moment
 * behind (a like marks it stale, platform/pages.ts), theirs must show what they did.
 *
 * @example
 *   isOwnActionQuery({ posted: '1' }); // true
 */
const OWN_ACTION_KEYS = ['posted', 'held', 'liked', 'unliked'] as const;

export function isOwnActionQuery(query: Record<string, unknown>): boolean {
  return OWN_ACTION_KEYS.some((key) => query[key] !== undefined);
}

function parseSort(value: unknown): CommentSort {
  if (value === undefined) return 'oldest';
  if (typeof value === 'string' && (COMMENT_SORTS as readonly string[]).includes(value)) return value as CommentSort;
  throw new AppError('BAD_REQUEST', { field: 'sort', detail: `sort must be one of ${COMMENT_SORTS.join(', ')}` });
}

function parsePositive(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) throw new AppError('BAD_REQUEST', { field });
  return Number(value);
}

function find(nodes: TreeNode<PublicComment>[], id: number): PublicComment | null {
  for (const node of nodes) {
    if (node.comment.id === id) return node.comment;
    const inner = find(node.children, id);
    if (inner) return inner;
  }
  return null;
}

export function createDiscussionSection(deps: {
  discussion: Pick<DiscussionService, 'thread' | 'store' | 'commenterKey'>;
  settings: Pick<SettingsService, 'get' | 'all'>;
  formStamp: () => string;
  now: () => Date;
}) {
  return async function section(article: Article, query: SectionQuery): Promise<SafeHtml> {
    const sort = parseSort(query.sort);
    const page = parsePositive(query.cpage, 'cpage') ?? 1;
    const replyId = parsePositive(query.reply, 'reply');
    const all = await deps.settings.all();
    const thread = await deps.discussion.thread(article.id, { sort, page });
    if (page > thread.pages) throw new AppError('PAGE_OUT_OF_RANGE', { field: 'cpage' });
    const policy = all.discussion;
    // "Reply" on a thread page or another page of the discussion: the comment is found where it is.
    let replyTo = replyId ? find(thread.nodes, replyId) : null;
    if (replyId && !replyTo) {
      const row = await deps.discussion.store.byId(replyId);
      const authors = new Set(article.authors.flatMap((a) => (a.userId ? [a.userId] : [])));
      if (row && row.article_id === article.id && row.status === 'published') replyTo = toPublicComment(row, authors, deps.discussion.commenterKey);
    }
    return renderDiscussion({
      // The article's language decides its discussion's words too.
      lang: article.lang,
      slug: article.slug,
      nodes: thread.nodes,
      total: thread.total,
      sort,
      page,
      pages: thread.pages,
      open: isOpen(article, policy, deps.now()),
      depthCap: policy.depthCap,
      replyTo,
      notice: query.held !== undefined ? 'held' : query.posted !== undefined ? 'published' : null,
      formStamp: deps.formStamp(),
      policyHoldsFirst: policy.policy !== 'none',
      identity: policy.identity, // readers: sign-in link or account-only form
    });
  };
}

export type DiscussionSection = ReturnType<typeof createDiscussionSection>;
