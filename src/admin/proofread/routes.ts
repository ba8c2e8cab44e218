/**
 * The proofreading API for the editor and for integrations, and the newsroom dictionary.
 * Staff only; writes need the CSRF token like every other write.
 *
 * - `POST /api/v1/admin/proofread` `{ text, language, variant? }` → `{ findings }`
 * - `GET /api/v1/admin/dictionary` → `{ words }`
 * - `POST /api/v1/admin/dictionary` `{ word }` → 201 (added) or 200 (was there)
 * - `DELETE /api/v1/admin/dictionary/:word` → 204
 *
 * @example
 *   registerProofreadRoutes(http, services);
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import type { Role } from '../../platform/users.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import { MAX_WORD, WORD_PATTERN } from './dictionary.js';
import { proofreaderOf } from './service.js';
import { isVariantOf, VARIANTS, type Language, type Variant } from './types.js';

export const MAX_TEXT = 200_000;

// Who writes may check (the matrix's "proofread" row); who publishes may teach the
// newsroom dictionary; who may edit anyone's articles may also unteach it.
const WRITERS: Role[] = [...ROLES_FOR.write];
const PUBLISHERS: Role[] = [...ROLES_FOR.publishOwn];
const EDITORS: Role[] = [...ROLES_FOR.publishAny];

const FINDING = {
  type: 'object',
  properties: {
    word: { type: 'string' },
    offset: { type: 'integer' },
    length: { type: 'integer' },
    kind: { type: 'string', enum: ['spelling', 'doubled-word', 'quotes', 'spacing', 'punctuation'] },
    code: { type: 'string' },
    message: { type: 'string' },
    suggestions: { type: 'array', items: { type: 'string' } },
  },
  required: ['word', 'offset', 'length', 'kind', 'code', 'message', 'suggestions'],
} as const;

const ENTRY = {
  type: 'object',
  properties: { id: { type: 'integer' }, word: { type: 'string' }, createdBy: { type: 'string' }, createdAt: { type: 'string' } },
} as const;

const WORD_BODY = {
  type: 'object',
  required: ['word'],
  properties: { word: { type: 'string', minLength: 1, maxLength: MAX_WORD, pattern: WORD_PATTERN } },
  additionalProperties: false,
} as const;

export function registerProofreadRoutes(
  app: FastifyInstance,
  services: Parameters<typeof proofreaderOf>[0],
): void {
  const proofreader = proofreaderOf(services);
  app.addHook('onClose', async () => proofreader.stop());
  // The site's words are learnt when the app starts, not on the first check an editor waits for.
  app.addHook('onReady', async () => {
    proofreader.vocabulary.known().catch((error: unknown) => app.log.warn({ err: error }, 'proofreading vocabulary not loaded yet'));
  });

  app.post<{ Body: { text: string; language: Language; variant?: Variant } }>(
    '/api/v1/admin/proofread',
    {
      config: { access: 'staff', roles: WRITERS },
      schema: {
        tags: ['admin'],
        summary: 'Spelling and house-style findings for a text',
        body: {
          type: 'object',
          required: ['text', 'language'],
          properties: {
            text: { type: 'string', maxLength: MAX_TEXT },
            language: { type: 'string', enum: ['de', 'en'] },
            variant: { type: 'string', enum: [...VARIANTS] },
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { findings: { type: 'array', items: FINDING } } } },
      },
    },
    async (request) => {
      const { text, language, variant } = request.body;
      if (variant !== undefined && !isVariantOf(variant, language)) {
        throw new AppError('VALIDATION', { field: 'variant', detail: `${variant} is not a variant of ${language}` });
      }
      return { findings: await proofreader.check(text, language, variant ? { variant } : {}) };
    },
  );

  app.get(
    '/api/v1/admin/dictionary',
    {
      config: { access: 'staff', roles: WRITERS },
      schema: { tags: ['admin'], response: { 200: { type: 'object', properties: { words: { type: 'array', items: ENTRY } } } } },
    },
    async () => ({ words: await proofreader.dictionary.list() }),
  );

  app.post<{ Body: { word: string } }>(
    '/api/v1/admin/dictionary',
    { config: { access: 'staff', roles: PUBLISHERS }, schema: { tags: ['admin'], body: WORD_BODY, response: { 200: ENTRY, 201: ENTRY } } },
    async (request, reply) => {
      const staff = request.staff!;
      const { entry, created } = await proofreader.dictionary.add(request.body.word, { id: staff.id, name: staff.name });
      return reply.code(created ? 201 : 200).send(entry);
    },
  );

  app.delete<{ Params: { word: string } }>(
    '/api/v1/admin/dictionary/:word',
    {
      config: { access: 'staff', roles: EDITORS },
      schema: {
        tags: ['admin'], params: { type: 'object', properties: { word: { type: 'string', maxLength: MAX_WORD } } },
        response: { 204: { type: 'null', description: 'Removed from the house dictionary.' }, ...errorResponses(400, 401, 403, 404) }, // issue 17
      },
    },
    async (request, reply) => {
      await proofreader.dictionary.remove(request.params.word);
      return reply.code(204).send();
    },
  );
}
