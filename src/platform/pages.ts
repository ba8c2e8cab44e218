/**
 * Sending HTML pages through the page cache. `answerFromCache` runs in front of Fastify
 * (see app.ts, `serverFactory`): a cached page is written straight to the socket without
 * routing, hooks or reply objects, since this path decides how close we come to a static
 * file server. `sendPage` is what a page route calls with its rendered result.
 * A visitor without cookies shares the precompressed anonymous copy (CDN-cacheable);
 * a visitor with a session cookie gets the template with their own CSRF token spliced in.
 *
 * @example
 *   app.get('/:slug/', { config: { access: 'public' } }, async (req, reply) =>
 *     sendPage(pages, req, reply, { status: 200, contentType: 'text/html; charset=utf-8', body: await renderArticle(req.params.slug) }));
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { CachedPage, OWN_CACHE_CONTROL, PageCache, varyOf, type Encoding, type PageInput, type Prebuilt } from './cache.js';
import type { ChurnTable } from './churn.js';
import { CSRF_HOLE, SESSION_COOKIE, type Csrf } from './csrf.js';
import type { Caller } from './caller.js';
import type { EventBus } from './events.js';
import { fillWho, type Who, type WhoMemo } from './who.js';
import { SECURITY_HEADERS } from './http.js';

export interface PageSender {
  cache: PageCache;
  csrf: Csrf;
  enabled: boolean;
  /** Counts a page view (no cookies, nothing stored about the visitor). */
  views?: { count(url: string, userAgent: string | undefined): void };
  /** Who recent sessions are, for pages with a "who is writing" section (who.ts). */
  who?: WhoMemo;
  /**
   * In a render thread (threads.ts): pages are not written but handed back as their
   * template, for the main thread to cache and send (`sendRelayed`).
   */
  relay?: boolean;
  /**
   * In a render thread: whether the main thread caches pages (it then keeps the shared copy,
   * so it is compressed well here), and the pages made for the requests in flight, by the
   * id the thread gave each (`RELAY_ID_HEADER`), for the thread to hand over with the answer.
   */
  relayCaches?: boolean;
  relayed?: ChurnTable<RelayedPage>;
}

const EMPTY = Buffer.alloc(0);

/** The header a render thread gives the requests it hands its app, naming the page it relays. */
export const RELAY_ID_HEADER = 'x-blattwerk-relay-id';
/** Set by a render thread ('1' or '0', never the visitor's): the page will not be cached (`ToWorker.once`). */
export const RELAY_ONCE_HEADER = 'x-blattwerk-relay-once';

/**
 * A page as a render thread hands it over: its template (decoded on the main thread only
 * when a signed-in visitor needs it) and its entry, assembled and compressed in the thread.
 * Buffers arrive as plain Uint8Arrays (structured clone); `relayedPage` wraps them again.
 */
export interface RelayedPage {
  template: Uint8Array;
  prebuilt: { parts: Uint8Array[]; personal: boolean; copyOnly?: boolean; anonymous?: { token: string; identity: Uint8Array; etag: string; shared: boolean; gzip?: Uint8Array | undefined; br?: Uint8Array | undefined } };
}

/**
 * Below this size a buffer is copied to the other thread, not moved: moving one costs about
 * 45 µs of CPU on each side (measured with Node 24: a 7 KB search page took 197 µs to post
 * with its four buffers moved, 66 µs copied), copying about 1 µs per KB.
 */
export const TRANSFER_MIN_BYTES = 48 * 1024;

/**
 * The page's buffers copied into one piece of memory of its own. A Uint8Array crosses to
 * another thread with its whole ArrayBuffer, and a page's parts and copies are cut from
 * 64 KB slabs of Node's buffer pool: a 25 KB search page crossed as 131 KB, and the main
 * thread's garbage collector ran a full collection every 300 ms to free the copies
 * (bench/PROFILE.md section 8). Packed, the page crosses as its own size, moved when large.
 * A template given as text is encoded straight into that memory: every byte a render
 * allocates outside the heap counts towards V8's next full collection (PROFILE section 10).
 */
