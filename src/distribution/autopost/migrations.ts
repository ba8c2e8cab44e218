/**
 * The `autopost_log` table: one row per attempt to post an article to a channel, kept
 * as an append-only history so the newsroom sees what went out and why something did not.
 * Part of migration `0013_distribution` (see src/migrations.ts).
 *
 * @example
 *   await createAutopostTables(db, 'sqlite');
 */
import type { Kysely } from 'kysely';
import { withId } from '../../platform/db/migrate.js';
import type { Dialect } from '../../platform/db/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createAutopostTables(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // No foreign key to articles: the history outlives an article that is deleted later.
  await withId(db.schema.createTable('autopost_log'), dialect)
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response_code', 'integer')
    .addColumn('response_excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // "Was this article already posted?" before every send.
  await db.schema.createIndex('autopost_log_article').on('autopost_log').columns(['article_id', 'channel', 'status']).execute();
  await db.schema.createIndex('autopost_log_created').on('autopost_log').columns(['created_at']).execute();
}
