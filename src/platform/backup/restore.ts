/**
 * `blattwerk restore FILE` into an empty database: brings the schema up to date, puts
 * every row back with its id in one transaction (a damaged or truncated file changes
 * nothing), moves the id counters past the restored ids, and has the caller rebuild
 * what is derived (the search index).
 *
 * @example
 *   const summary = await restoreBackup(handle, 'nightly.jsonl.gz', {
 *     migrations: allMigrations,
 *     reindex: () => createSearchService(handle).reindexAll(),
 *   });
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { migrateToLatest, type Migration } from '../db/migrate.js';
import { readCatalog, type TableInfo } from './catalog.js';
import { appliedMigrations } from './backup.js';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupFormatError, type BackupHeader, type BackupSummary, type ControlLine } from './format.js';
import { readLines } from './files.js';
import { resetSequences } from './sequences.js';
import { decodeValue } from './values.js';
import { assertEmpty } from './empty.js';

export interface RestoreOptions {
  migrations: readonly Migration[];
  /** Rebuilds derived data after the rows are in (the search index). */
  reindex?: () => Promise<unknown>;
}

/** Rows per INSERT, kept under SQLite's limit of 32,766 parameters per statement. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 500;

export async function restoreBackup(handle: DatabaseHandle, file: string, options: RestoreOptions): Promise<BackupSummary> {
  const header = await readHeader(file);
  // Rows go back into the schema they were taken from; later migrations then upgrade
  // them as they would have upgraded the old site (data migrations included).
  // (Not possible when the database is already further along, e.g. after `blattwerk migrate`.)
  // In the order they run (by name, as the migrator sorts them), whatever order the list has.
  const ordered = [...options.migrations].sort((a, b) => a.name.localeCompare(b.name));
  const names = ordered.map((m) => m.name);
  const applied = await appliedMigrations(handle.db).catch(() => [] as string[]);
  const stepwise = header.migrations.every((name, i) => names[i] === name) && applied.every((name) => header.migrations.includes(name));
  await migrateToLatest(handle, stepwise ? ordered.slice(0, header.migrations.length) : ordered);
  const known = new Set(await appliedMigrations(handle.db));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BackupFormatError(`The backup comes from a newer Blattwerk (unknown migrations: ${unknown.join(', ')}); upgrade before restoring.`);
  }
  const summary: BackupSummary = { tables: {}, rows: 0, migrations: header.migrations };
  await handle.db.transaction().execute(async (trx) => {
    const tables = new Map((await readCatalog(trx, handle.dialect)).map((t) => [t.name, t]));
    await assertEmpty(trx, [...tables.values()]);
    // Checked at commit instead of per statement: rows of tables that reference each
    // other in a cycle could not go in in any order otherwise.
    if (handle.dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
    await insertAll(trx, file, tables, summary);
    await resetSequences(trx, handle.dialect, header.sequences);
  });
  await migrateToLatest(handle, options.migrations);
  await options.reindex?.();
  return summary;
}

async function readHeader(file: string): Promise<BackupHeader> {
  for await (const line of readLines(file)) {
    const header = parseLine(line, 1) as Partial<BackupHeader>;
    if (header.kind !== 'header' || header.format !== BACKUP_FORMAT) throw new BackupFormatError(`${file} is not a Blattwerk backup.`);
    if (header.version !== BACKUP_VERSION) throw new BackupFormatError(`Backup format version ${header.version} is not supported (this Blattwerk reads ${BACKUP_VERSION}).`);
    return header as BackupHeader;
  }
  throw new BackupFormatError(`${file} is empty.`);
}

async function insertAll(trx: Kysely<Database>, file: string, tables: Map<string, TableInfo>, summary: BackupSummary): Promise<void> {
  let current: { name: string; columns: string[]; rows: number; batch: unknown[][]; batchSize: number } | null = null;
  let ended = false;
  let number = 0;
  const flush = async () => {
    if (!current || current.batch.length === 0) return;
    await insertRows(trx, current.name, current.columns, current.batch);
    current.batch = [];
  };
  for await (const text of readLines(file)) {
    number++;
    if (number === 1) continue; // the header, read before
    if (ended) throw new BackupFormatError(`line ${number}: data after the end of the backup`);
    const line = parseLine(text, number);
    if (Array.isArray(line)) {
      if (!current) throw new BackupFormatError(`line ${number}: a row outside of a table`);
      if (line.length !== current.columns.length) throw new BackupFormatError(`line ${number}: ${line.length} values for ${current.columns.length} columns of ${current.name}`);
      current.batch.push(line.map(decodeValue));
      current.rows++;
      if (current.batch.length >= current.batchSize) await flush();
      continue;
    }
    const control = line as ControlLine;
    if (control.kind === 'table') {
      if (current) throw new BackupFormatError(`line ${number}: table ${control.name} starts inside ${current.name}`);
      const target = tables.get(control.name);
      const missing = target ? control.columns.filter((c) => !target.columns.includes(c)) : [];
      if (!target || missing.length > 0) {
        throw new BackupFormatError(`The backup has ${target ? `columns ${missing.join(', ')} of ` : ''}table ${control.name}, which this database lacks; upgrade Blattwerk first.`);
      }
      // A database that was started once already made its own site key; the backup's replaces it.
      if (control.name === 'settings') await trx.deleteFrom('settings').where('key', '=', '__secret').execute();
      const batchSize = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, control.columns.length))));
      current = { name: control.name, columns: control.columns, rows: 0, batch: [], batchSize };
    } else if (control.kind === 'table-end') {
      if (!current || current.name !== control.name) throw new BackupFormatError(`line ${number}: end of table ${control.name} that did not start`);
      await flush();
      if (current.rows !== control.rows) throw new BackupFormatError(`table ${control.name}: ${current.rows} rows in the file, ${control.rows} announced`);
      summary.tables[current.name] = current.rows;
      summary.rows += current.rows;
      current = null;
    } else if (control.kind === 'end') {
      if (current) throw new BackupFormatError(`the backup ends inside table ${current.name}`);
      if (control.rows !== summary.rows) throw new BackupFormatError(`the backup announces ${control.rows} rows but holds ${summary.rows}`);
      ended = true;
    } else {
      throw new BackupFormatError(`line ${number}: unexpected line`);
    }
  }
  if (!ended) throw new BackupFormatError('The backup is incomplete (no end marker): nothing was restored.');
}

async function insertRows(trx: Kysely<Database>, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${values}`.execute(trx);
}

function parseLine(text: string, number: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupFormatError(`line ${number} is not valid JSON (damaged backup?)`);
  }
}
