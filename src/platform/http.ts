/**
 * What every HTTP response shares: security headers, coded errors rendered as JSON for
 * the API and as a page for people, and the access declaration every route must carry
 * (`config: { access: 'public' | 'reader' | 'staff' | … }`): a route without one is
 * refused at registration, so access control fails closed.
 *
 * @example
 *   app.get('/healthz', { config: { access: 'public' } }, async () => ({ ok: true }));
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from './errors.js';

export type Access = 'public' | 'reader' | 'staff' | 'token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The coded error a value over a schema limit means (`{ body: 'COMMENT_TOO_LONG' }`),
     * so that the API answers a mistake with the code the operation gives a plain form.
     */
    fieldErrors?: Readonly<Record<string, ErrorCode>>;
  }
}

// The header sets live in headers.ts (one hook gives every answer its set); re-exported
// for the writers that send before Fastify (pages.ts) and the routes that name them.
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers.js';

/** Randomness for request ids, read 4 KB at a time (`requestId`). */
let idPool = Buffer.alloc(0);
let idAt = 0;

/**
 * A request id for logs and error pages: 16 hex digits, as unguessable as `randomBytes(8)`
 * but cut from 4 KB of randomness read at once. A call per request was 2.5 % of a render
 * thread's time in a search flood (bench/PROFILE.md section 9).
 */
export function requestId(): string {
  if (idAt + 8 > idPool.length) {
    idPool = randomBytes(4096);
    idAt = 0;
  }
  idAt += 8;
  return idPool.toString('hex', idAt - 8, idAt);
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  roles: readonly string[] | undefined;
  /** The statuses the route's response schema declares (issue 17: the OpenAPI test wants them). */
  responses: readonly string[];
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route registered on `app` with its declared access (for the permission tests). */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

/** Refuses to register a route that does not say who may call it, and records the rest. */
export function requireAccessDeclarations(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const config = route.config as { access?: Access; roles?: readonly string[] } | undefined;
    if (!config?.access) {
      throw new Error(`Route ${route.method} ${route.url} has no access declaration (config.access)`);
    }
    for (const method of [route.method].flat()) {
      const responses = Object.keys((route.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {});
      table.push({ method, url: route.url, access: config.access, roles: config.roles, responses });
    }
  });
}

const LIMIT_KEYWORDS = new Set(['maxLength', 'minLength', 'minimum', 'maximum', 'maxItems', 'minItems']);

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export interface ErrorPageRenderer {
  (request: FastifyRequest, error: AppError): Promise<string>;
}

/** Turns any thrown error into a clear response; unknown errors are logged, not shown. */
export function installErrorHandling(app: FastifyInstance, renderErrorPage: ErrorPageRenderer, language: () => Promise<'de' | 'en'>) {
  app.setErrorHandler(async (raw, request, reply) => {
    let error: AppError;
    if (raw instanceof AppError) error = raw;
    else if ((raw as { validation?: unknown }).validation) {
      const validation = (raw as { validation: { keyword?: string; instancePath?: string; params?: { missingProperty?: string; additionalProperty?: string } }[] }).validation[0];
      const path = validation?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
      const leaf = validation?.params?.missingProperty ?? validation?.params?.additionalProperty;
      const field = [path, leaf].filter(Boolean).join('.');
      // A value over a limit is the operation's own error; a wrong type stays VALIDATION.
      const coded = field && LIMIT_KEYWORDS.has(validation?.keyword ?? '') ? request.routeOptions.config.fieldErrors?.[field] : undefined;
      error = new AppError(coded ?? 'VALIDATION', { field: field || undefined, detail: (raw as Error).message });
    } else if ((raw as { statusCode?: number }).statusCode === 413) error = new AppError('PAYLOAD_TOO_LARGE');
    else if ((raw as { statusCode?: number }).statusCode === 415) error = new AppError('UNSUPPORTED_MEDIA_TYPE');
    else if ((raw as { statusCode?: number }).statusCode && (raw as { statusCode: number }).statusCode < 500) {
      error = new AppError('BAD_REQUEST', { detail: (raw as Error).message });
    } else if (isDatabaseDown(raw)) {
      error = new AppError('DATABASE_UNAVAILABLE', { cause: raw });
      request.log.error({ err: raw }, 'database unavailable');
    } else {
      request.log.error({ err: raw }, 'unhandled error');
      error = new AppError('INTERNAL', { cause: raw });
    }
    if (error.code === 'UNAUTHORIZED' && isNewsroomPageRequest(request)) {
      return reply.header('cache-control', 'no-store').redirect(signInPath(request), 303);
    }
    await sendError(request, reply, error, renderErrorPage, language);
  });
  app.setNotFoundHandler({}, async (request, reply) => {
    await sendError(request, reply, new AppError('NOT_FOUND'), renderErrorPage, language);
  });
}

