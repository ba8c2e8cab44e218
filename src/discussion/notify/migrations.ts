/**
 * `0008_notify`: reply subscriptions (per comment, double opt-in for guests), addresses
 * that already confirmed once, and staff opt-outs from author and queue mails.
 *
 * @example
 *   import { notifyMigrations } from './discussion/notify/index.js';
 *   export const allMigrations = [...discussionMigrations, ...notifyMigrations];
 */
import type { Migration } from '../../platform/db/migrate.js';
import { withId } from '../../platform/db/migrate.js';

export const notifyMigrations: Migration[] = [
  {
    name: '0008_notify',
    async up(db, dialect) {
      await withId(db.schema.createTable('notify_subscriptions'), dialect)
        .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        // Unique but nullable: both databases allow many NULLs (no link mailed yet).
        .addColumn('token_hash', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('unsubscribed_at', 'text')
        // A comment has one writer, so one subscription; it also makes subscribing idempotent.
        .addUniqueConstraint('notify_subscriptions_comment', ['comment_id'])
        .execute();
      // Confirming one subscription confirms the address's other pending ones.
      await db.schema.createIndex('notify_subscriptions_email').on('notify_subscriptions').columns(['email', 'status']).execute();
      await db.schema
        .createTable('notify_addresses')
        .addColumn('email_hash', 'text', (c) => c.primaryKey())
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notify_optouts')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notify_optouts_pk', ['user_id', 'kind'])
        .execute();
    },
  },
];
