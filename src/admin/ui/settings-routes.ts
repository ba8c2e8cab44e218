/**
 * The settings pages (owner, admin): the index at `/admin/settings/` and a page per topic
 * at `/admin/settings/<page>/`, each one form posted to `/admin/settings/<page>`. Thin
 * transport over `saveSettings` (the JSON API's operation): 303 to the page with a notice,
 * or the page again (422) with every wrong field marked and what was typed kept. A list
 * button pressed without script (`_op=social.up.2`) answers the page with the list
 * changed and nothing saved. A section id is accepted as the form's address too (all of
 * that section's fields), as before the pages existed.
 *
 * @example
 *   registerSettingsPages(scope, { app, services, audit });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { Link, SettingsSection, SiteSettings } from '../../platform/settings.js';
import { defaultSenderAddress } from '../../platform/sender.js';
import type { Audit } from '../audit.js';
import { saveSettings, SettingsInvalid } from '../settings.js';
import { PAGE, navLinksOf, sendAdminPage } from './http.js';
import type { PlatformDeps } from '../../platform/deps.js';
import type { AdminUiHttpDeps } from './http.js';
import { applyListOp, fieldsOf, formValuesOf, isSection, parseListOp, parseSettingsForm, type FormValues } from './settings-form.js';
import { pageById, pageKeys, settingsPages, type SettingsPageSpec } from './settings-sections.js';
import { pageTitle, renderSettingsIndex, renderSettingsPage, type SettingsPageView } from './settings-view.js';

/** What this module needs from the composition root. */
export type AdminUiSettingsRoutesDeps = Pick<PlatformDeps, 'settings' | 'config'> & AdminUiHttpDeps;

interface Deps {
  app: FastifyInstance;
  services: AdminUiSettingsRoutesDeps;
  audit: Audit;
}

const FORM = { type: 'object', required: ['_csrf'], properties: { _csrf: { type: 'string' } } } as const;

/** A page id, or a section id standing for all of its fields. */
function resolvePage(id: string): SettingsPageSpec | null {
  const page = pageById(id);
  if (page) return page;
  return isSection(id) ? { id, section: id, group: 'more' } : null;
}

export function registerSettingsPages(scope: FastifyInstance, { app, services, audit }: Deps): void {
  const publicUrl = services.config.publicUrl;

  function viewOf(all: SiteSettings, page: SettingsPageSpec, extra: Partial<SettingsPageView> = {}): SettingsPageView {
    const stored = formValuesOf(all, page.section);
    const secrets: Record<string, boolean> = {};
    for (const field of fieldsOf(page.section)) {
      if (field.kind === 'secret') secrets[field.key] = Boolean((all[page.section] as unknown as Record<string, unknown>)[field.key]);
    }
    const placeholders: Record<string, string> =
      page.section === 'newsletter' ? { senderName: all.site.title, senderEmail: defaultSenderAddress(publicUrl) } : {};
    return { page, values: stored, secrets, saved: false, errors: [], pending: false, placeholders, ...extra, ...(extra.values ? { values: { ...stored, ...extra.values } } : {}) };
  }

  const show = (request: FastifyRequest, reply: FastifyReply, view: SettingsPageView, status = 200) =>
    sendAdminPage(
      app,
      services,
      request,
      reply,
      (t) => ({ title: `${pageTitle(t, view.page)} · ${t('settings.title')}`, path: '/admin/settings/', main: renderSettingsPage(t, view), modules: ['settings.js'] }),
      status,
    );

  scope.get('/admin/settings/', PAGE.administrators, async (request, reply) =>
    sendAdminPage(app, services, request, reply, (t) => ({ title: t('settings.title'), path: '/admin/settings/', main: renderSettingsIndex(t, { links: navLinksOf(app) }) })),
  );

  scope.get<{ Params: { page: string }; Querystring: { saved?: string } }>('/admin/settings/:page/', PAGE.administrators, async (request, reply) => {
    const page = pageById(request.params.page);
    if (!page) throw new AppError('NOT_FOUND', { field: 'page' });
    return show(request, reply, viewOf(await services.settings.all(), page, { saved: request.query.saved === '1' }));
  });

  scope.post<{ Params: { page: string } }>('/admin/settings/:page', { ...PAGE.administrators, schema: { ...PAGE.administrators.schema, body: FORM } }, async (request, reply) => {
    const page = resolvePage(request.params.page);
    if (!page) throw new AppError('NOT_FOUND', { field: 'page' });
    const keys = pageKeys(page);
    const { patch, raw } = parseSettingsForm(page.section, request.body, keys);
    const op = parseListOp(request.body);
    if (op && keys.includes(op.key) && fieldsOf(page.section).some((f) => f.key === op.key && f.kind === 'links')) {
      // A list button without script: the form as typed, the list changed, nothing saved.
      const rows = applyListOp((raw[op.key] as Link[] | undefined) ?? [], op);
      return show(request, reply, viewOf(await services.settings.all(), page, { values: { ...raw, [op.key]: rows }, pending: true }));
    }
    try {
      await saveSettings(services, audit, request.staff!, page.section, patch);
    } catch (error) {
      if (!(error instanceof SettingsInvalid)) throw error;
      const all = await services.settings.all();
      return show(request, reply, viewOf(all, page, { errors: error.errors, values: raw as FormValues }), 422);
    }
    const target = pageById(page.id) ? page.id : sectionHome(page.section);
    return reply.header('cache-control', 'no-store').redirect(`/admin/settings/${target}/?saved=1`, 303);
  });
}

/** The first page showing a section (where a section-wide post lands). */
function sectionHome(section: SettingsSection): string {
  return settingsPages().find((page) => page.section === section)?.id ?? section;
}
