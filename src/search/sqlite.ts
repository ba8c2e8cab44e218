/**
 * Search on SQLite: an FTS5 table over text stemmed in JavaScript (see migrations.ts).
 * A query is stemmed once per language and each branch only matches documents of that
 * language, the way PostgreSQL applies each article's own text search configuration.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { LANGUAGES, isLanguage } from '../platform/i18n.js';
import { stemQuery, stemText } from './stem.js';
import { COUNT_CAP, TITLE_TERM_WEIGHT, type SearchBackend } from './backend.js';

// Weights of the indexed columns title, body, tags; a title hit counts ten body hits.
const BM25 = sql<number>`bm25(search_fts, 10.0, 1.0, 4.0)`;

/** Beyond this many candidates per language the search ranks everything in one go. */
const MAX_WINDOW = 5000;
/** Candidates ranked per search at least (the newest matches); the window grows fourfold. */
const RANK_WINDOW = 500;
/** Candidates ranked for related articles: the newest articles sharing a distinctive term. */
const RELATED_WINDOW = 500;
/** How long counted document frequencies are kept (see documentFrequencies). */
const FREQUENCIES_TTL_MS = 5 * 60_000;
/** Index entries read per language to count a total (see `search`). */
const COUNT_SCAN = 2 * COUNT_CAP;

/**
 * What readers may see, in one place. `byId`: the columns behind unary pluses, for a lookup of
 * given ids, which SQLite then keeps on the primary key: offered the listing index (kind,
 * status, published_at) or the one on status, it walked every published article to find a
 * handful of ids, a cost that grows with the site (search.test.ts reads the plan).
 */
const visible = (now: Date, byId = false) => {
  const column = (name: string) => sql.raw(`${byId ? '+' : ''}a.${name}`);
  return sql`${column('kind')} = 'article' AND ${column('status')} = 'published' AND ${column('published_at')} <= ${now.toISOString()}`;
};

/** Those of `ids` that readers may see. */
export const visibleAmong = (ids: readonly number[], now: Date, columns = sql`a.id`) =>
  sql`SELECT ${columns} FROM articles a WHERE a.id IN (${sql.join([...ids])}) AND ${visible(now, true)}`;

/**
 * A LIMIT written into the statement: bound as a parameter, SQLite could not use it when
 * planning, and each search spent ~70 µs more in its FTS5 query (bench/PROFILE.md section 9).
 * Only whole numbers from this file or checked here go in.
 */
