/** Articles and pages, their authors, tags, revisions and old slugs. */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const contentMigrations: Migration[] = [
  {
    name: '0003_content',
    async up(db, dialect) {
      await withId(db.schema.createTable('authors'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('avatar_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('books', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('tags'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await withId(db.schema.createTable('articles'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('subtitle', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('scheduled_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revised_at', 'text')
        .addColumn('featured_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('featured_caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('seo_title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('seo_description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reading_minutes', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createIndex('articles_listing')
        .on('articles')
        .columns(['kind', 'status', 'published_at'])
        .execute();
      await db.schema.createIndex('articles_scheduled').on('articles').columns(['status', 'scheduled_at']).execute();
      await db.schema
        .createTable('article_authors')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
        .execute();
      await db.schema.createIndex('article_authors_author').on('article_authors').column('author_id').execute();
      await db.schema
        .createTable('article_tags')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();
      await withId(db.schema.createTable('revisions'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revisions_article').on('revisions').columns(['article_id', 'id']).execute();
      await db.schema
        .createTable('slug_redirects')
        .addColumn('old_slug', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // The address follows the title until the first publication (issue 11, slug-follow.ts).
    // Existing articles keep the address they have.
    name: '0045_slug_follows_title',
    async up(db) {
      await db.schema.alterTable('articles').addColumn('slug_follows_title', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
];