export function packed(page: { template: string | Uint8Array; prebuilt: RelayedPage['prebuilt'] }): RelayedPage {
  const copy = page.prebuilt.anonymous;
  const { template: given } = page;
  const templateBytes = typeof given === 'string' ? Buffer.byteLength(given) : given.byteLength;
  const memory = new Uint8Array(templateBytes + sizeOf(viewsOf({ template: EMPTY, prebuilt: page.prebuilt })));
  let at = 0;
  const put = (view: Uint8Array): Uint8Array => {
    memory.set(view, at);
    at += view.byteLength;
    return memory.subarray(at - view.byteLength, at);
  };
  let template: Uint8Array;
  if (typeof given !== 'string') template = put(given);
  else {
    at = Buffer.from(memory.buffer, 0, templateBytes).write(given, 'utf8');
    template = memory.subarray(0, at);
  }
  return {
    template,
    prebuilt: {
      ...page.prebuilt,
      parts: page.prebuilt.parts.map(put),
      ...(copy ? { anonymous: { ...copy, identity: put(copy.identity), gzip: copy.gzip && put(copy.gzip), br: copy.br && put(copy.br) } } : {}),
    },
  };
}

/** The memory of a `packed` page, when it is worth moving to the other thread instead of copying. */
export function transferablesOf(page: RelayedPage): ArrayBuffer[] {
  const memory = page.template.buffer;
  const views = viewsOf(page);
  // Moving memory that anything else also uses would empty it there: only the page's own.
  const own = memory instanceof ArrayBuffer && views.every((view) => view.buffer === memory) && sizeOf(views) === memory.byteLength;
  return own && memory.byteLength >= TRANSFER_MIN_BYTES ? [memory] : [];
}

function viewsOf(page: RelayedPage): Uint8Array[] {
  const copy = page.prebuilt.anonymous;
  const copies = copy ? [copy.identity, copy.gzip, copy.br].filter((view): view is Uint8Array => view !== undefined) : [];
  return [page.template, ...page.prebuilt.parts, ...copies];
}

const sizeOf = (views: Uint8Array[]): number => views.reduce((size, view) => size + view.byteLength, 0);

const asBuffer = (view: Uint8Array): Buffer => Buffer.from(view.buffer, view.byteOffset, view.byteLength);

function prebuiltOf(page: RelayedPage): Prebuilt {
  const { parts, personal, copyOnly, anonymous: copy } = page.prebuilt;
  return {
    parts: parts.map(asBuffer),
    personal,
    ...(copyOnly ? { copyOnly } : {}),
    ...(copy
      ? { anonymous: { ...copy, identity: asBuffer(copy.identity), gzip: copy.gzip && asBuffer(copy.gzip), br: copy.br && asBuffer(copy.br) } }
      : {}),
  };
}

/** The header a render thread marks a page with (never sent to a visitor). */
export const RELAY_HEADER = 'x-blattwerk-relayed-page';

interface RelayMeta {
  status: number;
  contentType: string;
  headers?: Record<string, string>;
  sharedMaxAge?: number;
  tags?: readonly string[];
  maxAgeMs?: number;
  cacheable: boolean;
  own?: true;
  who: Who;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

/**
 * A relayed page as the cache takes it. Its text is decoded from the template only if someone
 * reads it (a signed-in visitor's copy): a relayed page comes with its entry built
 * (`prebuilt`), so a cookie-less one never is.
 *
 * A class, not an object literal with `get body()` closing over the template: V8 gives each
 * such literal a hidden class of its own that holds its getter, and keeps recent hidden
 * classes alive, so every relayed page's buffers outlived young collections. The event loop
 * kept ~12 MB of them a second under a search flood, freed only by its full collections,
 * which they made come every ~12 s (bench/PROFILE.md section 13).
 */
class RelayedResult implements PageResult {
  readonly status: number;
  readonly contentType: string;
  declare headers?: Record<string, string>;
  declare sharedMaxAge?: number;
  declare tags?: readonly string[];
  declare maxAgeMs?: number;
  declare own?: true;
  private text: string | undefined;

  constructor(
    private readonly template: Buffer,
    meta: RelayMeta,
  ) {
    this.status = meta.status;
    this.contentType = meta.contentType;
    if (meta.headers) this.headers = meta.headers;
    if (meta.sharedMaxAge !== undefined) this.sharedMaxAge = meta.sharedMaxAge;
    if (meta.tags) this.tags = meta.tags;
    if (meta.maxAgeMs !== undefined) this.maxAgeMs = meta.maxAgeMs;
    if (meta.own) this.own = true;
  }

