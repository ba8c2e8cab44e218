/**
 * The page cache for anonymous GETs. A page is stored as a template split around
 * per-visitor holes (the CSRF token); sending splices the visitor's token in. Cookie-less
 * visitors all share the anonymous token of the day, so for them the assembled page is
 * kept whole, with gzip and brotli bodies compressed once: that path only copies bytes.
 * Entries carry tags naming what they show; an event drops the tags it changed (see
 * `invalidateOnEvents` in pages.ts), or, for changes a reader may see a moment late (a like,
 * a new comment), only marks them stale: a stale page is still sent while one request
 * renders it again (`claimRefresh`). Bounded in number: the oldest page not sent since the
 * last eviction goes first.
 *
 * @example
 *   const cache = new PageCache({ maxEntries: 2000 });
 *   cache.set('/stadtrat/', { status: 200, contentType: 'text/html; charset=utf-8', body: pageWithHoles });
 *   const hit = cache.get('/stadtrat/');
 */
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { brotliCompress, brotliCompressSync, gzip, constants as zlib } from 'node:zlib';
import { ChurnTable } from './churn.js';
import { gzipPage } from './gzip.js';
import { SECURITY_HEADERS } from './headers.js';
import { CSRF_HOLE } from './csrf.js';
import { fillWho, hasWhoSection } from './who.js';

export interface PageInput {
  status: number;
  contentType: string;
  /** The rendered page; may contain `CSRF_HOLE` markers. */
  body: string;
  /** Extra headers to send with every copy (e.g. Link, Content-Language). */
  headers?: Record<string, string>;
  /** Seconds a shared cache (CDN, nginx) may keep the anonymous copy. */
  sharedMaxAge?: number;
  /**
   * What the page shows, so that a change drops only the pages that show it: `article:7`
   * (its page and discussion), `counts:7` (a listing shows its comment count), `shows:7`
   * (another page links it by title), `listing`. Untagged pages are dropped by any change
   * to content, taxonomy or settings, never by a comment or a like.
   */
  tags?: readonly string[];
  /**
   * Milliseconds the page may be sent from this cache at most (default: until an event
   * drops it). For pages no event covers exactly: search results, whose index follows
   * content a moment after the event that drops the listings.
   */
  maxAgeMs?: number;
  /**
   * One visitor's own page: it shows them what they just did (`?posted=1`, `?liked=ID`).
   * Never stored here, and sent `private, no-store` (`OWN_CACHE_CONTROL`) to everyone, with
   * or without a session: a CDN or proxy in front must not hand one poster's or liker's copy
   * to another, nor keep one made before their action.
   */
  own?: boolean;
}

/** The cache-control of a visitor's own page (`PageInput.own`). */
export const OWN_CACHE_CONTROL = 'private, no-store';

/** What the visitor's Accept-Encoding lets us send (null: identity). */
export type Encoding = 'br' | 'gzip' | null;

/** One ready answer: the body and its headers, built once and sent as they are. */
export interface Prepared {
  body: Buffer;
  headers: Readonly<OutgoingHttpHeaders>;
  /** The same without content-length and content-encoding, for a 304. */
  notModified: Readonly<OutgoingHttpHeaders>;
}

const GZIP_SHARED = { level: 6 };

