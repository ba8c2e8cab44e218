/**
 * The webhook admin API: register (`POST`, answers the secret once), list, delete, and
 * each receiver's deliveries with status and response. Owners and admins only: a webhook
 * sends site data to another server.
 *
 * @example
 *   registerWebhookRoutes(app, webhooks);
 *   await app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers, payload: { url, events: ['article.published'] } });
 *   // 201 { id, url, events, description, createdAt, secret }
 */
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import { WEBHOOK_EVENTS, type WebhookEvent } from './events.js';
import type { WebhookService } from './service.js';

const ADMINS = { access: 'staff' as const, roles: ['owner' as const, 'admin' as const] };
const TAGS = ['admin'];
const ID_PARAMS = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
  required: ['id'],
} as const;

const CREATE_BODY = {
  type: 'object',
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000 },
    events: { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENTS] }, minItems: 1, maxItems: WEBHOOK_EVENTS.length },
    description: { type: 'string', maxLength: 200 },
    _csrf: { type: 'string' },
  },
  required: ['url', 'events'],
  additionalProperties: false,
} as const;

/**
 * @example
 *   registerWebhookRoutes(app, createWebhookService(deps));
 */
// issue 17: the answers, for the OpenAPI document and the contract check in tests.
const webhookAnswer = {
  type: 'object', additionalProperties: true, required: ['id', 'url', 'events'],
  properties: { id: { type: 'integer' }, url: { type: 'string' }, events: { type: 'array', items: { type: 'string' } }, description: { type: 'string' } },
} as const;
const webhookAnswers = (ok: Record<number, unknown>): { response: Record<number, unknown> } => ({ response: { ...ok, ...errorResponses(400, 401, 403, 404, 422) } });

export function registerWebhookRoutes(app: FastifyInstance, webhooks: WebhookService): void {
  app.post<{ Body: { url: string; events: WebhookEvent[]; description?: string } }>(
    '/api/v1/admin/webhooks',
    { config: ADMINS, schema: { tags: TAGS, summary: 'Register a webhook; the answer holds its secret, shown only this once', body: CREATE_BODY, ...webhookAnswers({ 201: { ...webhookAnswer, required: [...webhookAnswer.required, 'secret'], properties: { ...webhookAnswer.properties, secret: { type: 'string' } } } }) } },
    async (request, reply) => {
      const { webhook, secret } = await webhooks.create(request.body, request.staff?.id ?? null);
      return reply.code(201).send({ ...webhook, secret });
    },
  );

  app.get('/api/v1/admin/webhooks', { config: ADMINS, schema: { tags: TAGS, summary: 'Registered webhooks (without secrets)', ...webhookAnswers({ 200: { type: 'object', required: ['webhooks'], additionalProperties: false, properties: { webhooks: { type: 'array', items: webhookAnswer } } } }) } }, async () => ({
    webhooks: await webhooks.list(),
  }));

  app.delete<{ Params: { id: string } }>(
    '/api/v1/admin/webhooks/:id',
    { config: ADMINS, schema: { tags: TAGS, summary: 'Delete a webhook and its delivery history', params: ID_PARAMS, ...webhookAnswers({ 204: { type: 'null', description: 'Deleted.' } }) } },
    async (request, reply) => {
      await webhooks.remove(Number(request.params.id));
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/admin/webhooks/:id/deliveries',
    { config: ADMINS, schema: { tags: TAGS, summary: 'Deliveries of a webhook, newest first, with status and response', params: ID_PARAMS, ...webhookAnswers({ 200: { type: 'object', required: ['deliveries'], additionalProperties: false, properties: { deliveries: { type: 'array', items: { type: 'object', additionalProperties: true, required: ['id', 'event', 'status'], properties: { id: { type: 'string', format: 'uuid', description: 'The delivery id receivers see.' }, event: { type: 'string' }, status: { type: 'string' }, attempts: { type: 'integer' } } } } } } }) } },
    async (request) => ({ deliveries: await webhooks.deliveries(Number(request.params.id)) }),
  );
}
