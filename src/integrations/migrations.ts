/**
 * `0075_integrations` (issue 17): the newsroom's integrations. A row holds the name, the
 * scopes (JSON list), the SHA-256 of the admin token (the token itself is shown once and
 * never stored), its last four characters to tell tokens apart, the public content key
 * and the browser origins allowed to use it (CORS), who created it, when it was last used
 * and when it was revoked.
 *
 * @example
 *   allMigrations.push(...integrationsMigrations);
 */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const integrationsMigrations: Migration[] = [
  {
    name: '0075_integrations',
    async up(db, dialect) {
      await withId(db.schema.createTable('integrations'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_hint', 'text', (c) => c.notNull())
        .addColumn('content_key', 'text', (c) => c.notNull().unique())
        .addColumn('cors_origins', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
    },
  },
];
