/**
 * Public routes. Each parses and validates its parameters, asks the site service for the
 * page and sends it through the page cache. Malformed parameters are a 400, unknown
 * slugs a 404, old slugs a 301 to the article's current address.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import type { ContentService } from '../content/index.js';
import type { Rendered, Site } from './service.js';
import type { SiteLegalDeps } from './legal.js';
import { AppError } from '../platform/errors.js';
import { isLanguage, LANGUAGES } from '../platform/i18n.js';
import { sendPage } from '../platform/pages.js';
import { registerLegalRoutes } from './legal.js';

/** What this module needs from the composition root. */
export type SiteRoutesDeps = Pick<PlatformDeps, 'pages'> & {
  content: ContentService;
  site: Site;
  /** Where an imported site's old address now lives (migrate-in's redirects), or null. */
  legacyRedirect: (url: string) => Promise<string | null>;
} & SiteLegalDeps;

const HTML = 'text/html; charset=utf-8';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PUBLIC = { config: { access: 'public' as const } };
/** How long a search page is sent from the page cache at most (see the search route). */
export const SEARCH_CACHE_MS = 5_000;

export function parsePageNumber(raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) throw new AppError('BAD_REQUEST', { field: 'page', detail: 'page must be a positive whole number' });
  return Number(raw);
}

const NEGOTIATED = /^\/(?:author\/[a-z0-9-]+\/)?(?:\?|$)/;

