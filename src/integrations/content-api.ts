/**
 * The Content API (issue 17): read-only JSON of what the site shows readers anyway, under
 * `/api/v1/content/`. Visibility is content's own (`listVisible`, `visibleArticle`: the
 * rule of the listings and the article page), so a draft, a scheduled or a deleted article
 * cannot appear here while the site hides it. No key is needed; a content key raises the
 * rate limits and lets the browser origins named on it read the answers (CORS). Answers
 * carry an ETag and are kept in a tagged cache that the page cache's events drop
 * (`invalidateOnEvents`), so a publish changes the ETag exactly when it changes the pages.
 *
 * @example
 *   registerContentApi(app, { bus, settings, limits, config, content, media, search, integrations });
 *   // GET /api/v1/content/articles?tag=stadtrat&limit=5&fields=id,title,url
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleSummary, ContentService, Keyset } from '../content/index.js';
import { mediaIdsOf, renderBody } from '../content/index.js';
import type { MediaService } from '../media/index.js';
import type { SearchService } from '../search/index.js';
import { PageCache } from '../platform/cache.js';
import type { PlatformDeps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { invalidateOnEvents } from '../platform/pages.js';
import { authorsSchema, DEFAULT_LIMIT, ITEM_FIELDS, listSchema, MAX_LIMIT, settingsSchema, SINGLE_FIELDS, singleSchema, tagsSchema } from './content-schemas.js';
import { publicArticle, publicAuthor, publicItem, publicTag, pick, type ViewContext } from './content-view.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Integrations } from './service.js';

export type ContentApiDeps = Pick<PlatformDeps, 'bus' | 'settings' | 'limits' | 'config'> & {
  content: Pick<ContentService, 'listVisible' | 'visibleArticle' | 'store'>;
  media: Pick<MediaService, 'getMany'>;
  search: Pick<SearchService, 'search'>;
  integrations: Pick<Integrations, 'byContentKey' | 'originAllowed'>;
};

interface ListQuery {
  tag?: string;
  author?: string;
  language?: 'de' | 'en';
  updated_since?: string;
  q?: string;
  order?: 'date' | 'relevance';
  limit?: string;
  cursor?: string;
  fields?: string;
  key?: string;
}

/** Search hits ranked for `q` that a relevance page is cut from. */
const MAX_RANKED = 500;
const PUBLIC = { access: 'public' as const };

/** The fields asked for, or null for all; an unknown one is a 400 naming `fields`. */
export function parseFields(text: string | undefined, allowed: readonly string[]): string[] | null {
  if (text === undefined) return null;
  const fields = [...new Set(text.split(',').map((f) => f.trim()).filter(Boolean))];
  const unknown = fields.find((field) => !allowed.includes(field));
  if (fields.length === 0 || unknown !== undefined) throw new AppError('VALIDATION', { field: 'fields', detail: unknown ? `unknown field ${unknown}` : 'no field named' });
  return fields;
}

export function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new AppError('VALIDATION', { field: 'limit', detail: `1 to ${MAX_LIMIT}` });
  return limit;
}

function parseSince(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new AppError('VALIDATION', { field: 'updated_since' });
  return date;
}

/** The request's URL without the key: every key (and none) shares one cached answer. */
function cacheKeyOf(request: FastifyRequest): string {
  const url = new URL(request.url, 'http://x');
  url.searchParams.delete('key');
  url.searchParams.sort();
  return `${url.pathname}?${url.searchParams.toString()}`;
}

