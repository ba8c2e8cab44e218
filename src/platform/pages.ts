/**
 * Sending HTML pages through the page cache. `registerPageCache` answers cached anonymous
 * GETs before routing; `sendPage` is what a page route calls with its rendered result.
 * A visitor without cookies shares the precompressed anonymous copy (CDN-cacheable);
 * a visitor with a session cookie gets the template with their own CSRF token spliced in.
 *
 * @example
 *   app.get('/:slug/', { config: { access: 'public' } }, async (req, reply) =>
 *     sendPage(pages, req, reply, { status: 200, body: await renderArticle(req.params.slug) }));
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { CachedPage, PageCache, type PageInput } from './cache.js';
import { CSRF_HOLE, SESSION_COOKIE, type Csrf } from './csrf.js';
import { SECURITY_HEADERS } from './http.js';

export interface PageSender {
  cache: PageCache;
  csrf: Csrf;
  enabled: boolean;
}

export interface PageResult extends PageInput {
  /** False for pages that differ per query in unbounded ways (search) or per visitor. */
  cacheable?: boolean;
}

const SESSION_PATTERN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);

export function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return SESSION_PATTERN.exec(header)?.[1];
}

function preferredEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  if (typeof header !== 'string') return null;
  if (header.includes('br')) return 'br';
  if (header.includes('gzip')) return 'gzip';
  return null;
}

/** Writes a cached page straight to the socket: this is the hot path, kept free of work. */
function write(res: ServerResponse, request: FastifyRequest, page: CachedPage, csrf: Csrf, once = false): void {
  const sid = sessionCookieOf(request);
  const { status, contentType, headers: extra, sharedMaxAge = 60 } = page.input;
  const head = request.method === 'HEAD';
  if (!sid) {
    const copy = page.anonymous(csrf.anonymousToken(), once);
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      ...extra,
      'content-type': contentType,
      etag: copy.etag,
      'cache-control': `public, max-age=0, must-revalidate, s-maxage=${sharedMaxAge}`,
      vary: 'Accept-Encoding, Cookie',
    };
    if (request.headers['if-none-match'] === copy.etag && status === 200) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    const body = encoding === 'br' ? copy.br : encoding === 'gzip' ? copy.gzip : copy.identity;
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    res.writeHead(status, headers);
    res.end(head ? undefined : body);
    return;
  }
  const token = csrf.tokenFor(sid);
  const etag = page.etagFor(token);
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    ...extra,
    'content-type': contentType,
    etag,
    'cache-control': 'private, no-cache',
    vary: 'Accept-Encoding, Cookie',
  };
  if (request.headers['if-none-match'] === etag && status === 200) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = page.splice(token);
  headers['content-length'] = body.length;
  res.writeHead(status, headers);
  res.end(head ? undefined : body);
}

export function registerPageCache(app: FastifyInstance, sender: PageSender): void {
  if (!sender.enabled) return;
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    const page = sender.cache.get(request.url);
    if (!page) return done();
    reply.hijack();
    write(reply.raw, request, page, sender.csrf);
  });
}

export function sendPage(sender: PageSender, request: FastifyRequest, reply: FastifyReply, result: PageResult): void {
  const cacheable = sender.enabled && result.cacheable !== false && result.status === 200 && request.method === 'GET';
  const page = cacheable ? sender.cache.set(request.url, result) : new CachedPage(result);
  reply.hijack();
  write(reply.raw, request, page, sender.csrf, !cacheable);
}

/** Fills the holes of a page for one visitor without caching it (error pages). */
export function spliceForVisitor(body: string, csrf: Csrf, request: FastifyRequest): string {
  return body.split(CSRF_HOLE).join(csrf.tokenFor(sessionCookieOf(request)));
}
