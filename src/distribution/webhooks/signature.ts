/**
 * Webhook signatures: `sha256=` + hex HMAC-SHA256, keyed with the webhook's secret, over
 * `"<timestamp>.<body>"`. The timestamp (Unix seconds, also sent as X-Blattwerk-Timestamp)
 * is inside the signed bytes so a captured request cannot be replayed later with a new
 * date; receivers reject timestamps too far from their clock. README.md has the recipe.
 *
 * @example
 *   const signature = signWebhook(secret, 1767225600, body); // 'sha256=5d0c…'
 *   verifyWebhook(secret, { signature, timestamp: '1767225600', body }, { now: new Date() }); // true (within 5 min)
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Seconds a receiver should accept between our timestamp and its clock. */
export const TOLERANCE_SECONDS = 300;

/**
 * A new secret, shown to staff once when they register the webhook.
 *
 * @example
 *   generateSecret(); // 'whsec_Xq…' (43 characters after the prefix)
 */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The X-Blattwerk-Signature value for a body sent at `timestamp` (Unix seconds).
 *
 * @example
 *   signWebhook('whsec_test', 1767225600, '{"id":"…"}'); // 'sha256=…' (64 hex digits)
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute, compare in constant time, check the timestamp's age.
 * Written here for our tests and as the reference for the README's snippet.
 *
 * @example
 *   verifyWebhook(secret, { signature: req.headers['x-blattwerk-signature'], timestamp: req.headers['x-blattwerk-timestamp'], body: rawBody });
 */
export function verifyWebhook(
  secret: string,
  received: { signature: string | undefined; timestamp: string | undefined; body: string },
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const { signature, timestamp, body } = received;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const age = Math.abs((options.now ?? new Date()).getTime() / 1000 - Number(timestamp));
  if (age > (options.toleranceSeconds ?? TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const actual = Buffer.from(signature);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