  get body(): string {
    return (this.text ??= this.template.toString('utf8'));
  }
}

/**
 * Sends what a render thread answered. A page comes as its template: it is cached (when it
 * may be) and written for this visitor like any cached page; anything else as it came.
 */
export function sendRelayed(sender: PageSender, request: IncomingMessage, res: ServerResponse, answer: { status: number; headers: OutgoingHttpHeaders; body: Buffer; page?: RelayedPage | undefined }): void {
  const head = request.method === 'HEAD';
  const marked = answer.headers[RELAY_HEADER];
  if (typeof marked !== 'string') {
    const headers: OutgoingHttpHeaders = {};
    for (const name in answer.headers) if (!HOP_BY_HOP.has(name)) headers[name] = answer.headers[name];
    headers['content-length'] = answer.body.length;
    res.writeHead(answer.status, headers);
    res.end(head ? undefined : answer.body);
    return;
  }
  const meta = JSON.parse(decodeURIComponent(marked)) as RelayMeta; // URI-encoded: names need not be Latin-1
  const relayed = answer.page;
  const result = new RelayedResult(relayed ? asBuffer(relayed.template) : answer.body, meta);
  const prebuilt = relayed ? prebuiltOf(relayed) : undefined;
  const url = request.url ?? '/';
  const cacheable = sender.enabled && meta.cacheable && meta.status === 200 && !head;
  const { page, stored } = cacheable ? sender.cache.setIfFresh(url, stampOf(request), result, prebuilt) : { page: new CachedPage(result, prebuilt), stored: false };
  const sid = sessionCookieOf(request);
  if (sid) sender.who?.remember(sid, meta.who);
  write(res, request, page, sender, !stored, meta.who);
  if (!head && meta.status === 200) sender.views?.count(url, request.headers['user-agent']);
}

/**
 * Whether a render thread's answer is one visitor's own page (`PageInput.own`): a render
 * begun for another request must not answer it (threads.ts `createRelay`).
 */
export function isOwnRelayed(answer: { headers: OutgoingHttpHeaders }): boolean {
  const marked = answer.headers[RELAY_HEADER];
  return typeof marked === 'string' && (JSON.parse(decodeURIComponent(marked)) as RelayMeta).own === true;
}

/** What a page's "who is writing" section shows for this caller. */
export function whoOf(caller: Caller | undefined): Who {
  if (caller?.kind === 'staff') return { name: caller.staff.name };
  if (caller?.kind === 'reader') return { name: caller.reader.name };
  return null;
}

export interface PageResult extends PageInput {
  /** False for pages that differ per query in unbounded ways (search) or per visitor. */
  cacheable?: boolean;
}

type Incoming = Pick<IncomingMessage, 'headers' | 'method'>;

const SESSION_PATTERN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);

export function sessionCookieOf(request: Incoming): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return SESSION_PATTERN.exec(header)?.[1];
}

/**
 * The encoding a visitor is sent. A cached (shared) copy is compressed well in both, and
 * brotli is the smaller. A one-off copy is compressed for this visitor alone, cheaply: gzip at
 * level 1 where the visitor takes it, as small as brotli at quality 1 for a page like a search
 * (2,896 against 3,035 bytes for the demo's), no slower (34 µs against 37–99 µs), and through
 * an engine kept for the next page (gzip.ts) instead of one made, and left to a full
 * collection, per page.
 */
function preferredEncoding(header: string | string[] | undefined, oneOff: boolean): Encoding {
  if (typeof header !== 'string') return null;
  const gzip = header.includes('gzip');
  if (oneOff && gzip) return 'gzip';
  if (header.includes('br')) return 'br';
  return gzip ? 'gzip' : null;
}

/**
 * Writes a page to the socket: the hot path, kept free of work. False (nothing written)
 * when the page depends on who the visitor is and that is not known yet.
 */
