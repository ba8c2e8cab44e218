/**
 * Failure counters with an exponential slow-down, for staff sign-in (sessions.ts). A try
 * first *reserves* its place: one statement counts it and, when the count reaches the
 * limit, sets the lock, and it succeeds only if the key was not locked before. So 100
 * parallel guesses cannot all be checked: on SQLite the statements run one at a time, on
 * PostgreSQL `INSERT … ON CONFLICT DO UPDATE … WHERE` locks the row and re-checks the
 * condition against the newest version. A try that turns out fine gives its place back.
 *
 * @example
 *   const throttle = createThrottle(db);
 *   const got = await throttle.reserve('pair:…', SIGN_IN_PAIR, now); // { ok: true, failures: 1 } or { ok: false, retryAfter: 2 }
 *   await throttle.release('pair:…');                                   // it was not a failure after all
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './db/migrate.js';
import type { Database } from './db/schema.js';

type ThrottleTables = {
  signin_throttle: { key: string; failures: number; locked_until: string | null; updated_at: string };
};

export interface ThrottleRule {
  /** Failures before the first delay. */
  free: number;
  /** The delay after failure `free + k` is 2^k seconds, at most this many. */
  maxDelaySeconds: number;
  /** A count untouched for this long starts again at zero. */
  forgetAfterMs: number;
}

/**
 * The delay in seconds after the `failures`-th failure (0 while free).
 *
 * @example
 *   delayAfter(3, { free: 3, maxDelaySeconds: 900, forgetAfterMs: 3_600_000 }); // 1
 */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(2 ** (failures - rule.free), rule.maxDelaySeconds);
}

export type Reservation = { ok: true; failures: number } | { ok: false; retryAfter: number };

export function createThrottle(database: Kysely<Database>) {
  const db = database.withTables<ThrottleTables>();

  return {
    /** Counts one try for `key`, or refuses it (not counted) while the key is locked. */
    async reserve(key: string, rule: ThrottleRule, now: Date): Promise<Reservation> {
      const at = now.toISOString();
      const stale = new Date(now.getTime() - rule.forgetAfterMs).toISOString();
      const lockAt = (failures: number) => {
        const delay = delayAfter(failures, rule);
        return delay ? new Date(now.getTime() + delay * 1000).toISOString() : null;
      };
      // The count this try makes, and the lock that follows from it, in the same statement.
      const previous = sql`(case when signin_throttle.updated_at < ${stale} then 0 else signin_throttle.failures end)`;
      const steps = Math.ceil(Math.log2(rule.maxDelaySeconds)) + rule.free + 1;
      const branches = Array.from({ length: steps }, (_, i) => sql`when ${sql.lit(i + 1)} then ${lockAt(i + 1)}`);
      const lock = sql`case ${previous} + 1 ${sql.join(branches, sql` `)} else ${lockAt(steps + 1)} end`;
      const row = await sql<{ failures: number }>`
        insert into signin_throttle (key, failures, locked_until, updated_at)
        values (${key}, 1, ${lockAt(1)}, ${at})
        on conflict (key) do update set
          failures = ${previous} + 1,
          locked_until = ${lock},
          updated_at = ${at}
        where signin_throttle.locked_until is null or signin_throttle.locked_until <= ${at}
        returning failures`.execute(db);
      const counted = row.rows[0];
      if (counted) return { ok: true, failures: Number(counted.failures) };
      const locked = await db.selectFrom('signin_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
      const until = locked?.locked_until ? Date.parse(locked.locked_until) : now.getTime() + 1000;
      return { ok: false, retryAfter: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
    },

    /** Gives back one counted try (it was not a failure); the lock, if any, stays. */
    async release(key: string): Promise<void> {
      await db
        .updateTable('signin_throttle')
        .set({ failures: sql`case when failures > 0 then failures - 1 else 0 end` })
        .where('key', '=', key)
        .execute();
    },

    /** Counts a failure without locking (for warnings); answers the count. */
    async count(key: string, forgetAfterMs: number, now: Date): Promise<number> {
      const at = now.toISOString();
      const stale = new Date(now.getTime() - forgetAfterMs).toISOString();
      const row = await sql<{ failures: number }>`
        insert into signin_throttle (key, failures, locked_until, updated_at)
        values (${key}, 1, null, ${at})
        on conflict (key) do update set
          failures = (case when signin_throttle.updated_at < ${stale} then 0 else signin_throttle.failures end) + 1,
          updated_at = ${at}
        returning failures`.execute(db);
      return Number(row.rows[0]?.failures ?? 1);
    },

    /** A success: the key starts again from nothing. */
    async clear(key: string): Promise<void> {
      await db.deleteFrom('signin_throttle').where('key', '=', key).execute();
    },

    /** Drops counts nobody has touched for a day (called now and then by sign-in). */
    async prune(now: Date): Promise<void> {
      await db.deleteFrom('signin_throttle').where('updated_at', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;

/** `0025_signin_throttle`: one row per counted key (hashes only: no address, no e-mail). */
export const throttleMigrations: Migration[] = [
  {
    name: '0025_signin_throttle',
    async up(db) {
      await db.schema
        .createTable('signin_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('signin_throttle_updated').on('signin_throttle').column('updated_at').execute();
    },
  },
];
