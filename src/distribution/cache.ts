/**
 * A small cache of finished responses (feeds, sitemap, robots.txt) with their ETag and a
 * gzip copy, so a feed reader polling every few minutes costs a Map lookup. Entries are
 * dropped when content changes (events) and also expire after `ttlMs`, because an
 * article published with a future date becomes visible without any event.
 *
 * @example
 *   const cache = new ResponseCache({ ttlMs: 300_000 });
 *   const response = await cache.get('rss:site', async () => ({ body: rss2(info, items), type: RSS_TYPE }));
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

export interface CachedResponse {
  body: Buffer;
  gzip: Buffer;
  /** Weak: the plain and the gzip copy are the same representation to a client. */
  etag: string;
  type: string;
}

interface Entry {
  response: Promise<CachedResponse | null>;
  expires: number;
}

export interface ResponseCacheOptions {
  ttlMs: number;
  /** Tags and authors make keys; this bounds them (oldest entries go first). */
  maxEntries?: number;
  clock?: () => number;
}

/**
 * Turns a body into a cached response: hash for the ETag, gzip once.
 *
 * @example
 *   const r = await prepare('<rss/>', 'application/rss+xml; charset=utf-8'); // r.etag: 'W/"…"'
 */
export async function prepare(body: string, type: string): Promise<CachedResponse> {
  const bytes = Buffer.from(body, 'utf8');
  const etag = `W/"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  return { body: bytes, gzip: await gzip(bytes, { level: 6 }), etag, type };
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => number;

  constructor({ ttlMs, maxEntries = 1000, clock = Date.now }: ResponseCacheOptions) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * The cached response for `key`, built once by `build` when missing or expired.
   * Concurrent requests share one build. A null result (unknown tag) is not kept, so
   * made-up slugs cannot fill the cache.
   */
  get(key: string, build: () => Promise<{ body: string; type: string } | null>): Promise<CachedResponse | null> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.response;
    if (hit) this.entries.delete(key);
    const response = build().then((result) => (result ? prepare(result.body, result.type) : null));
    const entry: Entry = { response, expires: now + this.ttlMs };
    // Only the entry this call made may be removed: a clear() may have replaced it since.
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    response.then((r) => r ?? forget(), forget);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
    return response;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Whether an If-None-Match header matches the ETag (weak comparison, as RFC 9110 asks
 * for GET), including lists and `*`.
 *
 * @example
 *   etagMatches('"a", W/"b"', 'W/"b"'); // true
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * Whether the client takes gzip (and has not refused it with `q=0`).
 *
 * @example
 *   acceptsGzip('br, gzip;q=0.8'); // true
 *   acceptsGzip('gzip;q=0'); // false
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name !== 'gzip' && name !== 'x-gzip') return false;
    const q = params.find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}
