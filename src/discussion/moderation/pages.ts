/**
 * The HTML pages of moderation, each working without JavaScript: report and notice forms
 * under every comment (public), the decision form of a DSA notice (staff; the desk itself
 * is `desk-routes.ts`), and the public moderation log (when the setting is on).
 * Routes parse and validate, call one service function, render.
 *
 * @example
 *   registerModerationPages(app, deps);
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Csrf } from '../../platform/csrf.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { formatDate, translator } from '../../platform/i18n.js';
import type { Limits } from '../../platform/ratelimit.js';
import type { SettingsService } from '../../platform/settings.js';
import type { ContentService } from '../../content/index.js';
import { renderDocument, type Site } from '../../site/index.js';
import type { SafeHtml } from '../../platform/html.js';
import type { DiscussionStore } from '../store.js';
import { renderNoticeForm, renderReportForm, renderThanks, type FormData } from './forms-view.js';
import { MODERATORS, PUBLIC, SLUG, field, parseId, sendHtml } from './http.js';
import type { Notices } from './notices.js';
import type { Reports } from './reports.js';
import { publicLog } from './log.js';
import { moderationMessages } from './messages.js';
import { renderPublicLog } from './public-view.js';
import { moderationDb } from './tables.js';

const PUBLIC_PER_PAGE = 50;

export interface ModerationPageDeps {
  moderation: { reports: Pick<Reports, 'file'>; notices: Pick<Notices, 'submit' | 'decide'> };
  discussion: { store: Pick<DiscussionStore, 'byId'> };
  content: Pick<ContentService, 'visibleArticle'>;
  settings: Pick<SettingsService, 'get'>;
  site: Pick<Site, 'frame'>;
  limits: Pick<Limits, 'limit'>;
  csrf: Pick<Csrf, 'tokenFor'>;
  database: { db: Kysely<Database> };
  config: { publicUrl: string };
  now: () => Date;
}

export function registerModerationPages(app: FastifyInstance, deps: ModerationPageDeps): void {
  const { moderation, discussion, content, settings } = deps;
  const db = moderationDb(deps.database.db);

  async function document(title: string, canonicalPath: string, main: SafeHtml) {
    const frame = await deps.site.frame();
    return renderDocument(frame, { title, canonicalPath, noindex: true, main });
  }

  async function language() {
    return (await settings.get('site')).language;
  }

  /** The comment a form is about: published, under a published article with this slug. */
  async function commentFor(slug: string, rawId: string) {
    if (!SLUG.test(slug)) throw new AppError('NOT_FOUND');
    const row = await discussion.store.byId(parseId(rawId));
    if (!row || row.status !== 'published') throw new AppError('NOT_FOUND');
    const article = await content.visibleArticle(row.article_id);
    if (article.slug !== slug) throw new AppError('NOT_FOUND');
    const comment = { id: row.id, authorName: row.author_name, html: row.html, createdAt: row.created_at };
    return { row, article, comment };
  }

  function errorFor(error: unknown, lang: 'de' | 'en') {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) return null;
    const message = error.code === 'VALIDATION' || error.code === 'BAD_REQUEST' ? translator(lang, moderationMessages)('form.invalid') : error.localized(lang);
    return { status: error.status, retryAfter: error.retryAfter, error: { message, field: error.field } };
  }

  function withRetry(reply: FastifyReply, retryAfter: number | undefined) {
    if (retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    return reply;
  }

  // --- Reader forms ------------------------------------------------------------------

  type FormRoute = { Params: { slug: string; id: string } };

  app.get<FormRoute>('/:slug/comment/:id/report/', PUBLIC, async (request, reply) => {
    const { article, comment } = await commentFor(request.params.slug, request.params.id);
    const lang = await language();
    const main = renderReportForm({ lang, slug: article.slug, comment, error: null, values: {} });
    return sendHtml(deps, request, reply, 200, await document(translator(lang, moderationMessages)('report.title'), `/${article.slug}/comment/${comment.id}/report/`, main));
  });

  app.post<FormRoute>('/:slug/comment/:id/report/', PUBLIC, async (request, reply) => {
    const { article, comment } = await commentFor(request.params.slug, request.params.id);
    const lang = await language();
    const t = translator(lang, moderationMessages);
    const values = { reason: field(request.body, 'reason'), note: field(request.body, 'note') };
    const path = `/${article.slug}/comment/${comment.id}/report/`;
    try {
      const caller = request.caller;
      await deps.limits.limit('report', caller.ipHash);
      const reporter = caller.sessionHash ?? caller.ensureSession?.() ?? caller.ipHash;
      await moderation.reports.file({ commentId: comment.id, reason: values.reason, note: values.note, reporter });
    } catch (error) {
      const failed = errorFor(error, lang);
      if (!failed) throw error;
      const main = renderReportForm({ lang, slug: article.slug, comment, error: failed.error, values });
      return sendHtml(deps, request, withRetry(reply, failed.retryAfter), failed.status, await document(t('report.title'), path, main));
    }
    const main = renderThanks(lang, `/${article.slug}/comment/${comment.id}/`, [t('report.thanks')]);
    return sendHtml(deps, request, reply, 200, await document(t('report.title'), path, main));
  });

  async function noticePage(request: FastifyRequest<FormRoute>, values: FormData['values'], error: FormData['error']) {
    const { article, comment } = await commentFor(request.params.slug, request.params.id);
    const lang = await language();
    const hours = (await settings.get('discussion')).noticeDeadlineHours;
    const commentUrl = `${deps.config.publicUrl}/${article.slug}/comment/${comment.id}/`;
    const main = renderNoticeForm({ lang, slug: article.slug, comment, error, values, hours, commentUrl });
    return document(translator(lang, moderationMessages)('notice.title'), `/${article.slug}/comment/${comment.id}/notice/`, main);
  }

  app.get<FormRoute>('/:slug/comment/:id/notice/', PUBLIC, async (request, reply) =>
    sendHtml(deps, request, reply, 200, await noticePage(request, {}, null)),
  );

  app.post<FormRoute>('/:slug/comment/:id/notice/', PUBLIC, async (request, reply) => {
    const { article, comment } = await commentFor(request.params.slug, request.params.id);
    const lang = await language();
    const t = translator(lang, moderationMessages);
    const body = request.body;
    const values = {
      category: field(body, 'category'), explanation: field(body, 'explanation'), name: field(body, 'name'),
      email: field(body, 'email'), goodFaith: field(body, 'goodFaith'),
    };
    let notice;
    try {
      await deps.limits.limit('report', request.caller.ipHash);
      notice = await moderation.notices.submit({ commentId: comment.id, ...values, goodFaith: values.goodFaith === 'yes' });
    } catch (error) {
      const failed = errorFor(error, lang);
      if (!failed) throw error;
      return sendHtml(deps, request, withRetry(reply, failed.retryAfter), failed.status, await noticePage(request, values, failed.error));
    }
    const lines = [t('notice.thanks', { id: notice.id, deadline: formatDate(new Date(notice.deadline_at), lang, true) })];
    if (notice.notifier_email) lines.push(t('notice.thanksMail'));
    const main = renderThanks(lang, `/${article.slug}/comment/${comment.id}/`, lines);
    return sendHtml(deps, request, reply, 200, await document(t('notice.title'), `/${article.slug}/comment/${comment.id}/notice/`, main));
  });

  // --- Public moderation log ---------------------------------------------------------

  app.get<{ Querystring: { page?: string } }>('/moderation/', PUBLIC, async (request, reply) => {
    if (!(await settings.get('discussion')).publicLog) throw new AppError('NOT_FOUND');
    const raw = request.query.page;
    if (raw !== undefined && (typeof raw !== 'string' || !/^[1-9][0-9]{0,5}$/.test(raw))) throw new AppError('BAD_REQUEST', { field: 'page' });
    const page = raw ? Number(raw) : 1;
    const rows = await publicLog(db, { limit: PUBLIC_PER_PAGE + 1, offset: (page - 1) * PUBLIC_PER_PAGE, now: deps.now() });
    if (page > 1 && rows.length === 0) throw new AppError('PAGE_OUT_OF_RANGE', { field: 'page' });
    const lang = await language();
    const main = renderPublicLog({ lang, entries: rows.slice(0, PUBLIC_PER_PAGE), page, more: rows.length > PUBLIC_PER_PAGE });
    return sendHtml(deps, request, reply, 200, await document(translator(lang, moderationMessages)('public.title'), '/moderation/', main));
  });

  // --- Staff: a notice's decision (shown on the desk) -----------------------------------------------------------

  app.post<{ Params: { id: string } }>('/admin/notices/:id/decide', MODERATORS, async (request, reply) => {
    const id = parseId(request.params.id);
    // The service checks the action; a wrong one comes back as VALIDATION like any other input.
    const action = field(request.body, 'action') as 'remove' | 'keep';
    try {
      await moderation.notices.decide(request.caller, id, { action, reason: field(request.body, 'reason'), ground: field(request.body, 'ground') });
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return reply.redirect(`/admin/comments/?filter=notices&error=${error.code}`, 303);
      throw error;
    }
    return reply.redirect(`/admin/comments/?filter=notices&decided=${id}`, 303);
  });
}
