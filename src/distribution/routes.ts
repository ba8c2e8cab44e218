/**
 * Feeds (`/feed.xml`, `/atom.xml`, `/feed.json`, and each under `/tag/:slug/` and
 * `/author/:slug/`), `/sitemap.xml` and `/robots.txt`. Responses come from a small cache
 * that the content events clear, with a weak ETag, 304 answers and gzip.
 *
 * @example
 *   registerDistributionRoutes(app, services);
 *   await app.inject({ url: '/tag/stadtrat/atom.xml' }); // 200 application/atom+xml, or 404
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import type { ContentService, CorrectionsService } from '../content/index.js';
import type { MediaService } from '../media/index.js';
import { LANGUAGES } from '../platform/i18n.js';
import { ResponseCache, acceptsGzip, etagMatches, type CachedResponse } from './cache.js';
import { atom1, jsonFeed, rss2, type FeedInfo } from './feeds.js';
import type { FeedItem } from './entries.js';
import { createDistributionService, type FeedScope } from './service.js';
import { robotsTxt } from './sitemap.js';

/** What this module needs from the composition root. */
export type DistributionRoutesDeps = Pick<PlatformDeps, 'bus' | 'config' | 'now' | 'settings'> & { content: ContentService; corrections: CorrectionsService; media: MediaService };

export const MAX_AGE_SECONDS = 300;

const FORMATS: Record<string, { type: string; render: (info: FeedInfo, items: FeedItem[]) => string }> = {
  'feed.xml': { type: 'application/rss+xml; charset=utf-8', render: rss2 },
  'atom.xml': { type: 'application/atom+xml; charset=utf-8', render: atom1 },
  'feed.json': { type: 'application/feed+json; charset=utf-8', render: jsonFeed },
};

const PUBLIC = { config: { access: 'public' as const } };
const SLUG_PARAMS = {
  ...PUBLIC,
  schema: { params: { type: 'object', properties: { slug: { type: 'string', maxLength: 200 } }, required: ['slug'] } },
};

function send(request: FastifyRequest, reply: FastifyReply, response: CachedResponse | null) {
  if (!response) return reply.callNotFound();
  // Security headers (nosniff, a policy that allows nothing) come from platform/headers.ts.
  reply
    .header('etag', response.etag)
    .header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`)
    .header('vary', 'Accept-Encoding');
  if (etagMatches(request.headers['if-none-match'], response.etag)) return reply.code(304).send();
  reply.type(response.type);
  if (acceptsGzip(request.headers['accept-encoding'])) {
    return reply.header('content-encoding', 'gzip').header('content-length', response.gzip.length).send(response.gzip);
  }
  return reply.header('content-length', response.body.length).send(response.body);
}

/**
 * Registers the feed, sitemap and robots routes and clears their cache on content events.
 *
 * @example
 *   registerDistributionRoutes(app, services);
 */
export function registerDistributionRoutes(app: FastifyInstance, services: DistributionRoutesDeps): void {
  const { config, content, media, settings, bus } = services;
  const publicUrl = config.publicUrl;
  const distribution = createDistributionService({ publicUrl, content, media, settings, now: services.now, corrections: services.corrections });
  const cache = new ResponseCache({ ttlMs: MAX_AGE_SECONDS * 1000, clock: () => services.now().getTime() });
  for (const event of ['article.saved', 'article.deleted', 'taxonomy.changed'] as const) {
    bus.on(event, () => cache.clear());
  }
  // The design settings (logo, colours, layout) show in no feed or sitemap.
  bus.on('settings.changed', ({ keys }) => void (keys.every((key) => key === 'design') || cache.clear()));

  function feed(scope: FeedScope, file: string) {
    const format = FORMATS[file]!;
    const key = `${scope.kind}:${'slug' in scope ? scope.slug : (scope.lang ?? '')}:${file}`;
    return cache.get(key, async () => {
      const [data, { websubHub }] = await Promise.all([distribution.feed(scope), settings.get('distribution')]);
      if (!data) return null;
      // WebSub (issue 5): the hub is announced in every feed; settings.changed clears this cache.
      const info = websubHub ? { ...data.info, hubs: [websubHub] } : data.info;
      return { body: format.render(info, data.items), type: format.type };
    });
  }

  for (const file of Object.keys(FORMATS)) {
    app.get(`/${file}`, PUBLIC, async (request, reply) => send(request, reply, await feed({ kind: 'site' }, file)));
    // Issue 12: one language's feed, beside its listing (`/en/`).
    for (const lang of LANGUAGES) app.get(`/${lang}/${file}`, PUBLIC, async (request, reply) => send(request, reply, await feed({ kind: 'site', lang }, file)));
    for (const kind of ['tag', 'author'] as const) {
      app.get<{ Params: { slug: string } }>(`/${kind}/:slug/${file}`, SLUG_PARAMS, async (request, reply) =>
        send(request, reply, await feed({ kind, slug: request.params.slug }, file)),
      );
    }
  }

  app.get('/sitemap.xml', PUBLIC, async (request, reply) =>
    send(request, reply, await cache.get('sitemap', async () => ({ body: await distribution.sitemap(), type: 'application/xml; charset=utf-8' }))),
  );
  app.get('/robots.txt', PUBLIC, async (request, reply) =>
    send(request, reply, await cache.get('robots', async () => ({ body: robotsTxt(publicUrl), type: 'text/plain; charset=utf-8' }))),
  );
}
