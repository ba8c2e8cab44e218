/**
 * Group commit: the writes that arrive in one turn of the event loop share one transaction,
 * so a burst of comments costs one fsync (SQLite) or one round of commits (PostgreSQL)
 * instead of one each. Every caller's promise settles only after the transaction that holds
 * its write is on disk: what is acknowledged is on disk. With `durably` (the database
 * handle's, durable.ts) SQLite syncs off the event loop, and the next group may commit while
 * the one before is still being synced.
 * If the shared transaction fails (one write broke a constraint), each write of the group
 * runs again in a transaction of its own, so one bad write never takes others down with it.
 *
 * @example
 *   const commit = createGroupCommit(db, { durably: handle.durably });
 *   const id = await commit((tx) => tx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow());
 */
import type { Kysely, Transaction } from 'kysely';
import { committing, type Durably } from './durable.js';

type Work<DB, T> = (tx: Transaction<DB>) => Promise<T>;

interface Waiting<DB> {
  work: Work<DB, unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export type GroupCommit<DB> = <T>(work: Work<DB, T>) => Promise<T>;

export function createGroupCommit<DB>(db: Kysely<DB>, options: { maxGroup?: number; durably?: Durably<DB> } = {}): GroupCommit<DB> {
  const maxGroup = options.maxGroup ?? 500;
  const durably = options.durably ?? committing(db);
  let queue: Waiting<DB>[] = [];
  let scheduled = false;
  let running: Promise<void> = Promise.resolve();

  // Acknowledged once on disk; the queue goes on as soon as the transaction has committed.
  const acknowledge = (group: Waiting<DB>[], results: unknown[], onDisk: Promise<void>) =>
    onDisk.then(
      () => group.forEach((item, i) => item.resolve(results[i])),
      (error: unknown) => group.forEach((item) => item.reject(error)),
    );

  const alone = async (item: Waiting<DB>) => {
    try {
      const { result, onDisk } = await durably((tx) => item.work(tx));
      void acknowledge([item], [result], onDisk);
    } catch (error) {
      item.reject(error);
    }
  };

  const flush = async () => {
    scheduled = false;
    const group = queue.splice(0, maxGroup);
    if (queue.length) schedule();
    if (group.length === 1) return alone(group[0]!);
    let committed: { result: unknown[]; onDisk: Promise<void> };
    try {
      committed = await durably(async (tx) => {
        const out: unknown[] = [];
        for (const item of group) out.push(await item.work(tx));
        return out;
      });
    } catch {
      for (const item of group) await alone(item);
      return;
    }
    void acknowledge(group, committed.result, committed.onDisk);
  };

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // After the current turn (every write it started has queued), and after the group
    // before has committed (not necessarily synced): one transaction at a time.
    setImmediate(() => {
      running = running.then(flush, flush);
    });
  }

  return <T>(work: Work<DB, T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work: work as Work<DB, unknown>, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
}
