/**
 * Every row of one table, read in batches by key (`WHERE key > last ORDER BY key LIMIT
 * n`), so memory stays flat for a table of any size and each batch is an index range
 * scan, not an ever slower OFFSET. Tables without a primary key are walked by the row's
 * physical address (`rowid` in SQLite, `ctid` in PostgreSQL), stable inside a snapshot.
 *
 * @example
 *   for await (const row of readRows(trx, 'sqlite', table)) out.write(JSON.stringify(row));
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';
import type { TableInfo } from './catalog.js';

export const READ_BATCH = 1000;
const ADDRESS = '__bw_address';

export async function* readRows(db: Kysely<Database>, dialect: Dialect, table: TableInfo, batchSize = READ_BATCH): AsyncGenerator<unknown[]> {
  const byAddress = table.primaryKey.length === 0;
  const keyColumns = byAddress ? [ADDRESS] : table.primaryKey;
  const address = dialect === 'postgres' ? sql`ctid::text` : sql`rowid`;
  const keyExpr = (column: string) => (byAddress ? (dialect === 'postgres' ? sql`ctid` : sql`rowid`) : sql.ref(column));
  const keyValue = (value: unknown) => (byAddress && dialect === 'postgres' ? sql`${value}::tid` : sql`${value}`);
  const selected = [...table.columns.map((c) => sql.ref(c)), ...(byAddress ? [sql`${address} as ${sql.ref(ADDRESS)}`] : [])];
  const order = sql.join(keyColumns.map(keyExpr));
  let last: unknown[] | null = null;
  for (;;) {
    let where: RawBuilder<unknown> = sql``;
    if (last) {
      const values = sql.join(last.map(keyValue));
      // Row-value comparison: one range condition for single and composite keys alike.
      where = keyColumns.length === 1 ? sql`where ${order} > ${values}` : sql`where (${order}) > (${values})`;
    }
    const { rows } = await sql<Record<string, unknown>>`
      select ${sql.join(selected)} from ${sql.table(table.name)} ${where} order by ${order} limit ${batchSize}`.execute(db);
    for (const row of rows) yield table.columns.map((c) => row[c]);
    if (rows.length < batchSize) return;
    const tail = rows[rows.length - 1]!;
    last = keyColumns.map((c) => tail[c]);
  }
}
