/**
 * Webhook tables, part of migration `0013_distribution` (see src/migrations.ts):
 * `webhooks` (registered receivers), `webhook_deliveries` (one row per event and
 * receiver, updated on every attempt) and `webhook_published_articles` (which articles
 * have been seen published, to tell `article.updated` from a first publication).
 *
 * @example
 *   await createWebhookTables(db, 'postgres');
 */
import { sql, type Kysely } from 'kysely';
import { withId } from '../../platform/db/migrate.js';
import type { Dialect } from '../../platform/db/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createWebhookTables(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('webhooks'), dialect)
    .addColumn('url', 'text', (c) => c.notNull())
    // JSON array of event names.
    .addColumn('events', 'text', (c) => c.notNull())
    // Kept in clear: an HMAC needs the key itself, not a hash of it.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A serial id orders deliveries; the random `delivery_id` is what receivers see.
  await withId(db.schema.createTable('webhook_deliveries'), dialect)
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    // The exact bytes sent (and signed) on every attempt.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_code', 'integer')
    .addColumn('response_excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_deliveries_hook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
  await db.schema
    .createTable('webhook_published_articles')
    .addColumn('article_id', 'integer', (c) => c.primaryKey())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
  // Articles already live before this migration: their next save is an update.
  await sql`INSERT INTO webhook_published_articles (article_id, seen_at)
    SELECT id, COALESCE(published_at, updated_at) FROM articles WHERE status = 'published'`.execute(db);
}
