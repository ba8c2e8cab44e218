/**
 * The export's sections, read batch by batch in id order, each batch with what it
 * refers to (bylines, tags, old slugs, comment edits) fetched in one query per batch
 * rather than one per item.
 *
 * @example
 *   for await (const batch of readArticles(trx, 'article')) for (const a of batch) console.log(a.slug, a.tags);
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { tableExists } from './catalog.js';
import type { ExportedArticle, ExportedAuthor, ExportedComment, ExportedMedia, ExportedSubscriber, ExportedTag } from './document.js';

const BATCH = 500;

function json<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function group<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Batches of rows with increasing ids until `batch` runs dry. */
async function* byId<T extends { id: number }, U>(batch: (after: number) => Promise<T[]>, convert: (rows: T[]) => Promise<U[]> | U[]): AsyncGenerator<U[]> {
  for (let after = 0; ; ) {
    const rows = await batch(after);
    if (rows.length === 0) return;
    yield await convert(rows);
    after = rows[rows.length - 1]!.id;
  }
}

export function readMedia(db: Kysely<Database>): AsyncGenerator<ExportedMedia[]> {
  return byId(
    (after) => db.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (rows) =>
      rows.map((m) => ({
        id: m.id, path: m.path, mime: m.mime, width: m.width, height: m.height, size: m.size, alt: m.alt, caption: m.caption,
        credit: m.credit, sourceUrl: m.source_url, licence: m.licence, variants: json(m.variants, []), createdAt: m.created_at,
      })),
  );
}

export function readAuthors(db: Kysely<Database>): AsyncGenerator<ExportedAuthor[]> {
  return byId(
    (after) =>
      db.selectFrom('authors').leftJoin('users', 'users.id', 'authors.user_id').selectAll('authors').select('users.email as user_email')
        .where('authors.id', '>', after).orderBy('authors.id').limit(BATCH).execute(),
    (rows) =>
      rows.map((a) => ({
        id: a.id, slug: a.slug, name: a.name, bio: json(a.bio, {}), avatarMediaId: a.avatar_media_id, links: json(a.links, []),
        books: json(a.books, []), userEmail: a.user_email, createdAt: a.created_at,
      })),
  );
}

export function readTags(db: Kysely<Database>): AsyncGenerator<ExportedTag[]> {
  return byId(
    (after) => db.selectFrom('tags').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (rows) => rows.map((t) => ({ id: t.id, slug: t.slug, name: t.name, description: t.description })),
  );
}

export function readArticles(db: Kysely<Database>, kind: 'article' | 'page'): AsyncGenerator<ExportedArticle[]> {
  return byId(
    (after) => db.selectFrom('articles').selectAll().where('kind', '=', kind).where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    async (rows) => {
      const ids = rows.map((r) => r.id);
      const authors = group(
        await db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .select(['article_authors.article_id', 'authors.slug']).where('article_authors.article_id', 'in', ids)
          .orderBy('article_authors.article_id').orderBy('article_authors.position').orderBy('authors.id').execute(),
        (r) => r.article_id,
      );
      const tags = group(
        await db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select(['article_tags.article_id', 'tags.slug']).where('article_tags.article_id', 'in', ids)
          .orderBy('article_tags.article_id').orderBy('article_tags.position').orderBy('tags.id').execute(),
        (r) => r.article_id,
      );
      const redirects = group(
        await db.selectFrom('slug_redirects').select(['article_id', 'old_slug']).where('article_id', 'in', ids)
          .orderBy('article_id').orderBy('created_at').orderBy('old_slug').execute(),
        (r) => r.article_id,
      );
      return rows.map((a) => ({
        id: a.id, slug: a.slug, lang: a.lang, title: a.title, subtitle: a.subtitle, body: json(a.body, []), status: a.status,
        publishedAt: a.published_at, scheduledAt: a.scheduled_at, createdAt: a.created_at, updatedAt: a.updated_at,
        revisedAt: a.revised_at, featuredMediaId: a.featured_media_id, featuredCaption: a.featured_caption, seoTitle: a.seo_title,
        seoDescription: a.seo_description, commentsOpen: a.comments_open === 1, wordCount: a.word_count,
        readingMinutes: a.reading_minutes, authors: (authors.get(a.id) ?? []).map((r) => r.slug),
        tags: (tags.get(a.id) ?? []).map((r) => r.slug), oldSlugs: (redirects.get(a.id) ?? []).map((r) => r.old_slug),
      }));
    },
  );
}

export function readComments(db: Kysely<Database>): AsyncGenerator<ExportedComment[]> {
  return byId(
    (after) =>
      db.selectFrom('comments').innerJoin('articles', 'articles.id', 'comments.article_id').leftJoin('users', 'users.id', 'comments.user_id')
        .selectAll('comments').select(['articles.slug as article_slug', 'users.email as user_email'])
        .where('comments.id', '>', after).orderBy('comments.id').limit(BATCH).execute(),
    async (rows) => {
      const edits = group(
        await db.selectFrom('comment_edits').select(['comment_id', 'body', 'created_at']).where('comment_id', 'in', rows.map((r) => r.id))
          .orderBy('comment_id').orderBy('id').execute(),
        (r) => r.comment_id,
      );
      return rows.map((c) => ({
        id: c.id, article: c.article_slug, parentId: c.parent_id, threadId: c.thread_id, depth: c.depth, authorName: c.author_name,
        authorEmail: c.author_email, userEmail: c.user_email, body: c.body, html: c.html, status: c.status, likes: c.likes,
        spamScore: c.spam_score, spamReasons: json(c.spam_reasons, []), createdAt: c.created_at, editedAt: c.edited_at,
        deletedAt: c.deleted_at, edits: (edits.get(c.id) ?? []).map((e) => ({ body: e.body, createdAt: e.created_at })),
      }));
    },
  );
}

interface SubscriberRow {
  id: number;
  email: string | null;
  name: string;
  status: string;
  source: string;
  subscribed_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  bounce_reason: string | null;
  confirm_sent_at: string | null;
  updated_at: string;
}

/**
 * Newsletter subscribers that still have an address. An erased address leaves only a
 * hash made with this site's key, which means nothing to another installation.
 */
export async function* readSubscribers(db: Kysely<Database>, dialect: Dialect): AsyncGenerator<ExportedSubscriber[]> {
  if (!(await tableExists(db, dialect, 'subscribers'))) return;
  yield* byId(
    async (after) =>
      (await sql<SubscriberRow>`select * from subscribers where id > ${after} order by id limit ${BATCH}`.execute(db)).rows,
    async (rows) => {
      const ids = rows.map((r) => r.id);
      const { rows: topicRows } = await sql<{ subscriber_id: number; topic: string }>`
        select subscriber_id, topic from subscriber_topics where subscriber_id in (${sql.join(ids)}) order by subscriber_id, topic`.execute(db);
      const topics = group(topicRows, (r) => r.subscriber_id);
      return rows.flatMap((s) =>
        s.email === null
          ? []
          : [{
              email: s.email, name: s.name, status: s.status, source: s.source, subscribedAt: s.subscribed_at, confirmedAt: s.confirmed_at,
              unsubscribedAt: s.unsubscribed_at, bouncedAt: s.bounced_at, bounceReason: s.bounce_reason, confirmSentAt: s.confirm_sent_at,
              updatedAt: s.updated_at, topics: (topics.get(s.id) ?? []).map((t) => t.topic),
            }],
      );
    },
  );
}