/** A person's browser (it asks for HTML) opening a newsroom page; scripts and API clients get the 401. */
function isNewsroomPageRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/admin/') && String(request.headers.accept ?? '').includes('text/html');
}

const SIGN_IN = '/admin/login/';
const MAX_RETURN_PATH = 500;

/**
 * Where a newsroom page may send someone after sign-in: a path on this site under
 * `/admin/` (query allowed), never another origin (`//host`, `/\host`), never the
 * sign-in page itself. Anything else is null.
 *
 * @example
 *   safeAdminPath('/admin/corrections/?status=open'); // '/admin/corrections/?status=open'
 *   safeAdminPath('//evil.example/admin/');           // null
 */
export function safeAdminPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_RETURN_PATH) return null;
  if (!value.startsWith('/admin/') || /[\\\u0000-\u0020\u007f]/.test(value)) return null;
  const base = 'http://blattwerk.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base || !url.pathname.startsWith('/admin/') || url.pathname.startsWith(SIGN_IN)) return null;
  return `${url.pathname}${url.search}`;
}

/** The sign-in form, remembering the page a GET asked for (the overview is the default anyway). */
function signInPath(request: FastifyRequest): string {
  const next = request.method === 'GET' ? safeAdminPath(request.url) : null;
  return next && next !== '/admin/' ? `${SIGN_IN}?next=${encodeURIComponent(next)}` : SIGN_IN;
}

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', 'SQLITE_BUSY']);

/** Errors that mean "the database cannot be reached right now", not "this request is wrong". */
export function isDatabaseDown(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string; errors?: unknown[]; cause?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return false;
  if (candidate.code && DOWN_CODES.has(candidate.code)) return true;
  if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(candidate.message ?? '')) return true;
  if (Array.isArray(candidate.errors) && candidate.errors.some(isDatabaseDown)) return true;
  return candidate.cause !== undefined && candidate.cause !== error && isDatabaseDown(candidate.cause);
}

async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  renderErrorPage: ErrorPageRenderer,
  language: () => Promise<'de' | 'en'>,
) {
  const lang = await language().catch(() => 'de' as const);
  // Security headers by content type come from the onSend hook (headers.ts).
  reply.code(error.status).header('cache-control', 'no-store');
  if (error.status === 503) reply.header('retry-after', '5');
  if (error.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfter))));
  const type = String(request.headers['content-type'] ?? '');
  // A plain HTML form gets a page it can show; API clients and scripts get JSON.
  const fromForm = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
  const wantsJson =
    isApiRequest(request) ||
    (request.headers.accept ?? '').startsWith('application/json') ||
    (request.method !== 'GET' && request.method !== 'HEAD' && !fromForm);
  if (request.method === 'HEAD') return reply.send();
  if (wantsJson) {
    return reply.type('application/json; charset=utf-8').send({
      error: { code: error.code, message: error.localized(lang), ...(error.field ? { field: error.field } : {}) },
    });
  }
  let page: string;
  try {
    page = await renderErrorPage(request, error);
  } catch {
    page = `<!doctype html><title>${error.status}</title><p>${error.localized(lang)}</p>`;
  }
  return reply.type('text/html; charset=utf-8').send(page);
}

/**
 * A field of a parsed form body as one string: a repeated field keeps its first value;
 * missing or not text is `undefined`.
 *
 * @example
 *   formField(request.body, 'email') ?? '';
 */
export function formField(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}
