/**
 * The newsroom's article API: list, read, create, update (with status rules per role),
 * autosave, revisions with a readable diff and restore, preview as readers will see it,
 * and delete. Every change is written to the audit log.
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { ArticleOperations, ContentService } from '../../content/index.js';
import type { MediaService } from '../../media/index.js';
import { AppError } from '../../platform/errors.js';
import { renderBody, type Article, type ArticleInput } from '../../content/index.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import type { Audit } from '../audit.js';
import { revisionDiff, type RevisionData } from './diff.js';
import { ARTICLE_ERRORS, articleAnswer, articleListAnswer, auditAnswer, autosaveAnswer, deletedAnswer, diffAnswer, previewAnswer, revisionsAnswer } from './schemas.js';

/** Issue 17: each route's answers, for the OpenAPI document and the contract check. */
const answers = (ok: Record<number, unknown>) => ({ tags: ['admin'], response: { ...ok, ...ARTICLE_ERRORS } });

/** What this module needs from the composition root. */
export type AdminArticlesRoutesDeps = Pick<PlatformDeps, 'database' | 'now' | 'settings'> & {
  content: ContentService;
  media: MediaService;
  /** Every write to an article: the rules per role, credits, audit (content/operations.ts). */
  articles: ArticleOperations;
};

const WRITERS = { config: { access: 'staff' as const, roles: [...ROLES_FOR.write] } };
const EDITORS = { config: { access: 'staff' as const, roles: [...ROLES_FOR.publishAny] } };
/** Bodies past the app's 1 MiB reach the block checks, which name the block that is too long. */
const BODY_WRITES = { ...WRITERS, bodyLimit: 8 * 1024 * 1024 };

const articleBody = {
  type: 'object',
  required: ['title', 'lang', 'body', 'status'],
  properties: {
    kind: { type: 'string', enum: ['article', 'page'] },
    slug: { type: 'string', maxLength: 80 },
    lang: { type: 'string', enum: ['de', 'en'] },
    title: { type: 'string', maxLength: 300 },
    subtitle: { type: 'string', maxLength: 2000 },
    body: { type: 'array', maxItems: 2000 },
    status: { type: 'string', enum: ['draft', 'scheduled', 'published'] },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    scheduledAt: { type: ['string', 'null'], format: 'date-time' },
    featuredMediaId: { type: ['integer', 'null'], minimum: 1 },
    featuredCaption: { type: 'string', maxLength: 2000 },
    seoTitle: { type: 'string', maxLength: 300 },
    seoDescription: { type: 'string', maxLength: 2000 },
    commentsOpen: { type: 'boolean' },
    authorIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 20 },
    tagIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 50 },
    mainTagId: { type: ['integer', 'null'], minimum: 1 },
  },
  additionalProperties: false,
} as const;

interface ArticleJson extends Omit<ArticleInput, 'publishedAt' | 'scheduledAt' | 'authorIds' | 'tagIds'> {
  publishedAt?: string | null;
  scheduledAt?: string | null;
  authorIds?: number[];
  tagIds?: number[];
}

function toInput(json: ArticleJson): ArticleInput {
  return {
    ...json,
    publishedAt: json.publishedAt ? new Date(json.publishedAt) : null,
    scheduledAt: json.scheduledAt ? new Date(json.scheduledAt) : null,
    authorIds: json.authorIds ?? [],
    tagIds: json.tagIds ?? [],
  };
}

function toJson(article: Article) {
  return {
    ...article,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    scheduledAt: article.scheduledAt?.toISOString() ?? null,
    authorIds: article.authors.map((a) => a.id),
    tagIds: article.tags.map((t) => t.id),
  };
}

function parseId(raw: string, field = 'id'): number {
  const id = Number(raw);
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new AppError('BAD_REQUEST', { field });
  return id;
}

