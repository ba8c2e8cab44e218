/**
 * Search on SQLite: an FTS5 table over text stemmed in JavaScript (see migrations.ts).
 * A query is stemmed once per language and each branch only matches documents of that
 * language, the way PostgreSQL applies each article's own text search configuration.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { LANGUAGES, isLanguage } from '../platform/i18n.js';
import { stemQuery, stemText } from './stem.js';
import { TITLE_TERM_WEIGHT, type SearchBackend } from './backend.js';

// Weights of the indexed columns title, body, tags; a title hit counts ten body hits.
const BM25 = sql<number>`bm25(search_fts, 10.0, 1.0, 4.0)`;

const visible = (now: Date) =>
  sql`a.kind = 'article' AND a.status = 'published' AND a.published_at <= ${now.toISOString()}`;

/** An FTS5 string. Stems hold only letters and digits; doubling quotes is belt and braces. */
const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

interface HitRow {
  id: number;
  slug: string;
  title: string;
  published_at: string;
  lang: string;
  body_text: string;
}

/**
 * @example
 *   const backend = sqliteBackend(handle.db);
 *   await backend.search({ q: 'Haushalt', now: new Date(), limit: 10, offset: 0 });
 */
export function sqliteBackend(db: Kysely<Database>): SearchBackend {
  async function remove(articleId: number): Promise<void> {
    await sql`DELETE FROM search_fts WHERE rowid = ${articleId}`.execute(db);
  }

  return {
    remove,

    async put(doc) {
      // FTS5 has no upsert. The caller runs this in a transaction, so readers never see
      // the article missing in between.
      await remove(doc.articleId);
      await sql`INSERT INTO search_fts (rowid, title, body, tags, lang, title_text, body_text)
        VALUES (${doc.articleId}, ${stemText(doc.title, doc.lang)}, ${stemText(doc.body, doc.lang)},
                ${stemText(doc.tags, doc.lang)}, ${doc.lang}, ${doc.title}, ${doc.body})`.execute(db);
    },

    async prune() {
      const result = await sql`DELETE FROM search_fts
        WHERE rowid NOT IN (SELECT id FROM articles WHERE status = 'published')`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    async search({ q, now, limit, offset }) {
      const branches = LANGUAGES.flatMap((lang) => {
        const match = stemQuery(q, lang);
        return match === null
          ? []
          : [sql`SELECT rowid AS id, ${BM25} AS score FROM search_fts WHERE search_fts MATCH ${match} AND lang = ${lang}`];
      });
      if (branches.length === 0) return { total: 0, hits: [] };
      const hits = sql`WITH hits AS (${sql.join(branches, sql` UNION ALL `)})`;
      const from = sql`FROM hits JOIN articles a ON a.id = hits.id WHERE ${visible(now)}`;
      const [count, page] = await Promise.all([
        sql<{ n: number }>`${hits} SELECT count(*) AS n ${from}`.execute(db),
        // The original text is read only for the page of hits, not for every match.
        sql<HitRow>`${hits}, page AS (
            SELECT hits.id, hits.score, a.slug, a.title, a.published_at ${from}
            ORDER BY hits.score, a.published_at DESC, a.id DESC LIMIT ${limit} OFFSET ${offset})
          SELECT page.id, page.slug, page.title, page.published_at, search_fts.lang, search_fts.body_text
          FROM page JOIN search_fts ON search_fts.rowid = page.id
          ORDER BY page.score, page.published_at DESC, page.id DESC`.execute(db),
      ]);
      return {
        total: Number(count.rows[0]?.n ?? 0),
        hits: page.rows.map((row) => ({
          articleId: row.id,
          slug: row.slug,
          title: row.title,
          body: row.body_text,
          lang: isLanguage(row.lang) ? row.lang : 'de',
          publishedAt: row.published_at,
        })),
      };
    },

    async termFrequencies(articleId) {
      const { rows } = await sql<{ title: string; body: string; tags: string }>`
        SELECT title, body, tags FROM search_fts WHERE rowid = ${articleId}`.execute(db);
      const tf = new Map<string, number>();
      const row = rows[0];
      if (!row) return tf;
      const add = (text: string, weight: number) => {
        for (const term of text.split(' ')) if (term) tf.set(term, (tf.get(term) ?? 0) + weight);
      };
      add(row.title, TITLE_TERM_WEIGHT);
      add(row.tags, TITLE_TERM_WEIGHT);
      add(row.body, 1);
      return tf;
    },

    async documentFrequencies(terms) {
      const df = new Map<string, number>();
      if (terms.length === 0) return df;
      const { rows } = await sql<{ term: string; doc: number }>`
        SELECT term, doc FROM search_vocab WHERE term IN (${sql.join([...terms])})`.execute(db);
      for (const row of rows) df.set(row.term, Number(row.doc));
      return df;
    },

    async similar({ articleId, terms, now, limit }) {
      if (terms.length === 0) return [];
      const { rows } = await sql<{ id: number; lang: string; score: number }>`
        SELECT search_fts.rowid AS id, search_fts.lang, ${BM25} AS score
        FROM search_fts JOIN articles a ON a.id = search_fts.rowid
        WHERE search_fts MATCH ${terms.map(quote).join(' OR ')} AND search_fts.rowid <> ${articleId} AND ${visible(now)}
        ORDER BY score LIMIT ${limit}`.execute(db);
      // bm25() is negative, lower is better; the interface wants higher is better.
      return rows.map((row) => ({ articleId: row.id, lang: row.lang, score: -row.score }));
    },
  };
}
