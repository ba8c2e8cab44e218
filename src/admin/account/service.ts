/**
 * What a staff member does to their own account, shared by the JSON API
 * (`/api/v1/admin/account/…`) and the account page (`/admin/account/`): set up, confirm
 * and switch off the second factor, end a session, change the password. Each change that
 * matters is written to the audit log. Errors are coded and name their field.
 *
 * @example
 *   const { secret, qrSvg } = await account.startTotp(user);
 *   const { recoveryCodes } = await account.enableTotp(user, '123456');
 */
import QRCode from 'qrcode';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { StaffUser } from '../../platform/sessions.js';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri } from '../../platform/totp.js';
import { hashPassword, MIN_PASSWORD, verifyPassword } from '../../platform/users.js';
import type { Audit } from '../audit.js';

/** What this module needs from the composition root. */
export type AdminAccountServiceDeps = Pick<PlatformDeps, 'database' | 'now' | 'sessions' | 'settings'>;

export interface TotpState {
  enabled: boolean;
  /** A secret waiting for its first code (set up, not yet confirmed). */
  pending: { secret: string; uri: string; qrSvg: string } | null;
}

export function createAccount(services: Pick<AdminAccountServiceDeps, 'database' | 'sessions' | 'settings' | 'now'>, audit: Pick<Audit, 'record'>) {
  const db = services.database.db;

  async function setup(user: StaffUser, secret: string) {
    const uri = totpUri(secret, user.email, (await services.settings.get('site')).title);
    return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
  }

  return {
    async totpState(user: StaffUser): Promise<TotpState> {
      const row = await db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
      if (row.totp_enabled) return { enabled: true, pending: null };
      return { enabled: false, pending: row.totp_secret ? await setup(user, row.totp_secret) : null };
    },

    /** A new secret, stored but not active until a code from the app proves it was scanned. */
    async startTotp(user: StaffUser) {
      const secret = newTotpSecret();
      await db.updateTable('users').set({ totp_secret: secret, totp_enabled: 0 }).where('id', '=', user.id).execute();
      return setup(user, secret);
    },

    /** Turns the second factor on with a code from the app; answers the recovery codes (shown once). */
    async enableTotp(user: StaffUser, code: string): Promise<{ recoveryCodes: string[] }> {
      const row = await db.selectFrom('users').select(['totp_secret', 'totp_last_step']).where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!row.totp_secret) throw new AppError('VALIDATION', { field: 'code', detail: 'start the setup first' });
      const step = await checkTotp(row.totp_secret, code.replace(/\s/g, ''), row.totp_last_step, services.now());
      if (step === null) throw new AppError('TOTP_INVALID', { field: 'code' });
      const codes = newRecoveryCodes();
      await db
        .updateTable('users')
        .set({ totp_enabled: 1, totp_last_step: step, recovery_codes: JSON.stringify(codes.map(hashRecoveryCode)) })
        .where('id', '=', user.id)
        .execute();
      await audit.record(user, 'account.totp.enable', 'user', user.id);
      return { recoveryCodes: codes };
    },

    /** Switches the second factor off; the password proves it is the account's owner. */
    async disableTotp(user: StaffUser, password: string): Promise<void> {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, password))) throw new AppError('LOGIN_FAILED', { field: 'password' });
      await db.updateTable('users').set({ totp_enabled: 0, totp_secret: null, recovery_codes: '[]' }).where('id', '=', user.id).execute();
      await audit.record(user, 'account.totp.disable', 'user', user.id);
    },

    /** Ends one of the user's sessions by the id the session list shows. */
    async revokeSession(user: StaffUser, id: string): Promise<void> {
      if (!(await services.sessions.revoke(user.id, id))) throw new AppError('NOT_FOUND', { field: 'id' });
      await audit.record(user, 'account.session.revoke', 'user', user.id);
    },

    /**
     * A new password (argon2id) after the current one is given. Every other session of the
     * account ends; the one that asked stays signed in.
     */
    async changePassword(user: StaffUser, current: string, next: string, keepSessionHash: string | null): Promise<void> {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, current))) throw new AppError('LOGIN_FAILED', { field: 'currentPassword' });
      if (next.length < MIN_PASSWORD || next.length > 1024) throw new AppError('PASSWORD_WEAK', { field: 'newPassword' });
      await db.updateTable('users').set({ password_hash: await hashPassword(next) }).where('id', '=', user.id).execute();
      let others = db.deleteFrom('sessions').where('user_id', '=', user.id);
      if (keepSessionHash) others = others.where('id_hash', '!=', keepSessionHash);
      await others.execute();
      await audit.record(user, 'account.password.change', 'user', user.id);
    },
  };
}

export type Account = ReturnType<typeof createAccount>;
