/**
 * The one gate in front of every handler: it enforces the route's declared access
 * (`config.access`, required at registration by http.ts) and CSRF on every write.
 * Staff routes may narrow the roles (`config.roles`); reader routes need a signed-in
 * reader and get it as `request.reader`. Who the caller is was decided once before, by
 * `installCaller` (caller.ts). Fails closed: an unknown access value refuses the request.
 *
 * @example
 *   app.post('/api/v1/admin/comments/:id/approve', { config: { access: 'staff', roles: ['moderator', 'editor'] } }, handler);
 *   app.post('/api/v1/me/mute', { config: { access: 'reader' } }, async (request) => mute(request.reader!.id));
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInReader } from './caller.js';
import type { Csrf } from './csrf.js';
import { AppError } from './errors.js';
import { sessionCookieOf } from './pages.js';
import { scopeForRoute } from './permissions.js';
import type { StaffUser } from './sessions.js';
import type { Role } from './users.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: Role[];
    /** Writes that authenticate otherwise (signed webhooks) may opt out of CSRF. */
    csrf?: false;
  }
  interface FastifyRequest {
    /** The caller when it is staff (set by the guard on `access: 'staff'` routes). */
    staff: StaffUser | null;
    /** The caller when it is a signed-in reader (set on `access: 'reader'` routes). */
    reader: SignedInReader | null;
  }
}

export type { SignedInReader } from './caller.js';

export interface GuardDeps {
  csrf: Pick<Csrf, 'verify'>;
  publicUrl: string;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | undefined;
  return body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
}

export function installGuard(app: FastifyInstance, deps: GuardDeps): void {
  const publicOrigin = new URL(deps.publicUrl).origin;
  app.decorateRequest('staff', null);
  app.decorateRequest('reader', null);
  // Access first, before the body is even read: a caller who may not use a route learns
  // nothing about it (not even its validation errors).
  app.addHook('onRequest', async (request) => {
    // The not-found handler is not a route: it only ever answers 404.
    if (request.is404) return;
    const config = request.routeOptions.config;
    const access = config.access;
    // The caller was resolved once, just before (platform/caller.ts).
    const caller = request.caller;
    if (access === 'staff' && caller.kind === 'integration') {
      // A token reaches only the routes listed for its scopes (permissions.ts TOKEN_ROUTES).
      const scope = scopeForRoute(request.method, request.routeOptions.url);
      if (!scope || !caller.integration.scopes.includes(scope)) throw new AppError('FORBIDDEN');
      request.staff = caller.staff;
    } else if (access === 'staff') {
      if (caller.kind !== 'staff') throw new AppError('UNAUTHORIZED');
      const user = caller.staff;
      if (!config.roles || (!config.roles.includes(user.role) && user.role !== 'owner')) throw new AppError('FORBIDDEN');
      request.staff = user;
    } else if (access === 'reader') {
      if (caller.kind !== 'reader') throw new AppError('UNAUTHORIZED');
      request.reader = caller.reader;
    } else if (access !== 'public' && access !== 'token') {
      throw new AppError('FORBIDDEN');
    }
  });
  // Note for pages that carry a token in their URL: a Referrer-Policy of `no-referrer`
  // makes browsers send `Origin: null` on their forms, which this check refuses; such
  // pages use `same-origin` (the token still never leaves the site).
  // CSRF once the body is parsed (plain forms carry the token as a field), before validation.
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const config = request.routeOptions.config;
    // A bearer token is not something a browser sends by itself, so a token request cannot
    // be forged across sites: CSRF is for cookie sessions (issue 17).
    if (WRITES.has(request.method) && config.csrf !== false && request.caller?.kind !== 'integration') {
      const ok = deps.csrf.verify({
        token: csrfTokenOf(request),
        sessionCookie: sessionCookieOf(request),
        origin: typeof request.headers.origin === 'string' ? request.headers.origin : undefined,
        fetchSite: typeof request.headers['sec-fetch-site'] === 'string' ? request.headers['sec-fetch-site'] : undefined,
        allowedOrigins: [publicOrigin, `${request.protocol}://${request.host}`],
      });
      if (!ok) throw new AppError('CSRF', { field: '_csrf' });
    }
  });
}
