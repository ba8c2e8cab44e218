/**
 * `/admin/account/notifications/`: how often one hears about comments on one's articles
 * (issue 11): a digest at most once an hour per article (the default), once a day, every
 * comment at once, or never. Every staff member, for themselves; a plain form, 303 back
 * with a notice, 422 for a value not offered (nothing changed). The discussion's
 * notification jobs read the choice (`platform/comment-mail.ts`).
 *
 * @example
 *   registerNotificationPages(scope, { app, services });
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { COMMENT_MAIL, commentMailOf, isCommentMail, setCommentMail, type CommentMail } from '../../platform/comment-mail.js';
import { html } from '../../platform/html.js';
import { formField } from '../../platform/http.js';
import { csrfField } from '../../site/index.js';
import { PAGE, sendAdminPage, type AdminUiHttpDeps } from './http.js';
import type { T } from './layout.js';

/** What this module needs from the composition root. */
export type AdminUiNotificationRoutesDeps = Pick<PlatformDeps, 'database' | 'now'> & AdminUiHttpDeps;

const FORM = { type: 'object', required: ['_csrf'], properties: { _csrf: { type: 'string' } } } as const;

function render(t: T, value: CommentMail, state: { saved: boolean; invalid: boolean }) {
  return html`<div class="admin-settings">
<p class="breadcrumb"><a href="/admin/account/">${t('account.title')}</a> <span aria-hidden="true">›</span></p>
<h1 class="page-title">${t('notifications.title')}</h1>
${state.saved ? html`<p class="notice" role="status">${t('notifications.saved')}</p>` : ''}
${state.invalid ? html`<p class="notice notice-error" role="alert">${t('notifications.invalid')}</p>` : ''}
<form method="post" action="/admin/account/notifications/" class="settings-form" data-settings-form data-warn="${t('settings.unsavedWarning')}">
${csrfField()}
<fieldset class="field choice-list"${state.invalid ? html` aria-invalid="true"` : ''}>
<legend>${t('notifications.comments')}</legend>
${COMMENT_MAIL.map(
    (option) => html`<p class="field-check"><label><input type="radio" name="commentMail" value="${option}"${option === value ? html` checked` : ''} aria-describedby="nm-${option}-note"> ${t(`notifications.${option}`)}</label>
<span class="field-note" id="nm-${option}-note">${t(`notifications.${option}.note`)}</span></p>`,
  )}
</fieldset>
<div class="settings-actions"><button type="submit">${t('settings.save')}</button><span class="unsaved-note" data-unsaved-note hidden>${t('settings.unsaved')}</span></div>
</form>
</div>`;
}

export function registerNotificationPages(scope: FastifyInstance, { app, services }: { app: FastifyInstance; services: AdminUiNotificationRoutesDeps }): void {
  const show = (request: Parameters<typeof sendAdminPage>[2], reply: Parameters<typeof sendAdminPage>[3], value: CommentMail, state: { saved: boolean; invalid: boolean }, status = 200) =>
    sendAdminPage(app, services, request, reply, (t) => ({ title: t('notifications.title'), path: '/admin/account/', main: render(t, value, state), modules: ['settings.js'] }), status);

  scope.get<{ Querystring: { saved?: string } }>('/admin/account/notifications/', PAGE.anyStaff, async (request, reply) => {
    const { value } = await commentMailOf(services.database.db, request.staff!.id);
    return show(request, reply, value, { saved: request.query.saved === '1', invalid: false });
  });

  scope.post('/admin/account/notifications/', { ...PAGE.anyStaff, schema: { ...PAGE.anyStaff.schema, body: FORM } }, async (request, reply) => {
    const chosen = formField(request.body, 'commentMail');
    if (!isCommentMail(chosen)) {
      const { value } = await commentMailOf(services.database.db, request.staff!.id);
      return show(request, reply, value, { saved: false, invalid: true }, 422);
    }
    await setCommentMail(services.database.db, request.staff!.id, chosen, services.now());
    return reply.header('cache-control', 'no-store').redirect('/admin/account/notifications/?saved=1', 303);
  });
}
