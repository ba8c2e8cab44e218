/**
 * The answers of the readers' discussion API (issue 17), for the OpenAPI document and the
 * contract check in tests. Comments stay open objects, so serialising never drops a field
 * the page script reads.
 *
 * @example
 *   app.post('/api/v1/comments/:id/like', { ...PUBLIC, schema: discussionAnswers({ 200: likeAnswer }) }, handler);
 */
import { errorResponses } from '../platform/openapi.js';

export const threadAnswer = {
  type: 'object', required: ['comments', 'total', 'nextCursor'], additionalProperties: false,
  description: 'One page of the discussion, threads flattened in reading order (a reply follows its parent).',
  properties: {
    comments: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: true, required: ['id', 'parentId', 'html', 'author', 'likes', 'createdAt', 'removed'],
        properties: {
          id: { type: 'integer' }, parentId: { type: ['integer', 'null'] }, html: { type: 'string', description: 'Sanitised HTML.' },
          author: { type: 'object', additionalProperties: true, required: ['name'], properties: { name: { type: 'string' }, isAuthor: { type: 'boolean' }, key: { type: ['string', 'null'] } } },
          likes: { type: 'integer' }, createdAt: { type: 'string' }, editedAt: { type: ['string', 'null'] },
          removed: { type: 'boolean', description: 'A placeholder: the comment was removed, its replies stay.' },
        },
      },
    },
    total: { type: 'integer' },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

export const postedAnswer = {
  type: 'object', required: ['id', 'status'], additionalProperties: false,
  properties: { id: { type: 'integer' }, status: { type: 'string', description: '`published`, or `pending` when it waits for moderation.' } },
} as const;

export const editedAnswer = {
  type: 'object', required: ['id', 'html'], additionalProperties: true,
  properties: { id: { type: 'integer' }, html: { type: 'string' }, editedAt: { type: ['string', 'null'] }, pending: { type: 'boolean', description: 'The edit waits for moderation; readers still see the approved text.' } },
} as const;

export const likeAnswer = { type: 'object', required: ['likes', 'liked'], additionalProperties: false, properties: { likes: { type: 'integer' }, liked: { type: 'boolean' } } } as const;

export const removedAnswer = { type: 'null', description: 'Removed.' } as const;

export const streamAnswer = { description: 'Server-Sent Events: new, changed and removed comments and like counts, as they happen.', content: { 'text/event-stream': { schema: { type: 'string' } } } } as const;

export const discussionAnswers = (ok: Record<number, unknown>): { response: Record<number, unknown> } => ({ response: { ...ok, ...errorResponses(400, 401, 403, 404, 409, 429) } });
