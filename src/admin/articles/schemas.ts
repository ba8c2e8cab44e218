/**
 * The answers of the newsroom's article API (issue 17): what the OpenAPI document shows and
 * the contract check holds the routes to. Fields the editor reads are listed; objects stay
 * open (`additionalProperties`) where the content model may grow, so serialising never drops
 * a field the editor needs.
 *
 * @example
 *   app.get('/api/v1/admin/articles/:id', { schema: { response: { 200: articleAnswer, ...ARTICLE_ERRORS } } }, handler);
 */
import { errorResponses } from '../../platform/openapi.js';

const date = { type: 'string', format: 'date-time' } as const;
const maybeDate = { type: ['string', 'null'], format: 'date-time' } as const;
const open = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: true, required, properties });

export const articleAnswer = {
  ...open({
    id: { type: 'integer' }, kind: { type: 'string', enum: ['article', 'page'] }, slug: { type: 'string' }, lang: { type: 'string', enum: ['de', 'en'] },
    title: { type: 'string' }, subtitle: { type: 'string' },
    body: { type: 'array', items: open({ type: { type: 'string' } }, ['type']), description: 'The structured body (blocks).' },
    status: { type: 'string', enum: ['draft', 'scheduled', 'published'] },
    publishedAt: maybeDate, scheduledAt: maybeDate, updatedAt: date, createdAt: date, revisedAt: maybeDate,
    featuredMediaId: { type: ['integer', 'null'] }, featuredCaption: { type: 'string' }, seoTitle: { type: 'string' }, seoDescription: { type: 'string' },
    commentsOpen: { type: 'boolean' }, wordCount: { type: 'integer' }, readingMinutes: { type: 'integer' },
    authors: { type: 'array', items: open({ id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' } }, ['id', 'slug', 'name']) },
    tags: { type: 'array', items: open({ id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' } }, ['id', 'slug', 'name']) },
    authorIds: { type: 'array', items: { type: 'integer' } },
    tagIds: { type: 'array', items: { type: 'integer' } },
  }, ['id', 'kind', 'slug', 'lang', 'title', 'body', 'status', 'publishedAt', 'updatedAt', 'authorIds', 'tagIds']),
  description: 'One article as the editor sees it.',
} as const;

export const articleListAnswer = {
  type: 'object', required: ['articles'], additionalProperties: false,
  properties: {
    articles: {
      type: 'array',
      items: open({
        id: { type: 'integer' }, slug: { type: 'string' }, title: { type: 'string' }, status: { type: 'string' }, kind: { type: 'string' }, lang: { type: 'string' },
        updated_at: { type: 'string' }, published_at: { type: ['string', 'null'] }, scheduled_at: { type: ['string', 'null'] },
      }, ['id', 'slug', 'title', 'status']),
    },
  },
  description: 'The newsroom’s articles, newest change first (50 a page; authors see their own).',
} as const;

export const revisionsAnswer = {
  type: 'object', required: ['revisions'], additionalProperties: false,
  properties: { revisions: { type: 'array', items: open({ id: { type: 'integer' }, user_id: { type: ['integer', 'null'] }, note: { type: 'string' }, created_at: { type: 'string' } }, ['id', 'created_at']) } },
  description: 'The article’s revisions, newest first.',
} as const;

export const diffAnswer = { ...open({}), description: 'A readable diff between two revisions (or a revision and now).' } as const;
export const autosaveAnswer = { type: 'object', required: ['savedAt'], additionalProperties: false, properties: { savedAt: date }, description: 'Kept for this editor; readers see nothing of it.' } as const;
export const previewAnswer = { type: 'object', required: ['html'], additionalProperties: false, properties: { html: { type: 'string' } }, description: 'The body as readers will see it.' } as const;
export const deletedAnswer = { type: 'null', description: 'Deleted.' } as const;
export const auditAnswer = {
  type: 'object', required: ['entries'], additionalProperties: false,
  properties: {
    entries: {
      type: 'array',
      items: open({ id: { type: 'integer' }, user_id: { type: ['integer', 'null'] }, actor: { type: 'string' }, action: { type: 'string' }, target_type: { type: 'string' }, target_id: { type: ['string', 'null'] }, detail: { type: 'object', additionalProperties: true }, created_at: { type: 'string' } }, ['id', 'actor', 'action', 'created_at']),
    },
  },
  description: 'The last 200 entries of the audit log (integrations are named as “Name (integration)”).',
} as const;

export const ARTICLE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 422);
