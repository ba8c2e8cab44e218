/**
 * The two kinds of link in notification mail.
 *
 * Confirmation links carry a random token of which only the SHA-256 is stored, so a
 * leaked table cannot confirm anybody's pending subscription. Unsubscribe links must
 * appear in every later mail, and a random token could not be put there again without
 * storing it in the clear; they are signed instead (HMAC with the site's secret over what
 * they unsubscribe from). Nothing to store, nothing to look up for a forged one, and ids
 * are never reused by either database, so an old link cannot hit a newer row.
 *
 * @example
 *   const { token, hash } = newConfirmToken();   // token in the mail, hash in the row
 *   const link = signUnsubscribe(secret, { kind: 'reply', id: 12 }); // 'r12.Xk3…'
 *   verifyUnsubscribe(secret, link);             // { kind: 'reply', id: 12 }
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe link stops: one reply subscription, or a staff member's author or queue mails. */
export interface UnsubscribeTarget {
  kind: 'reply' | 'author' | 'queue';
  /** Subscription id for `reply`, user id otherwise. */
  id: number;
}

const PREFIX = { reply: 'r', author: 'a', queue: 'q' } as const;
const KINDS: Record<string, UnsubscribeTarget['kind']> = { r: 'reply', a: 'author', q: 'queue' };
const CONFIRM = /^[A-Za-z0-9_-]{43}$/;
const UNSUBSCRIBE = /^([raq])([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{32})$/;

/** A fresh confirmation token (256 random bits) and the hash to store. */
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Shape check before any lookup: anything else is not ours. */
export function isConfirmToken(token: unknown): token is string {
  return typeof token === 'string' && CONFIRM.test(token);
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', `${secret}:notify-unsubscribe`).update(body).digest('base64url').slice(0, 32);
}

export function signUnsubscribe(secret: string, target: UnsubscribeTarget): string {
  const body = `${PREFIX[target.kind]}${target.id}`;
  return `${body}.${mac(secret, body)}`;
}

export function verifyUnsubscribe(secret: string, token: unknown): UnsubscribeTarget | null {
  if (typeof token !== 'string') return null;
  const match = UNSUBSCRIBE.exec(token);
  if (!match) return null;
  const [, prefix, id, given] = match as unknown as [string, string, string, string];
  // We never sign ids beyond an integer column's range; refuse them before any hashing.
  if (Number(id) > 2_147_483_647) return null;
  const expected = mac(secret, `${prefix}${id}`);
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  return { kind: KINDS[prefix]!, id: Number(id) };
}
