/**
 * Search on PostgreSQL: one tsvector per article built with its language's Snowball
 * configuration (title weight A, tags B, body D) under a GIN index. User words reach
 * `to_tsquery` only as runs of letters and digits (see `parseQuery`), so no input can
 * form tsquery syntax; terms taken from an index are passed as quoted lexemes.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { LANGUAGES, isLanguage, type Language } from '../platform/i18n.js';
import { parseQuery } from './stem.js';
import { COUNT_CAP, TITLE_TERM_WEIGHT, type SearchBackend } from './backend.js';

const CONFIG: Record<Language, string> = { de: 'german', en: 'english' };

/** Candidates ranked per search at least; the window grows fourfold up to MAX_WINDOW. */
const RANK_WINDOW = 500;
const MAX_WINDOW = 32_000;

const visible = (now: Date) =>
  sql`a.kind = 'article' AND a.status = 'published' AND a.published_at <= ${now.toISOString()}`;

/** `to_tsquery` input for `lang`: the words ANDed, the last one a prefix if still being typed. */
function tsqueryText(q: string, lang: Language): string | null {
  const { terms, prefix } = parseQuery(q, lang);
  if (terms.length === 0) return null;
  return terms.map((t) => t.word).join(' & ') + (prefix ? ':*' : '');
}

/** A lexeme as a tsquery literal: quoted, quotes and backslashes doubled. */
const lexeme = (term: string) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

interface HitRow {
  id: number;
  slug: string;
  title: string;
  published_at: string;
  lang: string;
  body: string;
}

/**
 * @example
 *   const backend = postgresBackend(handle.db);
 *   await backend.search({ q: 'Haushalt', now: new Date(), limit: 10, offset: 0 });
 */
