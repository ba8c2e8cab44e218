/**
 * Spam defence tables: the classifier's model (one JSON document per model id) and the
 * events behind rate limits, kept in the database so that every app node sees the same
 * counts.
 */
import type { Migration } from '../../platform/db/migrate.js';

export const spamMigrations: Migration[] = [
  {
    name: '0006_spam',
    async up(db) {
      await db.schema
        .createTable('spam_model')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // No primary key: two hits for one key in the same millisecond are two hits.
      await db.schema
        .createTable('rate_events')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // The window count on every public write reads (key, at); pruning old events across
      // all keys reads `at` alone.
      await db.schema.createIndex('rate_events_key_at').on('rate_events').columns(['key', 'at']).execute();
      await db.schema.createIndex('rate_events_at').on('rate_events').column('at').execute();
    },
  },
];