export function registerSiteRoutes(app: FastifyInstance, services: SiteRoutesDeps): void {
  const { site, pages } = services;
  // The home page and author pages are also ActivityPub actors (issue 13, federation/routes.ts):
  // a shared cache must not hand their HTML to a server that asked for JSON.
  const send = (request: FastifyRequest, reply: FastifyReply, page: Rendered) =>
    sendPage(pages, request, reply, {
      status: 200, contentType: HTML, body: page.html, tags: page.tags, headers: NEGOTIATED.test(request.url) ? { vary: 'Accept' } : undefined, ...(page.own ? { own: true } : {}),
    });
  // migrate-in (issue 7): an imported site's old addresses (`/?p=123`, `/2025/02/13/slug/`,
  // `/category/x/`, `/feed/`) answer 301 where we would otherwise answer 404.
  const notFound = async (request: FastifyRequest, reply: FastifyReply) => {
    const slashed = slashedTarget(app, request.url);
    if (slashed) return reply.redirect(slashed, 301);
    const target = await services.legacyRedirect(request.url);
    if (target) return reply.redirect(target, 301);
    throw new AppError('NOT_FOUND');
  };

  app.get('/', PUBLIC, async (request, reply) => {
    if (request.url !== '/') {
      const lang = (request.query as { lang?: unknown }).lang;
      if (lang !== undefined) {
        if (!isLanguage(lang)) throw new AppError('BAD_REQUEST', { field: 'lang', detail: 'lang must be de or en' });
        return reply.redirect(`/${lang}/`, 301);
      }
      const target = await services.legacyRedirect(request.url); // migrate-in: `/?p=123`
      if (target) return reply.redirect(target, 301);
    }
    return send(request, reply, await site.home(1));
  });

  // Issue 12: one language's articles (`/en/`, `/de/`); `/?lang=en` is the same page.
  for (const lang of LANGUAGES) {
    app.get(`/${lang}/`, PUBLIC, async (request, reply) => send(request, reply, await site.home(1, lang)));
    app.get<{ Params: { n: string } }>(`/${lang}/page/:n/`, PUBLIC, async (request, reply) => {
      const page = parsePageNumber(request.params.n);
      if (page === 1) return reply.redirect(`/${lang}/`, 301);
      return send(request, reply, await site.home(page, lang));
    });
  }

  app.get<{ Params: { n: string } }>('/page/:n/', PUBLIC, async (request, reply) => {
    const page = parsePageNumber(request.params.n);
    if (page === 1) return reply.redirect('/', 301);
    return send(request, reply, await site.home(page));
  });

  for (const kind of ['tag', 'author'] as const) {
    const handler = async (request: FastifyRequest<{ Params: { slug: string; n?: string }; Querystring: { lang?: unknown } }>, reply: FastifyReply) => {
      const { slug, n } = request.params;
      const page = parsePageNumber(n);
      // Issue 12: `?lang=en` shows one language's articles.
      const lang = request.query.lang;
      if (lang !== undefined && !isLanguage(lang)) throw new AppError('BAD_REQUEST', { field: 'lang', detail: 'lang must be de or en' });
      if (n !== undefined && page === 1) return reply.redirect(`/${kind}/${slug}/${lang ? `?lang=${lang}` : ''}`, 301);
      if (!SLUG.test(slug)) return notFound(request, reply); // migrate-in
      const rendered = kind === 'tag' ? await site.tag(slug, page, lang) : await site.author(slug, page, lang);
      if (rendered === null) return notFound(request, reply); // migrate-in
      return send(request, reply, rendered);
    };
    app.get(`/${kind}/:slug/`, PUBLIC, handler);
    app.get(`/${kind}/:slug/page/:n/`, PUBLIC, handler);
  }

  app.get<{ Querystring: { q?: string | string[]; page?: string } }>('/search', PUBLIC, async (request, reply) => {
    const q = request.query.q;
    if (Array.isArray(q)) throw new AppError('BAD_REQUEST', { field: 'q', detail: 'one search term at a time' });
    const page = parsePageNumber(request.query.page);
    const body = await site.search(q ?? '', page);
    // Cached like a listing, for 5 s at most: readers repeat popular searches. A change to
    // what is published drops the pages (`listing`), but the index follows a moment after
    // that event, so a page made in between would be stale: the 5 s bound it. The cache's
    // size bound and its eviction keep a flood of one-off queries from pushing out the pages
    // readers keep asking for (cache.ts).
    return sendPage(pages, request, reply, { status: 200, contentType: HTML, body, tags: ['listing'], maxAgeMs: SEARCH_CACHE_MS, sharedMaxAge: 5 });
  });

  registerLegalRoutes(app, services);

  async function articleHandler(request: FastifyRequest<{ Params: { slug: string }; Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    const { slug } = request.params;
    if (!SLUG.test(slug)) return notFound(request, reply); // migrate-in
    const result = await site.article(slug, request.query);
    if (result === null) return notFound(request, reply); // migrate-in
    if ('redirect' in result) return reply.redirect(`/${result.redirect}/`, 301);
    return send(request, reply, result);
  }
  app.get('/:slug/', PUBLIC, articleHandler);

  // Addresses typed without the trailing slash still arrive (only where there is a page).
  app.get<{ Params: { slug: string } }>('/:slug', PUBLIC, async (request, reply) => {
    const { slug } = request.params;
    if (!SLUG.test(slug)) return notFound(request, reply); // migrate-in
    if (!(await services.content.lookupPublic(slug))) return notFound(request, reply); // migrate-in
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/${slug}/${query}`, 301);
  });

  // migrate-in (issue 7): deeper old addresses no route knows (`/2025/02/13/slug/`, `/category/a/b/`).
  app.get('/*', PUBLIC, notFound);
}

/**
 * Every public path also answers without its trailing slash (`/tag/x`, `/author/x`,
 * `/impressum`, `/privacy/comments`): when the path plus `/` is a route other than the
 * catch-alls, a 301 goes there with the query kept. The catch-alls are `/*` (its `*`
 * parameter) and the one-segment article route `/:slug/`, which checks its slug itself.
 *
 * @example
 *   slashedTarget(app, '/tag/stadtrat?x=1'); // '/tag/stadtrat/?x=1'
 */
export function slashedTarget(app: FastifyInstance, url: string): string | null {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  if (path.endsWith('/') || path.startsWith('/api/') || !/^\/[^/\\]/.test(path)) return null; // never `//host`
  const found = app.findRoute({ method: 'GET', url: `${path}/` });
  if (!found) return null;
  const params = Object.keys(found.params as Record<string, string>);
  if (params.includes('*') || (!path.includes('/', 1) && params.length > 0)) return null;
  return `${path}/${at < 0 ? '' : url.slice(at)}`;
}
