/**
 * `0011_newsletter`: subscribers with their consent times and topics, newsletter sends
 * and one delivery row per recipient (the exactly-once record of a send).
 *
 * @example
 *   await migrateToLatest(handle, [...allMigrations]); // includes audienceMigrations
 */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const audienceMigrations: Migration[] = [
  {
    name: '0011_newsletter',
    async up(db, dialect) {
      await withId(db.schema.createTable('subscribers'), dialect)
        .addColumn('email', 'text')
        .addColumn('email_hash', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('form'))
        .addColumn('subscribed_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('unsubscribed_at', 'text')
        .addColumn('bounced_at', 'text')
        .addColumn('bounce_reason', 'text')
        .addColumn('confirm_sent_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The fan-out walks active subscribers in id order.
      await db.schema.createIndex('subscribers_status_id').on('subscribers').columns(['status', 'id']).execute();

      await db.schema
        .createTable('subscriber_topics')
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
        .addColumn('topic', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('subscriber_topics_pk', ['subscriber_id', 'topic'])
        .execute();

      await withId(db.schema.createTable('newsletters'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer')
        .addColumn('topic', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cursor', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('fanned_out', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      // The primary key is the exactly-once guard: one delivery per newsletter and reader.
      await db.schema
        .createTable('newsletter_deliveries')
        .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('error', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('newsletter_deliveries_pk', ['newsletter_id', 'subscriber_id'])
        .execute();
      // Progress counts per status.
      await db.schema.createIndex('newsletter_deliveries_status').on('newsletter_deliveries').columns(['newsletter_id', 'status']).execute();
    },
  },
];
