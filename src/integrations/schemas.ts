/**
 * The integrations API's one schema per input and answer (issue 17): Fastify validates and
 * serialises with them, the newsroom form takes its limits from them, and the OpenAPI
 * document shows them.
 *
 * @example
 *   app.post('/api/v1/admin/integrations', { schema: { body: integrationBody, response: { 201: createdAnswer } } }, handler);
 */
import { errorResponses } from '../platform/openapi.js';
import { SCOPES } from '../platform/permissions.js';
import { INTEGRATION_LIMITS } from './service.js';
import type { Integration } from './store.js';

export const integrationBody = {
  type: 'object',
  required: ['name', 'scopes'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: INTEGRATION_LIMITS.name },
    scopes: { type: 'array', minItems: 1, maxItems: SCOPES.length, uniqueItems: true, items: { type: 'string', enum: [...SCOPES] } },
    corsOrigins: { type: 'array', maxItems: INTEGRATION_LIMITS.origins, items: { type: 'string', maxLength: INTEGRATION_LIMITS.origin } },
  },
  examples: [{ name: 'n8n', scopes: ['content:read', 'comments:moderate'], corsOrigins: [] }],
} as const;

export const integrationSchema = {
  type: 'object',
  required: ['id', 'name', 'scopes', 'tokenHint', 'contentKey', 'corsOrigins', 'createdAt', 'lastUsedAt', 'revokedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string', enum: [...SCOPES] } },
    tokenHint: { type: 'string', description: 'The last four characters of the token.' },
    contentKey: { type: 'string', description: 'Public key for the Content API.' },
    corsOrigins: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

// Examples for the document (validated against these schemas in openapi.test.ts).
const exampleIntegration = {
  id: 2, name: 'n8n', scopes: ['content:read', 'comments:moderate'], tokenHint: 'nRsE', contentKey: 'bwc_9f2c4e1a7b3d8f60a5c2e9d4b1f7a3c8',
  corsOrigins: [], createdAt: '2026-11-20T10:00:00.000Z', lastUsedAt: null, revokedAt: null,
};
const exampleHeadless = {
  id: 3, name: 'App des Lindenauer Blatts', scopes: ['content:read'], tokenHint: 'Q7wk', contentKey: 'bwc_3b8e5d0c9a1f4e7b2c6d8a0f5e3b9c1d',
  corsOrigins: ['https://app.lindenauer-blatt.example'], createdAt: '2026-10-02T08:15:00.000Z', lastUsedAt: '2026-12-01T06:00:00.000Z', revokedAt: null,
};

export const listAnswer = {
  type: 'object', required: ['integrations'], additionalProperties: false, properties: { integrations: { type: 'array', items: integrationSchema } },
  examples: [{ integrations: [exampleIntegration, exampleHeadless] }],
} as const;

export const createdAnswer = {
  type: 'object',
  required: ['integration', 'token'],
  additionalProperties: false,
  properties: { integration: integrationSchema, token: { type: 'string', description: 'The admin token: shown this once, send it as `Authorization: Bearer …`.' } },
  examples: [{ integration: exampleIntegration, token: 'bwi_2Vf8kLq0ZsN4rT1yWc6pH3mB9dXeJ5uA7gK0iO2nRsE' }],
} as const;

export const oneAnswer = {
  type: 'object', required: ['integration'], additionalProperties: false, properties: { integration: integrationSchema },
  examples: [{ integration: { ...exampleIntegration, lastUsedAt: '2026-12-01T06:00:00.000Z', revokedAt: '2026-12-06T15:40:00.000Z' } }],
} as const;

export const STAFF_ERRORS = errorResponses(400, 401, 403, 404);

/** An integration as JSON (dates as ISO text). */
export function integrationJson(integration: Integration) {
  return {
    id: integration.id, name: integration.name, scopes: integration.scopes, tokenHint: integration.tokenHint, contentKey: integration.contentKey,
    corsOrigins: integration.corsOrigins, createdAt: integration.createdAt.toISOString(),
    lastUsedAt: integration.lastUsedAt?.toISOString() ?? null, revokedAt: integration.revokedAt?.toISOString() ?? null,
  };
}
