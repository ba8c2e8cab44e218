/**
 * Rate limits for every public write, counted in the database so that all nodes share one
 * count. A capability names its kind of write and the sender's key (an IP hash, an account);
 * staff callers are never limited here: the operations decide whom to limit, not the doors.
 * Events live in `rate_events` (created by `0006_spam`, where limits began).
 *
 * @example
 *   const limits = createLimits(handle, { now });
 *   await limits.limit('comment', caller.ipHash); // throws RATE_LIMITED with retryAfter
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './db/index.js';
import type { Database } from './db/schema.js';
import { AppError } from './errors.js';

type RateTables = { rate_events: { key: string; at: string } };
type Db = Kysely<Database & RateTables>;

export type LimitKind = 'comment' | 'like' | 'login' | 'report' | 'subscribe' | 'content' | 'content-key';

/** Windows per kind of write. A household or an office shares one address, hence the room. */
export const LIMITS: Record<LimitKind, { windowSeconds: number; max: number }> = {
  comment: { windowSeconds: 600, max: 8 },
  like: { windowSeconds: 600, max: 120 },
  login: { windowSeconds: 900, max: 10 },
  report: { windowSeconds: 3600, max: 20 },
  subscribe: { windowSeconds: 3600, max: 20 },
  // Content API reads (issue 17) that the cache could not answer: per address without a
  // key, per key with one (a headless front end's server asks for all its readers).
  content: { windowSeconds: 60, max: 120 },
  'content-key': { windowSeconds: 60, max: 1200 },
};

export interface Limits {
  /** Counts one write of `kind` for `key`, or throws `RATE_LIMITED` (with `retryAfter`). */
  limit(kind: LimitKind, key: string): Promise<void>;
}

export function createLimits(handle: Pick<DatabaseHandle, 'db' | 'dialect'>, options: { now?: () => Date } = {}): Limits {
  const now = options.now ?? (() => new Date());
  const limiters = new Map<LimitKind, RateLimiter>();
  return {
    async limit(kind, key) {
      // Only for load tests on loopback (benchmarks, crash tests); documented in the README.
      if (process.env.BLATTWERK_RATE_LIMITS === 'off') return;
      let limiter = limiters.get(kind);
      if (!limiter) limiters.set(kind, (limiter = createRateLimiter(handle, LIMITS[kind])));
      const result = await limiter.check(`${kind}:ip:${key}`, now());
      if (!result.allowed) throw new AppError('RATE_LIMITED', { retryAfter: result.retryAfterSeconds });
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
  const db: Db = handle.db.withTables<RateTables>();
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
