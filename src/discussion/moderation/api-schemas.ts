/**
 * The answers of the moderators' JSON API (issue 17): what the OpenAPI document shows and
 * the contract check in tests holds the routes to. Rows the desk may grow stay open objects.
 *
 * @example
 *   app.get('/api/v1/admin/comments', { ...MODERATORS, schema: moderationAnswers({ 200: queueAnswer }) }, handler);
 */
import { errorResponses } from '../../platform/openapi.js';

const open = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: true, required, properties });

export const queueAnswer = {
  type: 'object', required: ['comments'], additionalProperties: false,
  description: 'Held and reported comments, oldest first (200 at most).',
  properties: {
    comments: {
      type: 'array',
      items: open({
        id: { type: 'integer' }, articleId: { type: 'integer' },
        article: open({ slug: { type: 'string' }, title: { type: 'string' } }),
        parentId: { type: ['integer', 'null'] }, author: open({ name: { type: 'string' } }),
        html: { type: 'string', description: 'Sanitised HTML of the comment (of the held edit, with pendingEdit).' },
        status: { type: 'string' }, pendingEdit: { type: 'boolean' }, spamScore: { type: ['number', 'null'] },
        spamReasons: {}, createdAt: { type: 'string' },
      }, ['id', 'articleId', 'html', 'status']),
    },
  },
} as const;

const decision = {
  anyOf: [
    { type: 'object', required: ['id', 'status'], additionalProperties: true, properties: { id: { type: 'integer' }, status: { type: 'string' } } },
    { type: 'object', required: ['id', 'error'], additionalProperties: true, properties: { id: { type: 'integer' }, error: { type: 'string' } } },
  ],
} as const;

export const decisionAnswer = { ...decision.anyOf[0], description: 'The comment’s status after the decision.' } as const;
export const bulkAnswer = { type: 'object', required: ['results'], additionalProperties: false, properties: { results: { type: 'array', items: decision } }, description: 'One result per id, in order.' } as const;
export const logAnswer = { type: 'object', required: ['entries'], additionalProperties: false, properties: { entries: { type: 'array', items: open({ id: { type: 'integer' } }, ['id']) } }, description: 'The moderation log as stored, newest first.' } as const;
export const reportsAnswer = { type: 'object', required: ['comments'], additionalProperties: false, properties: { comments: { type: 'array', items: open({}) } }, description: 'Reported comments with their open reports.' } as const;

/** A route's answers with the coded errors moderators' routes give. */
export const moderationAnswers = (ok: Record<number, unknown>) => ({ tags: ['admin'], response: { ...ok, ...errorResponses(400, 401, 403, 404, 409) } });
