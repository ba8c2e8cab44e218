/**
 * Storage for spam defence, written once for SQLite and PostgreSQL: the classifier model
 * (saved with an optimistic check on `updated_at`, so two moderators training at once on
 * two nodes cannot silently overwrite each other) and rate-limit events shared by all
 * app nodes. Tables come from `0006_spam` (`migrations.ts`).
 *
 * @example
 *   const spam = createSpamStore(handle);
 *   const stored = await spam.loadModel('comments');
 *   const model = stored?.model ?? new SpamClassifier();
 *   model.train('spam', text);
 *   if (!(await spam.saveModel('comments', model, stored?.updatedAt ?? null, new Date()))) retry();
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/index.js';
import type { Database } from '../../platform/db/schema.js';
import { SpamClassifier } from './bayes.js';

/**
 * The tables of `0006_spam`; kept here because this folder owns them. A type alias, not an
 * interface: Kysely's `withTables` wants a type with an implicit index signature.
 */
export type SpamTables = {
  spam_model: { id: string; data: string; updated_at: string };
  rate_events: { key: string; at: string };
};

type Db = Kysely<Database & SpamTables>;

export interface StoredModel {
  model: SpamClassifier;
  /** Pass back to `saveModel` to detect a concurrent save. */
  updatedAt: string;
}

export interface SpamStore {
  loadModel(id: string): Promise<StoredModel | null>;
  /**
   * Saves a model if nobody saved it since `expectedUpdatedAt` (null: if it does not exist
   * yet). Answers the new `updatedAt`, or null on a conflict: reload, re-apply, save again.
   */
  saveModel(id: string, model: SpamClassifier, expectedUpdatedAt: string | null, now: Date): Promise<string | null>;
  /** Records one event for a rate-limit key. */
  hit(key: string, now: Date): Promise<void>;
  /** Events for a key strictly after `since`. */
  count(key: string, since: Date): Promise<number>;
  /** Deletes events before `before` (a periodic job; windows never reach back that far). */
  prune(before: Date): Promise<number>;
}

/**
 * The spam store over an open database.
 *
 * @example
 *   const spam = createSpamStore(handle);
 *   await spam.prune(new Date(Date.now() - 86_400_000));
 */
export function createSpamStore(handle: Pick<DatabaseHandle, 'db'>): SpamStore {
  const db: Db = handle.db.withTables<SpamTables>();
  return {
    async loadModel(id) {
      const row = await db.selectFrom('spam_model').select(['data', 'updated_at']).where('id', '=', id).executeTakeFirst();
      return row ? { model: SpamClassifier.fromJSON(JSON.parse(row.data)), updatedAt: row.updated_at } : null;
    },
    async saveModel(id, model, expected, now) {
      // The version must change on every save, even two saves within one millisecond.
      const at = expected && now.toISOString() <= expected ? new Date(Date.parse(expected) + 1) : now;
      const values = { data: JSON.stringify(model), updated_at: at.toISOString() };
      const result =
        expected === null
          ? await db
              .insertInto('spam_model')
              .values({ id, ...values })
              .onConflict((oc) => oc.column('id').doNothing())
              .executeTakeFirst()
          : await db
              .updateTable('spam_model')
              .set(values)
              .where('id', '=', id)
              .where('updated_at', '=', expected)
              .executeTakeFirst();
      const changed = 'numUpdatedRows' in result ? result.numUpdatedRows : result.numInsertedOrUpdatedRows;
      return Number(changed ?? 0) === 1 ? values.updated_at : null;
    },
    hit: (key, now) => hit(db, key, now),
    count: async (key, since) => {
      const row = await db
        .selectFrom('rate_events')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('key', '=', key)
        .where('at', '>', since.toISOString())
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async prune(before) {
      const result = await db.deleteFrom('rate_events').where('at', '<', before.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

async function hit(db: Db, key: string, now: Date): Promise<void> {
  await db.insertInto('rate_events').values({ key, at: now.toISOString() }).execute();
}

// The rate limiter lives in platform/ (every capability limits its writes); it still counts
// in `rate_events`, a table of `0006_spam` kept where it was created.
export { createRateLimiter, type RateLimiter } from '../../platform/ratelimit.js';
