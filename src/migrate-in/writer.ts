/**
 * Writes imported authors, tags and articles inside the run's transaction. The content
 * service's own `createArticle` is not used on purpose: it opens its own transaction (an
 * import needs one for everything) and emits `article.published`, which would autopost,
 * ping hubs and call webhooks for ten years of old articles. The same checks run here:
 * `validateBlocks`, slug rules, word count and reading time, and a first revision.
 *
 * @example
 *   const authorId = await ensureAuthor(session, { externalId: '3', name: 'Jana Beispiel', slug: 'jana', email: 'jana@example.org' });
 *   const articleId = await insertArticle(session, { kind: 'article', slug: 'haushalt', title: 'Haushalt', body, status: 'published', … });
 */
import { bodyToText, isValidSlug, readingTimeMinutes, slugify, validateBlocks, type Block } from '../content/index.js';
import type { ArticleKind, ArticleStatus } from '../platform/db/schema.js';
import type { Language } from '../platform/i18n.js';
import { findItem, remember } from './ledger.js';
import { own } from './own.js';
import type { Session } from './session.js';

const MAX_TITLE = 300;
const MAX_TEXT = 2000;

export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A slug no article has and no old slug points to: the base, else base-2, base-3, … */
export async function uniqueSlug(s: Session, wanted: string, fallback: string): Promise<string> {
  let base = slugify(wanted);
  if (!base) base = slugify(fallback) || 'artikel';
  if (!isValidSlug(base)) base = `${base}-1`.replace(/^-+/, '');
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
    if (!isValidSlug(slug)) continue;
    const taken = await s.tx.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
    const old = taken ? null : await s.tx.selectFrom('slug_redirects').select('article_id').where('old_slug', '=', slug).executeTakeFirst();
    if (!taken && !old) return slug;
  }
}

const userIds = new WeakMap<Session, Map<string, number | null>>();

/** The staff account with this e-mail address, if there is one (author badge, author profile). */
export async function userByEmail(s: Session, email: string | undefined | null): Promise<number | null> {
  const key = (email ?? '').trim().toLowerCase();
  if (!key) return null;
  let cache = userIds.get(s);
  if (!cache) userIds.set(s, (cache = new Map()));
  if (cache.has(key)) return cache.get(key)!;
  const row = await s.tx.selectFrom('users').select('id').where('email', '=', key).executeTakeFirst();
  // Every commenter's address passes through here: a bounded cache keeps a huge import flat.
  if (cache.size >= 10_000) cache.clear();
  cache.set(own(key), row?.id ?? null);
  return row?.id ?? null;
}

export interface AuthorImport {
  externalId: string;
  name: string;
  slug?: string;
  email?: string;
  bio?: string;
  website?: string;
}

/**
 * The author for an old author: the one imported before, else an existing author with the
 * same slug, else a new one. Linked to the staff account with the same e-mail, so the
 * author's replies in the discussion get the author badge.
 */
