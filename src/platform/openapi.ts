/**
 * Pieces of the OpenAPI document every capability uses (issue 17): the error answer with
 * the codes of the catalogue (errors.ts) that carry a status, so a route's schema says
 * exactly which coded errors it can give, with their German and English messages.
 *
 * @example
 *   app.get('/api/v1/content/tags', { schema: { response: { 200: tags, ...errorResponses(400, 429) } } }, handler);
 */
import { ERROR_STATUS, errorMessages, type ErrorCode } from './errors.js';

const codes = Object.keys(ERROR_STATUS) as ErrorCode[];

/** The codes of the catalogue answered with `status`. */
export function codesFor(status: number): ErrorCode[] {
  return codes.filter((code) => ERROR_STATUS[code] === status);
}

/** The JSON body of every coded error, `{ error: { code, message, field? } }`. */
export function errorSchema(status: number) {
  const list = codesFor(status);
  const first = list[0] ?? 'BAD_REQUEST';
  return {
    description: list.map((code) => `\`${code}\`: ${errorMessages.en[code]}`).join(' · ') || 'Error',
    type: 'object',
    required: ['error'],
    additionalProperties: false,
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', enum: list.length ? list : codes },
          message: { type: 'string', description: 'In the site’s language (German or English).' },
          field: { type: 'string', description: 'The input at fault, e.g. `limit` or `body[3].rows[1]`.' },
        },
      },
    },
    examples: [{ error: { code: first, message: errorMessages.en[first], field: 'limit' } }],
  } as const;
}

/** Response schemas for the given error statuses, to spread into a route's `response`. */
export function errorResponses(...statuses: number[]): Record<number, ReturnType<typeof errorSchema>> {
  return Object.fromEntries(statuses.map((status) => [status, errorSchema(status)]));
}
