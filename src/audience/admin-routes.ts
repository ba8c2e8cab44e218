/**
 * The newsroom's newsletter API: start a send and follow its progress, export and
 * import subscribers as CSV. Staff only (owner, admin, editor): subscriber lists are
 * personal data.
 *
 * @example
 *   POST /api/v1/admin/newsletters            { "articleId": 12 } | { "digest": "week", "topic": "stadtrat" }
 *   GET  /api/v1/admin/newsletters/7          { "status": "sending", "total": 2000, "sent": 640, … }
 *   GET  /api/v1/admin/subscribers.csv
 *   POST /api/v1/admin/subscribers/import     (Content-Type: text/csv)
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import type { Newsletter } from '../audience/index.js';
import { AppError } from '../platform/errors.js';
import { errorResponses } from '../platform/openapi.js'; // issue 17
import type { Role } from '../platform/users.js';

/** What this module needs from the composition root. */
export type AudienceAdminRoutesDeps = Pick<PlatformDeps, 'now'> & { newsletter: Newsletter };

const STAFF = { config: { access: 'staff' as const, roles: ['owner', 'admin', 'editor'] as Role[] } };
const MAX_IMPORT = 20 * 1024 * 1024;

const progressSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, kind: { type: 'string', enum: ['article', 'digest'] }, articleId: { type: ['integer', 'null'] },
    topic: { type: ['string', 'null'] }, subject: { type: 'string' }, status: { type: 'string', enum: ['preparing', 'sending', 'done'] },
    total: { type: 'integer' }, queued: { type: 'integer' }, sent: { type: 'integer' }, failed: { type: 'integer' },
    skipped: { type: 'integer' }, createdAt: { type: 'string' },
  },
} as const;

export function registerNewsletterAdminRoutes(app: FastifyInstance, services: AudienceAdminRoutesDeps): void {
  const { newsletter } = services;

  app.post<{ Body: { articleId?: number; digest?: 'week'; topic?: string } }>(
    '/api/v1/admin/newsletters',
    {
      ...STAFF,
      schema: {
        summary: 'Send an article, or the digest of the last seven days, to all subscribers or to one topic',
        body: {
          type: 'object', additionalProperties: false,
          properties: { articleId: { type: 'integer', minimum: 1 }, digest: { type: 'string', enum: ['week'] }, topic: { type: 'string', maxLength: 100 } },
        },
        response: { 202: progressSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await newsletter.sends.start(request.body ?? {}, request.staff?.id ?? null)),
  );

  app.get('/api/v1/admin/newsletters', {
    ...STAFF,
    // issue 17: the answer, for the OpenAPI document and the contract check.
    schema: { summary: 'The last 50 sends with their progress', response: { 200: { type: 'object', required: ['newsletters'], additionalProperties: false, properties: { newsletters: { type: 'array', items: progressSchema } } } } },
  }, async () => ({
    newsletters: await newsletter.sends.list(50),
  }));

  app.get<{ Params: { id: string } }>(
    '/api/v1/admin/newsletters/:id',
    { ...STAFF, schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } } }, response: { 200: progressSchema } } },
    async (request) => {
      const progress = await newsletter.sends.progress(Number(request.params.id));
      if (!progress) throw new AppError('NOT_FOUND', { field: 'id' });
      return progress;
    },
  );

  app.get('/api/v1/admin/subscribers.csv', { ...STAFF, schema: { summary: 'Subscribers with consent times, as CSV (RFC 4180)', response: { 200: { description: 'The CSV file, with a header row (an attachment).', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errorResponses(401, 403) } } }, async (_request, reply) => {
    const day = services.now().toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="subscribers-${day}.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8; header=present')
      .send(await newsletter.exportCsv());
  });

  // text/csv is accepted by this one route only, hence its own scope.
  void app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: MAX_IMPORT }, (_request, body, done) => done(null, body));
    scope.post<{ Body: string }>(
      '/api/v1/admin/subscribers/import',
      {
        ...STAFF, bodyLimit: MAX_IMPORT,
        schema: {
          summary: 'Import subscribers from CSV: email, name, topics, status, confirmed_at (the consent time) …',
          // issue 17: the answer (ImportReport of transfer.ts).
          response: {
            200: {
              type: 'object', required: ['imported', 'existing', 'errors'], additionalProperties: false, description: 'What was imported; known addresses are left as they are.',
              properties: {
                imported: { type: 'integer' }, existing: { type: 'integer' },
                errors: { type: 'array', description: 'Rows not imported, by data row number (1 = the first row after the header).', items: { type: 'object', required: ['row', 'reason'], additionalProperties: false, properties: { row: { type: 'integer' }, reason: { type: 'string' } } } },
              },
            },
            ...errorResponses(400, 401, 403, 413, 415),
          },
        },
      },
      async (request) => {
        if (typeof request.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        return newsletter.importCsv(request.body);
      },
    );
  });
}
