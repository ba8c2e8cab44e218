/**
 * The few things search needs from a database, behind one small interface: SQLite (FTS5
 * over stemmed text, `sqlite.ts`) and PostgreSQL (tsvector, `postgres.ts`) differ only
 * here. Both filter hits through the `articles` table, so an index entry that lags behind
 * an edit can never show a draft, a page or a future article.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Language } from '../platform/i18n.js';

/** One article as the index sees it: plain text, no markup. */
export interface IndexDocument {
  articleId: number;
  lang: Language;
  title: string;
  /** Subtitle and body as plain text; also the source of snippets. */
  body: string;
  /** Tag names separated by spaces. */
  tags: string;
}

export interface SearchRequest {
  q: string;
  now: Date;
  limit: number;
  offset: number;
  /**
   * Whether the caller needs a hit's text (it has no fresh snippet of it): a backend that
   * reads texts in a query of their own may leave the others out (`SearchHit.body` empty).
   */
  needsText?: (articleId: number, lang: Language) => boolean;
}

export interface SearchHit {
  articleId: number;
  slug: string;
  title: string;
  /** The indexed plain text, for the snippet; may be empty where `needsText` said no. */
  body: string;
  lang: Language;
  publishedAt: string;
}

export interface SimilarRequest {
  articleId: number;
  /** Stemmed terms as `termFrequencies` returns them; any one may match. */
  terms: string[];
  now: Date;
  limit: number;
}

export interface SimilarHit {
  articleId: number;
  lang: string;
  /** Higher is more similar; only comparable within one answer. */
  score: number;
}

export interface SearchBackend {
  /** Adds or replaces the document of one article. */
  put(doc: IndexDocument): Promise<void>;
  remove(articleId: number): Promise<void>;
  /** Removes entries whose article is gone or no longer published; answers how many. */
  prune(): Promise<number>;
  search(request: SearchRequest): Promise<{ total: number; totalIsLowerBound?: boolean; hits: SearchHit[] }>;
  /** Stemmed term → weighted count in one indexed article (title and tags count triple). */
  termFrequencies(articleId: number): Promise<Map<string, number>>;
  /** Stemmed term → number of indexed articles containing it. */
  documentFrequencies(terms: readonly string[]): Promise<Map<string, number>>;
  /** Visible articles other than `articleId` matching any of `terms`, best first. */
  similar(request: SimilarRequest): Promise<SimilarHit[]>;
}

/** Backends are built per executor, so a caller can run one inside a transaction. */
export type BackendFactory = (db: Kysely<Database>) => SearchBackend;

/** Title and tags say more about the topic than any one sentence of the body. */
export const TITLE_TERM_WEIGHT = 3;

/** Totals are counted exactly up to here; a larger one is reported as "at least" (both backends). */
export const COUNT_CAP = 1000;