function write(res: ServerResponse, request: Incoming, page: CachedPage, sender: PageSender, once = false, known?: Who): boolean {
  const csrf = sender.csrf;
  const sid = sessionCookieOf(request);
  const status = page.input.status;
  const head = request.method === 'HEAD';
  if (!sid) {
    // Cookie-less: everything was built with the copy (bodies, headers); only bytes move.
    const copy = page.anonymous(csrf.anonymousToken(), once);
    const prepared = copy.response(preferredEncoding(request.headers['accept-encoding'], !copy.shared));
    if (status === 200 && request.headers['if-none-match'] === copy.etag) {
      res.writeHead(304, prepared.notModified as OutgoingHttpHeaders);
      res.end();
      return true;
    }
    res.writeHead(status, prepared.headers as OutgoingHttpHeaders);
    res.end(head ? undefined : prepared.body);
    return true;
  }
  let name: string | null = null;
  if (page.personal) {
    const who = known !== undefined ? known : sender.who ? sender.who.recall(sid) : null;
    if (who === undefined) return false;
    name = who?.name ?? null;
  }
  const token = csrf.tokenFor(sid);
  const etag = page.etagFor(token, name);
  const headers: OutgoingHttpHeaders = {
    ...SECURITY_HEADERS,
    ...page.input.headers,
    'content-type': page.input.contentType,
    etag,
    'cache-control': page.input.own ? OWN_CACHE_CONTROL : 'private, no-cache',
    vary: varyOf(page.input.headers),
  };
  if (status === 200 && request.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  const body = name === null ? page.splice(token) : page.spliceFor(token, name);
  headers['content-length'] = body.length;
  res.writeHead(status, headers);
  res.end(head ? undefined : body);
  return true;
}

/**
 * Answers a GET or HEAD from the page cache if it can; false means "not here, route it".
 * Runs before Fastify sees the request.
 */
const CHECKED = Symbol('page-cache-checked');
/** Where the cache's drops stood when a miss was found (`PageCache.stamp`): see `setIfFresh`. */
const STAMP = Symbol('page-cache-stamp');
type Marked = IncomingMessage & { [CHECKED]?: true; [STAMP]?: number };
const stampOf = (request: Pick<IncomingMessage, 'headers'>): number | undefined => (request as Marked)[STAMP];

const ACTIVITY_JSON = /application\/(?:activity|ld)\+json/;

/** Federation (issue 13): the request asks for ActivityPub JSON, not the page (an actor, a note). */
export const asksForActivityJson = (request: Incoming): boolean => ACTIVITY_JSON.test(request.headers.accept ?? '');

export function answerFromCache(sender: PageSender, request: IncomingMessage, res: ServerResponse): boolean {
  if (!sender.enabled) return false;
  const method = request.method;
  const url = request.url;
  if ((method !== 'GET' && method !== 'HEAD') || !url) return false;
  // Federation (issue 13): the home and author pages asked for as ActivityPub are actors, not HTML.
  if (asksForActivityJson(request)) return false;
  const page = sender.cache.peek(url);
  // A stale page (a like since it was rendered) is sent to everyone but the one GET that
  // renders it again (stale-while-revalidate, `PageCache.claimRefresh`).
  if (!page || (method === 'GET' && sender.cache.claimRefresh(page))) {
    sender.cache.misses++;
    (request as Marked)[CHECKED] = true;
    (request as Marked)[STAMP] = sender.cache.stamp();
    return false;
  }
  // Not yet known who this session is: route it; the hook below answers once it is.
  if (!write(res, request, page, sender)) return false;
  sender.cache.hit(page);
  (request as Marked)[CHECKED] = true;
  if (method === 'GET') sender.views?.count(url, request.headers['user-agent']);
  return true;
}

/**
 * The same answer as a Fastify hook, for requests that did not come through our server
 * (`app.inject()` in tests, a server created elsewhere); skipped when already checked.
 */
export function registerPageCache(app: FastifyInstance, sender: PageSender): void {
  app.addHook('onRequest', (request, reply, done) => {
    if ((request.raw as Marked)[CHECKED]) return done();
    if (answerFromCache(sender, request.raw, reply.raw)) {
      reply.hijack();
      return;
    }
    done();
  });
}

/**
 * Sends a rendered page; answers `reply`, which a route returns (`return sendPage(…)`) so
 * that Fastify knows the answer is under way: an async handler that resolved with nothing
 * while the relayed answer was still in its onSend hooks had Fastify send a second time.
 */
export function sendPage(sender: PageSender, request: FastifyRequest, reply: FastifyReply, result: PageResult): FastifyReply {
  if (sender.relay) {
    const meta: RelayMeta = {
      status: result.status,
      contentType: result.contentType,
      ...(result.headers ? { headers: result.headers } : {}),
      ...(result.sharedMaxAge !== undefined ? { sharedMaxAge: result.sharedMaxAge } : {}),
      ...(result.tags ? { tags: result.tags } : {}),
      ...(result.maxAgeMs !== undefined ? { maxAgeMs: result.maxAgeMs } : {}),
      cacheable: result.cacheable !== false && !result.own,
      ...(result.own ? { own: true as const } : {}),
      who: whoOf(request.caller),
    };
    const relayId = request.headers[RELAY_ID_HEADER];
    if (typeof relayId === 'string' && sender.relayed) {
      // The entry is built here, off the main thread's event loop: the template split at its
      // holes, the cookie-less copy spliced, hashed and compressed (see `CachedPage.prebuild`).
      const shared = sender.relayCaches === true && meta.cacheable && result.status === 200 && request.headers[RELAY_ONCE_HEADER] !== '1';
      const prebuilt = new CachedPage(result).prebuild(sender.csrf.anonymousToken(), shared, preferredEncoding(request.headers['accept-encoding'], !shared));
      // A one-off page for a cookie-less reader (a search) crosses as its copy alone: the main
      // thread neither stores it nor splices it for anyone, and the template and its parts were
      // two thirds of what crossed, in memory that counts towards both threads' collections.
      const copyOnly = !shared && sessionCookieOf(request) === undefined && prebuilt.anonymous !== undefined;
      sender.relayed.set(relayId, packed(copyOnly ? { template: EMPTY, prebuilt: { ...prebuilt, parts: [], copyOnly } } : { template: result.body, prebuilt }));
      return reply.code(result.status).header(RELAY_HEADER, encodeURIComponent(JSON.stringify(meta))).type(result.contentType).send(EMPTY);
    }
    // A Buffer, so that no hook splices the holes: the main thread fills them per visitor.
    return reply.code(result.status).header(RELAY_HEADER, encodeURIComponent(JSON.stringify(meta))).type(result.contentType).send(Buffer.from(result.body));
  }
  const cacheable = sender.enabled && result.cacheable !== false && !result.own && result.status === 200 && request.method === 'GET';
  const { page, stored } = cacheable ? sender.cache.setIfFresh(request.url, stampOf(request.raw), result) : { page: new CachedPage(result), stored: false };
  reply.hijack();
  write(reply.raw, request.raw, page, sender, !stored, whoOf(request.caller));
  if (request.method === 'GET' && result.status === 200) sender.views?.count(request.url, request.headers['user-agent']);
  return reply;
}

/** Fills the holes of a page for one visitor without caching it (error pages). */
export function spliceForVisitor(body: string, csrf: Csrf, request: Incoming, who: Who = null): string {
  return fillWho(body, who?.name ?? null).split(CSRF_HOLE).join(csrf.tokenFor(sessionCookieOf(request)));
}

/**
 * Which cached pages each event drops. A comment or a like on article A drops A's pages
 * (and, for a comment, the listings that show A's comment count); other articles, tag and
 * author pages and feeds stay cached. Content, taxonomy and settings changes drop more.
 *
 * A like or a new comment only marks A's pages stale (`PageCache.markStale`): they are still
 * sent while one request renders them again, once a second for likes, at the next request for
 * a comment. Under a live discussion (50 likes and 10 comments a second) dropping them made
 * every reader of A wait for a render, and a page rendered while the next drop came was not
 * kept, so A was hardly ever cached. Their own action each visitor sees at once on an address
 * the cache does not keep (`?posted=1`, `?liked=ID`: discussion/routes.ts). An edit or a
 * removal drops at once: a removed comment is never sent again from the cache.
 *
 * @example
 *   invalidateOnEvents(bus, pages.cache);
 */
export function invalidateOnEvents(bus: Pick<EventBus, 'on'>, cache: Pick<PageCache, 'drop' | 'clear' | 'dropWhere' | 'markStale'>): void {
  const article = (id: number) => [`article:${id}`, `shows:${id}`, 'listing'];
  bus.on('article.saved', ({ articleId }) => void cache.drop(article(articleId), { untagged: true }));
  bus.on('article.published', ({ articleId }) => void cache.drop(article(articleId), { untagged: true }));
  bus.on('article.deleted', ({ articleId }) => void cache.drop(article(articleId), { untagged: true }));
  // Names of authors and tags, and the site's settings, show on every page.
  bus.on('taxonomy.changed', () => cache.clear());
  // The design section says itself what it changed (design.changed below).
  bus.on('settings.changed', ({ keys }) => void (keys.every((key) => key === 'design') || cache.clear()));
  // A layout or a home box: the home page and its further pages. Logo, colours, fonts, CSS:
  // the frame of every HTML page; feeds, sitemaps and JSON stay cached.
  bus.on('design.changed', ({ scope }) =>
    void (scope === 'home' ? cache.drop(['home'], { untagged: false }) : cache.dropWhere((page) => page.contentType.startsWith('text/html'))),
  );
  bus.on('comment.published', ({ articleId }) => {
    cache.markStale([`article:${articleId}`], { urgent: true });
    cache.markStale([`counts:${articleId}`], { urgent: false });
  });
  bus.on('comment.updated', ({ articleId }) => void cache.drop([`article:${articleId}`, `counts:${articleId}`], { untagged: false }));
  bus.on('comment.liked', ({ articleId }) => void cache.markStale([`article:${articleId}`], { urgent: false }));
}
