/**
 * The integrations page of the newsroom, `/admin/integrations/` (owners and admins): the
 * list, the form to create one (the answer shows the token this once, never after a
 * redirect), and revoking. The forms call the same service as the JSON API and write the
 * same audit entries; a refused form comes back with the field at fault and what was typed.
 *
 * @example
 *   registerIntegrationPages(app, { integrations, audit, csrf, site });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PAGE, sendAdminPage } from '../admin/index.js';
import type { PlatformDeps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import type { Site } from '../site/index.js';
import type { IntegrationAudit } from './routes.js';
import type { Integrations } from './service.js';
import { integrationT, renderCreatedPage, renderIntegrationsPage, type IntegrationForm, type IntegrationFormField } from './view.js';

export type IntegrationPagesDeps = Pick<PlatformDeps, 'csrf'> & {
  site: Site;
  integrations: Pick<Integrations, 'create' | 'list' | 'revoke'>;
  audit: IntegrationAudit;
};

const ID = /^[1-9][0-9]{0,9}$/;
const strings = (value: unknown): string[] => [value].flat().filter((v): v is string => typeof v === 'string');

function formOf(body: Record<string, unknown> | undefined): IntegrationForm {
  return { name: strings(body?.name)[0]?.slice(0, 200) ?? '', scopes: strings(body?.scopes).slice(0, 10), origins: strings(body?.origins)[0]?.slice(0, 2200) ?? '' };
}

export function registerIntegrationPages(app: FastifyInstance, deps: IntegrationPagesDeps): void {
  const { integrations, audit } = deps;

  const listPage = async (request: FastifyRequest, reply: FastifyReply, extra: { form?: IntegrationForm; error?: IntegrationFormField; revoked?: boolean }, status = 200) => {
    const all = await integrations.list();
    return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
      title: integrationT(frame.lang)('title'),
      path: '/admin/integrations/',
      main: renderIntegrationsPage(frame.lang, { integrations: all, form: extra.form ?? {}, ...(extra.error ? { error: extra.error } : {}), revoked: extra.revoked ?? false }),
    }), status);
  };

  void app.register(async (scope) => {
    scope.get<{ Querystring: { revoked?: string } }>('/admin/integrations/', PAGE.administrators, async (request, reply) =>
      listPage(request, reply, { revoked: request.query.revoked === '1' }),
    );

    scope.post<{ Body: Record<string, unknown> | undefined }>('/admin/integrations/', PAGE.administrators, async (request, reply) => {
      const form = formOf(request.body);
      const staff = request.staff!;
      try {
        const origins = (form.origins ?? '').split(/[\s,]+/).filter(Boolean);
        const { integration, token } = await integrations.create({ name: form.name ?? '', scopes: form.scopes ?? [], corsOrigins: origins }, staff.id);
        await audit({ id: staff.id, name: staff.name }, 'integration.create', 'integration', integration.id, { name: integration.name, scopes: integration.scopes });
        return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
          title: integrationT(frame.lang)('created.title', { name: integration.name }),
          path: '/admin/integrations/',
          main: renderCreatedPage(frame.lang, integration, token),
        }), 201);
      } catch (error) {
        const field = error instanceof AppError ? error.field : undefined;
        if (field !== 'name' && field !== 'scopes' && field !== 'corsOrigins') throw error;
        return listPage(request, reply, { form, error: field }, 422);
      }
    });

    scope.post<{ Params: { id: string } }>('/admin/integrations/:id/revoke', PAGE.administrators, async (request, reply) => {
      if (!ID.test(request.params.id)) throw new AppError('NOT_FOUND');
      const staff = request.staff!;
      const integration = await integrations.revoke(Number(request.params.id));
      await audit({ id: staff.id, name: staff.name }, 'integration.revoke', 'integration', integration.id, { name: integration.name });
      return reply.header('cache-control', 'no-store').redirect('/admin/integrations/?revoked=1', 303);
    });
  });
}
