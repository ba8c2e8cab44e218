/**
 * Reader discussion: comments as a tree (`parent_id`, `thread_id`, `depth`), their edit
 * history, likes, and the append-only moderation log. Sessions let a guest edit or delete
 * their own comment and let staff sign in through the API.
 */
import { sql } from 'kysely';
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const discussionMigrations: Migration[] = [
  {
    name: '0007_discussion',
    async up(db, dialect) {
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('comments'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('thread_id', 'integer')
        .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('identity', 'text', (c) => c.notNull())
        .addColumn('session_hash', 'text')
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ip_hash', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('spam_score', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('spam_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('comments_article').on('comments').columns(['article_id', 'status', 'id']).execute();
      await db.schema.createIndex('comments_thread').on('comments').columns(['thread_id', 'id']).execute();
      await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
      await db.schema.createIndex('comments_identity').on('comments').columns(['identity', 'status']).execute();
      await db.schema.createIndex('comments_status').on('comments').columns(['status', 'id']).execute();
      await withId(db.schema.createTable('comment_edits'), dialect)
        .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('comment_likes')
        .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('comment_likes_pk', ['comment_id', 'voter'])
        .execute();
      await withId(db.schema.createTable('moderation_log'), dialect)
        .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('comment_id', 'integer')
        .addColumn('article_id', 'integer')
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('moderation_log_time').on('moderation_log').column('created_at').execute();
    },
  },
  {
    // `real` is a 4-byte float on PostgreSQL (8 bytes on SQLite): scores read back differently
    // on the two databases. double precision is the same 8-byte float everywhere.
    name: '0019_spam_score_double',
    async up(db, dialect) {
      if (dialect === 'postgres') await sql`ALTER TABLE comments ALTER COLUMN spam_score TYPE double precision`.execute(db);
    },
  },
  {
    // An edit the screen holds waits beside the approved text instead of replacing it.
    name: '0040_pending_edits',
    async up(db) {
      await db.schema.alterTable('comments').addColumn('pending_body', 'text').execute();
      await db.schema.alterTable('comments').addColumn('pending_html', 'text').execute();
      await db.schema.alterTable('comments').addColumn('pending_at', 'text').execute();
    },
  },
  {
    // The repeat check (`recentBodyFrom`: the same text from the same person within a day)
    // read every comment a person ever wrote; by time it reads only the day's (issue 16).
    name: '0085_comments_identity_time',
    async up(db) {
      await db.schema.createIndex('comments_identity_time').on('comments').columns(['identity', 'created_at']).execute();
    },
  },
];
