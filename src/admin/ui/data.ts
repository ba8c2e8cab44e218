/**
 * What the newsroom pages read: the article list (with the same "own articles only"
 * filter as the article API for authors and contributors), everything the editor page
 * needs, the media library and the editor's autosaved copy. Reads only; every write goes
 * through the JSON API the editor calls.
 *
 * @example
 *   const rows = await listArticles(services, request.staff!, 'draft');
 */
import type { PlatformDeps } from '../../platform/deps.js';
import type { ContentService } from '../../content/index.js';
import type { MediaService } from '../../media/index.js';
import type { Article, ArticleSummary, Author, Tag } from '../../content/index.js';
import type { MediaItem } from '../../media/index.js';
import type { StaffUser } from '../../platform/sessions.js';
import { may } from '../../platform/permissions.js';

/** What this module needs from the composition root. */
export type AdminUiDataDeps = Pick<PlatformDeps, 'database'> & { content: ContentService; media: MediaService };

export const STATUSES = ['draft', 'scheduled', 'published'] as const;
export type Status = (typeof STATUSES)[number];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

type Reader = Pick<AdminUiDataDeps, 'database' | 'content' | 'media'>;

async function ownAuthorIds(services: Reader, userId: number): Promise<number[]> {
  const rows = await services.database.db.selectFrom('authors').select('id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.id);
}

/** The newest 100 articles and pages the user may edit, optionally of one status. */
export async function listArticles(services: Reader, user: StaffUser, status: Status | null): Promise<ArticleSummary[]> {
  let query = services.database.db.selectFrom('articles').select('id');
  if (status) query = query.where('status', '=', status);
  if (!may(user.role, 'publishAny')) {
    const mine = await ownAuthorIds(services, user.id);
    query = query.where('id', 'in', (qb) => qb.selectFrom('article_authors').select('article_id').where('author_id', 'in', mine.length ? mine : [0]));
  }
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(100).execute();
  return services.content.store.summariesByIds(rows.map((row) => row.id));
}

export interface EditorData {
  article: Article | null;
  authors: Author[];
  tags: Tag[];
  /** Authors linked to the signed-in account: preselected on a new article. */
  ownAuthorIds: number[];
  featured: MediaItem | null;
  /** When the user's autosaved copy is newer than the saved article. */
  autosavedAt: string | null;
  /** Whether the address still follows the title (content/slug-follow.ts); a new article's does. */
  slugFollows: boolean;
}

export async function editorData(services: Reader, user: StaffUser, article: Article | null): Promise<EditorData> {
  const [authors, tags, own, autosavedAt] = await Promise.all([
    services.content.store.allAuthors(),
    services.content.store.allTags(),
    ownAuthorIds(services, user.id),
    article ? newerAutosave(services, user.id, article) : Promise.resolve(null),
  ]);
  const featured = article?.featuredMediaId ? ((await services.media.getMany([article.featuredMediaId])).get(article.featuredMediaId) ?? null) : null;
  // The flag is content's (0045_slug_follows_title), read here for the page's note only.
  const follows = article
    ? (await services.database.db.withTables<{ articles: { id: number; slug_follows_title: number } }>().selectFrom('articles').select('slug_follows_title').where('id', '=', article.id).executeTakeFirst())?.slug_follows_title === 1
    : true;
  return { article, authors, tags, ownAuthorIds: own, featured, autosavedAt, slugFollows: follows };
}

// The autosave table belongs to the article API (admin/articles); it is not in the schema types.
type AutosaveDb = { article_autosaves: { article_id: number; user_id: number; data: string; saved_at: string } };

export async function readAutosave(services: Reader, userId: number, articleId: number): Promise<{ data: unknown; savedAt: string } | null> {
  const row = await services.database.db
    .withTables<AutosaveDb>()
    .selectFrom('article_autosaves')
    .select(['data', 'saved_at'])
    .where('article_id', '=', articleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  try {
    return { data: JSON.parse(row.data) as unknown, savedAt: row.saved_at };
  } catch {
    return null;
  }
}

async function newerAutosave(services: Reader, userId: number, article: Article): Promise<string | null> {
  const saved = await readAutosave(services, userId, article.id);
  return saved && saved.savedAt > article.updatedAt.toISOString() ? saved.savedAt : null;
}

/** The newest images of the media library, as the site renders them. */
export async function listMedia(services: Reader, limit = 200): Promise<MediaItem[]> {
  const rows = await services.database.db.selectFrom('media').select('id').orderBy('id', 'desc').limit(limit).execute();
  const items = await services.media.getMany(rows.map((row) => row.id));
  return rows.flatMap((row) => items.get(row.id) ?? []);
}
