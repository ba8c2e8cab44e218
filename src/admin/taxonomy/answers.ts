/**
 * The answers of the authors and tags API (issue 17), for the OpenAPI document and the
 * contract check in tests. Objects stay open, so serialising never drops a field the
 * newsroom's pages read.
 *
 * @example
 *   app.get('/api/v1/admin/tags', { config: EDITORS, schema: { ...taxonomyAnswers({ 200: tagsAnswer }) } }, handler);
 */
import { errorResponses } from '../../platform/openapi.js';

const open = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: true, required, properties });

export const authorAnswer = {
  ...open({
    id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, bio: open({ de: { type: 'string' }, en: { type: 'string' } }),
    avatarMediaId: { type: ['integer', 'null'] }, links: { type: 'array', items: open({}) }, books: { type: 'array', items: open({}) },
    userId: { type: ['integer', 'null'], description: 'The staff account writing as this author.' }, articleCount: { type: 'integer' },
  }, ['id', 'slug', 'name']),
  description: 'An author profile.',
} as const;

export const tagAnswer = {
  ...open({ id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, articleCount: { type: 'integer' } }, ['id', 'slug', 'name']),
  description: 'A tag.',
} as const;

export const authorsAnswer = { type: 'object', required: ['authors'], additionalProperties: false, properties: { authors: { type: 'array', items: authorAnswer } } } as const;
export const tagsAnswer = { type: 'object', required: ['tags'], additionalProperties: false, properties: { tags: { type: 'array', items: tagAnswer } } } as const;

export const taxonomyAnswers = (ok: Record<number, unknown>): { response: Record<number, unknown> } => ({ response: { ...ok, ...errorResponses(400, 401, 403, 404, 409, 422) } });
