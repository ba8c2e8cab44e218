/**
 * One consistent view of the whole database while the site keeps writing. PostgreSQL:
 * a REPEATABLE READ, READ ONLY transaction sees the database as of its first query.
 * SQLite: a read transaction in WAL mode does the same; writers carry on in the WAL and
 * checkpoints wait for us. Either way a backup never mixes a comment with a half-saved
 * article, however long it runs.
 *
 * @example
 *   const counts = await inSnapshot(handle, async (db) => countRows(db));
 */
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/index.js';
import type { Database } from '../db/schema.js';

export async function inSnapshot<T>(handle: Pick<DatabaseHandle, 'db' | 'dialect'>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (handle.dialect === 'postgres') {
    return handle.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
  }
  // BEGIN (deferred) takes the snapshot at the first read inside it.
  return handle.db.transaction().execute(work);
}
