/**
 * The `jobs` table: durable work (mail, newsletter sends, fediverse delivery) that must
 * survive a crash and may be worked by several nodes on one database.
 *
 * @example
 *   await migrateToLatest(handle, [...allMigrations, ...jobsMigrations]);
 */
import type { Migration } from '../db/migrate.js';
import { withId } from '../db/migrate.js';

export const jobsMigrations: Migration[] = [
  {
    name: '0005_jobs',
    async up(db, dialect) {
      await withId(db.schema.createTable('jobs'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull().defaultTo('null'))
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('last_error', 'text')
        // Unique but nullable: both databases allow many NULLs, so only jobs that ask for
        // de-duplication are constrained.
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      // Claiming looks for due queued jobs and for running jobs whose lease ran out.
      await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at', 'id']).execute();
      await db.schema.createIndex('jobs_lease').on('jobs').columns(['status', 'locked_until']).execute();
      // Pruning finished jobs by age.
      await db.schema.createIndex('jobs_finished').on('jobs').columns(['finished_at']).execute();
    },
  },
];
