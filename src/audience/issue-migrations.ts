/**
 * `0052_newsletter_issues` (issue 11): composed newsletter issues (subject, preheader, an
 * intro, chosen articles, an optional donation block; draft, scheduled or sent) and the
 * preheader and issue of a send.
 *
 * @example
 *   export const allMigrations = [...audienceMigrations, ...issueMigrations];
 */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const issueMigrations: Migration[] = [
  {
    name: '0052_newsletter_issues',
    async up(db, dialect) {
      await withId(db.schema.createTable('newsletter_issues'), dialect)
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('preheader', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
        // JSON array of article ids in the order chosen.
        .addColumn('article_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('donation', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('topic', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'text')
        .addColumn('newsletter_id', 'integer', (c) => c.references('newsletters.id').onDelete('set null'))
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('newsletters').addColumn('preheader', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('newsletters').addColumn('issue_id', 'integer').execute();
    },
  },
];
