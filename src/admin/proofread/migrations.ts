/**
 * `0012_proofread`: the newsroom dictionary, words every check accepts in any language.
 *
 * @example
 *   await migrateToLatest(handle, [...platformMigrations, ...proofreadMigrations]);
 */
import type { Migration } from '../../platform/db/migrate.js';
import { withId } from '../../platform/db/migrate.js';

export const proofreadMigrations: Migration[] = [
  {
    name: '0012_proofread',
    async up(db, dialect) {
      await withId(db.schema.createTable('proofread_words'), dialect)
        .addColumn('word', 'text', (c) => c.notNull().unique())
        .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
