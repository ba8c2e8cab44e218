/**
 * Id counters. Restored rows keep their ids, so the counters that hand out new ids must
 * be moved past them, or the first comment after a restore to PostgreSQL collides with
 * a restored one. The backup also records each counter's high-water mark, so an id that
 * was handed out and deleted is not handed out again (SQLite's AUTOINCREMENT promise;
 * moderation log entries refer to comment ids without a foreign key).
 *
 * @example
 *   const marks = await readSequences(trx, 'sqlite');   // { comments: 812, … }
 *   await resetSequences(trx, 'postgres', marks);       // after inserting the rows
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { isBackedUp } from './catalog.js';

/** Highest id handed out so far, per table with an id counter. */
export type Sequences = Record<string, number>;

export async function readSequences(db: Kysely<Database>, dialect: Dialect): Promise<Sequences> {
  const marks: Sequences = {};
  if (dialect === 'sqlite') {
    const exists = await sql`select 1 from sqlite_schema where name = 'sqlite_sequence'`.execute(db);
    if (exists.rows.length === 0) return marks;
    const { rows } = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(db);
    for (const row of rows) if (isBackedUp(row.name)) marks[row.name] = Number(row.seq);
    return marks;
  }
  for (const { table, sequence } of await postgresSequences(db)) {
    const { rows } = await sql<{ last_value: string; is_called: boolean }>`select last_value, is_called from ${sql.raw(sequence)}`.execute(db);
    const row = rows[0];
    if (row) marks[table] = row.is_called ? Number(row.last_value) : Number(row.last_value) - 1;
  }
  return marks;
}

/**
 * Moves every counter (or those of `only`) past both the largest id in its table and the
 * recorded mark.
 */
export async function resetSequences(db: Kysely<Database>, dialect: Dialect, marks: Sequences = {}, only?: readonly string[]): Promise<void> {
  if (dialect === 'sqlite') {
    // Explicit ids already pushed sqlite_sequence to max(id); only the marks can be higher.
    for (const [table, mark] of Object.entries(marks)) {
      const updated = await sql`update sqlite_sequence set seq = max(seq, ${mark}) where name = ${table}`.execute(db);
      if (Number(updated.numAffectedRows ?? 0) === 0 && mark > 0) {
        await sql`insert into sqlite_sequence (name, seq) select ${table}, ${mark} where exists (select 1 from sqlite_schema where name = ${table})`.execute(db);
      }
    }
    return;
  }
  for (const { table, column, sequence } of await postgresSequences(db)) {
    if (only && !only.includes(table)) continue;
    const { rows } = await sql<{ top: string | null }>`select max(${sql.ref(column)})::text as top from ${sql.table(table)}`.execute(db);
    const top = Math.max(Number(rows[0]?.top ?? 0), marks[table] ?? 0);
    // setval(seq, n, true): the next id is n + 1; a counter never used starts at 1.
    if (top >= 1) await sql`select setval(${sequence}, ${top}, true)`.execute(db);
    else await sql`select setval(${sequence}, 1, false)`.execute(db);
  }
}

async function postgresSequences(db: Kysely<Database>): Promise<{ table: string; column: string; sequence: string }[]> {
  // serial columns (and identity columns) own a sequence that pg_get_serial_sequence finds.
  const { rows } = await sql<{ table: string; column: string; sequence: string | null }>`
    select table_name as "table", column_name as "column",
           pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) as sequence
    from information_schema.columns
    where table_schema = current_schema() and (column_default like 'nextval(%' or is_identity = 'YES')
    order by table_name, column_name`.execute(db);
  return rows.filter((r): r is { table: string; column: string; sequence: string } => r.sequence !== null && isBackedUp(r.table));
}
