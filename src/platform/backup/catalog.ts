/**
 * What a backup holds, read from the database itself rather than from a list in the
 * code, so a table added by any capability's migration is backed up without anyone
 * remembering to. Left out: migration bookkeeping (restore migrates the schema) and the
 * search index (restore rebuilds it). Tables come in dependency order: every table
 * after the tables its foreign keys point to, so rows can go back in file order.
 *
 * @example
 *   const tables = await readCatalog(handle.db, handle.dialect);
 *   tables.map((t) => t.name); // ['media', 'settings', 'users', 'authors', …]
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';

export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary key columns in key order; empty for a table without one. */
  primaryKey: string[];
  /** Other tables this one references by foreign key. */
  references: string[];
}

const SKIPPED = [/^sqlite_/, /^schema_migrations/, /^search_fts/, /^search_vocab$/, /^search_documents$/];

/** Whether a table belongs in a backup (see the file comment for what does not). */
export function isBackedUp(table: string): boolean {
  return !SKIPPED.some((pattern) => pattern.test(table));
}

/** The backed-up tables of the database behind `db` (a connection or a transaction). */
export async function readCatalog(db: Kysely<Database>, dialect: Dialect): Promise<TableInfo[]> {
  const names = (dialect === 'sqlite' ? await sqliteTables(db) : await postgresTables(db)).filter(isBackedUp);
  const tables: TableInfo[] = [];
  for (const name of names) {
    tables.push(dialect === 'sqlite' ? await sqliteTable(db, name) : await postgresTable(db, name));
  }
  return dependencyOrder(tables);
}

async function sqliteTables(db: Kysely<Database>): Promise<string[]> {
  // type 'table' leaves out views and FTS5's virtual and shadow tables.
  const { rows } = await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type = 'table' order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function sqliteTable(db: Kysely<Database>, name: string): Promise<TableInfo> {
  const { rows: columns } = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
  const { rows: refs } = await sql<{ ref: string }>`select distinct "table" as ref from pragma_foreign_key_list(${name})`.execute(db);
  return {
    name,
    columns: columns.map((c) => c.name),
    primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    references: refs.map((r) => r.ref),
  };
}

async function postgresTables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  return rows.map((r) => r.name);
}

async function postgresTable(db: Kysely<Database>, name: string): Promise<TableInfo> {
  const oid = sql`(quote_ident(current_schema()) || '.' || quote_ident(${name}))::regclass`;
  // Generated columns are computed again on insert and cannot be written.
  const { rows: columns } = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = ${oid} and attnum > 0 and not attisdropped and attgenerated = ''
    order by attnum`.execute(db);
  const { rows: key } = await sql<{ name: string }>`
    select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${oid} and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const { rows: refs } = await sql<{ ref: string }>`
    select distinct r.relname as ref from pg_constraint k join pg_class r on r.oid = k.confrelid
    where k.conrelid = ${oid} and k.contype = 'f'`.execute(db);
  return { name, columns: columns.map((c) => c.name), primaryKey: key.map((k) => k.name), references: refs.map((r) => r.ref) };
}

/**
 * Tables after the tables they reference, alphabetical where the order is free, so two
 * backups of the same database list tables identically. A table referencing itself
 * (comment replies) is fine: rows go back in key order, parents first. A cycle between
 * tables (none today) is broken alphabetically; SQLite defers its checks to the commit.
 *
 * @example
 *   dependencyOrder([{ name: 'b', references: ['a'], … }, { name: 'a', references: [], … }]); // a, b
 */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const ordered: TableInfo[] = [];
  const remaining = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (remaining.length > 0) {
    const ready = (t: TableInfo) => t.references.every((ref) => ref === t.name || placed.has(ref) || !byName.has(ref));
    const index = Math.max(0, remaining.findIndex(ready));
    const [next] = remaining.splice(index, 1);
    placed.add(next!.name);
    ordered.push(next!);
  }
  return ordered;
}

/** Whether `table` exists (tables of capabilities a site may not have yet). */
export async function tableExists(db: Kysely<Database>, dialect: Dialect, table: string): Promise<boolean> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql`select 1 from sqlite_schema where type = 'table' and name = ${table}`.execute(db)
      : await sql`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname = ${table}`.execute(db);
  return rows.length > 0;
}
