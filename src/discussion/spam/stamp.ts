/**
 * Signed form timestamps. The comment form carries the time it was rendered, signed with
 * the site's secret; on submit we learn how long the visitor took. Bots post instantly or
 * replay one harvested form for days; people take seconds to minutes and reload now and
 * then. Signing means the time cannot be set back, and the age limit means a harvested
 * stamp stops working within a day.
 *
 * The stamp is per visit, like the CSRF token: a page cache must splice it in when
 * sending, never store one for everyone (see DESIGN.md on cache holes).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SpamReason } from './rules.js';

/** Keeps these MACs apart from anything else signed with the same secret (e.g. CSRF tokens). */
const PURPOSE = 'blattwerk:form-stamp:v1';

export interface FormStampOptions {
  /** Faster than this since rendering is a bot (default 3). */
  minSeconds?: number;
  /** Older than this is a replayed or forgotten form (default 24). */
  maxAgeHours?: number;
}

/**
 * A stamp for a form rendered at `now`: `<unix milliseconds>.<base64url HMAC-SHA256>`.
 *
 * @example
 *   html`<input type="hidden" name="stamp" value="${formStamp(config.secret, new Date())}">`;
 */
export function formStamp(secret: string | Buffer, now: Date): string {
  const issued = now.getTime();
  return `${issued}.${sign(secret, issued)}`;
}

/**
 * Checks a submitted stamp: missing, malformed or forged, too old, or too fast each give
 * a reason; a good stamp gives null.
 *
 * @example
 *   checkFormStamp(secret, body.stamp, new Date());              // null when fine
 *   checkFormStamp(secret, '1700000000000.AAAA', new Date())?.code; // 'form_stamp_invalid'
 */
export function checkFormStamp(
  secret: string | Buffer,
  stamp: string | null | undefined,
  now: Date,
  { minSeconds = 3, maxAgeHours = 24 }: FormStampOptions = {},
): SpamReason | null {
  if (!stamp) return { code: 'form_stamp_missing', detail: 'the form carried no timestamp', weight: 3 };
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp);
  const issued = match ? Number(match[1]) : NaN;
  if (!match || !equal(match[2] ?? '', sign(secret, issued))) {
    return { code: 'form_stamp_invalid', detail: 'the form timestamp is not one we signed', weight: 3 };
  }
  const elapsed = (now.getTime() - issued) / 1000;
  if (elapsed > maxAgeHours * 3600) {
    // A reader may leave a tab open overnight: worth a look, not a rejection.
    const hours = Math.floor(elapsed / 3600);
    return { code: 'form_stamp_expired', detail: `the form was rendered ${hours} h ago (at most ${maxAgeHours} h)`, weight: 1 };
  }
  // A stamp from the future (clock skew between nodes) also counts as too fast.
  if (elapsed < minSeconds) {
    const seconds = Math.max(0, elapsed).toFixed(1);
    return { code: 'too_fast', detail: `sent ${seconds} s after the form was rendered (at least ${minSeconds} s)`, weight: 2 };
  }
  return null;
}

function sign(secret: string | Buffer, issued: number): string {
  return createHmac('sha256', secret).update(`${PURPOSE}:${issued}`).digest('base64url');
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
