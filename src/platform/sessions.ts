/**
 * Sessions. Every visitor who writes something gets a session cookie (`bw_sid`, random,
 * HttpOnly, SameSite=Lax): it binds their CSRF token and lets a guest edit or delete their
 * own comment for a while. Staff sign in with e-mail and password; the database keeps only
 * a hash of the cookie, so a leaked table signs nobody in.
 *
 * @example
 *   const sid = sessions.ensure(request, reply);          // guest session
 *   const user = await sessions.user(request);             // staff, or null
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { SESSION_COOKIE } from './csrf.js';
import { sessionCookieOf } from './pages.js';
import { sessionHash } from './privacy.js';
import { verifyPassword, hashPassword, isRole, type Role } from './users.js';
import { AppError } from './errors.js';
import { checkTotp, hashRecoveryCode } from './totp.js';
import { createThrottle, type ThrottleRule } from './throttle.js';

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

const STAFF_DAYS = 30;
/**
 * How stale a session's "last seen" may get. Checking it costs nothing (the sign-in check
 * reads the row anyway); writing it is a database write, so a busy editor writes once per
 * window and not on every request. Anonymous cached pages never get here.
 */
export const LAST_SEEN_EVERY_MS = 5 * 60_000;
// A fixed hash to compare against when the e-mail is unknown, so a failed sign-in takes
// the same time whether or not the account exists.
let dummyHash: Promise<string> | null = null;

/** Per typed address and sender: three free failures, then 1 s, 2, 4 … at most 15 minutes. */
export const SIGN_IN_PAIR: ThrottleRule = { free: 3, maxDelaySeconds: 900, forgetAfterMs: 3_600_000 };
/** Per sender, whatever address it types: an office shares one, hence the room. */
export const SIGN_IN_SENDER: ThrottleRule = { free: 20, maxDelaySeconds: 900, forgetAfterMs: 3_600_000 };
/** The owner hears of the 5th failure in a row, then of every 20th (mail jobs dedupe per hour). */
const WARN_AFTER = 5;
const WARN_EVERY = 20;
const WARN_FORGET_MS = 86_400_000;

export interface SignInContext {
  /** Who is trying: the caller's IP hash (never the address itself). */
  address?: string;
  /** Told when a known account has failed `failures` times in a row (from any sender). */
  onRepeatedFailures?: (account: { id: number; email: string; name: string }, failures: number) => Promise<void>;
}

/** Keys are hashes: the table holds neither typed addresses nor IP hashes. */
function throttleKeys(email: string, sender: string) {
  const h = (text: string) => createHash('sha256').update(`signin:${text}`).digest('base64url').slice(0, 32);
  return { pair: `pair:${h(`${email}\n${sender}`)}`, sender: `sender:${h(sender)}`, account: `account:${h(email)}` };
}

const slowDown = (retryAfter: number) => new AppError('RATE_LIMITED', { retryAfter, detail: 'too many failed sign-ins' });

