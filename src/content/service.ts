/**
 * Content operations shared by the public site, the admin, the API, the CLI and jobs.
 * Every save writes a revision; a changed slug leaves a redirect behind; scheduled
 * articles are published by `publishDue`, exactly once even with several nodes.
 *
 * @example
 *   const content = createContentService({ db, bus });
 *   const article = await content.createArticle({ lang: 'de', title: 'Stadtrat', body: [], status: 'draft', authorIds: [1], tagIds: [] });
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { EventBus } from '../platform/events.js';
import { AppError } from '../platform/errors.js';
import { isLanguage } from '../platform/i18n.js';
import { createContentStore, type Keyset, type ListFilter } from './store.js';
import { createTaxonomy } from './taxonomy.js';
import { isValidSlug, slugify } from './slug.js';
import { text } from './fields.js';
import { bodyToText, readingTimeMinutes, validateBlocks, BlockValidationError } from './render.js';
import type { Article, ArticleInput, ArticleSummary, Page } from './types.js';

export interface ContentDeps {
  db: Kysely<Database>;
  bus: EventBus;
  now?: () => Date;
}

export type Lookup = { article: Article } | { redirect: string } | null;

const MAX_TITLE = 300;
const MAX_TEXT = 2_000;

/** How long a listing's total may be reused (see `totals`). */
const TOTAL_TTL_MS = 60_000;

