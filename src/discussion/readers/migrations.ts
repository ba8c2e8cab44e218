/**
 * `0018_readers`: reader accounts, their sessions, mailed sign-in links and mute lists.
 * Reader sessions get their own table rather than a column on the staff `sessions`
 * table: see README.md ("Decisions").
 *
 * @example
 *   await migrateToLatest(handle, allMigrations); // includes readersMigrations
 */
import type { Migration } from '../../platform/db/migrate.js';
import { withId } from '../../platform/db/migrate.js';

export const readersMigrations: Migration[] = [
  {
    name: '0018_readers',
    async up(db, dialect) {
      await withId(db.schema.createTable('readers'), dialect)
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('reader_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reader_sessions_reader').on('reader_sessions').column('reader_id').execute();
      await db.schema
        .createTable('reader_logins')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('return_to', 'text', (c) => c.notNull().defaultTo('/'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      // Expired links are pruned by time.
      await db.schema.createIndex('reader_logins_expires').on('reader_logins').column('expires_at').execute();
      await db.schema
        .createTable('reader_mutes')
        .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
        .addColumn('muted_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reader_mutes_pk', ['reader_id', 'muted_key'])
        .execute();
    },
  },
];
