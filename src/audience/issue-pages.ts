/**
 * The composer's routes (issue 11), editors and up, thin doors over `newsletter.issues`:
 *
 * | route | what |
 * |---|---|
 * | `GET /admin/newsletter/issues/new/`, `POST /admin/newsletter/issues/` | a new issue |
 * | `GET|POST /admin/newsletter/issues/:id/` | the composer; `action` = save, preview, test, schedule, unschedule, send |
 * | `GET /admin/newsletter/issues/:id/preview/?width=desktop|phone` | the preview page |
 * | `GET /admin/newsletter/issues/:id/preview.html` | the mail itself, for the preview's iframe |
 * | `GET|POST /admin/newsletter/issues/:id/send` | how many it reaches, then the send (303 to its progress) |
 *
 * Every action saves the form first (a refused form comes back 422 with each field marked
 * and what was typed kept; nothing saved, nothing sent). The test goes to the signed-in
 * person's own address.
 *
 * @example
 *   registerIssuePages(app, services); // inside registerNewsletterAdminPages
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleSummary, ContentService, Tag } from '../content/index.js';
import { PAGE, sendAdminPage } from '../admin/index.js';
import { AppError } from '../platform/errors.js';
import { CONTENT_SECURITY_POLICY } from '../platform/headers.js';
import type { PlatformDeps } from '../platform/deps.js';
import type { Site } from '../site/index.js';
import { IssueInvalid, type Issue, type IssueFieldError, type IssueInput } from './issues.js';
import { berlinLocal, fromBerlinLocal, issueT, whenText, renderComposer, renderConfirm, renderPreview, renderSentIssue, type ComposerForm, type ComposerView } from './issue-view.js';
import type { Newsletter } from './service.js';

type Deps = Pick<PlatformDeps, 'csrf'> & { content: ContentService; newsletter: Newsletter; site: Site };

const ID = /^[1-9][0-9]{0,9}$/;
const RECENT = 30;
const ACTIONS = ['save', 'preview', 'test', 'schedule', 'unschedule', 'send'] as const;
type Action = (typeof ACTIONS)[number];

const str = (body: Record<string, unknown>, key: string, max: number): string => {
  const value = body[key];
  const text = Array.isArray(value) ? value.at(-1) : value;
  return typeof text === 'string' ? text.slice(0, max + 1) : '';
};

export function formOf(body: unknown): { form: ComposerForm; action: Action } {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const raw = b.articleIds;
  const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).slice(0, 50).filter((v): v is string => typeof v === 'string' && ID.test(v)).map(Number);
  const action = str(b, 'action', 20);
  return {
    form: {
      subject: str(b, 'subject', 200), preheader: str(b, 'preheader', 200), intro: str(b, 'intro', 10_000),
      articleIds: [...new Set(ids)], donation: str(b, 'donation', 5) !== '', topic: str(b, 'topic', 80), scheduledAt: str(b, 'scheduledAt', 30),
    },
    action: (ACTIONS as readonly string[]).includes(action) ? (action as Action) : 'save',
  };
}

const inputOf = (form: ComposerForm): IssueInput => ({ ...form, topic: form.topic === '' ? null : form.topic });

const formFromIssue = (issue: Issue): ComposerForm => ({
  subject: issue.subject, preheader: issue.preheader, intro: issue.intro, articleIds: issue.articleIds, donation: issue.donation,
  topic: issue.topic ?? '', scheduledAt: issue.scheduled_at ? berlinLocal(new Date(issue.scheduled_at)) : '',
});

const NOTICES = { saved: 'issue.saved', tested: 'issue.tested', scheduled: 'issue.scheduled', unscheduled: 'issue.unscheduled' } as const;

export function registerIssuePages(scope: FastifyInstance, app: FastifyInstance, services: Deps): void {
  const { newsletter, content } = services;
  const issues = newsletter.issues;
  const form = { ...PAGE.editors, schema: { ...PAGE.editors.schema, body: { type: 'object', required: ['_csrf'], properties: { _csrf: { type: 'string' } } } } };

  async function composer(request: FastifyRequest, reply: FastifyReply, view: Omit<ComposerView, 'articles' | 'topics' | 'email'>, status = 200) {
    const [recent, topics] = await Promise.all([content.listPublished({ perPage: RECENT, kind: 'article' }), newsletter.topics()]);
    // Chosen articles older than the recent list stay listed (and chosen).
    const missing = view.form.articleIds.filter((id) => !recent.items.some((a) => a.id === id));
    const extra: ArticleSummary[] = [];
    for (const id of missing) {
      const article = await content.store.findBy('id', id);
      if (article) extra.push(article);
    }
    return sendAdminPage(app, services, request, reply, (_t, frame) => ({
      title: view.issue ? issueT(frame.lang)('issue.editTitle') : issueT(frame.lang)('issue.newTitle'),
      path: '/admin/newsletter/',
      main: renderComposer(frame.lang, { ...view, articles: [...recent.items, ...extra], topics: topics as Tag[], email: request.staff!.email }),
      modules: ['settings.js'],
    }), status);
  }

  async function load(id: string): Promise<Issue> {
    if (!ID.test(id)) throw new AppError('NOT_FOUND');
    return issues.find(Number(id));
  }

  const go = (reply: FastifyReply, url: string) => reply.header('cache-control', 'no-store').redirect(url, 303);

  async function act(request: FastifyRequest, reply: FastifyReply, existing: Issue | null) {
    const { form: typed, action } = formOf(request.body);
    const refused = (errors: readonly IssueFieldError[]) => composer(request, reply, { issue: existing, form: typed, errors, notice: null }, 422);
    let id: number;
    try {
      id = await issues.save(existing?.id ?? null, inputOf(typed), request.staff!.id);
    } catch (error) {
      if (error instanceof IssueInvalid) return refused(error.errors);
      throw error;
    }
    switch (action) {
      case 'preview':
        return go(reply, `/admin/newsletter/issues/${id}/preview/`);
      case 'test':
        await issues.testSend(id, request.staff!.email);
        return go(reply, `/admin/newsletter/issues/${id}/?done=tested`);
      case 'schedule': {
        const at = fromBerlinLocal(typed.scheduledAt);
        try {
          if (!at) throw new IssueInvalid([{ field: 'scheduledAt', code: 'VALIDATION' }]);
          await issues.schedule(id, at);
        } catch (error) {
          if (!(error instanceof IssueInvalid)) throw error;
          return composer(request, reply, { issue: await issues.find(id), form: typed, errors: error.errors, notice: null }, 422);
        }
        return go(reply, `/admin/newsletter/issues/${id}/?done=scheduled`);
      }
      case 'unschedule':
        await issues.unschedule(id);
        return go(reply, `/admin/newsletter/issues/${id}/?done=unscheduled`);
      case 'send':
        return go(reply, `/admin/newsletter/issues/${id}/send`);
      default:
        return go(reply, `/admin/newsletter/issues/${id}/?done=saved`);
    }
  }

  scope.get('/admin/newsletter/issues/new/', PAGE.editors, async (request, reply) =>
    composer(request, reply, { issue: null, form: { subject: '', preheader: '', intro: '', articleIds: [], donation: false, topic: '', scheduledAt: '' }, errors: [], notice: null }),
  );

  scope.post('/admin/newsletter/issues/', form, async (request, reply) => act(request, reply, null));

  scope.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/newsletter/issues/:id/', PAGE.editors, async (request, reply) => {
    const issue = await load(request.params.id);
    if (issue.status === 'sent') {
      return sendAdminPage(app, services, request, reply, (_t, frame) => ({ title: issue.subject, path: '/admin/newsletter/', main: renderSentIssue(frame.lang, issue) }));
    }
    const done = request.query.done;
    const key = done && Object.hasOwn(NOTICES, done) ? NOTICES[done as keyof typeof NOTICES] : null;
    const lang = (await services.site.frame()).lang;
    const params: Record<string, string> = { email: request.staff!.email, when: issue.scheduled_at ? whenText(issue.scheduled_at, lang) : '' };
    return composer(request, reply, { issue, form: formFromIssue(issue), errors: [], notice: key ? { key, params } : null });
  });

  scope.post<{ Params: { id: string } }>('/admin/newsletter/issues/:id', form, async (request, reply) => {
    const issue = await load(request.params.id);
    if (issue.status === 'sent') throw new AppError('ISSUE_SENT', { field: 'issue' });
    return act(request, reply, issue);
  });

  // The page policy lets embeds be framed from https only; this page frames its own preview.
  const previewPolicy = CONTENT_SECURITY_POLICY.replace('frame-src ', "frame-src 'self' ");
  const framesItself = {
    ...PAGE.editors,
    onSend: (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('content-security-policy', previewPolicy);
      done(null, payload);
    },
  };

  scope.get<{ Params: { id: string }; Querystring: { width?: string } }>('/admin/newsletter/issues/:id/preview/', framesItself, async (request, reply) => {
    const issue = await load(request.params.id);
    const width = request.query.width === 'phone' ? 'phone' : 'desktop';
    return sendAdminPage(app, services, request, reply, (_t, frame) => ({
      title: issueT(frame.lang)('preview.title', { subject: issue.subject }), path: '/admin/newsletter/', main: renderPreview(frame.lang, issue, width),
    }));
  });

  scope.get<{ Params: { id: string } }>('/admin/newsletter/issues/:id/preview.html', PAGE.editors, async (request, reply) => {
    const mail = await issues.previewMail((await load(request.params.id)).id);
    // The mail's own inline styles, nothing else: no script, framed only by the newsroom.
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
      .header('x-frame-options', 'SAMEORIGIN')
      .send(mail.html);
  });

  scope.get<{ Params: { id: string } }>('/admin/newsletter/issues/:id/send', PAGE.editors, async (request, reply) => {
    const issue = await load(request.params.id);
    if (issue.status === 'sent') return go(reply, `/admin/newsletter/issues/${issue.id}/`);
    const counts = await newsletter.counts();
    const recipients = issue.topic === null ? counts.byStatus.active : (counts.byTopic.get(issue.topic) ?? 0) + counts.withoutTopic;
    return sendAdminPage(app, services, request, reply, (_t, frame) => ({ title: issueT(frame.lang)('confirm.title'), path: '/admin/newsletter/', main: renderConfirm(frame.lang, issue, recipients) }));
  });

  scope.post<{ Params: { id: string } }>('/admin/newsletter/issues/:id/send', form, async (request, reply) => {
    const issue = await load(request.params.id);
    const started = await issues.sendNow(issue.id, request.staff!.id);
    return go(reply, `/admin/newsletter/${started.id}/`);
  });
}
