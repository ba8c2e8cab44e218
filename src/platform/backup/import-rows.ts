/**
 * Puts export items into the database, matching what is already there: media by path,
 * authors, tags, articles and pages by slug, comments by id (the same comment: same
 * article, time and text) or else by article, time, author and text, subscribers by
 * address. Ids are kept where they are free, so an import into an empty site reproduces
 * links and comment anchors exactly; where an id is taken the row gets a new one and
 * every reference to it (bylines, image blocks, replies) follows.
 *
 * @example
 *   const rows = createRowImporter({ db: trx, dialect, secret, counts });
 *   await rows.media(item); await rows.comment(item); await rows.finish();
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { emailHash } from '../privacy.js';
import type { ExportedArticle, ExportedAuthor, ExportedComment, ExportedMedia, ExportedSubscriber, ExportedTag, Section } from './document.js';
import { resetSequences } from './sequences.js';
import { ImportError } from './validate.js';
import { insertComments } from './import-comments.js';

export type ImportCounts = Record<Section, { added: number; existing: number }>;

type IdTable = 'media' | 'authors' | 'tags' | 'articles' | 'comments';

export function createRowImporter(deps: { db: Kysely<Database>; dialect: Dialect; secret: string; counts: ImportCounts }) {
  const { db, dialect, counts } = deps;
  const mediaIds = new Map<number, number>();
  const authorIds = new Map<string, number>();
  const tagIds = new Map<string, number>();
  const articleIds = new Map<string, number>();
  const userIds = new Map<string, number | null>();
  /** Tables whose PostgreSQL counter lags behind ids we inserted ourselves. */
  const stale = new Set<string>();
  const comments = insertComments({ db, dialect, secret: deps.secret, stale, counts: counts.comments, articleId, userId });

  async function insert(table: IdTable, values: Record<string, unknown>, wantedId: number): Promise<number> {
    const taken = await db.selectFrom(table).select('id').where('id', '=', wantedId).executeTakeFirst();
    if (!taken) {
      await insertRow(db, table, { id: wantedId, ...values });
      stale.add(table);
      return wantedId;
    }
    // The counter must first move past the ids we wrote ourselves, or it would hand one out.
    if (stale.delete(table) && dialect === 'postgres') await resetSequences(db, dialect, {}, [table]);
    return insertRow(db, table, values);
  }

  async function userId(email: string | null): Promise<number | null> {
    if (!email) return null;
    if (!userIds.has(email)) {
      const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      userIds.set(email, user?.id ?? null);
    }
    return userIds.get(email)!;
  }

  async function articleId(slug: string): Promise<number> {
    let id = articleIds.get(slug);
    if (id === undefined) {
      id = (await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
      if (id === undefined) throw new ImportError(`a comment refers to the article "${slug}", which is neither in the file nor on the site`);
      articleIds.set(slug, id);
    }
    return id;
  }

  function mapped(map: Map<number, number>, id: number | null): number | null {
    return id === null ? null : (map.get(id) ?? id);
  }

  async function bySlug(table: 'authors' | 'tags', map: Map<string, number>, slug: string): Promise<number> {
    let id = map.get(slug);
    if (id === undefined) {
      id = (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst())?.id;
      if (id === undefined) throw new ImportError(`an article refers to the ${table === 'authors' ? 'author' : 'tag'} "${slug}", which is neither in the file nor on the site`);
      map.set(slug, id);
    }
    return id;
  }

  return {
    async media(m: ExportedMedia) {
      const found = await db.selectFrom('media').select('id').where('path', '=', m.path).executeTakeFirst();
      if (found) {
        mediaIds.set(m.id, found.id);
        counts.media.existing++;
        return;
      }
      const values = {
        path: m.path, mime: m.mime, width: m.width, height: m.height, size: m.size, alt: m.alt, caption: m.caption, credit: m.credit,
        source_url: m.sourceUrl, licence: m.licence, variants: JSON.stringify(m.variants), created_at: m.createdAt,
      };
      mediaIds.set(m.id, await insert('media', values, m.id));
      counts.media.added++;
    },

    async author(a: ExportedAuthor) {
      const found = await db.selectFrom('authors').select('id').where('slug', '=', a.slug).executeTakeFirst();
      if (found) {
        authorIds.set(a.slug, found.id);
        counts.authors.existing++;
        return;
      }
      const values = {
        slug: a.slug, name: a.name, bio: JSON.stringify(a.bio), avatar_media_id: mapped(mediaIds, a.avatarMediaId),
        links: JSON.stringify(a.links), books: JSON.stringify(a.books), user_id: await userId(a.userEmail), created_at: a.createdAt,
      };
      authorIds.set(a.slug, await insert('authors', values, a.id));
      counts.authors.added++;
    },

    async tag(t: ExportedTag) {
      const found = await db.selectFrom('tags').select('id').where('slug', '=', t.slug).executeTakeFirst();
      if (found) {
        tagIds.set(t.slug, found.id);
        counts.tags.existing++;
        return;
      }
      tagIds.set(t.slug, await insert('tags', { slug: t.slug, name: t.name, description: t.description }, t.id));
      counts.tags.added++;
    },

    async article(a: ExportedArticle, kind: 'article' | 'page') {
      const section = kind === 'page' ? 'pages' : 'articles';
      const found = await db.selectFrom('articles').select('id').where('slug', '=', a.slug).executeTakeFirst();
      if (found) {
        articleIds.set(a.slug, found.id);
        counts[section].existing++;
        return;
      }
      const body = a.body.map((block) => {
        const b = block as { type?: unknown; mediaId?: unknown; images?: unknown };
        if (b.type === 'image' && typeof b.mediaId === 'number') return { ...b, mediaId: mapped(mediaIds, b.mediaId) };
        // A gallery's images follow their media rows as an image block's does.
        if (b.type === 'gallery' && Array.isArray(b.images)) {
          return { ...b, images: b.images.map((i: { mediaId?: unknown }) => (typeof i?.mediaId === 'number' ? { ...i, mediaId: mapped(mediaIds, i.mediaId) } : i)) };
        }
        return block;
      });
      const values = {
        kind, slug: a.slug, lang: a.lang, title: a.title, subtitle: a.subtitle, body: JSON.stringify(body), status: a.status,
        published_at: a.publishedAt, scheduled_at: a.scheduledAt, updated_at: a.updatedAt, created_at: a.createdAt,
        revised_at: a.revisedAt, featured_media_id: mapped(mediaIds, a.featuredMediaId), featured_caption: a.featuredCaption,
        seo_title: a.seoTitle, seo_description: a.seoDescription, comments_open: a.commentsOpen ? 1 : 0, word_count: a.wordCount,
        reading_minutes: a.readingMinutes,
      };
      const id = await insert('articles', values, a.id);
      articleIds.set(a.slug, id);
      for (const [position, slug] of a.authors.entries()) {
        await db.insertInto('article_authors').values({ article_id: id, author_id: await bySlug('authors', authorIds, String(slug)), position }).execute();
      }
      for (const [position, slug] of a.tags.entries()) {
        await db.insertInto('article_tags').values({ article_id: id, tag_id: await bySlug('tags', tagIds, String(slug)), position }).execute();
      }
      for (const old of a.oldSlugs) {
        await db.insertInto('slug_redirects').values({ old_slug: String(old), article_id: id, created_at: a.updatedAt })
          .onConflict((oc) => oc.column('old_slug').doNothing()).execute();
      }
      counts[section].added++;
    },

    async comment(c: ExportedComment) {
      await comments.add(c);
    },

    async subscriber(s: ExportedSubscriber) {
      const hash = emailHash(s.email, deps.secret);
      const { rows } = await sql`select 1 from subscribers where email_hash = ${hash}`.execute(db);
      if (rows.length > 0) {
        counts.subscribers.existing++;
        return;
      }
      const id = await insertRow(db, 'subscribers', {
        email: s.email, email_hash: hash, name: s.name, status: s.status, source: s.source, subscribed_at: s.subscribedAt,
        confirmed_at: s.confirmedAt, unsubscribed_at: s.unsubscribedAt, bounced_at: s.bouncedAt, bounce_reason: s.bounceReason,
        confirm_sent_at: s.confirmSentAt, updated_at: s.updatedAt,
      });
      for (const topic of s.topics) await sql`insert into subscriber_topics (subscriber_id, topic) values (${id}, ${String(topic)})`.execute(db);
      counts.subscribers.added++;
    },

    /** Writes what is still buffered and moves the id counters past every imported id. */
    async finish() {
      await comments.flush();
      await resetSequences(db, dialect);
    },
  };
}

/** INSERT … RETURNING id for any table (both databases support RETURNING). */
export async function insertRow(db: Kysely<Database>, table: string, values: Record<string, unknown>): Promise<number> {
  const columns = Object.keys(values);
  const { rows } = await sql<{ id: number }>`
    insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    values (${sql.join(columns.map((c) => values[c]))}) returning id`.execute(db);
  return Number(rows[0]!.id);
}
