/**
 * Signed links in newsletter mail. Nothing is stored: a token is the subscriber id (and,
 * for confirmation, an expiry) with an HMAC under the site secret, so a forged or altered
 * link fails the check and a database leak yields no working links.
 *
 * - confirm tokens expire (a double opt-in must be fresh: `CONFIRM_HOURS`);
 * - manage tokens (preferences, one-click unsubscribe) do not: an old newsletter's
 *   unsubscribe link must keep working, as RFC 8058 and mail providers expect.
 *
 * @example
 *   const token = confirmToken(secret, 7, new Date());
 *   readConfirmToken(secret, token, new Date()); // { ok: true, subscriberId: 7 }
 *   readManageToken(secret, manageToken(secret, 7)); // { ok: true, subscriberId: 7 }
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CONFIRM_HOURS = 72;

export type TokenCheck = { ok: true; subscriberId: number } | { ok: false; reason: 'invalid' | 'expired' };

const MAC_LENGTH = 32;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', `${secret}:newsletter`).update(payload).digest('base64url').slice(0, MAC_LENGTH);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `c.<id>.<expiry, base 36 ms>.<mac>` */
export function confirmToken(secret: string, subscriberId: number, now: Date): string {
  const expires = (now.getTime() + CONFIRM_HOURS * 3_600_000).toString(36);
  return `c.${subscriberId}.${expires}.${mac(secret, `confirm:${subscriberId}:${expires}`)}`;
}

export function readConfirmToken(secret: string, token: unknown, now: Date): TokenCheck {
  const parts = typeof token === 'string' && token.length <= 100 ? token.split('.') : [];
  const [kind, id, expires, signature] = parts;
  if (parts.length !== 4 || kind !== 'c' || !isId(id) || !expires || !/^[0-9a-z]{1,12}$/.test(expires) || !signature) {
    return { ok: false, reason: 'invalid' };
  }
  if (!same(signature, mac(secret, `confirm:${id}:${expires}`))) return { ok: false, reason: 'invalid' };
  // Checked after the signature, so "expired" is only ever said of a link we issued.
  if (parseInt(expires, 36) < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subscriberId: Number(id) };
}

/** `m.<id>.<mac>`: preferences and unsubscribe. */
export function manageToken(secret: string, subscriberId: number): string {
  return `m.${subscriberId}.${mac(secret, `manage:${subscriberId}`)}`;
}

export function readManageToken(secret: string, token: unknown): TokenCheck {
  const parts = typeof token === 'string' && token.length <= 100 ? token.split('.') : [];
  const [kind, id, signature] = parts;
  if (parts.length !== 3 || kind !== 'm' || !isId(id) || !signature || !same(signature, mac(secret, `manage:${id}`))) {
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, subscriberId: Number(id) };
}

function isId(value: string | undefined): value is string {
  return value !== undefined && /^[1-9][0-9]{0,9}$/.test(value);
}
