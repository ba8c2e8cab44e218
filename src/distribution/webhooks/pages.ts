/**
 * Webhooks in the newsroom: `/admin/webhooks/` lists the receivers and registers one (the
 * answer shows its secret, this once), a receiver can be deleted, and
 * `/admin/webhooks/:id/` lists its deliveries with the receiver's answers. The forms call
 * the same service as the JSON API; a refused registration comes back with the field at
 * fault and what was typed, and stores nothing. Owners and admins only, like the API.
 *
 * @example
 *   registerWebhookPages(app, { webhooks, csrf, site });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { Site } from '../../site/index.js';
import { PAGE, sendAdminPage } from '../../admin/index.js';
import { AppError } from '../../platform/errors.js';
import { OutboundError } from '../../platform/outbound.js';
import { isWebhookEvent } from './events.js';
import type { WebhookService } from './service.js';
import { renderCreatedPage, renderDeliveriesPage, renderWebhooksPage, webhookT, type WebhookForm, type WebhookFormError } from './view.js';

/** What this module needs from the composition root. */
export type DistributionWebhooksPagesDeps = Pick<PlatformDeps, 'csrf'> & { site: Site };

const ID = /^[1-9][0-9]{0,9}$/;
const MAX_DESCRIPTION = 200;

type Deps = Pick<DistributionWebhooksPagesDeps, 'csrf' | 'site'> & { webhooks: Pick<WebhookService, 'create' | 'list' | 'remove' | 'find' | 'deliveries'> };

const strings = (value: unknown): string[] => [value].flat().filter((v): v is string => typeof v === 'string');

/** The posted form, read leniently: it is shown again as sent when something is wrong. */
export function webhookFormOf(body: Record<string, unknown> | undefined): WebhookForm {
  return {
    url: strings(body?.url)[0]?.slice(0, 2000) ?? '',
    events: strings(body?.events).slice(0, 20),
    description: strings(body?.description)[0] ?? '',
  };
}

/** What the form can refuse before the service is asked. */
function checkForm(form: WebhookForm): WebhookFormError | null {
  if (!form.url?.trim()) return { field: 'url', message: 'error.url.invalid' };
  if (!form.events?.length || !form.events.every(isWebhookEvent)) return { field: 'events', message: 'error.events' };
  if ((form.description ?? '').length > MAX_DESCRIPTION) return { field: 'description', message: 'error.description' };
  return null;
}

/** The service's refusals at their fields; the URL's by what is wrong with it. */
function formErrorOf(error: AppError): WebhookFormError | null {
  if (error.field === 'events') return { field: 'events', message: 'error.events' };
  if (error.field !== 'url') return null;
  const cause = error.cause instanceof OutboundError ? error.cause.problem : 'invalid';
  // Registration checks the URL only; a timeout or a large answer happen at delivery.
  const problem = cause === 'timeout' || cause === 'too-large' ? 'invalid' : cause;
  return { field: 'url', message: `error.url.${problem}` };
}

export function registerWebhookPages(app: FastifyInstance, deps: Deps): void {
  const { webhooks } = deps;

  const listPage = async (request: FastifyRequest, reply: FastifyReply, extra: { form?: WebhookForm; error?: WebhookFormError; deleted?: boolean }, status = 200) => {
    const list = await webhooks.list();
    return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
      title: webhookT(frame.lang)('title'),
      path: '/admin/webhooks/',
      main: renderWebhooksPage(frame.lang, { webhooks: list, form: extra.form ?? {}, ...(extra.error ? { error: extra.error } : {}), deleted: extra.deleted ?? false }),
    }), status);
  };

  const webhookOf = async (id: string) => {
    const webhook = ID.test(id) ? await webhooks.find(Number(id)) : null;
    if (!webhook) throw new AppError('NOT_FOUND');
    return webhook;
  };

  void app.register(async (scope) => {
    scope.get<{ Querystring: { deleted?: string } }>('/admin/webhooks/', PAGE.administrators, async (request, reply) =>
      listPage(request, reply, { deleted: request.query.deleted === '1' }),
    );

    scope.post<{ Body: Record<string, unknown> | undefined }>('/admin/webhooks/', PAGE.administrators, async (request, reply) => {
      const form = webhookFormOf(request.body);
      const refused = checkForm(form);
      if (refused) return listPage(request, reply, { form, error: refused }, 422);
      try {
        const { webhook, secret } = await webhooks.create(
          { url: form.url!.trim(), events: form.events!.filter(isWebhookEvent), description: form.description ?? '' },
          request.staff?.id ?? null,
        );
        // Answered here, not after a redirect: the secret is never stored where a GET could show it again.
        return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
          title: webhookT(frame.lang)('created.title'),
          path: '/admin/webhooks/',
          main: renderCreatedPage(frame.lang, webhook, secret),
        }), 201);
      } catch (error) {
        const placed = error instanceof AppError ? formErrorOf(error) : null;
        if (!placed) throw error;
        return listPage(request, reply, { form, error: placed }, 422);
      }
    });

    scope.post<{ Params: { id: string } }>('/admin/webhooks/:id/delete', PAGE.administrators, async (request, reply) => {
      const webhook = await webhookOf(request.params.id);
      await webhooks.remove(webhook.id);
      return reply.header('cache-control', 'no-store').redirect('/admin/webhooks/?deleted=1', 303);
    });

    scope.get<{ Params: { id: string } }>('/admin/webhooks/:id/', PAGE.administrators, async (request, reply) => {
      const webhook = await webhookOf(request.params.id);
      const deliveries = await webhooks.deliveries(webhook.id, 100);
      return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
        title: webhookT(frame.lang)('deliveries.title', { url: webhook.url }),
        path: `/admin/webhooks/${webhook.id}/`,
        main: renderDeliveriesPage(frame.lang, webhook, deliveries),
      }));
    });
  });
}
