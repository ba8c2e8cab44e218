/**
 * The page cache for anonymous GETs. A page is stored as a template split around
 * per-visitor holes (the CSRF token); sending splices the visitor's token in. Cookie-less
 * visitors all share the anonymous token of the day, so for them the assembled page is
 * kept whole, with gzip and brotli bodies compressed once: that path only copies bytes.
 * Entries are dropped by events (see app.ts) and bounded in number (oldest out first).
 *
 * @example
 *   const cache = new PageCache({ maxEntries: 2000 });
 *   cache.set('/stadtrat/', { status: 200, contentType: 'text/html; charset=utf-8', body: pageWithHoles });
 *   const hit = cache.get('/stadtrat/');
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { CSRF_HOLE } from './csrf.js';

export interface PageInput {
  status: number;
  contentType: string;
  /** The rendered page; may contain `CSRF_HOLE` markers. */
  body: string;
  /** Extra headers to send with every copy (e.g. Link, Content-Language). */
  headers?: Record<string, string>;
  /** Seconds a shared cache (CDN, nginx) may keep the anonymous copy. */
  sharedMaxAge?: number;
}

export interface Assembled {
  token: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

export class CachedPage {
  readonly parts: Buffer[];
  readonly templateHash: string;
  private assembled: Assembled | null = null;

  constructor(readonly input: PageInput) {
    this.parts = input.body.split(CSRF_HOLE).map((part) => Buffer.from(part));
    this.templateHash = createHash('sha1').update(input.body).digest('base64url').slice(0, 16);
  }

  get holes(): number {
    return this.parts.length - 1;
  }

  /** The page with `token` in every hole, uncompressed. */
  splice(token: string): Buffer {
    if (this.parts.length === 1) return this.parts[0]!;
    const tokenBytes = Buffer.from(token);
    const chunks: Buffer[] = [];
    this.parts.forEach((part, i) => {
      if (i > 0) chunks.push(tokenBytes);
      chunks.push(part);
    });
    return Buffer.concat(chunks);
  }

  /**
   * The shared copy for cookie-less visitors, built once per anonymous token. Compressed
   * once and then served many times; a page sent only once (not cacheable) is compressed
   * cheaply instead, since the work is not shared.
   */
  anonymous(token: string, once = false): Assembled {
    if (this.assembled && this.assembled.token === token) return this.assembled;
    const identity = this.splice(token);
    this.assembled = {
      token,
      identity,
      gzip: gzipSync(identity, { level: once ? 1 : 6 }),
      br: brotliCompressSync(identity, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: once ? 1 : 6,
          [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length,
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        },
      }),
      etag: `"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`,
    };
    return this.assembled;
  }

  /** ETag of a visitor's spliced copy, without building it. */
  etagFor(token: string): string {
    if (this.holes === 0) return this.anonymous(token).etag;
    return `"${this.templateHash}-${createHash('sha1').update(token).digest('base64url').slice(0, 8)}"`;
  }
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly maxEntries: number;
  hits = 0;
  misses = 0;

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
  }

  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (page) this.hits++;
    else this.misses++;
    return page;
  }

  set(key: string, input: PageInput): CachedPage {
    const page = new CachedPage(input);
    this.entries.delete(key);
    this.entries.set(key, page);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return page;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
