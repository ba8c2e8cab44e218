/**
 * `blattwerk backup FILE`: every row of every table, from one consistent snapshot taken
 * while the site keeps running, written as the logical format of FORMAT.md. The same
 * format for both databases, so a SQLite backup restores into PostgreSQL and back.
 *
 * @example
 *   const summary = await createBackup(handle, '/var/backups/blattwerk-2026-05-01.jsonl.gz');
 *   console.log(`${summary.rows} rows in ${Object.keys(summary.tables).length} tables`);
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle, Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { readCatalog } from './catalog.js';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupFormatError, type BackupHeader, type BackupSummary, type ControlLine } from './format.js';
import { writeLines } from './files.js';
import { readRows } from './rows.js';
import { readSequences } from './sequences.js';
import { inSnapshot } from './snapshot.js';
import { encodeValue } from './values.js';

export async function createBackup(
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
  file: string,
  options: { now?: () => Date; /** Rows per read (tests use small batches to interleave writes). */ batchSize?: number } = {},
): Promise<BackupSummary> {
  const now = options.now ?? (() => new Date());
  return inSnapshot(handle, async (db) => {
    const summary: BackupSummary = { tables: {}, rows: 0, migrations: await appliedMigrations(db) };
    await writeLines(file, backupLines(db, handle.dialect, now(), summary, options.batchSize), { gzip: true });
    return summary;
  });
}

/** Names of the applied migrations; none means this is not a Blattwerk database. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
    return rows.map((r) => r.name);
  } catch {
    throw new BackupFormatError('The database has no Blattwerk schema (run "blattwerk migrate" first).');
  }
}

const CHUNK = 64 * 1024;

async function* backupLines(db: Kysely<Database>, dialect: Dialect, createdAt: Date, summary: BackupSummary, batchSize?: number): AsyncGenerator<string> {
  const line = (value: ControlLine | unknown[]) => `${JSON.stringify(value)}\n`;
  const header: BackupHeader = {
    kind: 'header',
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: createdAt.toISOString(),
    dialect,
    migrations: summary.migrations,
    sequences: await readSequences(db, dialect),
  };
  yield line(header);
  const tables = await readCatalog(db, dialect);
  for (const table of tables) {
    yield line({ kind: 'table', name: table.name, columns: table.columns, primaryKey: table.primaryKey });
    let rows = 0;
    let chunk = '';
    for await (const row of readRows(db, dialect, table, batchSize)) {
      chunk += line(row.map(encodeValue));
      rows++;
      // Bigger pieces than one row each keep the stream's per-chunk overhead small.
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    yield line({ kind: 'table-end', name: table.name, rows });
    summary.tables[table.name] = rows;
    summary.rows += rows;
  }
  yield line({ kind: 'end', tables: tables.length, rows: summary.rows });
}
