/**
 * The translation link over JSON: `PUT /api/v1/articles/:id/translation` with
 * `{ "translationId": 31 }` links two articles (editors), `DELETE` unlinks. Doors only:
 * the rules (roles, different languages, one per language) are in `index.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import { ROLES_FOR } from '../../platform/permissions.js';
import type { Translations } from './index.js';

export type TranslationRoutesDeps = { translations: Pick<Translations, 'link' | 'unlink' | 'of'> };

const EDITORS = { config: { access: 'staff' as const, roles: [...ROLES_FOR.publishAny] } };

// issue 17: the answers, for the OpenAPI document and the contract check in tests.
const LINKED = {
  type: 'object', required: ['translations'], additionalProperties: false,
  description: 'The article’s published translations after linking, by language.',
  properties: {
    translations: {
      type: 'array',
      items: { type: 'object', required: ['id', 'lang', 'slug', 'title'], additionalProperties: false, properties: { id: { type: 'integer' }, lang: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' } } },
    },
  },
} as const;

function id(raw: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new AppError('BAD_REQUEST', { field: 'id' });
  return Number(raw);
}

export function registerTranslationRoutes(app: FastifyInstance, deps: TranslationRoutesDeps): void {
  app.put<{ Params: { id: string }; Body: { translationId: number } }>(
    '/api/v1/articles/:id/translation',
    {
      ...EDITORS,
      schema: {
        body: { type: 'object', required: ['translationId'], additionalProperties: false, properties: { translationId: { type: 'integer', minimum: 1 } } },
        response: { 200: LINKED, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const articleId = id(request.params.id);
      if (request.body.translationId === articleId) throw new AppError('TRANSLATION_SAME_LANGUAGE', { field: 'translationId' });
      await deps.translations.link(request.caller, articleId, request.body.translationId);
      return { translations: await deps.translations.of(articleId) };
    },
  );
  app.delete<{ Params: { id: string } }>('/api/v1/articles/:id/translation', { ...EDITORS, schema: { response: { 204: { type: 'null', description: 'Unlinked.' }, ...errorResponses(400, 401, 403, 404) } } }, async (request, reply) => {
    await deps.translations.unlink(request.caller, id(request.params.id));
    return reply.code(204).send();
  });
}