export function createSessions(db: Kysely<Database>, options: { secure: boolean; now?: () => Date }) {
  const now = options.now ?? (() => new Date());
  const throttle = createThrottle(db);
  const cookieOptions = (maxAgeDays: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secure,
    maxAge: maxAgeDays * 86_400,
  });

  return {
    /** The visitor's session cookie, set now if they had none. */
    ensure(request: FastifyRequest, reply: FastifyReply): string {
      const existing = sessionCookieOf(request);
      if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
      const sid = randomBytes(24).toString('base64url');
      reply.setCookie(SESSION_COOKIE, sid, cookieOptions(365));
      // Later handlers in this request see the new cookie too (CSRF token of the response).
      request.headers.cookie = `${SESSION_COOKIE}=${sid}${request.headers.cookie ? `; ${request.headers.cookie}` : ''}`;
      return sid;
    },

    hashOf(request: FastifyRequest): string | null {
      const sid = sessionCookieOf(request);
      return sid ? sessionHash(sid) : null;
    },

    /** The signed-in staff member, or null; marks the session as seen now (at most every few minutes). */
    async user(request: FastifyRequest): Promise<StaffUser | null> {
      const sid = sessionCookieOf(request);
      if (!sid) return null;
      const idHash = sessionHash(sid);
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.email', 'users.name', 'users.role', 'sessions.expires_at', 'sessions.last_seen_at'])
        .where('sessions.id_hash', '=', idHash)
        .executeTakeFirst();
      const stamp = now();
      if (!row || row.expires_at < stamp.toISOString() || !isRole(row.role)) return null;
      const stale = new Date(stamp.getTime() - LAST_SEEN_EVERY_MS).toISOString();
      if (row.last_seen_at <= stale) {
        try {
          // Conditional, so requests racing on several nodes write once between them.
          await db
            .updateTable('sessions')
            .set({ last_seen_at: stamp.toISOString() })
            .where('id_hash', '=', idHash)
            .where('last_seen_at', '<=', stale)
            .execute();
        } catch {
          // A busy or read-only database costs the device list a timestamp, not the request.
        }
      }
      return { id: row.id, email: row.email, name: row.name, role: row.role };
    },

    /**
     * Staff sign-in: password, then the second factor when the account has one. Every try
     * is first counted against two keys (see throttle.ts and `SIGN_IN_PAIR`):
     * the typed address plus the sender (`context.address`, the caller's IP hash), which
     * slows down after three failures (1 s, 2, 4 … up to 15 minutes), and the sender alone,
     * which slows down after twenty (one address trying many accounts). A known and an
     * unknown e-mail address take the same path and get the same answers; the sender's
     * key means the owner, signing in from elsewhere, is never locked out by someone
     * else's guesses. A known account's owner is told about repeated failures through
     * `context.onRepeatedFailures`. A new session id each time (no fixation), cookie set on
     * the reply.
     */
    async signIn(
      reply: FastifyReply,
      email: unknown,
      password: unknown,
      code?: unknown,
      userAgent = '',
      context: SignInContext = {},
    ): Promise<StaffUser & { sid: string }> {
      if (typeof email !== 'string' || typeof password !== 'string' || password.length > 1024) {
        throw new AppError('LOGIN_FAILED');
      }
      const address = email.trim().toLowerCase();
      const stamp = now();
      const keys = throttleKeys(address, context.address ?? '');
      // The sender first, then the pair; a refused pair gives the sender's place back.
      const bySender = await throttle.reserve(keys.sender, SIGN_IN_SENDER, stamp);
      if (!bySender.ok) throw slowDown(bySender.retryAfter);
      const byPair = await throttle.reserve(keys.pair, SIGN_IN_PAIR, stamp);
      if (!byPair.ok) {
        await throttle.release(keys.sender);
        throw slowDown(byPair.retryAfter);
      }
      if (byPair.failures === 1) await throttle.prune(stamp);
      const row = await db.selectFrom('users').selectAll().where('email', '=', address).executeTakeFirst();
      dummyHash ??= hashPassword('not a real password, only for timing');
      const ok = await verifyPassword(row?.password_hash ?? (await dummyHash), password);
      const fail = async (codeName: 'LOGIN_FAILED' | 'TOTP_INVALID'): Promise<never> => {
        // Counted for unknown addresses too, so both cost the same; only an account has an owner to tell.
        const failures = await throttle.count(keys.account, WARN_FORGET_MS, stamp);
        if (row && isRole(row.role) && context.onRepeatedFailures && failures >= WARN_AFTER && (failures - WARN_AFTER) % WARN_EVERY === 0) {
          await context.onRepeatedFailures({ id: row.id, email: row.email, name: row.name }, failures);
        }
        throw new AppError(codeName);
      };
      if (!row || !ok || !isRole(row.role)) return fail('LOGIN_FAILED');
      if (row.totp_enabled && row.totp_secret) {
        if (typeof code !== 'string' || code.trim() === '') {
          // The password was right: asking for the code is no failure.
          await Promise.all([throttle.release(keys.pair), throttle.release(keys.sender)]);
          throw new AppError('TOTP_REQUIRED', { field: 'code' });
        }
        const given = code.trim();
        const step = await checkTotp(row.totp_secret, given.replace(/\s/g, ''), row.totp_last_step, stamp);
        if (step !== null) {
          await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', row.id).execute();
        } else {
          const hashes = JSON.parse(row.recovery_codes) as string[];
          const hash = hashRecoveryCode(given);
          if (!hashes.includes(hash)) return fail('TOTP_INVALID');
          // A recovery code works once.
          await db.updateTable('users').set({ recovery_codes: JSON.stringify(hashes.filter((h) => h !== hash)) }).where('id', '=', row.id).execute();
        }
      }
      await Promise.all([throttle.clear(keys.pair), throttle.clear(keys.account), throttle.release(keys.sender)]);
      const sid = randomBytes(24).toString('base64url');
      await db
        .insertInto('sessions')
        .values({
          id_hash: sessionHash(sid),
          user_id: row.id,
          created_at: stamp.toISOString(),
          last_seen_at: stamp.toISOString(),
          expires_at: new Date(stamp.getTime() + STAFF_DAYS * 86_400_000).toISOString(),
          user_agent: userAgent.slice(0, 300),
        })
        .execute();
      reply.setCookie(SESSION_COOKIE, sid, cookieOptions(STAFF_DAYS));
      return { id: row.id, email: row.email, name: row.name, role: row.role, sid };
    },

    /** A staff member's open sessions, newest first; `current` marks the asking one. */
    async list(request: FastifyRequest, userId: number) {
      const mine = sessionCookieOf(request);
      const rows = await db
        .selectFrom('sessions')
        .select(['id_hash', 'created_at', 'last_seen_at', 'user_agent'])
        .where('user_id', '=', userId)
        .where('expires_at', '>', now().toISOString())
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id_hash.slice(0, 16),
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        userAgent: row.user_agent,
        current: mine ? sessionHash(mine) === row.id_hash : false,
      }));
    },

    /** Ends one of the user's sessions by the id `list` showed; answers whether one ended. */
    async revoke(userId: number, id: string): Promise<boolean> {
      if (!/^[A-Za-z0-9_-]{16}$/.test(id)) return false;
      const rows = await db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute();
      const target = rows.find((row) => row.id_hash.startsWith(id));
      if (!target) return false;
      await db.deleteFrom('sessions').where('id_hash', '=', target.id_hash).execute();
      return true;
    },

    /** After a password change: every session of the user ends. */
    async revokeAll(userId: number): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },

    async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const sid = sessionCookieOf(request);
      if (sid) await db.deleteFrom('sessions').where('id_hash', '=', sessionHash(sid)).execute();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
