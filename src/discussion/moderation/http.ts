/**
 * What the moderation routes share: access declarations, id parsing, the visitor's
 * hashes, and sending a page that is never cached (it carries a per-visitor CSRF token,
 * and on a failed submission the visitor's own entries).
 *
 * @example
 *   app.get('/admin/comments/', MODERATORS, async (request, reply) => sendHtml(services, request, reply, 200, page));
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { CSRF_HOLE } from '../../platform/csrf.js';
import { AppError } from '../../platform/errors.js';
import { SECURITY_HEADERS } from '../../platform/http.js';
import { sessionCookieOf } from '../../platform/pages.js';
import { ipHash, sessionHash } from '../../platform/privacy.js';
import type { Role } from '../../platform/users.js';
import type { Actor } from './log.js';

export const PUBLIC = { config: { access: 'public' as const } };
export const MODERATORS = { config: { access: 'staff' as const, roles: ['owner', 'admin', 'editor', 'moderator'] as Role[] } };

const ID = /^[1-9][0-9]{0,9}$/;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseId(raw: unknown, field = 'id'): number {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  if (typeof raw !== 'string' || !ID.test(raw)) throw new AppError('BAD_REQUEST', { field });
  return Number(raw);
}

/** The signed-in staff member as the log names them (the guard has set `request.staff`). */
export function actorOf(request: FastifyRequest): Actor {
  const staff = request.staff;
  if (!staff) throw new AppError('UNAUTHORIZED');
  return { userId: staff.id, name: staff.name };
}

/** The visitor's session (created now if needed) and the day's IP hash. */
export function visitorOf(services: Pick<Services, 'sessions' | 'secret' | 'now'>, request: FastifyRequest, reply: FastifyReply) {
  const sid = services.sessions.ensure(request, reply);
  return { sessionHash: sessionHash(sid), ipHash: ipHash(request.ip, services.secret, services.now()) };
}

export function ipHashOf(services: Pick<Services, 'secret' | 'now'>, request: FastifyRequest): string {
  return ipHash(request.ip, services.secret, services.now());
}

export function sendHtml(services: Pick<Services, 'csrf'>, request: FastifyRequest, reply: FastifyReply, status: number, body: string) {
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
