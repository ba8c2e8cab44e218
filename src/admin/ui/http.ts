/**
 * What the newsroom pages share over HTTP: who may open which page, and sending a page
 * that is never cached (it carries the visitor's own CSRF token, spliced in per request).
 * A browser without a staff session is sent to the sign-in form by the app's error
 * handling (platform/http.ts), for every page under `/admin/`.
 *
 * @example
 *   app.get('/admin/', PAGE.anyStaff, async (request, reply) => sendAdminHtml(services, request, reply, 200, body));
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { Site } from '../../site/index.js';
import { AppError } from '../../platform/errors.js';
import { SECURITY_HEADERS } from '../../platform/http.js';
import { spliceForVisitor } from '../../platform/pages.js';
import { ROLES, type Role } from '../../platform/users.js';
import type { Frame } from '../../site/index.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import { renderAdminDocument, tOf, type AdminPage, type NavLinks, type T } from './layout.js';

/** What this module needs from the composition root. */
export type AdminUiHttpDeps = Pick<PlatformDeps, 'csrf'> & { site: Site };

const page = (roles: readonly Role[]) => ({ config: { access: 'staff' as const, roles: [...roles] }, schema: { hide: true } });

/** Route options per page: staff only, with the roles of the permission matrix. */
export const PAGE = {
  anyStaff: page(ROLES),
  writers: page(ROLES_FOR.write),
  administrators: page(ROLES_FOR.administer),
  editors: page(ROLES_FOR.publishAny),
};

export function sendAdminHtml(services: Pick<AdminUiHttpDeps, 'csrf'>, request: FastifyRequest, reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .headers(SECURITY_HEADERS)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(spliceForVisitor(body, services.csrf, request));
}

/** The newsroom links other capabilities add, found in the app's route table when asked. */
export function navLinksOf(app: FastifyInstance): NavLinks {
  const registered = (url: string) => app.hasRoute({ method: 'GET', url });
  return {
    corrections: registered('/admin/corrections/'),
    newsletter: registered('/admin/newsletter/'),
    autopost: registered('/admin/autopost/'),
    webhooks: registered('/admin/webhooks/'),
    supporters: registered('/admin/supporters/'),
    integrations: registered('/admin/integrations/'), // issue 17
    federation: registered('/admin/federation/'), // issue 13
  };
}

/**
 * Sends a page in the newsroom's frame (navigation, who is signed in), for any capability's
 * page under `/admin/`. The route must be staff-only (its guard sets `request.staff`).
 *
 * @example
 *   app.get('/admin/webhooks/', PAGE.administrators, async (request, reply) =>
 *     sendAdminPage(app, services, request, reply, (t, frame) => ({ title: 'Webhooks', path: '/admin/webhooks/', main })));
 */
export async function sendAdminPage(
  app: FastifyInstance,
  services: Pick<AdminUiHttpDeps, 'csrf' | 'site'>,
  request: FastifyRequest,
  reply: FastifyReply,
  page: (t: T, frame: Frame) => AdminPage,
  status = 200,
) {
  if (!request.staff) throw new AppError('UNAUTHORIZED');
  const frame = await services.site.frame();
  const body = renderAdminDocument(frame, { user: request.staff, links: navLinksOf(app) }, page(tOf(frame), frame));
  return sendAdminHtml(services, request, reply, status, body);
}
