/**
 * SQL for articles, pages, authors and tags, written once for SQLite and PostgreSQL.
 * Listing queries load authors and tags for a whole page of articles in two extra
 * queries (never one per article).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ArticleRow, AuthorRow, Database, TagRow } from '../platform/db/schema.js';
import type { Block } from './blocks.js';
import type { Article, ArticleSummary, Author, Tag } from './types.js';
import { isLanguage } from '../platform/i18n.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ListFilter {
  kind?: 'article' | 'page';
  tagId?: number;
  authorId?: number;
  /** Only published articles with `published_at <= now` (the reader's view). */
  publishedBefore?: Date;
  limit: number;
  offset: number;
  /** The total, when the caller knows it still holds: the count query is skipped. */
  knownTotal?: number;
  /** Content API (issue 17): language, changed since, and a set of ids (a search's hits). */
  lang?: string;
  /** Articles in this language come first, each group newest first (the home page, issue 12). */
  langFirst?: string;
  updatedSince?: Date;
  ids?: readonly number[];
}

/** Where a keyset page starts: after this article in `published_at desc, id desc` order. */
export interface Keyset {
  publishedAt: string;
  id: number;
}

const SUMMARY_COLUMNS = [
  'id', 'kind', 'slug', 'lang', 'title', 'subtitle', 'status', 'published_at', 'scheduled_at', 'updated_at',
  'created_at', 'revised_at', 'featured_media_id', 'featured_caption', 'seo_title', 'seo_description',
  'comments_open', 'word_count', 'reading_minutes',
] as const;

const date = (value: string | null) => (value ? new Date(value) : null);

export function toAuthor(row: AuthorRow): Author {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    bio: parseJson(row.bio, {}),
    avatarMediaId: row.avatar_media_id,
    links: parseJson(row.links, []),
    books: parseJson(row.books, []),
    userId: row.user_id,
  };
}

export function toTag(row: TagRow): Tag {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

type SummaryRow = Omit<ArticleRow, 'body'>;

function toSummary(row: SummaryRow, authors: Author[], tags: Tag[]): ArticleSummary {
  return {
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    lang: isLanguage(row.lang) ? row.lang : 'de',
    title: row.title,
    subtitle: row.subtitle,
    status: row.status,
    publishedAt: date(row.published_at),
    scheduledAt: date(row.scheduled_at),
    updatedAt: new Date(row.updated_at),
    createdAt: new Date(row.created_at),
    revisedAt: date(row.revised_at),
    featuredMediaId: row.featured_media_id,
    featuredCaption: row.featured_caption,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    commentsOpen: row.comments_open === 1,
    wordCount: row.word_count,
    readingMinutes: row.reading_minutes,
    authors,
    tags,
  };
}

/** Authors and tags for many articles at once, in their saved order. */
async function relations(db: Db, ids: number[]) {
  const authors = new Map<number, Author[]>();
  const tags = new Map<number, Tag[]>();
  if (ids.length === 0) return { authors, tags };
  const [authorRows, tagRows] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .selectAll('authors')
      .select('article_authors.article_id')
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .selectAll('tags')
      .select('article_tags.article_id')
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.position')
      .execute(),
  ]);
  for (const row of authorRows) {
    const list = authors.get(row.article_id) ?? [];
    list.push(toAuthor(row));
    authors.set(row.article_id, list);
  }
  for (const row of tagRows) {
    const list = tags.get(row.article_id) ?? [];
    list.push(toTag(row));
    tags.set(row.article_id, list);
  }
  return { authors, tags };
}

