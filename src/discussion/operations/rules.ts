/**
 * Rules more than one discussion operation applies: whether an article takes comments,
 * what a comment's text may be, and which names a guest may not take.
 *
 * @example
 *   assertOpen(article, await settings.get('discussion'), now());   // throws COMMENT_CLOSED
 *   const text = cleanBody(input.body);                              // throws COMMENT_EMPTY / COMMENT_TOO_LONG
 */
import { AppError } from '../../platform/errors.js';
import type { SiteSettings } from '../../platform/settings.js';
import { CommentTextError, validateCommentBody } from '../text/markdown.js';
import type { EventBus } from '../../platform/events.js';

type Policy = Pick<SiteSettings['discussion'], 'closeAfterDays'>;

/** Comments are closed by the article's switch, or by age under the site's policy. */
export function isOpen(article: { commentsOpen: boolean; publishedAt: Date | null }, policy: Policy, now: Date): boolean {
  const closedByAge =
    policy.closeAfterDays > 0 && article.publishedAt !== null && now.getTime() - article.publishedAt.getTime() > policy.closeAfterDays * 86_400_000;
  return article.commentsOpen && !closedByAge;
}

export function assertOpen(article: { commentsOpen: boolean; publishedAt: Date | null }, policy: Policy, now: Date): void {
  if (!isOpen(article, policy, now)) throw new AppError('COMMENT_CLOSED');
}

export function cleanBody(source: unknown): string {
  try {
    return validateCommentBody(typeof source === 'string' ? source : '');
  } catch (error: unknown) {
    if (error instanceof CommentTextError) throw new AppError(error.code, { field: 'body' });
    throw error;
  }
}

/** The newsroom's names (staff accounts, author profiles), read fresh at most once a minute. */
export interface NameSource {
  names(): Promise<string[]>;
}

/** How names compare: case, accents' composition, dots and spacing do not tell them apart. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('de').replace(/[\s.\-_'’]+/g, ' ').trim();
}

export async function isReservedName(source: NameSource, name: string): Promise<boolean> {
  const key = nameKey(name);
  return (await source.names()).some((taken) => nameKey(taken) === key);
}

/** A name source over a loader, cached for a minute (staff and authors change rarely). */
export function cachedNames(load: () => Promise<string[]>, now: () => Date, ttlMs = 60_000): NameSource {
  let cached: { at: number; names: Promise<string[]> } | null = null;
  return {
    names() {
      const at = now().getTime();
      if (!cached || at - cached.at > ttlMs) cached = { at, names: load() };
      return cached.names;
    },
  };
}

/**
 * The article a comment is posted to, kept per process: a burst of comments on one article
 * read it (with its authors, tags and body) once instead of once each. Forgotten on any
 * article event (they reach every process and node), and after `ttlMs` at most.
 */
export function cachedArticles<A>(
  load: (ref: number | string) => Promise<A>,
  bus: Pick<EventBus, 'on'>,
  now: () => Date,
  ttlMs = 5_000,
): (ref: number | string) => Promise<A> {
  const byRef = new Map<string, { at: number; article: A }>();
  const forget = () => byRef.clear();
  for (const event of ['article.saved', 'article.published', 'article.deleted'] as const) bus.on(event, forget);
  return async (ref) => {
    const key = String(ref);
    const at = now().getTime();
    const kept = byRef.get(key);
    if (kept && at - kept.at < ttlMs) return kept.article;
    const article = await load(ref);
    if (byRef.size >= 1_000) byRef.clear();
    byRef.set(key, { at, article });
    return article;
  };
}
