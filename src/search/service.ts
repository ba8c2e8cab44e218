/**
 * Full-text search and related articles over published articles, on SQLite or
 * PostgreSQL (chosen by `handle.dialect`; the differences live in sqlite.ts and
 * postgres.ts). The index holds every published article; what readers may see (kind
 * 'article', `published_at <= now`) is decided when querying, so a scheduled article
 * appears on time without reindexing.
 *
 * @example
 *   const search = createSearchService(handle);
 *   await search.index(7);
 *   const { total, items } = await search.search('Haushalte', { page: 1, perPage: 10 });
 *   items[0]?.snippet.toString(); // '… der Stadtrat berät den <mark>Haushalt</mark> …'
 *   await search.related(7); // [12, 9, 3]
 */
import type { DatabaseHandle } from '../platform/db/index.js';
import type { SafeHtml } from '../platform/html.js';
import { boundedMemo } from '../platform/memo.js';
import type { Language } from '../platform/i18n.js';
import type { BackendFactory, SearchBackend } from './backend.js';
import { loadDocuments } from './document.js';
import { postgresBackend } from './postgres.js';
import { candidateTerms, distinctiveTerms, rerank, sharedTagCounts } from './related.js';
import { queryMatcher, snippet, type WordMatcher } from './snippet.js';
import { sqliteBackend } from './sqlite.js';

export interface SearchOptions {
  /** 1-based. */
  page: number;
  /** Clamped to 1…100. */
  perPage: number;
  now?: Date;
}

export interface SearchResultItem {
  articleId: number;
  slug: string;
  title: string;
  /** About 30 words around the best match, matches in `<mark>`, escaped. */
  snippet: SafeHtml;
  publishedAt: Date;
}

export interface SearchResults {
  total: number;
  /** True when there are more hits than were counted (large sites, common words). */
  totalIsLowerBound?: boolean;
  items: SearchResultItem[];
}

/** How long a snippet is reused at most (see `recentSnippets`); as long as a search page is cached. */
export const SNIPPET_TTL_MS = 5_000;

/** Articles per transaction when rebuilding: short write locks, few commits. */
const REINDEX_BATCH = 200;
const MAX_PER_PAGE = 100;
const MAX_RELATED = 20;

