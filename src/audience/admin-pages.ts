/**
 * The newsletter in the newsroom: `/admin/newsletter/` (counts, send form, sends, CSV
 * transfer) and `/admin/newsletter/:id/` (one send's progress). The forms call the same
 * functions as the JSON API (`newsletter.sends.start`, `newsletter.importCsv`); a refused
 * send comes back on the page with the field at fault and the choice as it was made.
 * Editors and up, like the API.
 *
 * @example
 *   registerNewsletterAdminPages(app, services); // before registerAdminUi, so the nav links here
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import type { ContentService } from '../content/index.js';
import type { Newsletter } from '../audience/index.js';
import type { Site } from '../site/index.js';
import { PAGE, sendAdminPage } from '../admin/index.js';
import { AppError } from '../platform/errors.js';
import { html } from '../platform/html.js';
import { adminT, renderNewsletterPage, renderSendPage, type FormError, type NewsletterPageData, type SendForm } from './admin-view.js';
import type { SendRequest } from './sends.js';
import type { ImportReport } from './transfer.js';
import { registerIssuePages } from './issue-pages.js';
import { renderAfterFigures, renderIssueList } from './issue-view.js';

/** What this module needs from the composition root. */
export type AudienceAdminPagesDeps = Pick<PlatformDeps, 'csrf'> & { content: ContentService; newsletter: Newsletter; site: Site };

type Deps = Pick<AudienceAdminPagesDeps, 'newsletter' | 'content' | 'csrf' | 'site'>;

const ID = /^[1-9][0-9]{0,9}$/;
const MAX_IMPORT = 20 * 1024 * 1024;
const RECENT_ARTICLES = 30;
/** Seconds between reloads of a running send's page (the `Refresh` header; no script). */
const REFRESH_SECONDS = 5;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.slice(0, 200) : undefined);

/** The form's two fields as the send service takes them, or the field that cannot be. */
export function sendRequestOf(form: SendForm): SendRequest | FormError {
  const request: SendRequest = {};
  if (form.issue === 'digest') request.digest = 'week';
  else if (form.issue && ID.test(form.issue)) request.articleId = Number(form.issue);
  else return { field: 'issue', message: 'error.issue' };
  if (form.topic) request.topic = form.topic;
  return request;
}

/**
 * The service's refusals, placed at the form's fields. The service speaks of `articleId`
 * and `digest`, the form has one `issue` choice for both; which refusal it was is told
 * by the error's code (the detail is worded for API clients and may change).
 */
export function formErrorOf(error: AppError): FormError | null {
  switch (error.code) {
    case 'NEWSLETTER_REPEAT':
      return { field: 'issue', message: 'error.repeat' };
    case 'NEWSLETTER_EMPTY':
      return { field: 'issue', message: 'error.emptyDigest' };
  }
  if (error.field === 'topic') return { field: 'topic', message: 'error.topic' };
  if (error.field === 'senderEmail') return { field: 'form', message: 'error.sender' };
  if (error.field !== 'articleId' && error.field !== 'digest') return null;
  return { field: 'issue', message: 'error.issue' };
}

/** A multipart form read whole (it is one CSV file): the platform's own parser, no plugin. */
async function readMultipart(body: Buffer, contentType: string): Promise<{ _csrf?: string; csv?: string }> {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const token = form.get('_csrf');
  const file = form.get('csv');
  return {
    ...(typeof token === 'string' ? { _csrf: token } : {}),
    ...(file === null ? {} : { csv: typeof file === 'string' ? file : await file.text() }),
  };
}

export function registerNewsletterAdminPages(app: FastifyInstance, services: Deps): void {
  const { newsletter, content } = services;

  async function pageData(extra: Partial<NewsletterPageData> = {}): Promise<NewsletterPageData> {
    const [counts, topics, recent, sends, issues] = await Promise.all([
      newsletter.counts(),
      newsletter.topics(),
      content.listPublished({ perPage: RECENT_ARTICLES, kind: 'article' }),
      newsletter.sends.list(50),
      newsletter.issues.list(20),
    ]);
    return { counts, topics, articles: recent.items, sends, form: {}, issues, ...extra };
  }

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply, data: NewsletterPageData, status = 200) =>
    sendAdminPage(app, services, request, reply, (_t, frame) => ({
      title: adminT(frame.lang)('title'),
      path: '/admin/newsletter/',
      main: renderNewsletterPage(frame.lang, data, renderIssueList(frame.lang, data.issues ?? [])),
    }), status);

  void app.register(async (scope) => {
    scope.get('/admin/newsletter/', PAGE.editors, async (request, reply) => sendIndex(request, reply, await pageData()));
    registerIssuePages(scope, app, services); // the composer (issue 11)

    scope.post<{ Body: Record<string, unknown> | undefined }>('/admin/newsletter/send', PAGE.editors, async (request, reply) => {
      const form: SendForm = { issue: text(request.body?.issue), topic: text(request.body?.topic) };
      const parsed = sendRequestOf(form);
      if ('field' in parsed) return sendIndex(request, reply, await pageData({ form, error: parsed }), 422);
      try {
        const started = await newsletter.sends.start(parsed, request.staff?.id ?? null);
        return reply.header('cache-control', 'no-store').redirect(`/admin/newsletter/${started.id}/`, 303);
      } catch (error) {
        const placed = error instanceof AppError ? formErrorOf(error) : null;
        if (!placed) throw error;
        return sendIndex(request, reply, await pageData({ form, error: placed }), 422);
      }
    });

    scope.get<{ Params: { id: string } }>('/admin/newsletter/:id/', PAGE.editors, async (request, reply) => {
      const progress = ID.test(request.params.id) ? await newsletter.sends.progress(Number(request.params.id)) : null;
      if (!progress) throw new AppError('NOT_FOUND');
      const [topics, after] = await Promise.all([newsletter.topics(), newsletter.issues.figures(progress.id)]);
      if (progress.status !== 'done') reply.header('refresh', String(REFRESH_SECONDS));
      return sendAdminPage(app, services, request, reply, (_t, frame) => ({
        title: adminT(frame.lang)('send.title', { id: progress.id }),
        path: `/admin/newsletter/${progress.id}/`,
        main: html`${renderSendPage(frame.lang, progress, topics)}${renderAfterFigures(frame.lang, after)}`,
      }));
    });
  });

  // The import form uploads a file: multipart, parsed whole here so the guard finds its
  // `_csrf` field like any form's. Only this scope accepts multipart.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_IMPORT }, (request, body, done) => {
      readMultipart(body as Buffer, String(request.headers['content-type'])).then(
        (fields) => done(null, fields),
        () => done(new AppError('BAD_REQUEST', { field: 'csv', detail: 'unreadable multipart body' })),
      );
    });
    scope.post<{ Body: { csv?: unknown } | undefined }>('/admin/newsletter/import', { ...PAGE.editors, bodyLimit: MAX_IMPORT }, async (request, reply) => {
      const csv = request.body?.csv;
      if (typeof csv !== 'string' || csv.trim() === '') {
        return sendIndex(request, reply, await pageData({ importError: adminT((await services.site.frame()).lang)('transfer.noFile') }), 422);
      }
      let imported: ImportReport;
      try {
        imported = await newsletter.importCsv(csv);
      } catch (error) {
        if (!(error instanceof AppError) || error.field !== 'csv') throw error;
        return sendIndex(request, reply, await pageData({ importError: error.detail ?? error.message }), 422);
      }
      return sendIndex(request, reply, await pageData({ imported }));
    });
  });
}