export function registerContentApi(app: FastifyInstance, deps: ContentApiDeps): void {
  const { content, settings, config } = deps;
  const publicUrl = config.publicUrl.replace(/\/$/, '');
  // The same tags and events as the page cache (platform/pages.ts): what drops a page drops its JSON.
  const cache = new PageCache({ maxEntries: 2000 });
  invalidateOnEvents(deps.bus, cache);

  async function viewContext(items: readonly { featuredMediaId: number | null }[], more: number[] = []): Promise<ViewContext> {
    const ids = [...items.flatMap((i) => (i.featuredMediaId !== null ? [i.featuredMediaId] : [])), ...more];
    return { publicUrl, media: await deps.media.getMany(ids) };
  }

  /**
   * Key, CORS, rate limit, cache and ETag around one answer. Only answers the cache does
   * not hold count against the rate limit: they are the ones that cost the database.
   */
  async function answer(request: FastifyRequest, reply: FastifyReply, build: () => Promise<{ body: unknown; tags?: string[] }>) {
    const given = (request.query as { key?: string }).key ?? request.headers['x-content-key'];
    const keyText = typeof given === 'string' ? given : undefined;
    const integration = keyText ? await deps.integrations.byContentKey(keyText) : null;
    if (keyText && !integration) throw new AppError('UNAUTHORIZED', { field: 'key' });
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    if (integration && typeof origin === 'string' && integration.corsOrigins.includes(origin)) {
      reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', 'ETag');
    }
    const key = cacheKeyOf(request);
    let page = cache.get(key);
    if (!page) {
      await deps.limits.limit(integration ? 'content-key' : 'content', integration ? `integration:${integration.id}` : request.caller.ipHash);
      const built = await build();
      page = cache.set(key, { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(built.body), ...(built.tags ? { tags: built.tags } : {}) });
    }
    const copy = page.anonymous('');
    reply.header('etag', copy.etag).header('cache-control', 'public, max-age=0, must-revalidate, s-maxage=60');
    if (request.headers['if-none-match'] === copy.etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(copy.identity);
  }

  async function rankedIds(q: string): Promise<number[]> {
    const ids: number[] = [];
    for (let page = 1; ids.length < MAX_RANKED; page++) {
      const results = await deps.search.search(q, { page, perPage: 100 });
      ids.push(...results.items.map((item) => item.articleId));
      if (results.items.length < 100) break;
    }
    return ids.slice(0, MAX_RANKED);
  }

  async function list(kind: 'article' | 'page', query: ListQuery) {
    const limit = parseLimit(query.limit);
    const fields = parseFields(query.fields, ITEM_FIELDS);
    const order = query.order ?? (query.q ? 'relevance' : 'date');
    if (order === 'relevance' && !query.q) throw new AppError('VALIDATION', { field: 'order', detail: 'relevance needs q' });
    const cursor = query.cursor !== undefined ? decodeCursor(query.cursor, order) : null;
    const updatedSince = parseSince(query.updated_since);
    const tag = query.tag !== undefined ? await content.store.tagBy('slug', query.tag) : undefined;
    const author = query.author !== undefined ? await content.store.authorBy('slug', query.author) : undefined;
    let items: ArticleSummary[] = [];
    let next: string | null = null;
    // A tag or author nobody has: nothing carries it.
    if (tag !== null && author !== null) {
      const filter = {
        kind, ...(query.language ? { lang: query.language } : {}), ...(updatedSince ? { updatedSince } : {}),
        ...(tag ? { tagId: tag.id } : {}), ...(author ? { authorId: author.id } : {}),
        ...(query.q ? { ids: await rankedIds(query.q) } : {}),
      };
      if (order === 'relevance') {
        const ranked = filter.ids ?? [];
        const visible = new Map((await content.listVisible({ ...filter, limit: MAX_RANKED })).map((item) => [item.id, item]));
        const inOrder = ranked.flatMap((id) => visible.get(id) ?? []);
        const offset = cursor?.order === 'relevance' ? cursor.offset : 0;
        items = inOrder.slice(offset, offset + limit);
        if (offset + limit < inOrder.length) next = encodeCursor({ order: 'relevance', offset: offset + limit });
      } else {
        const after: Keyset | null = cursor?.order === 'date' ? { publishedAt: cursor.publishedAt, id: cursor.id } : null;
        const rows = await content.listVisible({ ...filter, limit: limit + 1 }, after);
        items = rows.slice(0, limit);
        const last = items[items.length - 1];
        if (rows.length > limit && last?.publishedAt) next = encodeCursor({ order: 'date', publishedAt: last.publishedAt.toISOString(), id: last.id });
      }
    }
    const ctx = await viewContext(items);
    return { items: items.map((item) => pick(publicItem(item, ctx), fields)), meta: { limit, next } };
  }

  async function single(kind: 'article' | 'page', ref: string, query: { fields?: string }) {
    const fields = parseFields(query.fields, SINGLE_FIELDS);
    const article = await content.visibleArticle(ref, kind);
    const avatars = article.authors.flatMap((a) => (a.avatarMediaId !== null ? [a.avatarMediaId] : []));
    const ctx = await viewContext([article], [...mediaIdsOf(article.body), ...avatars]);
    const donation = await settings.get('donation');
    const html = renderBody(article.body, { lang: article.lang, media: ctx.media, supportUrl: `${publicUrl}/support/`, donationText: donation.appeal }).toString();
    return { item: pick(publicArticle(article, ctx, html), fields), id: article.id };
  }

  // A browser sending the key as a header asks first (CORS preflight); the key itself is not
  // in that request, so an origin listed on any live integration is let through. The GET
  // then answers the CORS header only when its own key lists the origin.
  app.options('/api/v1/content/*', { config: PUBLIC, schema: { hide: true, response: { 204: { type: 'null', description: 'CORS preflight' } } } }, async (request, reply) => {
    const origin = request.headers.origin;
    reply.header('vary', 'Origin').header('cache-control', 'no-store');
    if (typeof origin === 'string' && (await deps.integrations.originAllowed(origin))) {
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'GET, HEAD')
        .header('access-control-allow-headers', 'x-content-key, if-none-match')
        .header('access-control-max-age', '600');
    }
    return reply.code(204).send();
  });

  app.get<{ Querystring: ListQuery }>('/api/v1/content/articles', { config: PUBLIC, schema: listSchema('articles', 'Published articles, newest first or by relevance') }, (request, reply) =>
    answer(request, reply, async () => {
      const { items, meta } = await list('article', request.query);
      return { body: { articles: items, meta }, tags: ['listing'] };
    }),
  );

  app.get<{ Params: { idOrSlug: string }; Querystring: { fields?: string } }>(
    '/api/v1/content/articles/:idOrSlug',
    { config: PUBLIC, schema: singleSchema('article', 'One published article by id or slug, with its HTML and blocks') },
    (request, reply) =>
      answer(request, reply, async () => {
        const { item, id } = await single('article', request.params.idOrSlug, request.query);
        return { body: { article: item }, tags: [`article:${id}`] };
      }),
  );

  app.get<{ Querystring: ListQuery }>('/api/v1/content/pages', { config: PUBLIC, schema: listSchema('pages', 'Published pages (imprint, about, …)') }, (request, reply) =>
    answer(request, reply, async () => {
      const { items, meta } = await list('page', request.query);
      return { body: { pages: items, meta }, tags: ['listing'] };
    }),
  );

  app.get<{ Params: { idOrSlug: string }; Querystring: { fields?: string } }>(
    '/api/v1/content/pages/:idOrSlug',
    { config: PUBLIC, schema: singleSchema('page', 'One published page by id or slug, with its HTML and blocks') },
    (request, reply) =>
      answer(request, reply, async () => {
        const { item, id } = await single('page', request.params.idOrSlug, request.query);
        return { body: { page: item }, tags: [`article:${id}`] };
      }),
  );

  // Untagged: any change to content, taxonomy or settings drops them.
  app.get('/api/v1/content/tags', { config: PUBLIC, schema: tagsSchema }, (request, reply) =>
    answer(request, reply, async () => ({ body: { tags: (await content.store.allTags()).map((tag) => publicTag(tag, publicUrl)) } })),
  );

  app.get('/api/v1/content/authors', { config: PUBLIC, schema: authorsSchema }, (request, reply) =>
    answer(request, reply, async () => {
      const authors = await content.store.allAuthors();
      const ctx = await viewContext([], authors.flatMap((a) => (a.avatarMediaId !== null ? [a.avatarMediaId] : [])));
      return { body: { authors: authors.map((author) => publicAuthor(author, ctx)) } };
    }),
  );

  app.get('/api/v1/content/settings', { config: PUBLIC, schema: settingsSchema }, (request, reply) =>
    answer(request, reply, async () => {
      const site = await settings.get('site');
      return {
        body: {
          settings: {
            title: site.title, tagline: site.tagline, description: site.description, language: site.language, url: `${publicUrl}/`,
            navigation: site.navigation.map(({ label, url }) => ({ label, url })), social: site.social.map(({ label, url }) => ({ label, url })),
          },
        },
      };
    }),
  );
}
