/**
 * The newsroom's people: the staff list, invitations by e-mail (a link to set a password,
 * valid for seven days), role changes, suspending, removing and resetting a second factor.
 * Operations: each takes the resolved caller and owns its rules, so the page's forms and
 * the JSON API answer alike, and each writes the audit log.
 *
 * Rules: owners and admins only; only an owner makes or unmakes an owner, and an admin
 * cannot touch an owner's account; no change may leave the site without an active owner
 * (`LAST_OWNER`); nobody suspends, removes or resets the second factor of themselves (`NOT_YOURSELF`); an admin's
 * reach ends at owners (`OWNER_ONLY`); an address that already has an
 * account is refused (`STAFF_EXISTS`), a removed one is invited afresh. Suspending and
 * removing end every session at once; the account keeps no usable password meanwhile
 * (its hash is set aside, marked, and put back when the suspension is lifted).
 *
 * @example
 *   const people = createPeople({ db, sessions, jobs, audit, now });
 *   await people.invite(request.caller, { email: 'neu@example.org', name: 'Nora Neu', role: 'editor' });
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hasRole, type Caller } from '../../platform/caller.js';
import type { Database, UsersTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import type { Sessions } from '../../platform/sessions.js';
import { isRole, type Role } from '../../platform/users.js';
import { cleanPersonName } from '../../platform/names.js';

export const INVITE_DAYS = 7;
export const INVITE_JOB = 'people.invite';
/** A password hash no password matches: an invited account until its password is set. */
const NO_PASSWORD = '!invited';
const SUSPENDED = '!suspended!';

type PeopleTables = { users: UsersTable & { invited_at: string | null; suspended_at: string | null; removed_at: string | null } };

export interface Person {
  id: number;
  name: string;
  email: string;
  role: Role;
  createdAt: string;
  state: 'active' | 'invited' | 'suspended';
  totp: boolean;
  lastSeen: string | null;
}

export interface PeopleDeps {
  db: Kysely<Database>;
  sessions: Pick<Sessions, 'revokeAll'>;
  jobs: Pick<JobQueue, 'enqueue'>;
  audit: { record(actor: { id: number | null; name: string } | null, action: string, type: string, id: string | number | null, detail?: Record<string, unknown>): Promise<void> };
  /** The site's language at the moment (for the invitation mail). */
  language: () => Promise<'de' | 'en'>;
  now: () => Date;
}

export interface InvitePayload {
  userId: number;
  email: string;
  name: string;
  inviter: string;
  role: Role;
  token: string;
  lang: 'de' | 'en';
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function createPeople(deps: PeopleDeps) {
  const db = deps.db.withTables<PeopleTables>();

  function administrator(caller: Caller) {
    if (caller.kind !== 'staff' || !hasRole(caller, ROLES_FOR.administer)) throw new AppError('FORBIDDEN');
    return caller.staff;
  }

  async function target(id: number) {
    if (!Number.isInteger(id) || id <= 0) throw new AppError('VALIDATION', { field: 'id' });
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { field: 'id' });
    return row;
  }

  /** Owners who can still sign in (not suspended, not removed), other than `except`. */
  async function otherOwners(except: number): Promise<number> {
    const row = await db
      .selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'owner').where('suspended_at', 'is', null).where('removed_at', 'is', null).where('id', '!=', except)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** An admin may act on anyone but an owner; only an owner may make someone an owner. */
  function mayTouch(actor: { role: Role }, row: { role: string }, newRole?: Role) {
    if (actor.role !== 'owner' && (row.role === 'owner' || newRole === 'owner')) throw new AppError('OWNER_ONLY', { field: 'role' });
  }

  const actorOf = (staff: { id: number; name: string; email: string }) => ({ id: staff.id, name: staff.name || staff.email });

