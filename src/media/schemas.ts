/**
 * The answers of the media library's API (issue 17): for the OpenAPI document and the
 * contract check in tests. An image stays an open object, so serialising never drops a
 * field the library page reads.
 *
 * @example
 *   scope.post('/api/v1/admin/media', { ...STAFF, schema: mediaAnswers({ 201: mediaItemAnswer }) }, handler);
 */
import { errorResponses, errorSchema } from '../platform/openapi.js';

const open = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: true, required, properties });

export const mediaItemAnswer = {
  ...open({
    id: { type: 'integer' }, path: { type: 'string', description: 'Below /media/.' }, mime: { type: 'string' },
    width: { type: 'integer' }, height: { type: 'integer' }, alt: { type: 'string' }, caption: { type: 'string' }, credit: { type: 'string' },
    sourceUrl: { type: ['string', 'null'] }, licence: { type: 'string' },
    variants: { type: 'array', items: open({ path: { type: 'string' }, width: { type: 'integer' }, format: { type: 'string' } }) },
  }, ['id', 'path', 'mime', 'width', 'height', 'licence']),
  description: 'One image with its texts, licence and sized variants.',
} as const;

export const mediaListAnswer = {
  type: 'object', required: ['media', 'licences'], additionalProperties: false,
  properties: {
    media: { type: 'array', items: { ...mediaItemAnswer, properties: { ...mediaItemAnswer.properties, uses: { type: 'array', items: open({}) } } } },
    licences: { type: 'object', additionalProperties: true, description: 'The licences an image may carry, by code.' },
  },
  description: 'Images, newest first (at most 200), each with where it is used.',
} as const;

/** 409 MEDIA_IN_USE names the uses besides the coded error. */
const inUse = {
  ...errorSchema(409),
  properties: { error: { ...errorSchema(409).properties.error, properties: { ...errorSchema(409).properties.error.properties, uses: { type: 'array', items: open({}) } } } },
} as const;

export const mediaAnswers = (ok: Record<number, unknown>): { tags: string[]; response: Record<number, unknown> } => ({
  tags: ['admin'], response: { ...ok, ...errorResponses(400, 401, 403, 404, 413, 415, 422), 409: inUse },
});
