/**
 * Signed links in supporters' mail, as the newsletter's (audience/tokens.ts) but under
 * their own key context, so a newsletter link can never open a mandate:
 *
 * - confirm: the double opt-in of one mandate, 72 hours;
 * - manage: the supporter's self-service page; it carries the supporter's `link_version`,
 *   which erasing (or a staff reset) bumps, so old links stop working.
 *
 * @example
 *   const token = manageToken(secret, 7, 1);
 *   readManageToken(secret, token); // { ok: true, id: 7, version: 1 }
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CONFIRM_HOURS = 72;

export type TokenCheck = { ok: true; id: number; version: number } | { ok: false; reason: 'invalid' | 'expired' };

function mac(secret: string, payload: string): string {
  return createHmac('sha256', `${secret}:supporters`).update(payload).digest('base64url').slice(0, 32);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const isId = (value: string | undefined): value is string => value !== undefined && /^[1-9][0-9]{0,9}$/.test(value);

/** `c.<mandate>.<expiry base 36>.<mac>` */
export function confirmToken(secret: string, mandateId: number, now: Date): string {
  const expires = (now.getTime() + CONFIRM_HOURS * 3_600_000).toString(36);
  return `c.${mandateId}.${expires}.${mac(secret, `confirm:${mandateId}:${expires}`)}`;
}

export function readConfirmToken(secret: string, token: unknown, now: Date): TokenCheck {
  const parts = typeof token === 'string' && token.length <= 100 ? token.split('.') : [];
  const [kind, id, expires, signature] = parts;
  if (parts.length !== 4 || kind !== 'c' || !isId(id) || !expires || !/^[0-9a-z]{1,12}$/.test(expires) || !signature) return { ok: false, reason: 'invalid' };
  if (!same(signature, mac(secret, `confirm:${id}:${expires}`))) return { ok: false, reason: 'invalid' };
  if (parseInt(expires, 36) < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, id: Number(id), version: 0 };
}

/** `m.<supporter>.<version>.<mac>` */
export function manageToken(secret: string, supporterId: number, version: number): string {
  return `m.${supporterId}.${version}.${mac(secret, `manage:${supporterId}:${version}`)}`;
}

export function readManageToken(secret: string, token: unknown): TokenCheck {
  const parts = typeof token === 'string' && token.length <= 100 ? token.split('.') : [];
  const [kind, id, version, signature] = parts;
  if (parts.length !== 4 || kind !== 'm' || !isId(id) || !isId(version) || !signature) return { ok: false, reason: 'invalid' };
  if (!same(signature, mac(secret, `manage:${id}:${version}`))) return { ok: false, reason: 'invalid' };
  return { ok: true, id: Number(id), version: Number(version) };
}