export function createContentStore(db: Kysely<Database>) {
  function listQuery(filter: Omit<ListFilter, 'limit' | 'offset' | 'knownTotal'>) {
    let query = db.selectFrom('articles').where('kind', '=', filter.kind ?? 'article');
    if (filter.publishedBefore) {
      query = query
        .where('status', '=', 'published')
        .where('published_at', '<=', filter.publishedBefore.toISOString());
    }
    if (filter.tagId !== undefined) {
      const tagId = filter.tagId;
      query = query.where('id', 'in', (qb) =>
        qb.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
      );
    }
    if (filter.authorId !== undefined) {
      const authorId = filter.authorId;
      query = query.where('id', 'in', (qb) =>
        qb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
      );
    }
    if (filter.lang !== undefined) query = query.where('lang', '=', filter.lang);
    if (filter.updatedSince !== undefined) query = query.where('updated_at', '>=', filter.updatedSince.toISOString());
    if (filter.ids !== undefined) query = query.where('id', 'in', filter.ids.length ? [...filter.ids] : [0]);
    return query;
  }

  return {
    async list(filter: ListFilter): Promise<{ items: ArticleSummary[]; total: number }> {
      const first = filter.langFirst;
      const [rows, count] = await Promise.all([
        listQuery(filter)
          .select(SUMMARY_COLUMNS)
          .$if(first !== undefined, (q) => q.orderBy(sql`case when lang = ${first} then 0 else 1 end`))
          .orderBy('published_at', 'desc')
          .orderBy('id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        filter.knownTotal !== undefined
          ? { n: filter.knownTotal }
          : listQuery(filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const { authors, tags } = await relations(db, rows.map((r) => r.id));
      return {
        items: rows.map((row) => toSummary(row, authors.get(row.id) ?? [], tags.get(row.id) ?? [])),
        total: Number(count.n),
      };
    },

    /**
     * One page in `published_at desc, id desc` order starting after `after` (keyset paging:
     * stable while articles are published, and as fast on page 1,000 as on page 1).
     */
    async listAfter(filter: Omit<ListFilter, 'offset' | 'knownTotal'>, after: Keyset | null): Promise<ArticleSummary[]> {
      let query = listQuery(filter).select(SUMMARY_COLUMNS);
      if (after) {
        query = query.where((eb) =>
          eb.or([eb('published_at', '<', after.publishedAt), eb.and([eb('published_at', '=', after.publishedAt), eb('id', '<', after.id)])]),
        );
      }
      const rows = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      const { authors, tags } = await relations(db, rows.map((r) => r.id));
      return rows.map((row) => toSummary(row, authors.get(row.id) ?? [], tags.get(row.id) ?? []));
    },

    async summariesByIds(ids: number[]): Promise<ArticleSummary[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('articles').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
      const { authors, tags } = await relations(db, ids);
      const byId = new Map(rows.map((row) => [row.id, toSummary(row, authors.get(row.id) ?? [], tags.get(row.id) ?? [])]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async findBy(column: 'id' | 'slug', value: number | string, tx: Db = db): Promise<Article | null> {
      const row = await tx
        .selectFrom('articles')
        .selectAll()
        .where(column, '=', value as never)
        .executeTakeFirst();
      if (!row) return null;
      const { authors, tags } = await relations(tx, [row.id]);
      return {
        ...toSummary(row, authors.get(row.id) ?? [], tags.get(row.id) ?? []),
        body: parseJson<Block[]>(row.body, []),
      };
    },

    async redirectFor(oldSlug: string): Promise<string | null> {
      const row = await db
        .selectFrom('slug_redirects')
        .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
        .select('articles.slug')
        .where('slug_redirects.old_slug', '=', oldSlug)
        .executeTakeFirst();
      return row?.slug ?? null;
    },

    async dueForPublishing(now: Date): Promise<{ id: number; slug: string }[]> {
      return db
        .selectFrom('articles')
        .select(['id', 'slug'])
        .where('status', '=', 'scheduled')
        .where('scheduled_at', '<=', now.toISOString())
        .execute();
    },

    /**
     * Publishes one scheduled article; answers false when another node got there first.
     * The status in the WHERE makes it a compare-and-set, so it happens exactly once.
     */
    async publishScheduled(id: number, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('articles')
        .set((eb) => ({
          status: 'published',
          published_at: eb.fn.coalesce('scheduled_at', eb.val(now.toISOString())),
          updated_at: now.toISOString(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Every author profile's name (guests may not comment under one). */
    async authorNames(): Promise<string[]> {
      return (await db.selectFrom('authors').select('name').execute()).map((row) => row.name);
    },

    async authorBy(column: 'id' | 'slug', value: number | string): Promise<Author | null> {
      const row = await db.selectFrom('authors').selectAll().where(column, '=', value as never).executeTakeFirst();
      return row ? toAuthor(row) : null;
    },

    async tagBy(column: 'id' | 'slug', value: number | string): Promise<Tag | null> {
      const row = await db.selectFrom('tags').selectAll().where(column, '=', value as never).executeTakeFirst();
      return row ? toTag(row) : null;
    },

    async allAuthors(): Promise<Author[]> {
      return (await db.selectFrom('authors').selectAll().orderBy('name').execute()).map(toAuthor);
    },

    async allTags(): Promise<Tag[]> {
      return (await db.selectFrom('tags').selectAll().orderBy('name').execute()).map(toTag);
    },

    /** Every author by name, each with the number of articles and pages naming them (any status). */
    async authorsWithCounts(): Promise<(Author & { articleCount: number })[]> {
      const [authors, counts] = await Promise.all([
        db.selectFrom('authors').selectAll().orderBy('name').orderBy('id').execute(),
        db.selectFrom('article_authors').select(['author_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('author_id').execute(),
      ]);
      const byId = new Map(counts.map((row) => [row.author_id, Number(row.n)]));
      return authors.map((row) => ({ ...toAuthor(row), articleCount: byId.get(row.id) ?? 0 }));
    },

    /** Every tag by name, each with the number of articles and pages carrying it (any status). */
    async tagsWithCounts(): Promise<(Tag & { articleCount: number })[]> {
      const [tags, counts] = await Promise.all([
        db.selectFrom('tags').selectAll().orderBy('name').orderBy('id').execute(),
        db.selectFrom('article_tags').select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tag_id').execute(),
      ]);
      const byId = new Map(counts.map((row) => [row.tag_id, Number(row.n)]));
      return tags.map((row) => ({ ...toTag(row), articleCount: byId.get(row.id) ?? 0 }));
    },

    /** Slug and last change of everything public, for the sitemap. */
    async publishedIndex(now: Date) {
      return db
        .selectFrom('articles')
        .select(['slug', 'kind', 'updated_at', 'published_at', 'lang'])
        .where('status', '=', 'published')
        .where('published_at', '<=', now.toISOString())
        .orderBy('published_at', 'desc')
        .limit(50_000)
        .execute();
    },
  };
}

export type ContentStore = ReturnType<typeof createContentStore>;
