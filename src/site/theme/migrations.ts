/**
 * `0055_theme_assets`: the design settings' images (logos, app icons), stored in the
 * database rather than on one node's disk so every node serves them. Each row is
 * immutable: its name carries the hash of its bytes (`logo-light.3f2a9c1b.png`). Bodies are
 * base64 text, the same in SQLite, PostgreSQL and the backup format.
 *
 * @example
 *   await migrateToLatest(handle, [...allMigrations]); // includes themeMigrations
 */
import type { Migration } from '../../platform/db/migrate.js';

export const themeMigrations: Migration[] = [
  {
    name: '0055_theme_assets',
    async up(db) {
      await db.schema
        .createTable('theme_assets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