  return {
    async list(caller: Caller): Promise<Person[]> {
      administrator(caller);
      const rows = await db.selectFrom('users').selectAll().where('removed_at', 'is', null).orderBy('name').execute();
      const seen = await deps.db
        .selectFrom('sessions').select(['user_id', (eb) => eb.fn.max('last_seen_at').as('last')]).groupBy('user_id').execute()
        .catch(() => [] as { user_id: number; last: string | null }[]);
      const lastSeen = new Map(seen.map((s) => [s.user_id, s.last as string | null]));
      return rows.filter((r) => isRole(r.role)).map((r) => ({
        id: r.id, name: r.name, email: r.email, role: r.role as Role, createdAt: r.created_at,
        state: r.suspended_at ? 'suspended' : r.password_hash === NO_PASSWORD ? 'invited' : 'active',
        totp: Boolean(r.totp_enabled), lastSeen: lastSeen.get(r.id) ?? null,
      }));
    },

    async invite(caller: Caller, input: { email: unknown; name: unknown; role: unknown }): Promise<{ id: number }> {
      const staff = administrator(caller);
      const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
      if (!EMAIL.test(email) || email.length > 254) throw new AppError('EMAIL_INVALID', { field: 'email' });
      const typed = typeof input.name === 'string' ? input.name.trim() : '';
      if (!typed) throw new AppError('NAME_REQUIRED', { field: 'name' });
      const name = cleanPersonName(typed, 80);
      if (!name) throw new AppError('NAME_TOO_LONG', { field: 'name' });
      if (!isRole(input.role)) throw new AppError('VALIDATION', { field: 'role' });
      const role = input.role;
      mayTouch(staff, { role: 'editor' }, role);
      const at = deps.now();
      const token = randomBytes(24).toString('base64url');
      const id = await db.transaction().execute(async (tx) => {
        const existing = await tx.selectFrom('users').select(['id', 'removed_at']).where('email', '=', email).executeTakeFirst();
        if (existing && !existing.removed_at) throw new AppError('STAFF_EXISTS', { field: 'email' });
        const values = { name, role, password_hash: NO_PASSWORD, invited_at: at.toISOString(), suspended_at: null, removed_at: null, totp_enabled: 0, totp_secret: null, recovery_codes: '[]' };
        const userId = existing
          ? (await tx.updateTable('users').set(values).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
          : (await tx.insertInto('users').values({ ...values, email, created_at: at.toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
        await tx.insertInto('password_resets')
          .values({ token_hash: tokenHash(token), user_id: userId, expires_at: new Date(at.getTime() + INVITE_DAYS * 86_400_000).toISOString(), used_at: null })
          .execute();
        return userId;
      });
      const payload: InvitePayload = { userId: id, email, name, inviter: staff.name || staff.email, role, token, lang: await deps.language() };
      await deps.jobs.enqueue(INVITE_JOB, payload);
      await deps.audit.record(actorOf(staff), 'people.invite', 'user', id, { email, role });
      return { id };
    },

    async changeRole(caller: Caller, id: number, role: unknown): Promise<void> {
      const staff = administrator(caller);
      if (!isRole(role)) throw new AppError('VALIDATION', { field: 'role' });
      const row = await target(id);
      mayTouch(staff, row, role);
      if (row.role === role) return;
      if (row.role === 'owner' && (await otherOwners(row.id)) === 0) throw new AppError('LAST_OWNER', { field: 'role' });
      await db.updateTable('users').set({ role }).where('id', '=', row.id).execute();
      await deps.audit.record(actorOf(staff), 'people.role', 'user', row.id, { from: row.role, to: role });
    },

    async suspend(caller: Caller, id: number): Promise<void> {
      const staff = administrator(caller);
      const row = await target(id);
      if (row.id === staff.id) throw new AppError('NOT_YOURSELF', { field: 'id' });
      mayTouch(staff, row);
      if (row.suspended_at) return;
      if (row.role === 'owner' && (await otherOwners(row.id)) === 0) throw new AppError('LAST_OWNER', { field: 'id' });
      await db.updateTable('users').set({ suspended_at: deps.now().toISOString(), password_hash: `${SUSPENDED}${row.password_hash}` }).where('id', '=', row.id).execute();
      await db.updateTable('password_resets').set({ used_at: deps.now().toISOString() }).where('user_id', '=', row.id).where('used_at', 'is', null).execute();
      await deps.sessions.revokeAll(row.id);
      await deps.audit.record(actorOf(staff), 'people.suspend', 'user', row.id, {});
    },

    async unsuspend(caller: Caller, id: number): Promise<void> {
      const staff = administrator(caller);
      const row = await target(id);
      mayTouch(staff, row);
      if (!row.suspended_at) return;
      const hash = row.password_hash.startsWith(SUSPENDED) ? row.password_hash.slice(SUSPENDED.length) : row.password_hash;
      await db.updateTable('users').set({ suspended_at: null, password_hash: hash }).where('id', '=', row.id).execute();
      await deps.audit.record(actorOf(staff), 'people.unsuspend', 'user', row.id, {});
    },

    async remove(caller: Caller, id: number): Promise<void> {
      const staff = administrator(caller);
      const row = await target(id);
      if (row.id === staff.id) throw new AppError('NOT_YOURSELF', { field: 'id' });
      mayTouch(staff, row);
      if (row.role === 'owner' && !row.suspended_at && (await otherOwners(row.id)) === 0) throw new AppError('LAST_OWNER', { field: 'id' });
      // Articles, authorship and logs keep pointing at the row; the person can no longer sign in.
      await db.updateTable('users').set({ removed_at: deps.now().toISOString(), password_hash: NO_PASSWORD, totp_enabled: 0, totp_secret: null, recovery_codes: '[]' }).where('id', '=', row.id).execute();
      await db.updateTable('password_resets').set({ used_at: deps.now().toISOString() }).where('user_id', '=', row.id).where('used_at', 'is', null).execute();
      await deps.sessions.revokeAll(row.id);
      await deps.audit.record(actorOf(staff), 'people.remove', 'user', row.id, { email: row.email });
    },

    async resetTotp(caller: Caller, id: number): Promise<void> {
      const staff = administrator(caller);
      const row = await target(id);
      // One's own second factor is changed on the account page, behind the password.
      if (row.id === staff.id) throw new AppError('NOT_YOURSELF', { field: 'id' });
      mayTouch(staff, row);
      await db.updateTable('users').set({ totp_enabled: 0, totp_secret: null, totp_last_step: 0, recovery_codes: '[]' }).where('id', '=', row.id).execute();
      await deps.sessions.revokeAll(row.id);
      await deps.audit.record(actorOf(staff), 'people.totp.reset', 'user', row.id, {});
    },

    /** Whether password resets may go to this address (not while suspended or removed). */
    async mayReset(userId: number): Promise<boolean> {
      const row = await db.selectFrom('users').select(['suspended_at', 'removed_at']).where('id', '=', userId).executeTakeFirst();
      return Boolean(row && !row.suspended_at && !row.removed_at);
    },
  };
}

export type People = ReturnType<typeof createPeople>;
