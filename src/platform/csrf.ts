/**
 * CSRF tokens. A visitor with a session cookie gets a token bound to that cookie
 * (HMAC of its value), so another session's token is refused. A visitor without any
 * cookie gets the anonymous token of the day, which is the same for every cookie-less
 * visitor: that lets anonymous pages be cached and shared by a CDN. Writes carrying the
 * anonymous token must also come from our own origin (Origin / Sec-Fetch-Site), which a
 * cross-site form cannot fake in a browser.
 *
 * @example
 *   const csrf = createCsrf(secret);
 *   const token = csrf.tokenFor(sessionCookie); // for <meta name="csrf-token">
 *   csrf.verify({ token, sessionCookie, origin, fetchSite, allowedOrigins });
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'bw_sid';
/** Placeholder in cached pages that `splice` replaces per visitor. Never in escaped text. */
export const CSRF_HOLE = '\u0000csrf\u0000';
export const TOKEN_LENGTH = 43;

export interface CsrfCheck {
  token: string | undefined;
  sessionCookie: string | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  allowedOrigins: readonly string[];
}

export interface Csrf {
  tokenFor(sessionCookie: string | undefined, now?: Date): string;
  anonymousToken(now?: Date): string;
  verify(check: CsrfCheck, now?: Date): boolean;
}

export function createCsrf(secret: string): Csrf {
  const mac = (input: string) => createHmac('sha256', secret).update(input).digest('base64url');
  const day = (now: Date, offsetDays = 0) =>
    new Date(now.getTime() - offsetDays * 86_400_000).toISOString().slice(0, 10);
  // The page cache asks for this on every cookie-less hit: a clock read and two compares
  // while the day lasts, no Date object or string.
  let dayStart = 0;
  let dayEnd = 0;
  let cachedToken = '';
  const anonymousToken = (now?: Date) => {
    const time = now ? now.getTime() : Date.now();
    if (time < dayStart || time >= dayEnd) {
      const today = day(new Date(time));
      dayStart = Date.parse(`${today}T00:00:00Z`);
      dayEnd = dayStart + 86_400_000;
      cachedToken = mac(`anon:${today}`);
    }
    return cachedToken;
  };
  const equal = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };

  return {
    anonymousToken,
    tokenFor(sessionCookie, now) {
      return sessionCookie ? mac(`sid:${sessionCookie}`) : anonymousToken(now);
    },
    verify(check, now = new Date()) {
      const { token } = check;
      if (!token || token.length !== TOKEN_LENGTH) return false;
      if (check.sessionCookie) return equal(token, mac(`sid:${check.sessionCookie}`));
      const fresh = equal(token, anonymousToken(now)) || equal(token, mac(`anon:${day(now, 1)}`));
      if (!fresh) return false;
      if (check.fetchSite && check.fetchSite !== 'same-origin' && check.fetchSite !== 'none') return false;
      if (check.origin && !check.allowedOrigins.includes(check.origin)) return false;
      return true;
    },
  };
}
