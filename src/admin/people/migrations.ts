/** People (issue 11): when a staff account was invited, suspended or removed. */
import type { Migration } from '../../platform/db/migrate.js';

export const peopleMigrations: Migration[] = [
  {
    name: '0041_staff_people',
    async up(db) {
      // One column per statement: SQLite cannot add several in one ALTER TABLE.
      await db.schema.alterTable('users').addColumn('invited_at', 'text').execute();
      await db.schema.alterTable('users').addColumn('suspended_at', 'text').execute();
      await db.schema.alterTable('users').addColumn('removed_at', 'text').execute();
    },
  },
];
