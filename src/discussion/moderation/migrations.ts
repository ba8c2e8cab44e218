/**
 * Moderation tables: word and domain filters, bans, trusted commenters, reader reports,
 * DSA notices and statements of reasons; and a `target` column on the existing
 * append-only moderation log (`target`, `detail`), so an entry can name the ban or notice it is about
 * and say exactly what changed.
 *
 * @example
 *   await migrateToLatest(handle, [...discussionMigrations, ...moderationMigrations]);
 */
import type { Migration } from '../../platform/db/migrate.js';
import { withId } from '../../platform/db/migrate.js';

export const moderationMigrations: Migration[] = [
  {
    name: '0009_moderation',
    async up(db, dialect) {
      await withId(db.schema.createTable('moderation_filters'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('pattern', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('moderation_filters_kind_pattern', ['kind', 'pattern'])
        .execute();
      await withId(db.schema.createTable('moderation_bans'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('expires_at', 'text')
        .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('lifted_at', 'text')
        .addColumn('lifted_by', 'text')
        .execute();
      // Every screened comment looks its identity and IP hash up here.
      await db.schema.createIndex('moderation_bans_value').on('moderation_bans').columns(['kind', 'value']).execute();
      await db.schema
        .createTable('moderation_trusted')
        .addColumn('identity', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('comment_reports'), dialect)
        .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reporter', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('comment_reports_once', ['comment_id', 'reporter'])
        .execute();
      // No foreign keys on notices and statements: they are records of what we were told
      // and decided, and must outlive the comment (an article deleted with its comments).
      await withId(db.schema.createTable('dsa_notices'), dialect)
        .addColumn('comment_id', 'integer', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text', (c) => c.notNull())
        .addColumn('notifier_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notifier_email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('good_faith', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by_user_id', 'integer')
        .addColumn('decided_by', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('decision_ground', 'text')
        .execute();
      await db.schema.createIndex('dsa_notices_open').on('dsa_notices').columns(['status', 'deadline_at']).execute();
      await withId(db.schema.createTable('moderation_statements'), dialect)
        .addColumn('comment_id', 'integer', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('notice_id', 'integer')
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('ground', 'text', (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('by_notice', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('moderation_statements_comment').on('moderation_statements').column('comment_id').execute();
      await db.schema.alterTable('moderation_log').addColumn('target', 'text').execute();
      await db.schema.alterTable('moderation_log').addColumn('detail', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.createIndex('moderation_log_comment').on('moderation_log').columns(['comment_id', 'created_at']).execute();
    },
  },
];
