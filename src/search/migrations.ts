/**
 * The search index. SQLite: an FTS5 table over stemmed text (stemmed in JavaScript, see
 * `stem.ts`) that also keeps the original text for snippets, a `fts5vocab` view of it for
 * document frequencies, and a trigger standing in for the foreign key FTS5 cannot have.
 * PostgreSQL: `search_documents` with a tsvector per article's language and a GIN index.
 */
import type { Migration } from '../platform/db/migrate.js';
import { sql } from '../platform/db/migrate.js';

export const searchMigrations: Migration[] = [
  {
    name: '0004_search',
    async up(db, dialect) {
      if (dialect === 'sqlite') {
        // rowid is the article id. Matching runs on the stemmed columns only; the
        // UNINDEXED ones are stored, not searched. Column order matters to bm25().
        await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
          title, body, tags,
          lang UNINDEXED, title_text UNINDEXED, body_text UNINDEXED,
          tokenize = 'unicode61 remove_diacritics 2'
        )`.execute(db);
        await sql`CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')`.execute(db);
        await sql`CREATE TRIGGER search_fts_article_deleted AFTER DELETE ON articles BEGIN
          DELETE FROM search_fts WHERE rowid = old.id;
        END`.execute(db);
        return;
      }
      await db.schema
        .createTable('search_documents')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
        .execute();
      await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
    },
  },
];
