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

export interface RateLimiter {
  /** Allows and records one hit for `key`, or refuses it (not recorded) with a wait time. */
  check(key: string, now: Date): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

/**
 * At most `max` hits per key in any sliding window of `windowSeconds`, counted in the
 * database so that all app nodes share one count. Refused hits are not recorded, so a
 * bot hammering the form does not extend its own lockout and `retryAfterSeconds` holds.
 * Keys name the write and the sender: `comment:ip:<hash>`, `comment:id:<email-hash>`.
 *
 * @example
 *   const perIp = createRateLimiter(handle, { windowSeconds: 600, max: 5 });
 *   const { allowed, retryAfterSeconds } = await perIp.check(`comment:ip:${ipHash}`, new Date());
 *   if (!allowed) throw new AppError('RATE_LIMITED', { detail: `retry in ${retryAfterSeconds} s` });
 */
export function createRateLimiter(
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
  { windowSeconds, max }: { windowSeconds: number; max: number },
): RateLimiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('rate limit max must be a positive integer');
  if (!(windowSeconds > 0)) throw new RangeError('rate limit window must be positive');
  const db: Db = handle.db.withTables<SpamTables>();
  const windowMs = windowSeconds * 1000;
  return {
    check: (key, now) =>
      // Count and insert in one transaction so two requests cannot both take the last
      // slot. SQLite: one process, and Kysely runs one transaction at a time on its single
      // connection. PostgreSQL (several nodes): READ COMMITTED alone would let concurrent
      // requests each count max − 1 and all insert, so the limit would only be approximate
      // (over by up to the number of simultaneous requests for one key); a transaction-scoped
      // advisory lock on the key serialises them and makes it exact. Different keys do not
      // wait for each other, except on a rare 64-bit hash collision.
      db.transaction().execute(async (trx) => {
        if (handle.dialect === 'postgres') {
          await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
        }
        // The newest `max` hits in the window are all we need: if there are that many, the
        // oldest of them must leave the window before another hit fits.
        const recent = await trx
          .selectFrom('rate_events')
          .select('at')
          .where('key', '=', key)
          .where('at', '>', new Date(now.getTime() - windowMs).toISOString())
          .orderBy('at', 'desc')
          .limit(max)
          .execute();
        const blocking = recent.length >= max ? recent[max - 1] : undefined;
        if (!blocking) {
          await hit(trx, key, now);
          return { allowed: true, retryAfterSeconds: 0 };
        }
        const waitMs = Date.parse(blocking.at) + windowMs - now.getTime();
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }),
  };
}
