/**
 * `0017_import`: what the importers remember between runs.
 *
 * - `import_items` maps an id in the old system (WordPress post 123, Disqus post 456) to
 *   the row it became here. Every importer looks there first, which makes a second run of
 *   the same file change nothing, and lets a later export with new comments add only those.
 * - `legacy_redirects` holds the old site's addresses (`/2025/02/13/slug/`, `/?p=123`,
 *   `/category/politik/`) and where they live now; the public routes answer them with 301.
 * - `import_runs` and `import_notes` keep each run's report and what needs a human look
 *   (with the sanitised original of markup that could not be converted), so nothing is
 *   only ever printed to a terminal that was closed.
 *
 * - `0035_import_note_kind` (issue 14): each note's kind ("table approximated", "dynamic
 *   block left out"), so the notes of a run can be read grouped as the report groups them.
 *
 * @example
 *   await migrateToLatest(handle, allMigrations); // includes importMigrations
 */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const importMigrations: Migration[] = [
  {
    name: '0017_import',
    async up(db, dialect) {
      await db.schema
        .createTable('import_items')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_items_pk', ['source', 'kind', 'external_id'])
        .execute();
      // Disqus threads name WordPress posts by their id, whatever the WordPress source was.
      await db.schema.createIndex('import_items_external').on('import_items').columns(['kind', 'external_id']).execute();
      await db.schema
        .createTable('legacy_redirects')
        .addColumn('path', 'text', (c) => c.primaryKey())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('import_runs'), dialect)
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('import_notes'), dialect)
        .addColumn('run_id', 'integer', (c) => c.notNull().references('import_runs.id').onDelete('cascade'))
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('import_notes_run').on('import_notes').columns(['run_id', 'id']).execute();
    },
  },
  {
    name: '0035_import_note_kind',
    async up(db) {
      await db.schema.alterTable('import_notes').addColumn('kind', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
  },
];
