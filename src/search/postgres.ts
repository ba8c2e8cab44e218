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
/** Candidates ranked for related articles: the newest articles sharing a distinctive term. */
const RELATED_WINDOW = 500;
/** How long the column statistics (see documentFrequencies) are trusted before being read again. */
const STATISTICS_TTL_MS = 5 * 60_000;

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
  let statistics: { frequencies: Map<string, number>; documents: number; readAt: number } | null = null;

  /** The column's most common lexemes as ANALYZE saw them, read again every few minutes. */
  async function lexemeStatistics() {
    if (statistics && Date.now() - statistics.readAt < STATISTICS_TTL_MS) return statistics;
    const { rows } = await sql<{ elems: string[] | null; freqs: number[] | null; documents: number }>`
      SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, c.reltuples AS documents
      FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename AND c.relnamespace = to_regnamespace(s.schemaname)
      WHERE s.schemaname = current_schema() AND s.tablename = 'search_documents' AND s.attname = 'tsv'`.execute(db);
    const row = rows[0];
    const frequencies = new Map<string, number>();
    // most_common_elem_freqs holds one frequency per lexeme, then min, max and null share.
    (row?.elems ?? []).forEach((elem, i) => {
      const frequency = row?.freqs?.[i];
      if (typeof frequency === 'number') frequencies.set(elem, frequency);
    });
    statistics = { frequencies, documents: Math.max(0, Number(row?.documents ?? 0)), readAt: Date.now() };
    return statistics;
  }

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

    /**
     * Counting the documents of a common term reads most of the index (thirty terms of an
     * article took 1.2 s with 100,000 articles). PostgreSQL's own statistics of the tsvector
     * column (ANALYZE's most common lexemes and their frequencies) answer for common terms;
     * only the others, rare by definition, are counted, each in its own subquery so that
     * its plan sees the lexeme and reads the GIN index.
     */
    async documentFrequencies(terms) {
      if (terms.length === 0) return new Map();
      const common = await lexemeStatistics();
      const out = new Map<string, number>();
      const rare: string[] = [];
      for (const term of terms) {
        const frequency = common.frequencies.get(term);
        if (frequency === undefined) rare.push(term);
        else out.set(term, Math.max(1, Math.round(frequency * common.documents)));
      }
      if (rare.length > 0) {
        const { rows } = await sql<{ term: string; df: string }>`${sql.join(
          rare.map((term) => sql`SELECT ${term}::text AS term, (SELECT count(*) FROM search_documents d WHERE d.tsv @@ ${lexeme(term)}::tsquery) AS df`),
          sql` UNION ALL `,
        )}`.execute(db);
        for (const row of rows) out.set(row.term, Number(row.df));
      }
      return out;
    },

    /**
     * Ranking every article that shares one of the terms read nearly the whole index; as in
     * `search`, the newest RELATED_WINDOW of them are the candidates (news relates to news).
     */
    async similar({ articleId, terms, now, limit }) {
      if (terms.length === 0) return [];
      const query = sql`CAST(${terms.map(lexeme).join(' | ')} AS tsquery)`;
      const { rows } = await sql<{ id: number; lang: string; score: number }>`
        WITH candidates AS (
          SELECT a.id, a.published_at FROM articles a JOIN search_documents d ON d.article_id = a.id
          WHERE ${visible(now)} AND a.id <> ${articleId} AND d.tsv @@ ${query}
          ORDER BY a.published_at DESC, a.id DESC LIMIT ${RELATED_WINDOW})
        SELECT c.id, d.lang, ts_rank(d.tsv, ${query}) AS score
        FROM candidates c JOIN search_documents d ON d.article_id = c.id
        ORDER BY score DESC, c.published_at DESC, c.id DESC LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({ articleId: r.id, lang: r.lang, score: Number(r.score) }));
    },
  };
}
