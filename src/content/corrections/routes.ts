/**
 * Correction routes. Readers: `POST /api/v1/articles/:article/corrections` (JSON) and the
 * plain-HTML form at `/:slug/correction/`. Editors (owner, admin, editor; an author for
 * their own articles): the JSON inbox and decisions under `/api/v1/admin/`, and a small
 * server-rendered inbox at `/admin/corrections/`. Each route parses, calls one service
 * function and answers.
 *
 * @example
 *   registerCorrectionRoutes(app, services);
 *   await app.inject({ method: 'POST', url: '/api/v1/articles/stadtrat/corrections', headers: { 'x-csrf-token': token, origin },
 *     payload: { passage: 'Urkaine', replacement: 'Ukraine', kind: 'typo' } }); // 201 { id, status: 'open' }
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { ContentService, CorrectionsService } from '../../content/index.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import { appliedAnswer, dismissedAnswer, logAnswer, noteAnswer, suggestedAnswer, suggestionsAnswer } from './api-schemas.js';
import { sendPage } from '../../platform/pages.js';
import type { SafeHtml } from '../../platform/html.js';
import { ipHash } from '../../platform/privacy.js';
import type { Article } from '../types.js';
import { inboxMain, inboxPage, suggestFormPage, thanksPage, type FormValues, type Frame } from './pages.js';
import { DECIDING_ROLES, KINDS, LIMITS, STATUSES, type Staff } from './service.js';
import type { InboxRow } from './store.js';
import type { SuggestionStatus } from './tables.js';

/** What this module needs from the composition root. */
export type ContentCorrectionsRoutesDeps = Pick<PlatformDeps, 'limits' | 'now' | 'pages' | 'secret'> & {
  content: ContentService;
  corrections: CorrectionsService;
  site: { frame(): Promise<Frame> };
  /** Sends the inbox in the newsroom's frame (navigation, who is signed in), given by the admin capability; without it, the site's frame. */
  newsroom?: (request: FastifyRequest, reply: FastifyReply, page: { title: string; path: string; main: SafeHtml; stylesheets?: string[] }, status?: number) => Promise<unknown>;
};

const HTML = 'text/html; charset=utf-8';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[1-9][0-9]{0,9}$/;
const PUBLIC = { config: { access: 'public' as const } };
const EDITORS = { config: { access: 'staff' as const, roles: DECIDING_ROLES } };
const CHIEFS = { config: { access: 'staff' as const, roles: DECIDING_ROLES.filter((r) => r !== 'author') } };

// Schema limits are generous on purpose: the service's own limits give a coded error
// that names the field, which the JSON schema's message would not.
const text = (max: number) => ({ type: 'string', maxLength: max * 2 });
const SUGGESTION_SCHEMA = {
  type: 'object',
  required: ['passage', 'replacement', 'kind'],
  properties: {
    passage: text(LIMITS.passage),
    replacement: text(LIMITS.replacement),
    kind: { type: 'string', enum: [...KINDS] },
    note: text(LIMITS.note),
    name: text(LIMITS.name),
    email: text(LIMITS.email),
  },
  additionalProperties: false,
};
const ID_PARAMS = { type: 'object', properties: { id: { type: 'string', pattern: ID.source } }, required: ['id'] };
const STATUS_QUERY = { type: 'object', properties: { status: { type: 'string', enum: [...STATUSES] } }, additionalProperties: false };

function toJson(row: InboxRow) {
  return {
    id: row.id,
    article: { id: row.article_id, slug: row.article_slug, title: row.article_title },
    passage: row.passage,
    replacement: row.replacement,
    kind: row.kind,
    note: row.note,
    place: { block: row.block_index, field: row.field },
    reader: { name: row.reader_name, email: row.reader_email },
    status: row.status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  };
}

