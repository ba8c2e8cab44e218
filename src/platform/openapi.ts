/**
 * Pieces of the OpenAPI document every capability uses (issue 17): the error answer with
 * the codes of the catalogue (errors.ts) that carry a status, so a route's schema says
 * exactly which coded errors it can give, with their German and English messages.
 *
 * @example
 *   app.get('/api/v1/content/tags', { schema: { response: { 200: tags, ...errorResponses(400, 429) } } }, handler);
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { ERROR_STATUS, errorMessages, type ErrorCode } from './errors.js';
import { addExamples } from './openapi-examples.js';

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

/** How a caller proves who it is, as the document's security schemes. */
export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey', in: 'cookie', name: 'bw_sid',
    description: 'A staff or reader session (POST /api/v1/session). Writes also need the CSRF token: see `csrf`.',
  },
  csrf: {
    type: 'apiKey', in: 'header', name: 'x-csrf-token',
    description: 'The token from `<meta name="csrf-token">` or the sign-in answer; required on every write made with a session cookie.',
  },
  bearer: {
    type: 'http', scheme: 'bearer',
    description: 'An integration token (`Authorization: Bearer bwi_…`), made in the newsroom under Integrations. It opens only the routes of its scopes; CSRF does not apply.',
  },
  contentKey: {
    type: 'apiKey', in: 'query', name: 'key',
    description: 'Optional content key for the Content API (also as the `x-content-key` header): higher rate limits, CORS for its origins.',
  },
} as const;

/**
 * `?key=` as a parameter of every operation the content key may be given to. @fastify/swagger
 * leaves a query parameter out where a security scheme of the operation names it (the
 * `contentKey` scheme does); a reader of the document, and the typed client, should see it.
 */
export const CONTENT_KEY_PARAMETER = {
  in: 'query',
  name: 'key',
  required: false,
  schema: { type: 'string', maxLength: 100 },
  description: 'Content key (optional; also as the `x-content-key` header): higher rate limits and CORS for its origins. Without it the route answers all the same.',
} as const;

interface OpenApiOperation { security?: Record<string, unknown>[]; parameters?: { in: string; name: string }[] }
interface OpenApiDocument { paths?: Record<string, Record<string, OpenApiOperation>> }

function listContentKey(document: OpenApiDocument): void {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      if (!operation.security?.some((alternative) => 'contentKey' in alternative)) continue;
      const parameters = (operation.parameters ??= []);
      if (!parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'key')) parameters.push({ ...CONTENT_KEY_PARAMETER });
    }
  }
}

interface RouteLike {
  config?: unknown;
  method: string | string[];
  url: string;
}

/**
 * The `security` of a route, from its declared access when its schema does not say:
 * public routes need nothing, reader routes a session, staff routes a session with CSRF
 * or, where a scope opens them, an integration token.
 */
export function securityOf(route: RouteLike, tokenScope: (method: string, url: string) => string | null): Record<string, string[]>[] {
  const access = (route.config as { access?: string } | undefined)?.access;
  const method = [route.method].flat()[0] ?? 'GET';
  const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  if (access === 'staff') {
    const scope = tokenScope(method, route.url);
    return [write ? { session: [], csrf: [] } : { session: [] }, ...(scope ? [{ bearer: [scope] }] : [])];
  }
  if (access === 'reader') return [write ? { session: [], csrf: [] } : { session: [] }];
  return [{}];
}

/**
 * The options of @fastify/swagger for the whole API: OpenAPI 3.1, security schemes, tags,
 * the `webhooks` section handed in by the composition root, and per-route security.
 */
export function openApiOptions(options: { publicUrl: string; webhooks: Record<string, unknown>; tokenScope: (method: string, url: string) => string | null }): SwaggerOptions {
  const swaggerOptions = {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Blattwerk API',
        version: '1',
        description: [
          'The public Content API (`/api/v1/content/`, no key needed), the newsroom API (`/api/v1/admin/`) and the readers’ API.',
          'Sign in with a session cookie (writes then need `x-csrf-token`), or call the newsroom API with an integration token (`Authorization: Bearer …`).',
          'Every error is `{ "error": { "code", "message", "field" } }` with a code from the catalogue; see each route’s error answers. A readable reference: /api/docs/.',
        ].join('\n\n'),
      },
      servers: [{ url: options.publicUrl }],
      components: { securitySchemes: SECURITY_SCHEMES },
      tags: [
        { name: 'content', description: 'Content API: what the site shows readers, read-only, cacheable (ETag).' },
        { name: 'integrations', description: 'Integrations and their tokens (owners and admins).' },
        { name: 'admin', description: 'The newsroom.' },
      ],
      webhooks: options.webhooks,
    },
    hideUntagged: false,
    transform: ({ schema, url, route }: { schema: Record<string, unknown> | undefined; url: string; route: RouteLike }) => {
      if (!url.startsWith('/api/')) return { schema: { ...schema, hide: true }, url };
      const security = schema?.security ?? securityOf(route, options.tokenScope);
      return { schema: { ...schema, security }, url };
    },
    // The finished document: examples where a schema has none, and the content key listed.
    transformObject: ({ openapiObject }: { openapiObject: Record<string, unknown> }) => {
      const document = openapiObject as OpenApiDocument;
      addExamples(openapiObject);
      listContentKey(document);
      return document;
    },
  };
  // The plugin's types model OpenAPI 3.0 objects; 3.1's `webhooks` and type lists are passed through as given.
  return swaggerOptions as unknown as SwaggerOptions;
}
