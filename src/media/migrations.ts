/** The media library: one row per uploaded image with its credit, licence and uploader. */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const mediaMigrations: Migration[] = [
  {
    name: '0002_media',
    async up(db, dialect) {
      await withId(db.schema.createTable('media'), dialect)
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('source_url', 'text')
        .addColumn('licence', 'text', (c) => c.notNull())
        .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // Who uploaded an image (issue 15): its texts are the uploader's to change while it is
    // used in nothing but their own drafts (access.ts). Older images have none: editors only.
    name: '0026_media_uploader',
    async up(db) {
      await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute();
    },
  },
];
