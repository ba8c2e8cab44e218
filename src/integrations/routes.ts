/**
 * The integrations admin API (owners and admins; no token may manage integrations, so a
 * token can never give itself more) and the audit of every write a token makes: one entry
 * per request in the integration's name, besides the entries the operations write
 * themselves (also in its name, `actorOf` in platform/caller.ts).
 *
 * @example
 *   registerIntegrationRoutes(app, { integrations, audit });
 */
import type { FastifyInstance } from 'fastify';
import { integrationActorName } from '../platform/caller.js';
import { ROLES_FOR } from '../platform/permissions.js';
import { createdAnswer, integrationBody, integrationJson, listAnswer, oneAnswer, STAFF_ERRORS } from './schemas.js';
import type { IntegrationInput, Integrations } from './service.js';

/** What the audit log is told (admin/ owns it; the root hands its writer in). */
export type IntegrationAudit = (actor: { id: number | null; name: string } | null, action: string, targetType: string, targetId: number, detail?: Record<string, unknown>) => Promise<void>;

export interface IntegrationRouteDeps {
  integrations: Pick<Integrations, 'create' | 'list' | 'revoke'>;
  audit: IntegrationAudit;
}

const ADMINS = { access: 'staff' as const, roles: [...ROLES_FOR.administer] };
const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } } } as const;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerIntegrationRoutes(app: FastifyInstance, deps: IntegrationRouteDeps): void {
  const { integrations, audit } = deps;

  app.get('/api/v1/admin/integrations', {
    config: ADMINS,
    schema: { tags: ['integrations'], summary: 'Every integration, live and revoked (never a token)', security: [{ session: [] }], response: { 200: listAnswer, ...STAFF_ERRORS } },
  }, async () => ({ integrations: (await integrations.list()).map(integrationJson) }));

  app.post<{ Body: IntegrationInput }>('/api/v1/admin/integrations', {
    config: ADMINS,
    schema: {
      tags: ['integrations'], summary: 'Create an integration; its token is in this answer only', security: [{ session: [] }],
      body: integrationBody, response: { 201: createdAnswer, ...STAFF_ERRORS },
    },
  }, async (request, reply) => {
    const staff = request.staff!;
    const { integration, token } = await integrations.create(request.body, staff.id);
    await audit({ id: staff.id, name: staff.name }, 'integration.create', 'integration', integration.id, { name: integration.name, scopes: integration.scopes });
    return reply.code(201).header('cache-control', 'no-store').send({ integration: integrationJson(integration), token });
  });

  app.delete<{ Params: { id: string } }>('/api/v1/admin/integrations/:id', {
    config: ADMINS,
    schema: { tags: ['integrations'], summary: 'Revoke an integration: its token stops working at once', security: [{ session: [] }], params: ID, response: { 200: oneAnswer, ...STAFF_ERRORS } },
  }, async (request) => {
    const staff = request.staff!;
    const integration = await integrations.revoke(Number(request.params.id));
    await audit({ id: staff.id, name: staff.name }, 'integration.revoke', 'integration', integration.id, { name: integration.name });
    return { integration: integrationJson(integration) };
  });

  // Every write made with a token, whatever its route and answer, in the integration's name.
  // Written before the answer leaves (onSend, not onResponse): a caller that reads the audit
  // log right after its answer finds the entry (on PostgreSQL an onResponse write lagged it).
  app.addHook('onSend', async (request, reply, payload) => {
    const caller = request.caller;
    if (caller?.kind !== 'integration' || READS.has(request.method)) return payload;
    await audit({ id: null, name: integrationActorName(caller.integration) }, 'integration.request', 'integration', caller.integration.id, {
      method: request.method, route: request.routeOptions.url ?? request.url.split('?')[0], status: reply.statusCode,
    }).catch((error: unknown) => request.log.error({ err: error }, 'audit of an integration request failed'));
    return payload;
  });
}
