/**
 * The importers' tables (migration `0017_import`) as Kysely types, and the database type
 * the importers work with: the platform's tables plus these.
 *
 * @example
 *   const db = importDb(handle.db);
 *   await db.selectFrom('legacy_redirects').select('target').where('path', '=', '/?p=1').executeTakeFirst();
 */
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';

// Type aliases, not interfaces: Kysely's withTables wants an index signature.
export type ImportItemsTable = {
  /** 'wordpress:https://old.example.org', 'ghost', 'disqus:forum'. */
  source: string;
  /** 'post', 'page', 'author', 'term', 'comment', 'attachment', 'thread', 'member'. */
  kind: string;
  external_id: string;
  local_id: number;
  created_at: string;
};

export type LegacyRedirectsTable = {
  /** Normalised old address: '/2025/02/13/slug/', '/?p=123', '/category/politik/'. */
  path: string;
  /** Where it lives now, site-relative: '/slug/', '/tag/politik/'. */
  target: string;
  source: string;
  created_at: string;
};

export type ImportRunsTable = {
  id: Generated<number>;
  source: string;
  file: string;
  /** JSON of the run's report. */
  report: string;
  started_at: string;
  finished_at: string;
};

export type ImportNotesTable = {
  id: Generated<number>;
  run_id: number;
  /** What sort of note: 'table approximated', 'dynamic block left out' (0035). */
  kind: string;
  /** The item in the old system, e.g. 'post 123 "Title"'. */
  item: string;
  article_id: number | null;
  message: string;
  /** Sanitised original markup that could not be converted; '' when there is none. */
  html: string;
};

export type ImportTables = {
  import_items: ImportItemsTable;
  legacy_redirects: LegacyRedirectsTable;
  import_runs: ImportRunsTable;
  import_notes: ImportNotesTable;
};

export type ImportDatabase = Database & ImportTables;
export type ImportDb = Kysely<ImportDatabase> | Transaction<ImportDatabase>;

/** The platform's Kysely instance seen with the import tables too. */
export function importDb(db: Kysely<Database>): Kysely<ImportDatabase> {
  return db.withTables<ImportTables>() as unknown as Kysely<ImportDatabase>;
}
