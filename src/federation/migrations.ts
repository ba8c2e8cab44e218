/**
 * 0065_federation: keys, Fedify's key–value store, followers, remote notes that became
 * comments, likes and announces, the log of refused activities; and where a comment came
 * from (`comments.origin_handle`, `origin_url`) so the thread can show `@user@host` and a
 * link to the original.
 */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const federationMigrations: Migration[] = [
  {
    name: '0065_federation',
    async up(db, dialect) {
      await withId(db.schema.createTable('fed_keys'), dialect)
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .execute();
      await db.schema.createIndex('fed_keys_actor').on('fed_keys').columns(['actor', 'retired_at']).execute();
      await db.schema
        .createTable('fed_kv')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .execute();
      await withId(db.schema.createTable('fed_followers'), dialect)
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('follower', 'text', (c) => c.notNull())
        .addColumn('handle', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('inbox', 'text', (c) => c.notNull())
        .addColumn('shared_inbox', 'text')
        .addColumn('follow_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('fed_followers_unique', ['actor', 'follower'])
        .execute();
      await db.schema.createIndex('fed_followers_page').on('fed_followers').columns(['actor', 'status', 'id']).execute();
      await db.schema
        .createTable('fed_notes')
        .addColumn('note', 'text', (c) => c.primaryKey())
        .addColumn('comment_id', 'integer', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fed_notes_comment').on('fed_notes').columns(['comment_id']).execute();
      await withId(db.schema.createTable('fed_reactions'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('activity', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('fed_reactions_once', ['article_id', 'kind', 'actor'])
        .execute();
      await withId(db.schema.createTable('fed_events'), dialect)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fed_events_at').on('fed_events').columns(['at']).execute();
      await db.schema
        .createTable('fed_articles')
        .addColumn('article_id', 'integer', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.alterTable('comments').addColumn('origin_handle', 'text').execute();
      await db.schema.alterTable('comments').addColumn('origin_url', 'text').execute();
    },
  },
];
