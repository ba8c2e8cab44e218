/**
 * The newsroom's pages under `/admin/`: overview, article list, editor, media library,
 * settings, audit log and one's own account (`forms-routes.ts`), sign-out, and the
 * one read the editor needs that the article API lacks (its autosaved copy). Pages read
 * through `data.ts` and render through the views; writes go through the JSON APIs.
 *
 * @example
 *   await registerAdminPages(app, services, audit);
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { AdminDashboardDeps } from '../dashboard.js';
import type { AdminUiDataDeps } from './data.js';
import type { AdminUiFormsRoutesDeps } from './forms-routes.js';
import type { AdminUiHttpDeps } from './http.js';
import type { AdminUiTaxonomyRoutesDeps } from './taxonomy-routes.js';
import type { ContentService } from '../../content/index.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import type { Audit } from '../audit.js';
import { registerFormPages } from './forms-routes.js';
import { registerTaxonomyPages } from './taxonomy-routes.js';
import { registerSettingsPages, type AdminUiSettingsRoutesDeps } from './settings-routes.js';
import { registerNotificationPages, type AdminUiNotificationRoutesDeps } from './notifications-routes.js';
import { ROLES_FOR, may } from '../../platform/permissions.js';
import { assertMayEdit } from '../../content/index.js';
import { dashboardData, parsePeriod } from '../dashboard.js';
import { renderArticleList } from './articles-view.js';
import { renderDashboard } from './dashboard-view.js';
import { editorData, isStatus, listArticles, readAutosave } from './data.js';
import { renderEditor } from './editor-view.js';
import { PAGE, sendAdminPage } from './http.js';
import { assetUrl, type AdminPage, type T } from './layout.js';
import type { Frame } from '../../site/index.js';
import { registerMediaPages, type AdminUiMediaRoutesDeps } from './media-routes.js';

/** What this module needs from the composition root. */
export type AdminUiRoutesDeps = Pick<PlatformDeps, 'sessions' | 'views'> & { content: ContentService } & AdminUiHttpDeps & AdminDashboardDeps & AdminUiDataDeps & AdminUiFormsRoutesDeps & AdminUiTaxonomyRoutesDeps & AdminUiMediaRoutesDeps & AdminUiSettingsRoutesDeps & AdminUiNotificationRoutesDeps;

/** The editor bundle's asset name (built by scripts/build.mjs into src/admin/ui/bundle/). */
export const EDITOR_BUNDLE = 'editor.js';

const ID = /^[1-9][0-9]{0,9}$/;

export async function registerAdminPages(app: FastifyInstance, services: AdminUiRoutesDeps, audit: Audit): Promise<void> {
  const send = (request: FastifyRequest, reply: FastifyReply, page: (t: T, frame: Frame) => AdminPage) =>
    sendAdminPage(app, services, request, reply, page);

  await app.register(async (scope) => {
    scope.get<{ Querystring: { days?: string } }>('/admin/', PAGE.anyStaff, async (request, reply) => {
      const days = parsePeriod(request.query.days);
      await services.views.flush();
      const data = await dashboardData(services, { days, user: request.staff! });
      return send(request, reply, (t, frame) => ({
        title: t('dashboard.title'),
        path: '/admin/',
        main: renderDashboard(t, frame.lang, data, { mayWrite: may(request.staff!.role, 'write') }),
      }));
    });

    scope.get<{ Querystring: { status?: string } }>('/admin/articles/', PAGE.writers, async (request, reply) => {
      const status = isStatus(request.query.status) ? request.query.status : null;
      const rows = await listArticles(services, request.staff!, status);
      return send(request, reply, (t, frame) => ({ title: t('articles.title'), path: '/admin/articles/', main: renderArticleList(t, frame.lang, rows, status) }));
    });

    async function editorPage(request: FastifyRequest, reply: FastifyReply, id: number | null) {
      const user = request.staff!;
      const article = id === null ? null : await services.content.store.findBy('id', id);
      if (id !== null && !article) throw new AppError('NOT_FOUND');
      if (article) assertMayEdit(user, article);
      const data = await editorData(services, user, article);
      return send(request, reply, (t, frame) => {
        const bundle = assetUrl(frame, EDITOR_BUNDLE) !== null;
        return {
          title: article ? t('editor.editTitle') : t('editor.newTitle'),
          path: article ? `/admin/articles/${article.id}/` : '/admin/articles/new/',
          main: renderEditor(t, { data, user, lang: frame.lang, siteHost: new URL(frame.publicUrl).host, bundle }),
          modules: [EDITOR_BUNDLE],
        };
      });
    }

    scope.get('/admin/articles/new/', PAGE.writers, async (request, reply) => editorPage(request, reply, null));

    scope.get<{ Params: { id: string } }>('/admin/articles/:id/', PAGE.writers, async (request, reply) => {
      if (!ID.test(request.params.id)) throw new AppError('NOT_FOUND');
      return editorPage(request, reply, Number(request.params.id));
    });

    registerMediaPages(scope, { app, services });

    registerFormPages(scope, { app, services, audit });
    registerTaxonomyPages(scope, { app, services, audit });
    registerSettingsPages(scope, { app, services, audit });
    registerNotificationPages(scope, { app, services });

    // The sign-out form. It must carry its token as the form field `_csrf`: a form always
    // does, and a stray JSON call cannot sign someone out by accident.
    scope.post(
      '/admin/logout/',
      { ...PAGE.anyStaff, schema: { hide: true, body: { type: 'object', required: ['_csrf'], properties: { _csrf: { type: 'string' } } } } },
      async (request, reply) => {
        await services.sessions.signOut(request, reply);
        return reply.header('cache-control', 'no-store').redirect('/admin/login/', 303);
      },
    );
  });

  // The editor's own autosaved copy, written by PUT …/autosave of the article API.
  app.get<{ Params: { id: string } }>(
    '/api/v1/admin/articles/:id/autosave',
    {
      config: { access: 'staff', roles: [...ROLES_FOR.write] },
      schema: {
        tags: ['admin'], summary: "The signed-in editor's autosaved copy of an article", params: { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } } },
        // issue 17: the answer (readAutosave in data.ts): the body PUT …/autosave kept, as sent.
        response: {
          200: { type: 'object', required: ['data', 'savedAt'], additionalProperties: false, description: 'The copy and when it was saved.', properties: { data: { description: 'The JSON object PUT …/autosave received.' }, savedAt: { type: 'string', format: 'date-time' } } },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = request.staff!;
      const article = await services.content.store.findBy('id', Number(request.params.id));
      if (!article) throw new AppError('NOT_FOUND', { field: 'id' });
      assertMayEdit(user, article);
      const saved = await readAutosave(services, user.id, article.id);
      if (!saved) throw new AppError('NOT_FOUND', { field: 'autosave' });
      return saved;
    },
  );
}