export function createContentService({ db, bus, now = () => new Date() }: ContentDeps) {
  // Counting 100,000 published articles for a listing's page count took 12 ms on
  // PostgreSQL, more than the rest of the page. Totals are kept until the content changes
  // (events reach every node) or for TOTAL_TTL_MS (scheduled articles appear by the clock).
  const totals = new Map<string, { total: number; at: number }>();
  for (const event of ['article.saved', 'article.deleted', 'taxonomy.changed'] as const) bus.on(event, () => totals.clear());
  const store = createContentStore(db);

  function ids(value: unknown, field: string): number[] {
    if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v) && v > 0)) {
      throw new AppError('VALIDATION', { field, detail: `${field} must be a list of ids` });
    }
    return [...new Set(value as number[])];
  }

  function normalise(input: ArticleInput) {
    const title = text(input.title, 'title', MAX_TITLE, true);
    if (!isLanguage(input.lang)) throw new AppError('VALIDATION', { field: 'lang', detail: 'lang must be de or en' });
    if (!['draft', 'scheduled', 'published'].includes(input.status)) {
      throw new AppError('VALIDATION', { field: 'status', detail: 'unknown status' });
    }
    // A title in a script nothing transliterates (Chinese, Hebrew) still gets an address.
    const slug = input.slug === undefined || input.slug === '' ? slugify(title) || `beitrag-${now().getTime().toString(36)}` : input.slug;
    if (!isValidSlug(slug)) throw new AppError('SLUG_INVALID', { field: 'slug', detail: slug });
    let body;
    try {
      body = validateBlocks(input.body);
    } catch (error) {
      if (error instanceof BlockValidationError) {
        throw new AppError(error.errorCode, { field: error.path, detail: error.message });
      }
      throw error;
    }
    if (input.status === 'scheduled' && !(input.scheduledAt instanceof Date && !Number.isNaN(input.scheduledAt.getTime()))) {
      throw new AppError('VALIDATION', { field: 'scheduledAt', detail: 'a scheduled article needs a time' });
    }
    const words = bodyToText(body).split(/\s+/).filter(Boolean).length;
    return {
      kind: input.kind ?? 'article',
      slug,
      lang: input.lang,
      title,
      subtitle: text(input.subtitle, 'subtitle', MAX_TEXT),
      body: JSON.stringify(body),
      status: input.status,
      scheduled_at: input.status === 'scheduled' ? input.scheduledAt!.toISOString() : null,
      featured_media_id: input.featuredMediaId ?? null,
      featured_caption: text(input.featuredCaption, 'featuredCaption', MAX_TEXT),
      seo_title: text(input.seoTitle, 'seoTitle', MAX_TITLE),
      seo_description: text(input.seoDescription, 'seoDescription', MAX_TEXT),
      comments_open: input.commentsOpen === false ? 0 : 1,
      word_count: words,
      reading_minutes: readingTimeMinutes(body),
      authorIds: ids(input.authorIds, 'authorIds'),
      tagIds: ids(input.tagIds, 'tagIds'),
    };
  }

  async function ensureSlugFree(tx: Transaction<Database>, slug: string, articleId: number | null) {
    const taken = await tx.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
    if (taken && taken.id !== articleId) throw new AppError('SLUG_TAKEN', { field: 'slug', detail: slug });
    const redirect = await tx.selectFrom('slug_redirects').select('article_id').where('old_slug', '=', slug).executeTakeFirst();
    if (redirect && redirect.article_id !== articleId) {
      throw new AppError('SLUG_TAKEN', { field: 'slug', detail: `${slug} is an old address of another article` });
    }
    // The article takes its old address back: that address no longer redirects.
    if (redirect) await tx.deleteFrom('slug_redirects').where('old_slug', '=', slug).execute();
  }

  async function writeRelations(tx: Transaction<Database>, articleId: number, authorIds: number[], tagIds: number[]) {
    await tx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
    await tx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
    if (authorIds.length) {
      await tx
        .insertInto('article_authors')
        .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
        .execute();
    }
    if (tagIds.length) {
      await tx
        .insertInto('article_tags')
        .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
        .execute();
    }
  }

  async function writeRevision(tx: Transaction<Database>, articleId: number, userId: number | null, note: string) {
    const article = await store.findBy('id', articleId, tx);
    await tx
      .insertInto('revisions')
      .values({
        article_id: articleId,
        data: JSON.stringify({
          ...article,
          authorIds: article?.authors.map((a) => a.id),
          tagIds: article?.tags.map((t) => t.id),
          authors: undefined,
          tags: undefined,
        }),
        user_id: userId,
        note,
        created_at: now().toISOString(),
      })
      .execute();
  }

  async function emitSaved(article: Article, wasPublished: boolean) {
    await bus.emit('article.saved', { articleId: article.id, slug: article.slug, status: article.status });
    if (article.status === 'published' && !wasPublished) {
      await bus.emit('article.published', { articleId: article.id, slug: article.slug });
    }
  }

  function foreignKeyError(error: unknown): never {
    const message = (error as Error).message ?? '';
    if (/FOREIGN KEY|foreign key/.test(message)) {
      throw new AppError('VALIDATION', { field: 'authorIds', detail: 'an author, tag or image does not exist' });
    }
    throw error;
  }

  const service = {
    store,
    // Authors and tags (taxonomy.ts): create, update, delete a tag; all checks before a write.
    ...createTaxonomy({ db, bus, store, now }),

    async createArticle(input: ArticleInput, userId: number | null = null): Promise<Article> {
      const values = normalise(input);
      const stamp = now().toISOString();
      const publishedAt =
        values.status === 'published' ? (input.publishedAt ?? now()).toISOString() : null;
      const id = await db
        .transaction()
        .execute(async (tx) => {
          await ensureSlugFree(tx, values.slug, null);
          const { authorIds, tagIds, ...row } = values;
          const inserted = await tx
            .insertInto('articles')
            .values({ ...row, published_at: publishedAt, updated_at: stamp, created_at: stamp, revised_at: null })
            .returning('id')
            .executeTakeFirstOrThrow();
          await writeRelations(tx, inserted.id, authorIds, tagIds);
          await writeRevision(tx, inserted.id, userId, 'created');
          return inserted.id;
        })
        .catch(foreignKeyError);
      const article = (await store.findBy('id', id))!;
      await emitSaved(article, false);
      return article;
    },

    async updateArticle(id: number, input: ArticleInput, userId: number | null = null, note = ''): Promise<Article> {
      const values = normalise(input);
      const stamp = now().toISOString();
      const before = await store.findBy('id', id);
      if (!before) throw new AppError('NOT_FOUND', { field: 'id' });
      await db
        .transaction()
        .execute(async (tx) => {
          await ensureSlugFree(tx, values.slug, id);
          const { authorIds, tagIds, ...row } = values;
          const wasPublished = before.status === 'published';
          const publishedAt =
            row.status === 'published'
              ? (input.publishedAt ?? before.publishedAt ?? now()).toISOString()
              : null;
          const textChanged = row.body !== JSON.stringify(before.body) || row.title !== before.title;
          await tx
            .updateTable('articles')
            .set({
              ...row,
              published_at: publishedAt,
              updated_at: stamp,
              revised_at: wasPublished && textChanged ? stamp : before.revisedAt?.toISOString() ?? null,
            })
            .where('id', '=', id)
            .execute();
          if (values.slug !== before.slug) {
            await tx
              .insertInto('slug_redirects')
              .values({ old_slug: before.slug, article_id: id, created_at: stamp })
              .onConflict((oc) => oc.column('old_slug').doUpdateSet({ article_id: id, created_at: stamp }))
              .execute();
          }
          await writeRelations(tx, id, authorIds, tagIds);
          await writeRevision(tx, id, userId, note || 'saved');
        })
        .catch(foreignKeyError);
      const article = (await store.findBy('id', id))!;
      await emitSaved(article, before.status === 'published');
      if (before.slug !== article.slug) await bus.emit('article.deleted', { articleId: id, slug: before.slug });
      return article;
    },

    async listRevisions(articleId: number) {
      return db
        .selectFrom('revisions')
        .select(['id', 'user_id', 'note', 'created_at'])
        .where('article_id', '=', articleId)
        .orderBy('id', 'desc')
        .execute();
    },

    /**
     * The article readers may see and discuss, by id or slug: published, due, and an
     * article (not a page). The one visibility rule for every door; NOT_FOUND otherwise.
     */
    async visibleArticle(ref: number | string, kind: 'article' | 'page' = 'article'): Promise<Article> {
      const found =
        typeof ref === 'number' ? await store.findBy('id', ref)
        : /^[1-9][0-9]{0,9}$/.test(ref) ? await store.findBy('id', Number(ref))
        : /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ref) ? await store.findBy('slug', ref)
        : null;
      if (!found || found.kind !== kind || found.status !== 'published' || !found.publishedAt || found.publishedAt > now()) {
        throw new AppError('NOT_FOUND', { field: 'article' });
      }
      return found;
    },

    /** What a reader sees at `/:slug/`: a published article or page, or where it moved. */
    async lookupPublic(slug: string): Promise<Lookup> {
      const article = await store.findBy('slug', slug);
      if (article && article.status === 'published' && article.publishedAt && article.publishedAt <= now()) {
        return { article };
      }
      if (article) return null;
      const target = await store.redirectFor(slug);
      return target ? { redirect: target } : null;
    },

    async listPublished(
      options: { page?: number; perPage?: number; tagId?: number; authorId?: number; kind?: 'article' | 'page'; lang?: string; langFirst?: string } = {},
    ): Promise<Page<ArticleSummary>> {
      const perPage = options.perPage ?? 10;
      const page = options.page ?? 1;
      const kind = options.kind ?? 'article';
      const key = `${kind}|${options.tagId ?? ''}|${options.authorId ?? ''}|${options.lang ?? ''}`;
      const known = totals.get(key);
      const fresh = known !== undefined && now().getTime() - known.at < TOTAL_TTL_MS ? known.total : undefined;
      const { items, total } = await store.list({
        kind,
        tagId: options.tagId,
        authorId: options.authorId,
        lang: options.lang,
        langFirst: options.langFirst,
        publishedBefore: now(),
        limit: perPage,
        offset: (page - 1) * perPage,
        knownTotal: fresh,
      });
      if (fresh === undefined) {
        if (totals.size > 10_000) totals.clear();
        totals.set(key, { total, at: now().getTime() });
      }
      return { items, total, page, perPage, pages: Math.max(1, Math.ceil(total / perPage)) };
    },

    /**
     * What readers may see, for the Content API (issue 17): the listings' own rule
     * (published, due; `store.list`'s `publishedBefore`), a keyset page after `after`.
     */
    async listVisible(filter: Omit<ListFilter, 'offset' | 'knownTotal' | 'publishedBefore'>, after: Keyset | null = null): Promise<ArticleSummary[]> {
      return store.listAfter({ ...filter, publishedBefore: now() }, after);
    },

    async publishDue(): Promise<number> {
      const due = await store.dueForPublishing(now());
      let published = 0;
      for (const { id, slug } of due) {
        if (await store.publishScheduled(id, now())) {
          published++;
          await bus.emit('article.saved', { articleId: id, slug, status: 'published' });
          await bus.emit('article.published', { articleId: id, slug });
        }
      }
      return published;
    },

  };
  return service;
}

export type ContentService = ReturnType<typeof createContentService>;
