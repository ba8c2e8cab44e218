/**
 * Migrations of the security hardening (issue 15), numbers 0025–0029: the sign-in
 * slow-down's counters (throttle.ts) and who uploaded an image (media ownership).
 */
import type { Migration } from './db/migrate.js';
import { throttleMigrations } from './throttle.js';

export const securityMigrations: Migration[] = [...throttleMigrations];
