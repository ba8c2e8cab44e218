/**
 * Reader correction suggestions, public correction notes and the append-only log of what
 * editors decided. Suggestions and notes belong to their article (deleted with it); the
 * log has no foreign keys, so the record of a decision outlives the article.
 *
 * @example
 *   await migrateToLatest(handle, [...contentMigrations, ...correctionsMigrations]);
 */
import type { Migration } from '../../platform/db/migrate.js';
import { withId } from '../../platform/db/migrate.js';

export const correctionsMigrations: Migration[] = [
  {
    name: '0010_corrections',
    async up(db, dialect) {
      await withId(db.schema.createTable('correction_suggestions'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('passage', 'text', (c) => c.notNull())
        .addColumn('block_index', 'integer')
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('replacement', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reader_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reader_email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('ip_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('decided_by', 'text')
        .execute();
      // The inbox lists by status, newest first; the article page asks per article.
      await db.schema.createIndex('correction_suggestions_status').on('correction_suggestions').columns(['status', 'id']).execute();
      await db.schema.createIndex('correction_suggestions_article').on('correction_suggestions').column('article_id').execute();
      await withId(db.schema.createTable('correction_notes'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('suggestion_id', 'integer', (c) => c.references('correction_suggestions.id').onDelete('set null'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('correction_notes_article').on('correction_notes').columns(['article_id', 'id']).execute();
      await withId(db.schema.createTable('correction_log'), dialect)
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('suggestion_id', 'integer')
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('actor_user_id', 'integer')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('correction_log_article').on('correction_log').columns(['article_id', 'id']).execute();
    },
  },
];