/** Every page varies on encoding and session; a page may add more (`Accept` where it negotiates). */
export function varyOf(extra: Record<string, string> | undefined): string {
  return extra?.vary ? `Accept-Encoding, Cookie, ${extra.vary}` : 'Accept-Encoding, Cookie';
}
// The window fits the page (16–24 bits): the same bytes as the default 4 MB window for any
// page smaller than that, without allocating (and faulting in) 4 MB per page: brotli 6 of
// the 320 KB article took 3.4 instead of 4.1 ms, with almost no system time.
const brotliOptions = (size: number, quality: number) => ({
  params: {
    [zlib.BROTLI_PARAM_QUALITY]: quality,
    [zlib.BROTLI_PARAM_SIZE_HINT]: size,
    [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
    [zlib.BROTLI_PARAM_LGWIN]: Math.min(zlib.BROTLI_MAX_WINDOW_BITS, Math.max(16, Math.ceil(Math.log2(size + 1)))),
  },
});

/**
 * zlib's output buffer for a quick one-off compression, about a third of the page: zlib
 * answers a slice of a 16 KB buffer by default, and a search page (7 KB, 2 KB compressed)
 * took 16 KB for it. A page that compresses worse gets more buffers, joined.
 */
const onceChunk = (size: number) => Math.min(16 * 1024, Math.max(1024, 2 ** Math.ceil(Math.log2(size / 3 + 1))));

/**
 * One assembled copy of a page. A shared (cached) copy is compressed in gzip and brotli
 * as soon as it is made, in the libuv thread pool, so the event loop that answers readers
 * never compresses a cached page; until that lands (a few milliseconds) a visitor asking
 * for an encoding gets a quickly compressed interim body. A page sent once (a search, an
 * uncacheable page) is compressed only in the encoding its visitor asked for, cheaply.
 * The headers of each encoding are built once per copy (`response`).
 */
export class Assembled {
  private gzipped: Buffer | null = null;
  private brotli: Buffer | null = null;
  private final = { gzip: false, br: false };
  private readonly responses: { identity?: Prepared; gzip?: Prepared; br?: Prepared } = {};

  constructor(
    readonly token: string,
    readonly identity: Buffer,
    readonly etag: string,
    /** Shared copies are worth better (slower) compression than one-off ones. */
    readonly shared: boolean,
    /** The headers every answer of this copy carries (content type, security, caching). */
    private readonly baseHeaders: Readonly<OutgoingHttpHeaders> = {},
    /** Bodies compressed elsewhere (a render thread, `Prebuilt`), taken as they are. */
    compressed: { gzip?: Buffer | undefined; br?: Buffer | undefined } = {},
    /**
     * Whether a shared copy starts its good compression in the background at once. Not when
     * the caller compresses it itself right away (`compressNow`): both would run, and the
     * background's result would be thrown away (a render thread did that for every page).
     */
    background = true,
  ) {
    if (compressed.gzip) {
      this.gzipped = compressed.gzip;
      this.final.gzip = shared;
    }
    if (compressed.br) {
      this.brotli = compressed.br;
      this.final.br = shared;
    }
    if (shared && background) this.precompress();
  }

  /** Compressions started in the libuv pool so far, in this thread (tests, profiling). */
  static backgroundCompressions = 0;

  private precompress(): void {
    if (!this.final.gzip) {
      Assembled.backgroundCompressions++;
      gzip(this.identity, GZIP_SHARED, (error, body) => {
        if (error) return;
        this.gzipped = body;
        this.final.gzip = true;
        delete this.responses.gzip;
      });
    }
    if (!this.final.br) {
      Assembled.backgroundCompressions++;
      brotliCompress(this.identity, brotliOptions(this.identity.length, 6), (error, body) => {
        if (error) return;
        this.brotli = body;
        this.final.br = true;
        delete this.responses.br;
      });
    }
  }

  /**
   * Compresses now, on this thread, what a visitor will be sent: a shared copy in both
   * encodings as well as the background would (gzip 6, brotli 6), a one-off copy only in
   * `encoding`, cheaply. A render thread calls this, so that the event loop answering
   * readers receives the bodies ready (`Prebuilt`) and compresses nothing.
   */
  compressNow(encoding: Encoding): { gzip?: Buffer; br?: Buffer } {
    if (this.shared) {
      this.gzipped = gzipPage(this.identity, GZIP_SHARED.level);
      this.brotli = brotliCompressSync(this.identity, brotliOptions(this.identity.length, 6));
      this.final = { gzip: true, br: true };
      return { gzip: this.gzipped, br: this.brotli };
    }
    if (encoding === 'gzip') return { gzip: this.gzip };
    if (encoding === 'br') return { br: this.br };
    return {};
  }

  get gzip(): Buffer {
    return (this.gzipped ??= gzipPage(this.identity, 1));
  }

  get br(): Buffer {
    return (this.brotli ??= brotliCompressSync(this.identity, { ...brotliOptions(this.identity.length, 1), chunkSize: onceChunk(this.identity.length) }));
  }

  /** Whether the shared copy's well-compressed bodies are there (tests, the benchmark). */
  get precompressed(): boolean {
    return this.final.gzip && this.final.br;
  }

  /** The body and headers for a visitor accepting `encoding`, built once. */
  response(encoding: Encoding): Prepared {
    const key = encoding ?? 'identity';
    const ready = this.responses[key];
    if (ready) return ready;
    const body = encoding === 'br' ? this.br : encoding === 'gzip' ? this.gzip : this.identity;
    const notModified = { ...this.baseHeaders, etag: this.etag };
    const headers = { ...notModified, ...(encoding ? { 'content-encoding': encoding } : {}), 'content-length': body.length };
    const prepared: Prepared = { body, headers, notModified };
    // An interim body (its encoding still being compressed well) is not kept as the answer.
    if (!encoding || !this.shared || this.final[encoding]) this.responses[key] = prepared;
    return prepared;
  }
}

/** A page's entry made elsewhere (a render thread): see `CachedPage.prebuild`. */
export interface Prebuilt {
  parts: Buffer[];
  personal: boolean;
  /**
   * Only the cookie-less copy came (no template, no parts): a one-off page for a cookie-less
   * reader, never stored, which nobody with a session is sent (pages.ts `sendPage`).
   */
  copyOnly?: boolean;
  anonymous?: { token: string; identity: Buffer; etag: string; shared: boolean; gzip?: Buffer | undefined; br?: Buffer | undefined };
}

export class CachedPage {
  readonly parts: Buffer[];
  /** Sent from the cache since it was last passed over for eviction (`PageCache.hit`). */
  used = false;
  /** When the page stops being sent from the cache (`PageInput.maxAgeMs`), in ms since the epoch. */
  readonly expiresAt: number | undefined;
  private hash: string | null = null;
  private assembled: Assembled | null = null;

  /** The page has a "who is writing" section (who.ts): signed-in visitors get their own copy. */
  readonly personal: boolean;

  /** Only its cookie-less copy is here (`Prebuilt.copyOnly`). */
  readonly copyOnly: boolean = false;

  /**
   * Something it shows changed in a way readers may see a moment late (`PageCache.markStale`):
   * it is still sent, while one request renders it again (`PageCache.claimRefresh`).
   */
  stale = false;
  /** Among those changes one the next reader should see (a new comment): its refresh does not wait. */
  urgent = false;
  /** When the last render of this address for the cache began (ms since the epoch): one refresh per interval. */
  refreshedAt = 0;
  /** When a request took on rendering it again (0: none under way). */
  refreshing = 0;

  constructor(readonly input: PageInput, prebuilt?: Prebuilt) {
    this.expiresAt = input.maxAgeMs === undefined ? undefined : Date.now() + input.maxAgeMs;
    if (prebuilt) {
      // Assembled and compressed in a render thread: nothing here reads the page's text
      // (`input.body` may be decoded lazily, for signed-in visitors only).
      this.parts = prebuilt.parts;
      this.personal = prebuilt.personal;
      this.copyOnly = prebuilt.copyOnly === true;
      const { anonymous: copy } = prebuilt;
      if (copy) this.assembled = new Assembled(copy.token, copy.identity, copy.etag, copy.shared, this.sharedHeaders, copy);
      return;
    }
    // Guests (and every cookie-less visitor) get the guest alternative.
    this.parts = fillWho(input.body, null).split(CSRF_HOLE).map((part) => Buffer.from(part));
    this.personal = hasWhoSection(input.body);
  }

  /**
   * What a render thread hands the main thread with a page (threads.ts): the split template,
   * and the cookie-less copy for `token` with its bodies compressed (`Assembled.compressNow`),
   * so that the main thread builds the entry without scanning, splicing or compressing.
   */
  prebuild(token: string, shared: boolean, encoding: Encoding): Prebuilt {
    const copy = this.anonymous(token, !shared, false);
    const compressed = copy.compressNow(encoding);
    return {
      parts: this.parts,
      personal: this.personal,
      anonymous: { token, identity: copy.identity, etag: copy.etag, shared, ...compressed },
    };
  }

  /** Headers of the shared anonymous copy (its etag and length are added per copy). */
  get sharedHeaders(): Readonly<OutgoingHttpHeaders> {
    const { contentType, headers: extra, sharedMaxAge = 60, own } = this.input;
    return {
      ...SECURITY_HEADERS,
      ...extra,
      'content-type': contentType,
      'cache-control': own ? OWN_CACHE_CONTROL : `public, max-age=0, must-revalidate, s-maxage=${sharedMaxAge}`,
      vary: varyOf(extra),
    };
  }

  /** The page for a signed-in person, made per request: such visitors are few. */
  spliceFor(token: string, name: string): Buffer {
    return Buffer.from(fillWho(this.input.body, name).split(CSRF_HOLE).join(token));
  }

  /** Hash of the template, for the ETags of visitors with a session (computed when needed). */
  get templateHash(): string {
    return (this.hash ??= createHash('sha1').update(this.input.body).digest('base64url').slice(0, 16));
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
   * The shared copy for cookie-less visitors, built once per anonymous token. A cached
   * page's copy is compressed well, since it is sent many times; a page sent only once
   * (not cacheable) cheaply.
   */
  anonymous(token: string, once = false, background = true): Assembled {
    if (this.assembled && this.assembled.token === token) return this.assembled;
    // A copy-only page cannot be spliced again; its token, if the day turned since, is
    // yesterday's, which forms still accept (csrf.ts `verify`).
    if (this.copyOnly && this.assembled) return this.assembled;
    const identity = this.splice(token);
    const etag = `"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`;
    this.assembled = new Assembled(token, identity, etag, !once, this.sharedHeaders, {}, background);
    return this.assembled;
  }

  /** ETag of a visitor's spliced copy, without building it. */
  etagFor(token: string, name: string | null = null): string {
    if (this.holes === 0 && name === null) return this.anonymous(token).etag;
    const visitor = name === null ? token : `${token}\u0000${name}`;
    return `"${this.templateHash}-${createHash('sha1').update(visitor).digest('base64url').slice(0, 8)}"`;
  }
}

/** How many addresses asked for once the cache remembers (`PageCache.admit`). */
const ASKED_ONCE_MAX = 4096;

/**
 * How long a request that took on a refresh has to store its page before another may: its
 * render failed, or its reader left, and the page would otherwise stay stale.
 */
const REFRESH_TIMEOUT_MS = 5000;

export interface PageCacheOptions {
  maxEntries?: number;
  /**
   * At most one refresh of a stale page per this many milliseconds (default 1000), unless a
   * change was urgent: a like (50 a second on a live discussion) then costs one render a
   * second, not one each, and the like counts on the page are at most that old (open pages
   * get them at once over their live stream).
   */
  refreshEveryMs?: number;
  /** The clock, in ms since the epoch (tests). */
  now?: () => number;
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly untagged = new Set<string>();
  private readonly maxEntries: number;
  private readonly refreshEveryMs: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;
  /** Requests that took on rendering a stale page again (counted among the misses too). */
  refreshes = 0;
  /**
   * Counts drops, so that a page rendered while one happened is not stored (`changedSince`):
   * a render that read the database before a comment was committed, and finished after the
   * event dropped the pages, would otherwise be cached without that comment until the next.
   */
  private generation = 0;
  /**
   * Addresses with a query string asked for once lately (`admit`), each with its place in
   * `askedOrder`, a ring of the last `ASKED_ONCE_MAX`: one comes and goes per one-off search,
   * so not a Set (churn.ts).
   */
  private readonly askedOnce = new ChurnTable<number>();
  private readonly askedOrder: (string | undefined)[] = [];
  private askedNext = 0;
  private readonly droppedAt = new Map<string, number>();
  /** By tag, the generation of its last `markStale`, and of its last urgent one. */
  private readonly staleAt = new Map<string, number>();
  private readonly urgentAt = new Map<string, number>();
  private untaggedDroppedAt = 0;
  private allDroppedAt = 0;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.refreshEveryMs = options.refreshEveryMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The entry if it is current. A stale one is dropped and missed: for callers that do not
   * refresh pages themselves (the Content API's answers); the page path uses `peek` and
   * `claimRefresh`.
   */
  get(key: string): CachedPage | undefined {
    let page = this.peek(key);
    if (page?.stale) {
      this.delete(key);
      page = undefined;
    }
    if (page) this.hit(page);
    else this.misses++;
    return page;
  }

  /**
   * Whether this request should render a stale page again, instead of being sent it
   * (stale-while-revalidate): true for one request at a time, and at most once per
   * `refreshEveryMs` unless an urgent change is waiting. Every other request meanwhile is
   * sent the stale page; the page the refresh renders replaces it (`setIfFresh`).
   */
  claimRefresh(page: CachedPage): boolean {
    if (!page.stale) return false;
    const now = this.now();
    if (page.refreshing && now - page.refreshing < REFRESH_TIMEOUT_MS) return false;
    if (!page.urgent && now - page.refreshedAt < this.refreshEveryMs) return false;
    page.refreshing = page.refreshedAt = now;
    this.refreshes++;
    return true;
  }

  /** Counts a page sent from the cache, and keeps it from the next eviction. */
  hit(page: CachedPage): void {
    this.hits++;
    page.used = true;
  }

  /** The entry without counting a hit or a miss (tests, and callers that only look). */
  peek(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (page?.expiresAt !== undefined && page.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return page;
  }

  set(key: string, input: PageInput, prebuilt?: Prebuilt): CachedPage {
    const page = new CachedPage(input, prebuilt);
    // A refresh's page keeps its address's refresh time: one refresh per interval, however
    // often likes make it stale.
    page.refreshedAt = this.entries.get(key)?.refreshedAt ?? this.now();
    this.delete(key);
    this.entries.set(key, page);
    if (input.tags?.length) {
      for (const tag of input.tags) {
        let keys = this.byTag.get(tag);
        if (!keys) this.byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
    } else {
      this.untagged.add(key);
    }
    if (this.entries.size > this.maxEntries) this.evictOne();
    return page;
  }

  /**
   * Drops the oldest page not sent since it was last passed over ("second chance"): a page
   * readers keep asking for stays, however many one-off addresses (`?r=1`, `?r=2`, …)
   * arrive after it; a hit costs only setting a flag.
   */
  private evictOne(): void {
    for (let passes = this.entries.size; passes > 0; passes--) {
      const [key, page] = this.entries.entries().next().value!;
      if (!page.used) {
        this.delete(key);
        return;
      }
      page.used = false;
      this.entries.delete(key);
      this.entries.set(key, page);
    }
    const oldest = this.entries.keys().next().value;
    if (oldest !== undefined) this.delete(oldest);
  }

  /** Where the cache's drops stand now: take it before rendering, give it to `changedSince`. */
  stamp(): number {
    return this.generation;
  }

  /** Whether, since `stamp`, a drop touched a page with these tags (or every page). */
  changedSince(stamp: number, tags: readonly string[] | undefined): boolean {
    if (this.allDroppedAt > stamp) return true;
    if (!tags?.length) return this.untaggedDroppedAt > stamp;
    return tags.some((tag) => (this.droppedAt.get(tag) ?? 0) > stamp);
  }

  /** Whether a page rendered from `stamp` on, with these tags, may be stored. */
  private fresh(stamp: number | undefined, tags: readonly string[] | undefined): boolean {
    return stamp === undefined || !this.changedSince(stamp, tags);
  }

  /**
   * Stores the page if nothing it shows was dropped since `stamp`, and if it is worth keeping
   * (`admit`); answers the entry either way. A page that something it shows was marked stale
   * since `stamp` is stored stale (a like landed while it was rendered): it is sent, and
   * refreshed in turn.
   */
  setIfFresh(key: string, stamp: number | undefined, input: PageInput, prebuilt?: Prebuilt): { page: CachedPage; stored: boolean } {
    // A copy-only page (one reader's one-off) is never stored, but its address was asked for.
    if (prebuilt?.copyOnly) {
      if (!this.wouldStore(key)) this.admit(key);
      return { page: new CachedPage(input, prebuilt), stored: false };
    }
    if (!this.fresh(stamp, input.tags) || !this.admit(key)) return { page: new CachedPage(input, prebuilt), stored: false };
    const page = this.set(key, input, prebuilt);
    if (stamp !== undefined && input.tags?.length) {
      page.stale = this.markedSince(this.staleAt, stamp, input.tags);
      page.urgent = this.markedSince(this.urgentAt, stamp, input.tags);
    }
    return { page, stored: true };
  }

  private markedSince(marks: Map<string, number>, stamp: number, tags: readonly string[]): boolean {
    return tags.some((tag) => (marks.get(tag) ?? 0) > stamp);
  }

  /**
   * Whether a page for this address would be stored now (`admit`), without counting the ask.
   * An address already cached is (its refresh replaces it).
   */
  wouldStore(key: string): boolean {
    return !key.includes('?') || this.askedOnce.has(key) || this.entries.has(key);
  }

  /**
   * An address with a query string (a search, `?page=2`, or junk like `?r=123` that anyone can
   * vary without end) is stored the second time it is asked for, not the first: a flood of
   * one-off addresses then never enters the cache, where each pushed out a page and left its
   * buffers to the collector (a 50-connection flood of one-off searches made the main thread
   * mark and compact every 0.3–0.5 s, with steps up to 32 ms: the cached readers' p99 rose
   * from 2–10 ms to 17–88 ms). Addresses without a query are stored at once.
   */
  private admit(key: string): boolean {
    if (this.wouldStore(key)) {
      this.askedOnce.delete(key);
      return true;
    }
    const place = this.askedNext;
    const oldest = this.askedOrder[place];
    if (oldest !== undefined && this.askedOnce.get(oldest) === place) this.askedOnce.delete(oldest);
    this.askedOrder[place] = key;
    this.askedOnce.set(key, place);
    this.askedNext = (place + 1) % ASKED_ONCE_MAX;
    return false;
  }

  /**
   * Drops every page carrying one of `tags`, and with `untagged` also the pages that did not
   * say what they show. Answers how many pages were dropped.
   */
  drop(tags: readonly string[], options: { untagged: boolean }): number {
    const at = ++this.generation;
    for (const tag of tags) this.droppedAt.set(tag, at);
    if (options.untagged) this.untaggedDroppedAt = at;
    let dropped = 0;
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) dropped += this.delete(key) ? 1 : 0;
    }
    if (options.untagged) for (const key of [...this.untagged]) dropped += this.delete(key) ? 1 : 0;
    return dropped;
  }

  /**
   * Marks every page carrying one of `tags` stale, for changes readers may see a moment late:
   * a like (a count; open pages get it over their live stream), a new comment (`urgent`: the
   * next request renders the page again, without waiting for the interval). Each stays cached
   * and is sent while one request refreshes it (`claimRefresh`). What must not be seen any
   * more (a comment removed, an edit) is dropped (`drop`). Answers how many pages were marked.
   */
  markStale(tags: readonly string[], options: { urgent: boolean }): number {
    // A new generation, so that a render begun before this is stored stale (`setIfFresh`)
    // and does not share a render with requests begun after it (threads.ts `createRelay`).
    const at = ++this.generation;
    let marked = 0;
    for (const tag of tags) {
      this.staleAt.set(tag, at);
      if (options.urgent) this.urgentAt.set(tag, at);
      for (const key of this.byTag.get(tag) ?? []) {
        const page = this.entries.get(key)!;
        page.stale = true;
        if (options.urgent) page.urgent = true;
        marked++;
      }
    }
    return marked;
  }

  /**
   * Drops every page for which `test` holds, whatever its tags (a design change drops the
   * HTML pages, whose frame it changes, and leaves feeds and JSON cached).
   */
  dropWhere(test: (input: PageInput) => boolean): number {
    this.allDroppedAt = ++this.generation;
    let dropped = 0;
    for (const [key, page] of [...this.entries]) if (test(page.input) && this.delete(key)) dropped++;
    return dropped;
  }

  clear(): void {
    this.allDroppedAt = ++this.generation;
    this.droppedAt.clear();
    this.staleAt.clear();
    this.urgentAt.clear();
    this.entries.clear();
    this.byTag.clear();
    this.untagged.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): boolean {
    const page = this.entries.get(key);
    if (!page) return false;
    this.entries.delete(key);
    this.untagged.delete(key);
    for (const tag of page.input.tags ?? []) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.byTag.delete(tag);
    }
    return true;
  }
}