export function registerArticleAdminRoutes(app: FastifyInstance, services: AdminArticlesRoutesDeps, audit: Audit): void {
  const { content, database, articles } = services;

  app.get<{ Querystring: { status?: string; page?: string } }>('/api/v1/admin/articles', { ...WRITERS, schema: answers({ 200: articleListAnswer }) }, async (request) => {
    const page = Math.max(1, Number(request.query.page ?? 1) || 1);
    return { articles: await articles.list(request.caller, { status: request.query.status, page }) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/admin/articles/:id', { ...WRITERS, schema: answers({ 200: articleAnswer }) }, async (request) =>
    toJson(await articles.read(request.caller, parseId(request.params.id))),
  );

  app.post<{ Body: ArticleJson }>('/api/v1/admin/articles', { ...BODY_WRITES, schema: { body: articleBody, ...answers({ 201: articleAnswer }) } }, async (request, reply) =>
    reply.code(201).send(toJson(await articles.create(request.caller, toInput(request.body)))),
  );

  app.put<{ Params: { id: string }; Body: ArticleJson }>('/api/v1/admin/articles/:id', { ...BODY_WRITES, schema: { body: articleBody, ...answers({ 200: articleAnswer }) } }, async (request) => {
    const user = request.staff!;
    const article = await articles.update(request.caller, parseId(request.params.id), toInput(request.body));
    await database.db.withTables<{ article_autosaves: { article_id: number; user_id: number } }>().deleteFrom('article_autosaves').where('article_id', '=', article.id).where('user_id', '=', user.id).execute();
    return toJson(article);
  });

  // Autosave keeps the editor's work without touching the article readers see.
  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/api/v1/admin/articles/:id/autosave',
    { ...BODY_WRITES, schema: { body: { type: 'object', maxProperties: 30 }, ...answers({ 200: autosaveAnswer }) } },
    async (request) => {
      const user = request.staff!;
      const article = await articles.read(request.caller, parseId(request.params.id));
      const data = JSON.stringify(request.body);
      if (data.length > 2_000_000) throw new AppError('PAYLOAD_TOO_LARGE');
      const savedAt = services.now().toISOString();
      const db = database.db.withTables<{ article_autosaves: { article_id: number; user_id: number; data: string; saved_at: string } }>();
      await db
        .insertInto('article_autosaves')
        .values({ article_id: article.id, user_id: user.id, data, saved_at: savedAt })
        .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ data, saved_at: savedAt }))
        .execute();
      return { savedAt };
    },
  );

  app.get<{ Params: { id: string } }>('/api/v1/admin/articles/:id/revisions', { ...WRITERS, schema: answers({ 200: revisionsAnswer }) }, async (request) => {
    const article = await articles.read(request.caller, parseId(request.params.id));
    return { revisions: await content.listRevisions(article.id) };
  });

  async function revision(articleId: number, revisionId: number): Promise<RevisionData> {
    const row = await database.db.selectFrom('revisions').select(['data']).where('id', '=', revisionId).where('article_id', '=', articleId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { field: 'revision' });
    return JSON.parse(row.data) as RevisionData;
  }

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/api/v1/admin/articles/:id/diff', { ...WRITERS, schema: answers({ 200: diffAnswer }) }, async (request) => {
    const article = await articles.read(request.caller, parseId(request.params.id));
    const from = await revision(article.id, parseId(request.query.from ?? '', 'from'));
    const to = request.query.to ? await revision(article.id, parseId(request.query.to, 'to')) : (toJson(article) as RevisionData);
    return revisionDiff(from, to);
  });

  app.post<{ Params: { id: string; revision: string } }>('/api/v1/admin/articles/:id/revisions/:revision/restore', { ...WRITERS, schema: answers({ 200: articleAnswer }) }, async (request) =>
    toJson(await articles.restore(request.caller, parseId(request.params.id), parseId(request.params.revision, 'revision'))),
  );

  app.post<{ Body: { body: unknown[]; lang: 'de' | 'en' } }>(
    '/api/v1/admin/preview',
    { ...BODY_WRITES, schema: { body: { type: 'object', required: ['body', 'lang'], properties: { body: { type: 'array', maxItems: 2000 }, lang: { type: 'string', enum: ['de', 'en'] } }, additionalProperties: false }, ...answers({ 200: previewAnswer }) } },
    async (request) => {
      const { validateBlocks, BlockValidationError } = await import('../../content/index.js');
      let blocks;
      try {
        blocks = validateBlocks(request.body.body);
      } catch (error) {
        if (error instanceof BlockValidationError) throw new AppError(error.errorCode, { field: error.path, detail: error.message });
        throw error;
      }
      const ids = (await import('../../content/index.js')).mediaIdsOf(blocks);
      const media = await services.media.getMany(ids);
      const donation = await services.settings.get('donation');
      return { html: renderBody(blocks, { lang: request.body.lang, media, supportUrl: '/support/', donationText: donation.appeal }).toString() };
    },
  );

  app.delete<{ Params: { id: string } }>('/api/v1/admin/articles/:id', { ...EDITORS, schema: answers({ 204: deletedAnswer }) }, async (request, reply) => {
    await articles.remove(request.caller, parseId(request.params.id));
    return reply.code(204).send();
  });

  app.get('/api/v1/admin/audit', { config: { access: 'staff', roles: [...ROLES_FOR.administer] }, schema: answers({ 200: auditAnswer }) }, async () => ({ entries: await audit.list(200) }));
}
