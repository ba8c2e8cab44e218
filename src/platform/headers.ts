/**
 * Security headers, decided in one place. Every answer Fastify sends passes the `onSend`
 * hook that `installSecurityHeaders` adds, which gives it the set for its content type;
 * the page cache's writer (pages.ts), which answers before Fastify, uses the same page set.
 * A route may still choose a stricter value for one header (a page carrying a token in its
 * address sends `Referrer-Policy: same-origin`): what a route set is left alone.
 *
 * - HTML: the page policy (scripts, styles and fonts from this site only, embeds only as
 *   iframes the reader asked for, framing only by this site), nosniff, Referrer-Policy,
 *   X-Frame-Options, Permissions-Policy, COOP.
 * - Everything else (the JSON API, feeds, images, assets, redirects): nosniff and a policy
 *   that allows nothing, so an answer opened as a document can run nothing and be framed
 *   by no one.
 *
 * @example
 *   installSecurityHeaders(app);                        // once, in app.ts
 *   securityHeadersFor('application/json')['content-security-policy']; // "default-src 'none'; …"
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "font-src 'self'",
  "style-src 'self'",
  "script-src 'self'",
  // Embeds are iframes the reader asked for (two-click consent); nothing loads before.
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com https:',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Headers of every HTML page. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Headers of every other answer: JSON, feeds, images, assets, redirects, empty answers. */
export const DATA_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export function securityHeadersFor(contentType: string): Readonly<Record<string, string>> {
  return contentType.startsWith('text/html') ? SECURITY_HEADERS : DATA_SECURITY_HEADERS;
}

/** The one hook every answer sent through Fastify passes. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    const headers = securityHeadersFor(String(reply.getHeader('content-type') ?? ''));
    for (const name in headers) if (!reply.hasHeader(name)) reply.header(name, headers[name]);
    done(null, payload);
  });
}
