/**
 * `--dry-run` writes nothing, not even the database file: the run works on a copy. On
 * SQLite that is a temporary copy of the database file (made with SQLite's backup, from a
 * read-only connection, so the site's file is not touched), or an empty in-memory
 * database when there is no file yet; the data folder is a temporary one too. On
 * PostgreSQL the run is one transaction that is rolled back (session.ts); a database
 * that still needs migrating is refused rather than migrated.
 *
 * @example
 *   const dry = await dryRunConfig(config);
 *   try { const services = await buildServices(dry.config); … } finally { dry.cleanup(); }
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Config } from '../platform/config.js';
import { openDatabase } from '../platform/db/index.js';
import { ImportFileError } from './errors.js';

export interface DryRun {
  config: Config;
  cleanup(): void;
}

export async function dryRunConfig(config: Config, migrationNames: readonly string[]): Promise<DryRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-dry-run-'));
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    let databaseUrl = config.databaseUrl;
    if (databaseUrl.startsWith('sqlite:')) {
      const file = resolve(databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
      if (!existsSync(file)) databaseUrl = 'sqlite::memory:';
      else {
        const copy = join(dataDir, 'dry-run.db');
        const source = new SQLite(file, { readonly: true, fileMustExist: true });
        try {
          await source.backup(copy);
        } finally {
          source.close();
        }
        databaseUrl = `sqlite:${copy}`;
      }
    } else {
      const handle = await openDatabase(databaseUrl);
      try {
        const applied = new Set(
          await sql<{ name: string }>`select name from schema_migrations`.execute(handle.db).then((r) => r.rows.map((row) => row.name), () => []),
        );
        const pending = migrationNames.filter((name) => !applied.has(name));
        if (pending.length) {
          throw new ImportFileError('the database', `needs ${pending.length} migration(s) first (${pending[0]}…); a dry run does not change the schema: run "blattwerk migrate" and try again`);
        }
      } finally {
        await handle.close();
      }
    }
    return { config: { ...config, dataDir, databaseUrl, workers: false }, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
