/**
 * Numbered migrations that run on both databases. Each capability owns its migrations
 * (`<capability>/migrations.ts`); the composition root hands the full list here. Names
 * start with a global number ("0003_content") so the order is the same everywhere.
 *
 * @example
 *   await migrateToLatest(handle, [...platformMigrations, ...contentMigrations]);
 */
import { sql, type Kysely } from 'kysely';
// Kysely 0.29 moved the migrator to its own entry point.
import { Migrator, type Migration as KyselyMigration } from 'kysely/migration';
import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { DatabaseHandle, Dialect } from './index.js';

export interface Migration {
  name: string;
  // Migrations see the schema as it was when they were written, not today's types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export class MigrationError extends Error {}

export async function migrateToLatest(handle: DatabaseHandle, migrations: readonly Migration[]): Promise<string[]> {
  const byName: Record<string, KyselyMigration> = {};
  for (const migration of migrations) {
    if (!/^\d{4}_[a-z0-9_]+$/.test(migration.name)) throw new MigrationError(`Bad migration name ${migration.name}`);
    if (byName[migration.name]) throw new MigrationError(`Duplicate migration ${migration.name}`);
    byName[migration.name] = { up: (db) => migration.up(db, handle.dialect) };
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => byName },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** An auto-incrementing integer primary key in either dialect. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export { sql };