export function postgresBackend(db: Kysely<Database>): SearchBackend {
  return {
    async put(doc) {
      const cfg = CONFIG[doc.lang];
      // WHERE EXISTS: an article deleted since it was read is skipped, not a foreign-key error.
      await sql`INSERT INTO search_documents (article_id, lang, title, body, tsv)
        SELECT ${doc.articleId}, ${doc.lang}, ${doc.title}, ${doc.body},
          setweight(to_tsvector(${cfg}::regconfig, ${doc.title}), 'A') ||
          setweight(to_tsvector(${cfg}::regconfig, ${doc.tags}), 'B') ||
          setweight(to_tsvector(${cfg}::regconfig, ${doc.body}), 'D')
        WHERE EXISTS (SELECT 1 FROM articles WHERE id = ${doc.articleId})
        ON CONFLICT (article_id) DO UPDATE
          SET lang = excluded.lang, title = excluded.title, body = excluded.body, tsv = excluded.tsv`.execute(db);
    },

    async remove(articleId) {
      await sql`DELETE FROM search_documents WHERE article_id = ${articleId}`.execute(db);
    },

    async prune() {
      const result = await sql`DELETE FROM search_documents
        WHERE article_id NOT IN (SELECT id FROM articles WHERE status = 'published')`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /**
     * Ranking reads every matching document's tsvector (TOASTed, compressed), which made a
     * common word take seconds with 100,000 articles. So only a window of candidates is
     * ranked: the newest visible matches, found through the GIN index and the articles'
     * dates without reading a tsvector. The window widens until the page is full or the
     * matches run out; then every match was ranked, as on a small site. Totals are counted
     * up to COUNT_CAP, like SQLite's, and reported as "at least" beyond.
     */
    async search({ q, now, limit, offset }) {
      const queries = LANGUAGES.flatMap((lang) => {
        const text = tsqueryText(q, lang);
        return text === null ? [] : [{ lang, query: sql`to_tsquery(${CONFIG[lang]}::regconfig, ${text})` }];
      });
      if (queries.length === 0) return { total: 0, hits: [] };
      // One condition per language, ORed in one query (not a UNION): the planner then walks
      // the newest articles and tests each one's tsvector when a word is common, or reads
      // the GIN index when it is rare.
      const matching = sql.join(queries.map(({ lang, query }) => sql`(d.lang = ${lang} AND d.tsv @@ ${query})`), sql` OR `);
      const queryOf = sql`CASE d.lang ${sql.join(queries.map(({ lang, query }) => sql`WHEN ${lang} THEN ${query}`), sql` `)} END`;
      const from = sql`FROM articles a JOIN search_documents d ON d.article_id = a.id WHERE ${visible(now)} AND (${matching})`;
      const want = offset + limit;
      const counted = sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP + 1}) capped`.execute(db);
      let page: HitRow[] = [];
      for (let window = Math.max(RANK_WINDOW, want * 3); ; window *= 4) {
        const { rows } = await sql<HitRow & { candidates: string }>`
          WITH candidates AS (SELECT a.id, a.slug, a.title, a.published_at ${from} ORDER BY a.published_at DESC, a.id DESC LIMIT ${window})
          SELECT c.id, c.slug, c.title, c.published_at, d.lang, d.body, count(*) OVER () AS candidates
          FROM candidates c JOIN search_documents d ON d.article_id = c.id
          ORDER BY ts_rank_cd(d.tsv, ${queryOf}) DESC, c.published_at DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
        page = rows;
        const candidates = Number(rows[0]?.candidates ?? 0);
        // Fewer candidates than the window: every match was ranked. An empty page past the
        // end (offset beyond the matches) ends the loop too.
        if (candidates < window || rows.length === 0 || window * 4 > MAX_WINDOW) break;
        if (rows.length === limit && want <= window) break;
      }
      const n = Number((await counted).rows[0]?.n ?? 0);
      return {
        total: Math.min(n, COUNT_CAP),
        ...(n > COUNT_CAP ? { totalIsLowerBound: true } : {}),
        hits: page.map((row) => ({
          articleId: row.id,
          slug: row.slug,
          title: row.title,
          body: row.body,
          lang: isLanguage(row.lang) ? row.lang : 'de',
          publishedAt: row.published_at,
        })),
      };
    },

    async termFrequencies(articleId) {
      const { rows } = await sql<{ term: string; n: number; strong: string }>`
        SELECT t.lexeme AS term, cardinality(t.positions) AS n,
          (SELECT count(*) FROM unnest(t.weights) w WHERE w IN ('A', 'B')) AS strong
        FROM search_documents d, unnest(d.tsv) t WHERE d.article_id = ${articleId}`.execute(db);
      // Title (A) and tag (B) occurrences count triple, as on SQLite.
      return new Map(rows.map((r) => [r.term, Number(r.n) + (TITLE_TERM_WEIGHT - 1) * Number(r.strong)]));
    },

    async documentFrequencies(terms) {
      if (terms.length === 0) return new Map();
      // One GIN lookup per term; ts_stat() would read every document instead.
      const { rows } = await sql<{ term: string; df: string }>`
        SELECT t.term, (SELECT count(*) FROM search_documents d WHERE d.tsv @@ t.query) AS df
        FROM unnest(${[...terms]}::text[], ${terms.map(lexeme)}::tsquery[]) AS t(term, query)`.execute(db);
      return new Map(rows.map((r) => [r.term, Number(r.df)]));
    },

    async similar({ articleId, terms, now, limit }) {
      if (terms.length === 0) return [];
      const { rows } = await sql<{ id: number; lang: string; score: number }>`
        SELECT d.article_id AS id, d.lang, ts_rank(d.tsv, query) AS score
        FROM search_documents d JOIN articles a ON a.id = d.article_id,
          CAST(${terms.map(lexeme).join(' | ')} AS tsquery) query
        WHERE d.tsv @@ query AND d.article_id <> ${articleId} AND ${visible(now)}
        ORDER BY score DESC, a.published_at DESC, a.id DESC LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({ articleId: r.id, lang: r.lang, score: Number(r.score) }));
    },
  };
}
