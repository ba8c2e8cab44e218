/**
 * The readers' doors to regular support, each a thin adapter over one operation:
 * `POST /support/mandate` (the plain form), `POST /api/v1/supporters/mandates` (JSON),
 * `/support/confirm` (double opt-in: the link opens a page, only its button confirms,
 * because mail scanners open links), `/support/manage` (the supporter's own page from
 * the link in every mail), its data export and receipt downloads. Pages that carry a
 * token are never cached and never leak it in a Referer.
 *
 * @example
 *   registerSupporterRoutes(app, { supporters, site, csrf, secret, now });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Csrf } from '../platform/csrf.js';
import { AppError } from '../platform/errors.js';
import { formField, SECURITY_HEADERS } from '../platform/http.js';
import { html as htmlTag, type SafeHtml } from '../platform/html.js';
import { translator } from '../platform/i18n.js';
import { spliceForVisitor } from '../platform/pages.js';
import { renderDocument, type Site } from '../site/index.js';
import { callerOf } from './caller.js';
import { errorResponses } from '../platform/openapi.js'; // issue 17
import { signedUpAnswer } from './admin-answers.js';
import { manageUrl } from './mails.js';
import type { LinkFailure } from './mandates.js';
import { mandatesOf } from './store.js';
import { InputRefused, mandateApiBody, type FieldError } from './schemas.js';
import type { Supporters } from './service.js';
import { confirmedMain, confirmMain, mandateForm, manageMain, messageMain, type FormValues } from './supporter-pages.js';
import { supporterMessages } from './supporter-messages.js';

export interface SupporterRoutesDeps {
  supporters: Supporters;
  site: Pick<Site, 'frame'>;
  csrf: Csrf;
  secret: string;
  now: () => Date;
}

const PUBLIC = { config: { access: 'public' as const } };
const FORM_FIELDS = ['name', 'email', 'iban', 'amount', 'interval', 'street', 'postcode', 'city', 'consent'] as const;

export function registerSupporterRoutes(app: FastifyInstance, deps: SupporterRoutesDeps): void {
  const { supporters } = deps;
  const caller = (request: FastifyRequest) => callerOf(request, deps.secret, deps.now);

  async function page(request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const frame = await deps.site.frame();
    const body = renderDocument(frame, { title, canonicalPath: '/support/', noindex: true, main });
    return reply
      .code(status)
      .headers({ ...SECURITY_HEADERS, 'referrer-policy': 'same-origin', 'cache-control': 'no-store' })
      .type('text/html; charset=utf-8')
      .send(spliceForVisitor(body, deps.csrf, request));
  }

  async function context() {
    const frame = await deps.site.frame();
    return { lang: frame.lang, t: translator(frame.lang, supporterMessages), donation: frame.settings.donation };
  }

  async function problem(request: FastifyRequest, reply: FastifyReply, reason: LinkFailure) {
    const { t } = await context();
    return page(request, reply, t('link.title'), messageMain(t('link.title'), t(`link.${reason}`)), reason === 'unknown' ? 404 : 400);
  }

  /** The form's values and its refusal at the fields, answered with the code's status. */
  app.post<{ Body: Record<string, unknown> | undefined }>('/support/mandate', PUBLIC, async (request, reply) => {
    const { t, lang, donation } = await context();
    const body = request.body ?? {};
    const values: FormValues = Object.fromEntries(FORM_FIELDS.map((f) => [f, formField(body, f) ?? '']));
    try {
      // A bot filled the hidden field: the same answer, nothing stored.
      if (!formField(body, 'website')) await supporters.mandates.signUp(caller(request), { ...values, lang });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.code === 'SUPPORTERS_NOT_READY') throw error;
      if (error.retryAfter !== undefined) reply.header('retry-after', String(Math.ceil(error.retryAfter)));
      const errors: FieldError[] = error instanceof InputRefused ? error.errors : [{ field: error.field ?? 'form', code: error.code }];
      const settings = await supporters.settings.get();
      const facts = { amountCap: settings.amountCap, creditor: donation.recipient, creditorId: settings.creditorId };
      return page(request, reply, t('form.errorTitle'), wrap(mandateForm(t, lang, facts, values, errors, true)), error.status);
    }
    return page(request, reply, t('sent.title'), messageMain(t('sent.title'), t('sent.text')));
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/supporters/mandates',
    { ...PUBLIC, schema: { summary: 'Sign up as a regular supporter by SEPA direct debit (double opt-in: a confirmation mail follows)', body: mandateApiBody, response: { 202: signedUpAnswer, ...errorResponses(400, 403, 409, 422, 429) } } },
    async (request, reply) => {
      await supporters.mandates.signUp(caller(request), request.body);
      return reply.code(202).send({ status: 'check-your-inbox' });
    },
  );

  app.get<{ Querystring: { token?: string } }>('/support/confirm', PUBLIC, async (request, reply) => {
    const { t, lang } = await context();
    const found = await supporters.mandates.confirmation(request.query.token);
    if (!found.ok) return problem(request, reply, found.reason);
    const { creditorId } = await supporters.settings.get();
    if (found.mandate.status !== 'pending') return page(request, reply, t('confirmed.title'), confirmedMain(t, lang, found.mandate, manageUrl(supporters.ctx, found.supporter)));
    return page(request, reply, t('confirm.title'), confirmMain(t, lang, found.mandate, creditorId, String(request.query.token)));
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/support/confirm', PUBLIC, async (request, reply) => {
    const { t, lang } = await context();
    const result = await supporters.mandates.confirm(formField(request.body, 'token'));
    if (!result.ok) return problem(request, reply, result.reason);
    return page(request, reply, t('confirmed.title'), confirmedMain(t, lang, result.mandate, manageUrl(supporters.ctx, result.supporter)));
  });

  async function managePage(request: FastifyRequest, reply: FastifyReply, token: unknown, extra: { saved?: boolean; errors?: FieldError[]; status?: number } = {}) {
    const { t, lang } = await context();
    const found = await supporters.mandates.bySupporterLink(token);
    if (!found.ok) return problem(request, reply, found.reason);
    const [mandates, receipts, settings] = await Promise.all([
      mandatesOf(supporters.ctx.db, found.supporter.id),
      supporters.receipts.ofSupporter(found.supporter.id),
      supporters.settings.get(),
    ]);
    const main = manageMain(t, lang, { supporter: found.supporter, mandates, receipts, creditorId: settings.creditorId, token: String(token), ...extra });
    return page(request, reply, t('manage.title'), main, extra.status ?? 200);
  }

  app.get<{ Querystring: { token?: string } }>('/support/manage', PUBLIC, async (request, reply) => managePage(request, reply, request.query.token));

  app.post<{ Body: Record<string, unknown> | undefined }>('/support/manage', PUBLIC, async (request, reply) => {
    const token = formField(request.body, 'token');
    const found = await supporters.mandates.bySupporterLink(token);
    if (!found.ok) return problem(request, reply, found.reason);
    const actor = { supporterId: found.supporter.id };
    const mandateId = Number(formField(request.body, 'mandate'));
    const action = formField(request.body, 'action');
    try {
      if (action === 'erase') {
        await supporters.people.erase(actor, found.supporter.id);
        const { t } = await context();
        return page(request, reply, t('manage.title'), messageMain(t('manage.title'), t('manage.erased')));
      }
      if (action === 'pause') await supporters.mandates.pause(actor, mandateId);
      else if (action === 'resume') await supporters.mandates.resume(actor, mandateId);
      else if (action === 'end') await supporters.mandates.end(actor, mandateId);
      else if (action === 'amount') await supporters.mandates.changeAmount(actor, mandateId, formField(request.body, 'amount'));
      else throw new AppError('VALIDATION', { field: 'action' });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const errors = error instanceof InputRefused ? error.errors : [{ field: error.field ?? 'form', code: error.code }];
      return managePage(request, reply, token, { errors, status: error.status });
    }
    return managePage(request, reply, token, { saved: true });
  });

  app.get<{ Querystring: { token?: string } }>('/support/manage/data.json', PUBLIC, async (request, reply) => {
    const found = await supporters.mandates.bySupporterLink(request.query.token);
    if (!found.ok) throw new AppError('NOT_FOUND');
    const data = await supporters.people.exportData({ supporterId: found.supporter.id }, found.supporter.id);
    return reply
      .headers({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin', 'content-disposition': 'attachment; filename="unterstuetzung-daten.json"' })
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get<{ Params: { id: string }; Querystring: { token?: string } }>('/support/receipts/:id', PUBLIC, async (request, reply) => {
    const match = /^([1-9][0-9]{0,9})\.pdf$/.exec(request.params.id);
    const found = await supporters.mandates.bySupporterLink(request.query.token);
    if (!match || !found.ok) throw new AppError('NOT_FOUND');
    const { pdf, fileName } = await supporters.receipts.pdf({ supporterId: found.supporter.id }, Number(match[1]));
    return reply.headers({ 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${fileName}"` }).type('application/pdf').send(pdf);
  });
}

const wrap = (form: SafeHtml): SafeHtml => htmlTag`<div class="static-page support">${form}</div>`;