export function registerCorrectionRoutes(app: FastifyInstance, services: ContentCorrectionsRoutesDeps): void {
  const { corrections, content, pages, site } = services;

  /** Readers may only correct what they can read: a published article, by id or slug. */
  async function publicArticle(ref: string): Promise<Article> {
    const found = ID.test(ref) ? await content.store.findBy('id', Number(ref)) : SLUG.test(ref) ? await content.store.findBy('slug', ref) : null;
    if (!found || found.kind !== 'article' || found.status !== 'published' || !found.publishedAt || found.publishedAt > services.now()) {
      throw new AppError('NOT_FOUND', { field: 'article' });
    }
    return found;
  }

  const ipOf = (request: FastifyRequest) => ipHash(request.ip, services.secret, services.now());
  const staffOf = (request: FastifyRequest): Staff => request.staff!;
  const page = (request: FastifyRequest, reply: FastifyReply, body: string, status = 200, cacheable = false) =>
    sendPage(pages, request, reply, { status, contentType: HTML, body, cacheable });

  // --- Readers ---------------------------------------------------------------------------

  app.post<{ Params: { article: string }; Body: FormValues }>(
    '/api/v1/articles/:article/corrections',
    { ...PUBLIC, schema: { body: SUGGESTION_SCHEMA, response: { 201: suggestedAnswer, ...errorResponses(400, 403, 404, 429) } } },
    async (request, reply) => {
      const article = await publicArticle(request.params.article);
      const hash = ipOf(request);
      await services.limits.limit('report', hash);
      return reply.code(201).send(await corrections.suggest(article, request.body, hash));
    },
  );

  // The form is the same for everyone but the CSRF hole, so the page cache may keep it.
  app.get<{ Params: { slug: string } }>('/:slug/correction/', PUBLIC, async (request, reply) => {
    const article = await publicArticle(request.params.slug);
    return page(request, reply, suggestFormPage(await site.frame(), article, {}), 200, true);
  });

  app.post<{ Params: { slug: string }; Body: FormValues & { _csrf?: string } }>('/:slug/correction/', PUBLIC, async (request, reply) => {
    const article = await publicArticle(request.params.slug);
    const { _csrf, ...values } = (request.body ?? {}) as FormValues & { _csrf?: string };
    void _csrf;
    const strings = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as FormValues;
    try {
      const hash = ipOf(request);
      await services.limits.limit('report', hash);
      await corrections.suggest(article, { ...strings, kind: strings.kind ?? 'typo' }, hash);
    } catch (error) {
      // A person gets the form back with their text and the reason, not a JSON error.
      if (error instanceof AppError && error.status < 500 && error.status !== 404) {
        return page(request, reply, suggestFormPage(await site.frame(), article, strings, error), error.status);
      }
      throw error;
    }
    return page(request, reply, thanksPage(await site.frame(), article));
  });

  // --- Editors: JSON -----------------------------------------------------------------------

  app.get<{ Querystring: { status?: SuggestionStatus } }>(
    '/api/v1/admin/corrections',
    { ...EDITORS, schema: { querystring: STATUS_QUERY, response: { 200: suggestionsAnswer, ...errorResponses(400, 401, 403) } } },
    async (request) => ({ suggestions: (await corrections.list(staffOf(request), request.query.status ?? 'open')).map(toJson) }),
  );

  app.post<{ Params: { id: string }; Body: { note?: string; reason?: string; replacement?: string } | null }>(
    '/api/v1/admin/corrections/:id/apply',
    {
      ...EDITORS,
      schema: {
        params: ID_PARAMS,
        body: {
          type: ['object', 'null'],
          properties: { note: text(LIMITS.publicNote), reason: text(LIMITS.note), replacement: text(LIMITS.replacement) },
          additionalProperties: false,
        },
        response: { 200: appliedAnswer, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await corrections.apply(Number(request.params.id), staffOf(request), request.body ?? {});
      return {
        id: result.id,
        status: result.status,
        article: { id: result.article.id, slug: result.article.slug, revisedAt: result.article.revisedAt },
        note: result.note,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } | null }>(
    '/api/v1/admin/corrections/:id/dismiss',
    {
      ...EDITORS,
      schema: { params: ID_PARAMS, body: { type: ['object', 'null'], properties: { reason: text(LIMITS.note) }, additionalProperties: false }, response: { 200: dismissedAnswer, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => corrections.dismiss(Number(request.params.id), staffOf(request), request.body ?? {}),
  );

  app.post<{ Params: { id: string }; Body: { text: string } }>(
    '/api/v1/admin/articles/:id/correction-notes',
    {
      ...EDITORS,
      schema: { params: ID_PARAMS, body: { type: 'object', required: ['text'], properties: { text: text(LIMITS.publicNote) }, additionalProperties: false }, response: { 201: noteAnswer, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.code(201).send(await corrections.note(Number(request.params.id), staffOf(request), request.body.text)),
  );

  // The whole log names every editor's decisions: for the desk, not for every author.
  app.get('/api/v1/admin/correction-log', { ...CHIEFS, schema: { response: { 200: logAnswer, ...errorResponses(401, 403) } } }, async () => ({ entries: await corrections.log() }));

  // --- Editors: HTML inbox -----------------------------------------------------------------

  app.get<{ Querystring: { status?: string; done?: string; error?: string } }>('/admin/corrections/', EDITORS, async (request, reply) => {
    const raw = request.query.status;
    const status = STATUSES.includes(raw as SuggestionStatus) ? (raw as SuggestionStatus) : 'open';
    const rows = await corrections.list(staffOf(request), status);
    const flash = { done: request.query.done, error: request.query.error };
    const frame = await site.frame();
    if (services.newsroom) return services.newsroom(request, reply, { ...inboxMain(frame, rows, status, flash), path: '/admin/corrections/', stylesheets: ['corrections.css'] });
    return page(request, reply, inboxPage(frame, rows, status, flash));
  });

  for (const action of ['apply', 'dismiss'] as const) {
    app.post<{ Params: { id: string }; Body: { note?: string; reason?: string } }>(
      `/admin/corrections/:id/${action}`,
      { ...EDITORS, schema: { params: ID_PARAMS } },
      async (request, reply) => {
        const id = Number(request.params.id);
        const form = (request.body ?? {}) as { note?: unknown; reason?: unknown };
        const options = { reason: typeof form.reason === 'string' ? form.reason : '', note: typeof form.note === 'string' ? form.note : '' };
        try {
          if (action === 'apply') await corrections.apply(id, staffOf(request), options);
          else await corrections.dismiss(id, staffOf(request), options);
        } catch (error) {
          if (error instanceof AppError && error.status < 500) {
            return reply.redirect(`/admin/corrections/?error=${error.code}#suggestion-${id}`, 303);
          }
          throw error;
        }
        return reply.redirect(`/admin/corrections/?done=${action === 'apply' ? 'applied' : 'dismissed'}`, 303);
      },
    );
  }
}
