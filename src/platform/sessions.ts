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
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { SESSION_COOKIE } from './csrf.js';
import { sessionCookieOf } from './pages.js';
import { sessionHash } from './privacy.js';
import { verifyPassword, hashPassword, isRole, type Role } from './users.js';
import { AppError } from './errors.js';

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

const STAFF_DAYS = 30;
// A fixed hash to compare against when the e-mail is unknown, so a failed sign-in takes
// the same time whether or not the account exists.
let dummyHash: Promise<string> | null = null;

export function createSessions(db: Kysely<Database>, options: { secure: boolean; now?: () => Date }) {
  const now = options.now ?? (() => new Date());
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

    async user(request: FastifyRequest): Promise<StaffUser | null> {
      const sid = sessionCookieOf(request);
      if (!sid) return null;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.email', 'users.name', 'users.role', 'sessions.expires_at'])
        .where('sessions.id_hash', '=', sessionHash(sid))
        .executeTakeFirst();
      if (!row || row.expires_at < now().toISOString() || !isRole(row.role)) return null;
      return { id: row.id, email: row.email, name: row.name, role: row.role };
    },

    /** Staff sign-in: a new session id (no fixation), cookie set on the reply. */
    async signIn(reply: FastifyReply, email: unknown, password: unknown): Promise<StaffUser & { sid: string }> {
      if (typeof email !== 'string' || typeof password !== 'string' || password.length > 1024) {
        throw new AppError('LOGIN_FAILED');
      }
      const row = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
      dummyHash ??= hashPassword('not a real password, only for timing');
      const ok = await verifyPassword(row?.password_hash ?? (await dummyHash), password);
      if (!row || !ok || !isRole(row.role)) throw new AppError('LOGIN_FAILED');
      const sid = randomBytes(24).toString('base64url');
      const stamp = now();
      await db
        .insertInto('sessions')
        .values({
          id_hash: sessionHash(sid),
          user_id: row.id,
          created_at: stamp.toISOString(),
          last_seen_at: stamp.toISOString(),
          expires_at: new Date(stamp.getTime() + STAFF_DAYS * 86_400_000).toISOString(),
        })
        .execute();
      reply.setCookie(SESSION_COOKIE, sid, cookieOptions(STAFF_DAYS));
      return { id: row.id, email: row.email, name: row.name, role: row.role, sid };
    },

    async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const sid = sessionCookieOf(request);
      if (sid) await db.deleteFrom('sessions').where('id_hash', '=', sessionHash(sid)).execute();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
