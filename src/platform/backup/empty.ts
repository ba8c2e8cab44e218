/**
 * Restore and import write into an empty database only: merging a backup into a live
 * site would mix two sets of ids. "Empty" allows the one row a site writes on its first
 * start, its own site key, which the backup's key replaces.
 *
 * @example
 *   await assertEmpty(trx, tables); // throws NotEmptyError naming the tables with rows
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TableInfo } from './catalog.js';
import { BackupError } from './format.js';

export class NotEmptyError extends BackupError {
  constructor(readonly tables: string[]) {
    super(
      `The database is not empty (rows in: ${tables.join(', ')}). Restore into a new, empty database ` +
        '(a new SQLite file or a new PostgreSQL database), then point the site at it.',
    );
  }
}

export async function assertEmpty(db: Kysely<Database>, tables: TableInfo[]): Promise<void> {
  const filled: string[] = [];
  for (const table of tables) {
    const skipKey = table.name === 'settings' ? sql`where key <> '__secret'` : sql``;
    const { rows } = await sql`select 1 from ${sql.table(table.name)} ${skipKey} limit 1`.execute(db);
    if (rows.length > 0) filled.push(table.name);
  }
  if (filled.length > 0) throw new NotEmptyError(filled);
}
