/** Every capability's migrations, in order. Numbers are global; see platform/db/migrate.ts. */
import type { Migration } from './platform/db/migrate.js';
import { platformMigrations } from './platform/migrations.js';
import { jobsMigrations } from './platform/jobs/migrations.js';
import { mediaMigrations } from './media/migrations.js';
import { contentMigrations } from './content/migrations.js';
import { searchMigrations } from './search/migrations.js';
import { spamMigrations } from './discussion/spam/migrations.js';
import { discussionMigrations } from './discussion/migrations.js';

export const allMigrations: Migration[] = [
  ...platformMigrations,
  ...mediaMigrations,
  ...contentMigrations,
  ...searchMigrations,
  ...jobsMigrations,
  ...spamMigrations,
  ...discussionMigrations,
];