const clamp = (value: number, min: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;

export function createSearchService(handle: DatabaseHandle, clock: () => number = Date.now) {
  const recentMatchers = boundedMemo<string, WordMatcher>(200);
  // Snippets of the recent queries' hits: making one reads the hit's whole text and scans it
  // (the profile's largest parts of a search after the ranking). An article's are forgotten
  // when the event of its change arrives (search/events.ts) and once this thread has indexed
  // it again, and after SNIPPET_TTL_MS in any case: the bound on a snippet made from the text
  // an index held a moment before it followed an edit written elsewhere.
  const recentSnippets = new Map<string, { snippet: SafeHtml; madeAt: number }>();
  const snippetKey = (q: string, articleId: number, lang: Language) => `${lang}\u0000${articleId}\u0000${q}`;
  const knownSnippet = (key: string): SafeHtml | undefined => {
    const known = recentSnippets.get(key);
    return known && clock() - known.madeAt < SNIPPET_TTL_MS ? known.snippet : undefined;
  };
  const snippetOf = (q: string, hit: { articleId: number; lang: Language; body: string }, matcherFor: (lang: Language) => WordMatcher): SafeHtml => {
    const key = snippetKey(q, hit.articleId, hit.lang);
    const known = knownSnippet(key);
    if (known) return known;
    const made = snippet(hit.body, matcherFor(hit.lang));
    if (recentSnippets.size >= 500) recentSnippets.delete(recentSnippets.keys().next().value!);
    recentSnippets.delete(key);
    recentSnippets.set(key, { snippet: made, madeAt: clock() });
    return made;
  };
  /** Forgets the snippets made of an article's text (every article's when none is given). */
  const forget = (articleId?: number): void => {
    if (articleId === undefined) return recentSnippets.clear();
    const marker = `\u0000${articleId}\u0000`;
    for (const key of recentSnippets.keys()) if (key.includes(marker)) recentSnippets.delete(key);
  };
  const { db } = handle;
  const factory: BackendFactory = handle.dialect === 'postgres' ? postgresBackend : sqliteBackend;
  const backend = factory(db);
  const inTransaction = <T>(work: (b: SearchBackend) => Promise<T>) =>
    db.transaction().execute((trx) => work(factory(trx)));

  return {
    /** Indexes the article if it is published, else removes it from the index. */
    async index(articleId: number): Promise<void> {
      try {
        const doc = (await loadDocuments(db, [articleId])).get(articleId);
        await inTransaction((b) => (doc ? b.put(doc) : b.remove(articleId)));
      } finally {
        forget(articleId);
      }
    },

    forget,

    async remove(articleId: number): Promise<void> {
      await backend.remove(articleId);
    },

    /**
     * Rebuilds the index from the articles table; answers how many articles it holds.
     * Entries are replaced in place and stale ones pruned at the end, so search keeps
     * working while it runs.
     */
    async reindexAll(): Promise<number> {
      let indexed = 0;
      for (let after = 0; ; ) {
        const rows = await db
          .selectFrom('articles')
          .select('id')
          .where('status', '=', 'published')
          .where('id', '>', after)
          .orderBy('id')
          .limit(REINDEX_BATCH)
          .execute();
        if (rows.length === 0) break;
        const docs = await loadDocuments(db, rows.map((r) => r.id));
        await inTransaction(async (b) => {
          for (const doc of docs.values()) await b.put(doc);
        });
        indexed += docs.size;
        after = rows[rows.length - 1]!.id;
      }
      await backend.prune();
      forget();
      return indexed;
    },

    /**
     * Published articles matching every word of `q` (stemmed per article language; the
     * last word also as a prefix), best first. Any input is safe: words are extracted,
     * never passed on as query syntax; a query with no searchable word finds nothing.
     */
    async search(q: string, opts: SearchOptions): Promise<SearchResults> {
      const perPage = clamp(opts.perPage, 1, MAX_PER_PAGE);
      const page = clamp(opts.page, 1, Number.MAX_SAFE_INTEGER / MAX_PER_PAGE);
      const now = opts.now ?? new Date();
      // Hits whose snippet is at hand need no text (the snippet is taken now, so that it cannot
      // expire between this question and its use).
      const atHand = new Map<string, SafeHtml>();
      const needsText = (articleId: number, lang: Language) => {
        const key = snippetKey(String(q), articleId, lang);
        const known = knownSnippet(key);
        if (known) atHand.set(key, known);
        return known === undefined;
      };
      const { total, totalIsLowerBound, hits } = await backend.search({ q: String(q), now, limit: perPage, offset: (page - 1) * perPage, needsText });
      // Matchers (with their memo of words seen) are kept for the recent queries: popular
      // searches repeat, and their snippets then skip stemming the same words again.
      const matcherFor = (lang: Language) => recentMatchers.get(`${lang}\u0000${String(q)}`, () => queryMatcher(String(q), lang));
      return {
        total,
        ...(totalIsLowerBound ? { totalIsLowerBound } : {}),
        items: hits.map((hit) => ({
          articleId: hit.articleId,
          slug: hit.slug,
          title: hit.title,
          snippet: atHand.get(snippetKey(String(q), hit.articleId, hit.lang)) ?? snippetOf(String(q), hit, matcherFor),
          publishedAt: new Date(hit.publishedAt),
        })),
      };
    },

    /**
     * Ids of up to `limit` other visible articles closest in text to `articleId`
     * (see related.ts); empty when the article is not indexed.
     */
    async related(articleId: number, limit = 3, now = new Date()): Promise<number[]> {
      const wanted = clamp(limit, 0, MAX_RELATED);
      if (wanted === 0) return [];
      const tf = await backend.termFrequencies(articleId);
      if (tf.size === 0) return [];
      const [df, total, self] = await Promise.all([
        backend.documentFrequencies(candidateTerms(tf)),
        db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('status', '=', 'published')
          .executeTakeFirstOrThrow(),
        db.selectFrom('articles').select('lang').where('id', '=', articleId).executeTakeFirst(),
      ]);
      const terms = distinctiveTerms(tf, df, Number(total.n));
      const hits = await backend.similar({ articleId, terms, now, limit: wanted * 4 + 8 });
      const shared = await sharedTagCounts(db, articleId, hits.map((h) => h.articleId));
      return rerank(hits, self?.lang ?? '', shared).slice(0, wanted);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
