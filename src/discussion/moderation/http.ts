/**
 * What the moderation routes share: access declarations, id parsing, the acting
 * moderator, and sending a page that is never cached (it carries a per-visitor CSRF token,
 * and on a failed submission the visitor's own entries).
 *
 * @example
 *   app.get('/admin/comments/', MODERATORS, async (request, reply) => sendHtml(services, request, reply, 200, page));
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf as actorOfCaller, hasRole } from '../../platform/caller.js';
import { CSRF_HOLE, type Csrf } from '../../platform/csrf.js';
import { AppError } from '../../platform/errors.js';
import { SECURITY_HEADERS } from '../../platform/http.js';
import { sessionCookieOf } from '../../platform/pages.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import type { Actor } from './log.js';

export const PUBLIC = { config: { access: 'public' as const } };
export const MODERATORS = { config: { access: 'staff' as const, roles: [...ROLES_FOR.moderate] } };

const ID = /^[1-9][0-9]{0,9}$/;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseId(raw: unknown, field = 'id'): number {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  if (typeof raw !== 'string' || !ID.test(raw)) throw new AppError('BAD_REQUEST', { field });
  return Number(raw);
}

/** The signed-in moderator as the log names them (the guard has admitted them). */
export function actorOf(request: FastifyRequest): Actor {
  if (!hasRole(request.caller, ROLES_FOR.moderate)) throw new AppError('UNAUTHORIZED');
  return actorOfCaller(request.caller);
}

export function sendHtml(services: { csrf: Pick<Csrf, 'tokenFor'> }, request: FastifyRequest, reply: FastifyReply, status: number, body: string) {
  const token = services.csrf.tokenFor(sessionCookieOf(request));
  return reply
    .code(status)
    .headers(SECURITY_HEADERS)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body.split(CSRF_HOLE).join(token));
}

/** A form field as one string (a repeated field keeps its first value). */
export { formField as field } from '../../platform/http.js';
