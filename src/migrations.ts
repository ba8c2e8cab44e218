/** Every capability's migrations, in order. Numbers are global; see platform/db/migrate.ts. */
import type { Migration } from './platform/db/migrate.js';
import { platformMigrations } from './platform/migrations.js';
import { mediaMigrations } from './media/migrations.js';
import { contentMigrations } from './content/migrations.js';
import { searchMigrations } from './search/migrations.js';

export const allMigrations: Migration[] = [
  ...platformMigrations,
  ...mediaMigrations,
  ...contentMigrations,
  ...searchMigrations,
];
