/**
 * What staff see of the autopost: `GET /api/v1/admin/autopost` (JSON) and the page
 * `/admin/autopost/`, both the newest attempts first. Editors and up; read-only.
 *
 * @example
 *   registerAutopostRoutes(app, { log, settings, csrf, site });
 *   await app.inject({ url: '/api/v1/admin/autopost', headers: { cookie } }); // { entries: [...] }
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { Site } from '../../site/index.js';
import { PAGE, sendAdminPage } from '../../admin/index.js';
import type { SettingsService } from '../../platform/settings.js';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import type { AutopostLog } from './log.js';
import { renderAutopostPage } from './page.js';

/** What this module needs from the composition root. */
export type DistributionAutopostRoutesDeps = Pick<PlatformDeps, 'csrf'> & { site: Site };

const EDITORS = { access: 'staff' as const, roles: ['owner' as const, 'admin' as const, 'editor' as const] };

const LIST_SCHEMA = {
  tags: ['admin'],
  summary: 'Channel autopost attempts, newest first',
  querystring: {
    type: 'object',
    properties: { limit: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } },
    additionalProperties: false,
  },
  // issue 17: the answer (`AutopostListing` of log.ts), for the OpenAPI document and the contract check in tests.
  response: {
    200: {
      type: 'object', required: ['entries'], additionalProperties: false, description: 'Autopost attempts, newest first (200 unless `limit` says otherwise, 500 at most).',
      properties: {
        entries: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false,
            required: ['id', 'articleId', 'articleTitle', 'channel', 'attempt', 'status', 'responseCode', 'responseExcerpt', 'error', 'createdAt'],
            properties: {
              id: { type: 'integer' }, articleId: { type: 'integer' }, articleTitle: { type: ['string', 'null'], description: 'Null when the article no longer exists.' },
              channel: { type: 'string' }, attempt: { type: 'integer' },
              status: { type: 'string', enum: ['sent', 'retrying', 'failed', 'skipped'] },
              responseCode: { type: ['integer', 'null'] }, responseExcerpt: { type: 'string' }, error: { type: ['string', 'null'] },
              createdAt: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
};

/**
 * @example
 *   registerAutopostRoutes(app, { log: createAutopostLog(db), settings, csrf, site });
 */
export function registerAutopostRoutes(
  app: FastifyInstance,
  deps: { log: Pick<AutopostLog, 'list'>; settings: Pick<SettingsService, 'get'> } & Pick<DistributionAutopostRoutesDeps, 'csrf' | 'site'>,
): void {
  app.get<{ Querystring: { limit?: string } }>('/api/v1/admin/autopost', { config: EDITORS, schema: LIST_SCHEMA }, async (request) => {
    const limit = Math.min(500, Number(request.query.limit ?? 200));
    return { entries: await deps.log.list(limit) };
  });

  // In the newsroom frame, with its navigation; a browser without a session is sent to sign in.
  void app.register(async (scope) => {
    scope.get('/admin/autopost/', PAGE.editors, async (request, reply) => {
      const entries = await deps.log.list(200);
      return sendAdminPage(app, deps, request, reply, (_t, frame) => ({ ...renderAutopostPage(entries, frame.lang), path: '/admin/autopost/' }));
    });
  });
}
