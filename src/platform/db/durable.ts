/**
 * Transactions acknowledged once on disk, without the wait on the event loop (issue 16).
 *
 * SQLite runs with `synchronous = FULL`: every COMMIT waits for an fsync of the WAL inside a
 * synchronous call, so the event loop stops for it (~3 ms a commit here). `durably` runs one
 * transaction with `synchronous = NORMAL` (the COMMIT writes the WAL but does not sync it),
 * restores FULL at once, and then syncs the `-wal` file in the libuv pool; `onDisk` settles
 * after that. The caller acknowledges on `onDisk`, so what is acknowledged is on disk, as
 * before. The connection is held for the whole NORMAL stretch (Kysely's connection mutex:
 * SQLite has one connection), so no other write can commit under NORMAL; SQLite refuses to
 * change the level inside a transaction, which is why the switch sits around it.
 *
 * Why syncing the file later is as good as SQLite syncing it in the COMMIT:
 * - the COMMIT has written the frames (write(2), not a mapping); an fdatasync of any
 *   descriptor of the file flushes them, and one sync covers every commit before it starts;
 * - a checkpoint (automatic after a COMMIT, or run by another process of `--processes N`)
 *   syncs the WAL before copying it and the database after, at NORMAL as at FULL, so frames
 *   are on disk before the WAL is reset and written again from its start (same file);
 * - the `-wal` file is removed only when the last connection closes, and ours is open.
 *
 * Syncs are coalesced: while one runs, the commits after it wait for one more that starts
 * when it ends. PostgreSQL keeps its plain transaction (`onDisk` is the commit itself).
 *
 * @example
 *   const { result, onDisk } = await handle.durably((tx) => tx.insertInto('comments').values(row).execute());
 *   await onDisk; // now acknowledge
 */
import { open, type FileHandle } from 'node:fs/promises';
import type SQLite from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';

export interface Committed<T> {
  result: T;
  /** Settles once the transaction is on disk; rejects if syncing failed (then do not acknowledge). */
  onDisk: Promise<void>;
}

export type Durably<DB> = <T>(work: (tx: Transaction<DB>) => Promise<T>) => Promise<Committed<T>>;

const ON_DISK: Promise<void> = Promise.resolve();

/** A plain transaction, on disk when committed (PostgreSQL; SQLite without a WAL). */
export function committing<DB>(db: Kysely<DB>): Durably<DB> {
  return async (work) => ({ result: await db.transaction().execute(work), onDisk: ON_DISK });
}

export interface WalSync {
  /** Resolves once a sync of the WAL that started after this call has finished. */
  after(): Promise<void>;
  /** Waits for the syncs asked for, then lets the file go. */
  close(): Promise<void>;
}

/** Coalesced fdatasync of one file in the libuv pool; `datasync` is replaceable for tests. */
export function walSync(file: string, datasync?: () => Promise<void>): WalSync {
  let handle: Promise<FileHandle> | null = null;
  const opened = () =>
    (handle ??= open(file, 'r').catch((error: unknown) => {
      handle = null; // tried again by the next sync
      throw error;
    }));
  const sync = datasync ?? (async () => (await opened()).datasync());
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const current: Promise<void> = sync().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  return {
    after() {
      if (!running) return start();
      // The running sync may have begun before this commit wrote its frames: the next one counts.
      queued ??= running.catch(() => undefined).then(() => {
        queued = null;
        return start();
      });
      return queued;
    },
    async close() {
      await Promise.allSettled([running, queued]);
      if (handle) await (await handle).close();
      handle = null;
    },
  };
}

/** `durably` for a SQLite database in WAL mode whose connection is otherwise at `synchronous = FULL`. */
export function relaxedCommits<DB>(db: Kysely<DB>, sqlite: SQLite.Database, wal: WalSync): Durably<DB> {
  // Compiled each time: SQLite applies this pragma when it compiles the statement, so a
  // prepared one run again changes nothing.
  return async (work) => {
    const result = await db.connection().execute(async (connection) => {
      sqlite.exec('PRAGMA synchronous = NORMAL');
      try {
        return await connection.transaction().execute(work);
      } finally {
        sqlite.exec('PRAGMA synchronous = FULL');
      }
    });
    return { result, onDisk: wal.after() };
  };
}
