/**
 * IP addresses are never stored: only a keyed hash whose key changes every day, so the
 * same address can be recognised within a day (rate limits, bans, spam) but not linked
 * across days, and not reversed without the site's secret. An IPv6 address is hashed as
 * its /64 (see `senderKey` in ip.ts): one line or server gets a whole /64, and keying the
 * full address would give it unlimited rate-limit keys and make bans pointless.
 *
 * @example
 *   const hash = ipHash('203.0.113.7', secret); // 'k3J9…' (22 characters)
 *   ipHash('2001:db8:1:2::1', secret) === ipHash('2001:db8:1:2::beef', secret); // true
 */
import { createHash, createHmac } from 'node:crypto';
import { senderKey } from './ip.js';
import { boundedMemo } from './memo.js';

// The day's hashes of recent addresses. Every request names its caller, and an HMAC each time
// was 4 % of a search page's render (bench/PROFILE.md section 11). Only the current day's are
// kept, a bounded number, in memory alone.
const recentHashes = boundedMemo<string, string>(4096);
let recentDay = '';

export function ipHash(ip: string, secret: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  if (day !== recentDay) {
    recentHashes.clear();
    recentDay = day;
  }
  const sender = senderKey(ip);
  return recentHashes.get(`${secret}\u0000${sender}`, () => createHmac('sha256', `${secret}:ip:${day}`).update(sender).digest('base64url').slice(0, 22));
}

/** A stable pseudonym for an e-mail address (identity for moderation and muting). */
export function emailHash(email: string, secret: string): string {
  return createHmac('sha256', `${secret}:email`).update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
}

/** Hash of a session cookie value as stored in the database (a leaked table is no login). */
export function sessionHash(cookie: string): string {
  return createHash('sha256').update(cookie).digest('base64url');
}