export async function ensureAuthor(s: Session, input: AuthorImport): Promise<{ id: number; userId: number | null }> {
  const known = await findItem(s.tx, s.source, 'author', input.externalId);
  const row = known === null ? null : await s.tx.selectFrom('authors').select(['id', 'user_id']).where('id', '=', known).executeTakeFirst();
  if (row) {
    s.report.existing('authors');
    return { id: row.id, userId: row.user_id };
  }
  const name = clip(input.name.trim() || input.slug || 'Unbekannt', 200);
  const slug = slugify(input.slug || name) || slugify(name) || `autor-${input.externalId}`;
  const userId = await userByEmail(s, input.email);
  const existing = await s.tx.selectFrom('authors').select(['id', 'user_id']).where('slug', '=', slug).executeTakeFirst();
  let id: number;
  let linked = userId;
  if (existing) {
    id = existing.id;
    if (existing.user_id === null && userId !== null) await s.tx.updateTable('authors').set({ user_id: userId }).where('id', '=', id).execute();
    linked = existing.user_id ?? userId;
    s.report.existing('authors');
  } else {
    const links = input.website && /^https?:\/\//i.test(input.website) ? [{ label: 'Website', url: input.website }] : [];
    const inserted = await s.tx
      .insertInto('authors')
      .values({
        slug: isValidSlug(slug) ? slug : `${slug}-1`,
        name,
        bio: JSON.stringify(input.bio ? { [s.deps.lang]: clip(input.bio, MAX_TEXT) } : {}),
        avatar_media_id: null,
        links: JSON.stringify(links),
        books: '[]',
        user_id: userId,
        created_at: s.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
    s.report.added('authors');
  }
  await remember(s.tx, s.source, 'author', input.externalId, id, s.now);
  return { id, userId: linked };
}

export interface TagImport {
  externalId: string;
  name: string;
  slug?: string;
  description?: string;
}

/** Like `ensureAuthor`: imported before, or same slug, or new. Categories and tags both become tags. */
export async function ensureTag(s: Session, input: TagImport): Promise<{ id: number; slug: string }> {
  const known = await findItem(s.tx, s.source, 'term', input.externalId);
  const row = known === null ? null : await s.tx.selectFrom('tags').select(['id', 'slug']).where('id', '=', known).executeTakeFirst();
  if (row) {
    s.report.existing('tags');
    return row;
  }
  const name = clip(input.name.trim() || input.slug || 'Thema', 100);
  let slug = slugify(input.slug || name) || slugify(name) || `thema-${input.externalId}`;
  if (!isValidSlug(slug)) slug = `${slug}-1`;
  const existing = await s.tx.selectFrom('tags').select(['id', 'slug']).where('slug', '=', slug).executeTakeFirst();
  let result: { id: number; slug: string };
  if (existing) {
    result = existing;
    s.report.existing('tags');
  } else {
    const inserted = await s.tx
      .insertInto('tags')
      .values({ slug, name, description: clip(input.description ?? '', MAX_TEXT) })
      .returning(['id', 'slug'])
      .executeTakeFirstOrThrow();
    result = inserted;
    s.report.added('tags');
  }
  await remember(s.tx, s.source, 'term', input.externalId, result.id, s.now);
  return result;
}

export interface ArticleImport {
  kind: ArticleKind;
  slug: string;
  lang: Language;
  title: string;
  subtitle?: string;
  body: Block[];
  status: ArticleStatus;
  publishedAt: Date | null;
  scheduledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  featuredMediaId?: number | null;
  featuredCaption?: string;
  seoTitle?: string;
  seoDescription?: string;
  commentsOpen: boolean;
  authorIds: number[];
  tagIds: number[];
}

/** Inserts an article with its authors, tags and a first revision ("imported"). */
export async function insertArticle(s: Session, input: ArticleImport): Promise<number> {
  const body = validateBlocks(input.body);
  const words = bodyToText(body).split(/\s+/).filter(Boolean).length;
  const iso = (d: Date | null) => (d && !Number.isNaN(d.getTime()) ? d.toISOString() : null);
  const row = await s.tx
    .insertInto('articles')
    .values({
      kind: input.kind,
      slug: input.slug,
      lang: input.lang,
      title: clip(input.title, MAX_TITLE),
      subtitle: clip(input.subtitle ?? '', MAX_TEXT),
      body: JSON.stringify(body),
      status: input.status,
      published_at: input.status === 'published' ? iso(input.publishedAt) ?? s.now.toISOString() : null,
      scheduled_at: input.status === 'scheduled' ? iso(input.scheduledAt) : null,
      updated_at: iso(input.updatedAt) ?? s.now.toISOString(),
      created_at: iso(input.createdAt) ?? s.now.toISOString(),
      revised_at: null,
      featured_media_id: input.featuredMediaId ?? null,
      featured_caption: clip(input.featuredCaption ?? '', MAX_TEXT),
      seo_title: clip(input.seoTitle ?? '', MAX_TITLE),
      seo_description: clip(input.seoDescription ?? '', MAX_TEXT),
      comments_open: input.commentsOpen ? 1 : 0,
      word_count: words,
      reading_minutes: readingTimeMinutes(body),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const authorIds = [...new Set(input.authorIds)];
  const tagIds = [...new Set(input.tagIds)];
  if (authorIds.length) {
    await s.tx.insertInto('article_authors').values(authorIds.map((author_id, position) => ({ article_id: row.id, author_id, position }))).execute();
  }
  if (tagIds.length) {
    await s.tx.insertInto('article_tags').values(tagIds.map((tag_id, position) => ({ article_id: row.id, tag_id, position }))).execute();
  }
  // The revision snapshot has the shape the content service writes, so history and restore work.
  const { authorIds: _a, tagIds: _t, ...fields } = input;
  await s.tx
    .insertInto('revisions')
    .values({
      article_id: row.id,
      data: JSON.stringify({ ...fields, id: row.id, body, authorIds, tagIds }),
      user_id: null,
      note: 'imported',
      created_at: s.now.toISOString(),
    })
    .execute();
  return row.id;
}