const limitOf = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a row count: ${n}`);
  return sql.lit(n);
};

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
  let frequencies = { terms: new Map<string, number>(), readAt: Date.now() };
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

    /**
     * Ranking every match is what makes a common word slow on a large site (70,000 hits:
     * 80 ms even inside FTS5). So, as on PostgreSQL, a window of the newest matches is
     * ranked: the highest rowids, which FTS5 reads backwards from its doclists without
     * ranking the rest (rowids follow creation; PostgreSQL orders by publication date).
     * Only the candidates are checked against the article (its language, whether it is
     * visible); the window widens until the page is full or the matches run out.
     */
    async search({ q, now, limit, offset, needsText }) {
      const matches = LANGUAGES.flatMap((lang) => {
        const match = stemQuery(q, lang);
        return match === null ? [] : [{ lang, match }];
      });
      if (matches.length === 0) return { total: 0, hits: [] };
      const want = offset + limit;
      // One MATCH per distinct stemmed query: where the languages stem the words alike (names,
      // most compounds) one branch finds the candidates of both, each then tried in its language.
      const distinct = [...new Set(matches.map(({ match }) => match))];
      const languagesOf = (match: string) => matches.filter((m) => m.match === match).map((m) => m.lang);
      const branchSql = (window: number | null) =>
        distinct.map(
          (match, branch) =>
            sql`SELECT * FROM (SELECT rowid AS id, ${BM25} AS score, ${branch} AS branch
              FROM search_fts WHERE search_fts MATCH ${match} ${window === null ? sql`` : sql`ORDER BY rowid DESC LIMIT ${limitOf(window)}`})`,
        );
      let rows: (Omit<HitRow, 'body_text'> & { score: number })[] = [];
      let exhausted = false;
      for (let window: number | null = Math.max(RANK_WINDOW, want * 3); ; window = window === null || window * 4 > MAX_WINDOW ? null : window * 4) {
        // The candidates and their articles in one statement: each candidate's article is found by
        // its primary key (`visible(now, true)`), and a candidate readers may not see keeps its row
        // with no article, so that the window's count below still counts it. Two statements cost a
        // search ~0.1 ms more (the second ran on caches the page render had just cooled).
        const found = (
          await sql<{ id: number; score: number; branch: number; lang: string | null; slug: string; title: string; published_at: string }>`
            SELECT m.id, m.score, m.branch, a.lang, a.slug, a.title, a.published_at FROM (${sql.join(branchSql(window), sql` UNION ALL `)}) m
            LEFT JOIN articles a ON a.id = m.id AND ${visible(now, true)}`.execute(db)
        ).rows;
        // An article can match both languages' branches; only its own language's counts.
        rows = found
          .flatMap(({ branch, lang, ...row }) => (lang !== null && languagesOf(distinct[branch]!).some((own) => own === lang) ? [{ ...row, lang }] : []))
          .sort((x, y) => x.score - y.score || y.published_at.localeCompare(x.published_at) || y.id - x.id);
        // Done when no branch was cut off by the window (each may match a different number).
        exhausted = window === null || distinct.every((_match, branch) => found.filter((c) => c.branch === branch).length < window!);
        if (rows.length >= want || exhausted) break;
      }
      const page = rows.slice(offset, offset + limit);
      // Texts only for the snippets the caller does not have (reading them was an eighth of a search).
      const wanted = page.filter((row) => needsText?.(row.id, isLanguage(row.lang) ? row.lang : 'de') ?? true);
      const texts = wanted.length
        ? await sql<{ id: number; body_text: string }>`SELECT rowid AS id, body_text FROM search_fts WHERE rowid IN (${sql.join(wanted.map((r) => r.id))})`.execute(db)
        : { rows: [] };
      const bodies = new Map(texts.rows.map((r) => [r.id, r.body_text]));
      // When the window did not take in every match, the visible matches are counted up to
      // COUNT_CAP + 1 without ranking them, reading at most COUNT_SCAN index entries per
      // language (FTS5 drives the join: as the left side of a LEFT JOIN it is the outer loop, so
      // SQLite does not run the MATCH once per article). Past either limit the total is "at least".
      let total = rows.length;
      let lowerBound = !exhausted;
      if (!exhausted) {
        const scanned = sql.join(
          matches.map(({ lang, match }) => sql`SELECT * FROM (SELECT rowid AS id, ${lang} AS lang FROM search_fts WHERE search_fts MATCH ${match} LIMIT ${limitOf(COUNT_SCAN)})`),
          sql` UNION ALL `,
        );
        const counted = await sql<{ n: number; scanned: number }>`SELECT count(a.id) AS n, count(*) AS scanned FROM (${scanned}) m
            LEFT JOIN articles a ON a.id = m.id AND a.lang = m.lang AND ${visible(now)} GROUP BY m.lang`.execute(db);
        total = Math.max(total, counted.rows.reduce((sum, row) => sum + Number(row.n), 0));
        lowerBound = counted.rows.some((row) => Number(row.scanned) >= COUNT_SCAN);
      }
      lowerBound ||= total > COUNT_CAP;
      total = Math.min(total, COUNT_CAP);
      return {
        total,
        ...(lowerBound ? { totalIsLowerBound: true } : {}),
        hits: page.map((row) => ({
          articleId: row.id,
          slug: row.slug,
          title: row.title,
          body: bodies.get(row.id) ?? '',
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
      if (Date.now() - frequencies.readAt > FREQUENCIES_TTL_MS || frequencies.terms.size > 50_000) {
        frequencies = { terms: new Map(), readAt: Date.now() };
      }
      // One lookup per term: fts5vocab answers `term = ?` from the index directly, but
      // `term IN (…)` makes it walk the whole vocabulary (minutes on 100,000 articles).
      // A common term's count costs milliseconds and recurs in every article, so counts are
      // kept for a few minutes (an IDF need not be exact to the last article).
      for (const term of terms) {
        let count = frequencies.terms.get(term);
        if (count === undefined) {
          const { rows } = await sql<{ doc: number }>`SELECT doc FROM search_vocab WHERE term = ${term}`.execute(db);
          count = Number(rows[0]?.doc ?? 0);
          frequencies.terms.set(term, count);
        }
        if (count > 0) df.set(term, count);
      }
      return df;
    },

    async similar({ articleId, terms, now, limit }) {
      if (terms.length === 0) return [];
      // Ranked by the index alone, then checked against the articles: joined in one query,
      // SQLite may walk every article and run the MATCH for each (minutes at 100,000).
      // Ranking every article that shares a term read nearly the whole index (170 ms), so
      // the candidates are the newest RELATED_WINDOW (highest rowids: FTS5 walks its doclists
      // backwards without ranking), as on PostgreSQL; bm25 then orders those.
      const { rows } = await sql<{ id: number; lang: string; score: number }>`
        SELECT * FROM (SELECT rowid AS id, lang, ${BM25} AS score FROM search_fts
          WHERE search_fts MATCH ${terms.map(quote).join(' OR ')} ORDER BY rowid DESC LIMIT ${limitOf(RELATED_WINDOW)})
        ORDER BY score LIMIT ${limitOf(limit * 3 + 20)}`.execute(db);
      const others = rows.filter((row) => row.id !== articleId);
      if (others.length === 0) return [];
      const shown = await visibleAmong(others.map((r) => r.id), now).$castTo<{ id: number }>().execute(db);
      const ok = new Set(shown.rows.map((r) => r.id));
      // bm25() is negative, lower is better; the interface wants higher is better.
      return others
        .filter((row) => ok.has(row.id))
        .slice(0, limit)
        .map((row) => ({ articleId: row.id, lang: row.lang, score: -row.score }));
    },
  };
}
