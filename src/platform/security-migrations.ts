/**
 * Migrations of the security hardening (issue 15) that belong to the platform: the
 * sign-in slow-down's counters (throttle.ts). The media library's uploader column is
 * media's own (`0026_media_uploader` in media/migrations.ts).
 */
import type { Migration } from './db/migrate.js';
import { throttleMigrations } from './throttle.js';

export const securityMigrations: Migration[] = [...throttleMigrations];
