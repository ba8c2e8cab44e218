/**
 * Opens the database named by the configured URL: `sqlite:FILE` (better-sqlite3, WAL,
 * foreign keys on) or `postgres://…` (pg pool). Everything above this file uses the
 * returned Kysely instance and never asks which database it is, except the few
 * dialect files that must (full-text search).
 *
 * @example
 *   const store = await openDatabase('sqlite:./data/blattwerk.db');
 *   await migrateToLatest(store);
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, SqliteQueryCompiler, ValueNode, type LimitNode, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { committing, relaxedCommits, walSync, type Durably } from './durable.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw SQLite connection (backups, integrity checks); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** The pg pool; null on SQLite. */
  pool: pg.Pool | null;
  url: string;
  /**
   * One transaction whose `onDisk` settles once it is on disk (durable.ts): on SQLite the
   * fsync runs off the event loop; on PostgreSQL it is a plain transaction.
   */
  durably: Durably<Database>;
  close(): Promise<void>;
}

export class DatabaseUrlError extends Error {
  readonly setting = 'databaseUrl';
}

export async function openDatabase(url: string): Promise<DatabaseHandle> {
  if (url.startsWith('sqlite:')) return openSqlite(url);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new DatabaseUrlError(`Unsupported database URL "${url}" (use sqlite:FILE or postgres://…)`);
}

function openSqlite(url: string): DatabaseHandle {
  const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
  } catch (error) {
    throw new DatabaseUrlError(`Cannot open SQLite database "${path}": ${(error as Error).message}`);
  }
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we acknowledge it, even across power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new LiteralLimits({ database: cachingStatements(sqlite) }) });
  const wal = sqlite.pragma('journal_mode', { simple: true }) === 'wal' ? walSync(`${path}-wal`) : null;
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    pool: null,
    url,
    durably: wal ? relaxedCommits(db, sqlite, wal) : committing(db),
    async close() {
      // A sync still running belongs to a commit not yet acknowledged: let it finish first.
      await wal?.close();
      await db.destroy();
    },
  };
}

/**
 * A LIMIT of a fixed number is written into the SQL, not bound. SQLite plans a statement
 * again each time it runs with a bound LIMIT (the planner reads the value): 10–30 µs a run
 * here, on the duplicate and ban checks of every comment post (issue 16). The few numbers
 * used as limits make few distinct statements; offsets stay bound.
 */
class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    if (ValueNode.is(node.limit) && Number.isSafeInteger(node.limit.value)) this.append(`limit ${node.limit.value as number}`);
    else super.visitLimit(node);
  }
}

class LiteralLimits extends SqliteDialect {
  override createQueryCompiler() {
    return new LiteralLimitCompiler();
  }
}

/**
 * Kysely prepares a new better-sqlite3 statement for every query. Each one holds native
 * memory the garbage collector does not see, so a busy site grew by hundreds of megabytes
 * before finalizers ran. Statements are reusable: keep the recent ones by SQL text.
 * Safe because Kysely runs one query at a time on the single SQLite connection.
 */
export function cachingStatements(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used goes to the end; the oldest is the first to leave.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A pool emits 'error' for idle clients that lose their server; without a listener
  // that would crash the process instead of failing the next query.
  pool.on('error', () => undefined);
  // A client that loses its server mid-query also emits 'error'; the query itself rejects
  // (and becomes a 503), but without a listener the event would crash the process.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUrlError(`Cannot connect to PostgreSQL (databaseUrl): ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    sqlite: null,
    pool,
    url,
    durably: committing(db),
    async close() {
      await db.destroy();
    },
  };
}
