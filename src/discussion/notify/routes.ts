/**
 * The pages behind the links in notification mail. Mail scanners follow links, so a GET
 * never changes anything: it shows a page whose button POSTs. The unsubscribe POST is
 * also the RFC 8058 one-click target that mail providers call without cookies or CSRF
 * token; the signed token in the URL is what authenticates it. A forged or stale token
 * gets a 404 page and changes nothing.
 *
 * @example
 *   GET  /notify/confirm/:token       page with a "Yes, notify me" button
 *   POST /notify/confirm/:token       confirms the address (CSRF as every form)
 *   GET  /notify/unsubscribe/:token   page with an "Unsubscribe" button
 *   POST /notify/unsubscribe/:token   unsubscribes (one-click, `csrf: false`)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { Site } from '../../site/index.js';
import { html, type SafeHtml } from '../../platform/html.js';
import { translator } from '../../platform/i18n.js';
import { spliceForVisitor } from '../../platform/pages.js';
import { csrfField, renderDocument } from '../../site/index.js';
import { notifyMessages } from './messages.js';
import { createReplySubscriptions, type UnsubscribeLink } from './subscriptions.js';

/** What this module needs from the composition root. */
export type DiscussionNotifyRoutesDeps = Pick<PlatformDeps, 'csrf' | 'database' | 'jobs' | 'now' | 'secret' | 'settings'> & { site: Site };

type Params = { Params: { token: string } };

const PUBLIC = { config: { access: 'public' as const } };
// The token authenticates; a mail provider's one-click POST carries no session or CSRF token.
const ONE_CLICK = { config: { access: 'public' as const, csrf: false as const } };

export function registerNotifications(app: FastifyInstance, services: DiscussionNotifyRoutesDeps): void {
  const subscriptions = createReplySubscriptions({ db: services.database.db, jobs: services.jobs, secret: services.secret, now: services.now });
  const { store } = subscriptions;

  async function words() {
    return translator((await services.settings.get('site')).language, notifyMessages);
  }

  async function page(request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const frame = await services.site.frame();
    const document = renderDocument(frame, { title, canonicalPath: '/notify/', noindex: true, main: html`<div class="static-page">${main}</div>` });
    return (
      reply
        .code(status)
        .header('cache-control', 'no-store')
        // The token is in the address: it must not travel on to other sites as a Referer.
        .header('referrer-policy', 'same-origin')
        .type('text/html; charset=utf-8')
        .send(spliceForVisitor(document, services.csrf, request))
    );
  }

  async function invalid(request: FastifyRequest, reply: FastifyReply) {
    const t = await words();
    return page(request, reply, t('page.invalidTitle'), html`<h1 class="page-title">${t('page.invalidTitle')}</h1><p>${t('page.invalid')}</p>`, 404);
  }

  async function commentLink(commentId: number | null): Promise<SafeHtml | ''> {
    const comment = commentId === null ? null : await store.commentForMail(commentId);
    if (!comment || comment.status !== 'published') return '';
    const t = await words();
    return html`<p><a href="/${comment.slug}/comment/${comment.id}/">${t('page.toComment')}</a></p>`;
  }

  function button(action: string, label: string): SafeHtml {
    return html`<form method="post" action="${action}">${csrfField()}<p><button type="submit">${label}</button></p></form>`;
  }

  const confirmed = async (state: string, commentId: number) => {
    const t = await words();
    const text = state === 'confirmed' ? t('page.confirmed') : t('page.cancelled');
    return html`<h1 class="page-title">${t('page.confirmTitle')}</h1><p class="notice" role="status">${text}</p>${await commentLink(commentId)}`;
  };

  app.get<Params>('/notify/confirm/:token', PUBLIC, async (request, reply) => {
    const found = await subscriptions.inspect(request.params.token);
    if (!found) return invalid(request, reply);
    const t = await words();
    if (found.state !== 'pending') return page(request, reply, t('page.confirmTitle'), await confirmed(found.state, found.commentId));
    return page(request, reply, t('page.confirmTitle'), html`<h1 class="page-title">${t('page.confirmTitle')}</h1><p>${t('page.confirmText')}</p>
${button(`/notify/confirm/${request.params.token}`, t('page.confirmButton'))}`);
  });

  app.post<Params>('/notify/confirm/:token', PUBLIC, async (request, reply) => {
    const done = await subscriptions.confirm(request.params.token);
    if (!done) return invalid(request, reply);
    return page(request, reply, (await words())('page.confirmTitle'), await confirmed(done.state, done.commentId));
  });

  const question = (t: Awaited<ReturnType<typeof words>>, link: UnsubscribeLink) =>
    link.kind === 'reply' ? t('page.unsubscribeReply') : link.kind === 'author' ? t('page.unsubscribeAuthor') : t('page.unsubscribeQueue');

  // Its own scope: only here may a POST come as multipart/form-data, which RFC 8058 allows
  // mail providers to send; the body is not needed, the token in the URL says it all.
  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, _body, done) => done(null, {}));
    }

    scope.get<Params>('/notify/unsubscribe/:token', PUBLIC, async (request, reply) => {
      const link = await subscriptions.target(request.params.token);
      if (!link) return invalid(request, reply);
      const t = await words();
      return page(request, reply, t('page.unsubscribeTitle'), html`<h1 class="page-title">${t('page.unsubscribeTitle')}</h1><p>${question(t, link)}</p>
${button(`/notify/unsubscribe/${request.params.token}`, t('page.unsubscribeButton'))}`);
    });

    scope.post<Params>('/notify/unsubscribe/:token', ONE_CLICK, async (request, reply) => {
      const link = await subscriptions.unsubscribe(request.params.token);
      if (!link) return invalid(request, reply);
      const t = await words();
      return page(request, reply, t('page.unsubscribeTitle'), html`<h1 class="page-title">${t('page.unsubscribeTitle')}</h1><p class="notice" role="status">${t('page.unsubscribed')}</p>`);
    });
  });
}
