/**
 * The newsroom's API for authors and tags. Thin: each route calls one operation of
 * `service.ts` (who may, the content change, the audit entry), as the pages do. Editors and up manage both; an author or
 * contributor may read and update the one profile linked to their own account (403 for
 * any other). Refusals name the field: `URL_INVALID` at `links[0].url`, `SLUG_TAKEN` at
 * `slug`, `VALIDATION` at `avatarMediaId`.
 *
 * @example
 *   registerTaxonomyRoutes(app, services, audit);
 *   // PUT /api/v1/admin/authors/3 { "name": "Jana B.", "links": [{ "label": "Web", "url": "https://jana.example" }] }
 */
import type { FastifyInstance } from 'fastify';
import { authorAnswer, authorsAnswer, tagAnswer, tagsAnswer, taxonomyAnswers } from './answers.js'; // issue 17: answers
import type { ContentService } from '../../content/index.js';
import type { AuthorInput, TagInput } from '../../content/index.js';
import type { Audit } from '../audit.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import { createTaxonomyAdmin } from './service.js';

/** What this module needs from the composition root. */
export type AdminTaxonomyRoutesDeps = { content: ContentService };

const EDITORS = { access: 'staff' as const, roles: [...ROLES_FOR.publishAny] };
/** Writers reach the route; the handler lets them at their own profile only. */
const WRITERS = { access: 'staff' as const, roles: [...ROLES_FOR.write] };

const ID = { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } } } as const;
const str = (maxLength: number) => ({ type: 'string', maxLength }) as const;

export const authorBody = {
  type: 'object',
  required: ['name'],
  properties: {
    name: str(1000),
    slug: str(200),
    bio: { type: 'object', properties: { de: str(20_000), en: str(20_000) }, additionalProperties: false },
    avatarMediaId: { type: ['integer', 'null'], minimum: 1 },
    links: {
      type: 'array', maxItems: 50,
      items: { type: 'object', required: ['label', 'url'], properties: { label: str(1000), url: str(4096) }, additionalProperties: false },
    },
    books: {
      type: 'array', maxItems: 50,
      items: {
        type: 'object', required: ['title', 'url'],
        properties: { title: str(1000), url: str(4096), year: { type: ['integer', 'null'] } },
        additionalProperties: false,
      },
    },
    userId: { type: ['integer', 'null'], minimum: 1 },
  },
  additionalProperties: false,
} as const;

export const tagBody = {
  type: 'object',
  required: ['name'],
  properties: { name: str(1000), slug: str(200), description: str(20_000) },
  additionalProperties: false,
} as const;

export function registerTaxonomyRoutes(app: FastifyInstance, services: AdminTaxonomyRoutesDeps, audit: Audit): void {
  const { content } = services;
  const taxonomy = createTaxonomyAdmin(services, audit);

  // --- Authors -------------------------------------------------------------------------

  app.get('/api/v1/admin/authors', { config: EDITORS, schema: { tags: ['admin'], summary: 'Every author with the number of articles naming them', ...taxonomyAnswers({ 200: authorsAnswer }) } }, async () => ({
    authors: await content.store.authorsWithCounts(),
  }));

  app.post<{ Body: AuthorInput }>(
    '/api/v1/admin/authors',
    { config: EDITORS, schema: { tags: ['admin'], summary: 'Create an author profile', body: authorBody, ...taxonomyAnswers({ 201: authorAnswer }) } },
    async (request, reply) => reply.code(201).send(await taxonomy.createAuthor(request.staff!, request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/admin/authors/:id',
    { config: WRITERS, schema: { tags: ['admin'], summary: 'One author profile (writers: their own)', params: ID, ...taxonomyAnswers({ 200: authorAnswer }) } },
    async (request) => taxonomy.authorFor(request.staff!, Number(request.params.id)),
  );

  app.put<{ Params: { id: string }; Body: AuthorInput }>(
    '/api/v1/admin/authors/:id',
    { config: WRITERS, schema: { tags: ['admin'], summary: 'Replace an author profile (writers: their own; userId left out keeps the link)', params: ID, body: authorBody, ...taxonomyAnswers({ 200: authorAnswer }) } },
    async (request) => taxonomy.updateAuthor(request.staff!, Number(request.params.id), request.body),
  );

  // --- Tags ----------------------------------------------------------------------------

  app.get('/api/v1/admin/tags', { config: EDITORS, schema: { tags: ['admin'], summary: 'Every tag with the number of articles carrying it', ...taxonomyAnswers({ 200: tagsAnswer }) } }, async () => ({
    tags: await content.store.tagsWithCounts(),
  }));

  app.post<{ Body: TagInput }>(
    '/api/v1/admin/tags',
    { config: EDITORS, schema: { tags: ['admin'], summary: 'Create a tag', body: tagBody, ...taxonomyAnswers({ 201: tagAnswer }) } },
    async (request, reply) => reply.code(201).send(await taxonomy.createTag(request.staff!, request.body)),
  );

  app.put<{ Params: { id: string }; Body: TagInput }>(
    '/api/v1/admin/tags/:id',
    { config: EDITORS, schema: { tags: ['admin'], summary: 'Replace a tag', params: ID, body: tagBody, ...taxonomyAnswers({ 200: tagAnswer }) } },
    async (request) => taxonomy.updateTag(request.staff!, Number(request.params.id), request.body),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/admin/tags/:id',
    { config: EDITORS, schema: { tags: ['admin'], summary: 'Delete a tag; it is taken off every article first', params: ID, ...taxonomyAnswers({ 204: { type: 'null', description: 'Deleted.' } }) } },
    async (request, reply) => {
      await taxonomy.deleteTag(request.staff!, Number(request.params.id));
      return reply.code(204).send();
    },
  );
}
