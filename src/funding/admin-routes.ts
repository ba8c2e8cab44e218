/**
 * The newsroom's supporters API, for the finance role (and owner and admin): the list
 * and figures, one supporter with their data export and erasure, mandate actions, the
 * pain.008 file for a collection day, undo and "uploaded", camt.053 statements in,
 * assigning a transfer, receipts. Editors are refused. Each route calls one operation.
 *
 * @example
 *   GET  /api/v1/admin/supporters/direct-debits.xml?date=2026-06-01   (the file; marks its debits exported)
 *   POST /api/v1/admin/supporters/statements                          (Content-Type: application/xml, a camt.053 file)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';
import { errorResponses } from '../platform/openapi.js';
import { debitFileAnswer, debitFilesAnswer, debitXmlAnswer, erasedAnswer, figuresAnswer, financeAnswers, ibanAnswer, mandateAnswer, okAnswer, receiptsIssuedAnswer, statementImportAnswer, supporterDetailAnswer, supporterExportAnswer, supporterSettingsAnswer, supportersAnswer, unmatchedAnswer } from './admin-answers.js'; // issue 17
import { callerOf, FINANCE_ROLES, requireFinance, type FundingCaller } from './caller.js';
import type { SupporterSettings } from './settings.js';
import type { Supporters } from './service.js';

export interface SupporterAdminDeps {
  supporters: Supporters;
  secret: string;
  now: () => Date;
  /** Drops cached pages: the support page shows the sign-up form these settings shape. */
  settingsChanged(): void;
}

export const FINANCE = { config: { access: 'staff' as const, roles: FINANCE_ROLES } };
const ID = { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } } } as const;
export const MAX_STATEMENT = 20 * 1024 * 1024;

type Id = { Params: { id: string } };

/**
 * Changes the supporters' settings for finance staff, logs it and drops the cached pages
 * that show them: the one operation behind the JSON API and the newsroom's form.
 */
export async function saveSupporterSettings(deps: Pick<SupporterAdminDeps, 'supporters' | 'settingsChanged'>, who: FundingCaller, patch: Partial<SupporterSettings>): Promise<SupporterSettings> {
  const { staff } = requireFinance(who);
  const next = await deps.supporters.settings.update(patch);
  await deps.supporters.ctx.audit.record({ id: staff.id, name: staff.name }, 'supporters.settings', 'settings', 'supporters', { keys: Object.keys(patch) });
  deps.settingsChanged();
  return next;
}

export function registerSupporterAdminRoutes(app: FastifyInstance, deps: SupporterAdminDeps): void {
  const { supporters } = deps;
  const caller = (request: FastifyRequest) => callerOf(request, deps.secret, deps.now);
  const staff = (request: FastifyRequest) => ({ staff: caller(request) });

  app.get('/api/v1/admin/supporters/settings', { ...FINANCE, schema: { summary: 'The supporters’ settings: creditor id, lead days, collection day, cap, receipts, thank-you texts, appeals', response: financeAnswers(200, supporterSettingsAnswer) } }, async (request) => {
    requireFinance(caller(request));
    return supporters.settings.get();
  });

  app.put<{ Body: Partial<SupporterSettings> }>(
    '/api/v1/admin/supporters/settings',
    { ...FINANCE, schema: { summary: 'Change the supporters’ settings (fields not given stay)', body: { type: 'object' }, response: financeAnswers(200, supporterSettingsAnswer) } },
    async (request) => saveSupporterSettings(deps, caller(request), request.body ?? {}),
  );

  app.get('/api/v1/admin/supporters', { ...FINANCE, schema: { summary: 'Supporters with state, amount, interval, total given and last payment', response: financeAnswers(200, supportersAnswer) } }, async (request) => ({
    supporters: await supporters.people.list(caller(request)),
  }));

  app.get('/api/v1/admin/supporters/figures', { ...FINANCE, schema: { summary: 'Supporters, monthly recurring total, new and lost per month', response: financeAnswers(200, figuresAnswer) } }, async (request) =>
    supporters.people.figures(caller(request)),
  );

  // A GET that writes, as the API was specified: refused when a browser says it comes
  // from another site, so no page elsewhere can make a signed-in finance browser export.
  app.get<{ Querystring: { date?: string } }>(
    '/api/v1/admin/supporters/direct-debits.xml',
    { ...FINANCE, schema: { summary: 'pain.008.001.08 for a collection day: every debit due up to then not in a file yet; when none is, the day’s last file again', querystring: { type: 'object', properties: { date: { type: 'string', maxLength: 10 } } }, response: financeAnswers(200, debitXmlAnswer) } },
    async (request, reply) => {
      if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('FORBIDDEN', { detail: 'cross-site request' });
      let file;
      try {
        file = await supporters.debits.exportDebits(caller(request), request.query.date);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'DEBITS_NONE_DUE') throw error;
        file = await supporters.debits.latestFor(caller(request), request.query.date);
        if (!file) throw error;
      }
      return reply
        .headers({ 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${file.fileName}"`, 'x-debits': String(file.count), 'x-export-id': String(file.id) })
        .type('application/xml; charset=utf-8')
        .send(file.xml);
    },
  );

  app.get('/api/v1/admin/supporters/direct-debits', { ...FINANCE, schema: { summary: 'The last 50 files with state (exported, uploaded, undone)', response: financeAnswers(200, debitFilesAnswer) } }, async (request) => ({
    files: (await supporters.debits.list(caller(request))).map(({ xml: _xml, ...file }) => file),
  }));

  app.post<Id>('/api/v1/admin/supporters/direct-debits/:id/undo', { ...FINANCE, schema: { params: ID, summary: 'Take a file back before it was uploaded', response: financeAnswers(200, debitFileAnswer) } }, async (request) => {
    const { xml: _xml, ...file } = await supporters.debits.undo(caller(request), Number(request.params.id));
    return file;
  });

  app.post<Id>('/api/v1/admin/supporters/direct-debits/:id/uploaded', { ...FINANCE, schema: { params: ID, summary: 'Confirm the file was uploaded to the bank (no undo after this)', response: financeAnswers(200, debitFileAnswer) } }, async (request) => {
    const { xml: _xml, ...file } = await supporters.debits.markUploaded(caller(request), Number(request.params.id));
    return file;
  });

  // XML bodies are accepted by this one route only, hence its own scope.
  void app.register(async (scope) => {
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: MAX_STATEMENT }, (_request, body, done) => done(null, body));
    scope.post<{ Body: string }>(
      '/api/v1/admin/supporters/statements',
      { ...FINANCE, bodyLimit: MAX_STATEMENT, schema: { summary: 'Import a camt.053 bank statement of the newsroom’s account (application/xml)', response: { ...financeAnswers(200, statementImportAnswer), ...errorResponses(413, 415) } } },
      async (request) => supporters.statements.importStatement(caller(request), request.body),
    );
  });

  app.get('/api/v1/admin/supporters/transfers/unmatched', { ...FINANCE, schema: { summary: 'Transfers no rule could tie to a supporter', response: financeAnswers(200, unmatchedAnswer) } }, async (request) => ({
    transfers: (await supporters.statements.unmatched(caller(request))).map((e) => ({ id: e.id, bookedOn: e.booked_on, amountCents: Number(e.amount_cents), payer: e.payer_name, reference: e.remittance })),
  }));

  app.post<Id & { Body: { supporterId: number } }>(
    '/api/v1/admin/supporters/transfers/:id/assign',
    { ...FINANCE, schema: { params: ID, body: { type: 'object', required: ['supporterId'], additionalProperties: false, properties: { supporterId: { type: 'integer', minimum: 1 } } }, response: financeAnswers(200, okAnswer) } },
    async (request) => {
      await supporters.statements.assign(caller(request), Number(request.params.id), request.body.supporterId);
      return { ok: true };
    },
  );

  app.post<{ Body: { year: number } }>(
    '/api/v1/admin/supporters/receipts',
    { ...FINANCE, schema: { summary: 'Issue the donation receipts of a year (non-profit publishers)', body: { type: 'object', required: ['year'], additionalProperties: false, properties: { year: { type: 'integer' } } }, response: financeAnswers(200, receiptsIssuedAnswer) } },
    async (request) => supporters.receipts.issue(caller(request), request.body.year),
  );

  for (const action of ['pause', 'resume', 'end'] as const) {
    app.post<Id>(`/api/v1/admin/supporters/mandates/:id/${action}`, { ...FINANCE, schema: { params: ID, response: financeAnswers(200, mandateAnswer) } }, async (request) =>
      supporters.mandates[action](staff(request), Number(request.params.id)).then(publicMandate),
    );
  }

  app.post<Id & { Body: { amount: number } }>(
    '/api/v1/admin/supporters/mandates/:id/amount',
    { ...FINANCE, schema: { params: ID, body: { type: 'object', required: ['amount'], additionalProperties: false, properties: { amount: { type: 'number' } } }, response: financeAnswers(200, mandateAnswer) } },
    async (request) => publicMandate(await supporters.mandates.changeAmount(staff(request), Number(request.params.id), request.body.amount)),
  );

  app.post<Id>('/api/v1/admin/supporters/mandates/:id/iban', { ...FINANCE, schema: { params: ID, summary: 'The full IBAN (recorded in the audit log)', response: financeAnswers(200, ibanAnswer) } }, async (request) => ({
    iban: await supporters.mandates.revealIban(caller(request), Number(request.params.id)),
  }));

  app.get<Id>('/api/v1/admin/supporters/:id', { ...FINANCE, schema: { params: ID, response: financeAnswers(200, supporterDetailAnswer) } }, async (request) => {
    const detail = await supporters.people.detail(caller(request), Number(request.params.id));
    return { ...detail, mandates: detail.mandates.map(publicMandate), supporter: { ...detail.supporter, email_hash: undefined } };
  });

  app.get<Id>('/api/v1/admin/supporters/:id/export', { ...FINANCE, schema: { params: ID, summary: 'Everything stored about one supporter (data access request); audited', response: financeAnswers(200, supporterExportAnswer) } }, async (request) =>
    supporters.people.exportData(staff(request), Number(request.params.id)),
  );

  app.post<Id & { Body: { note: string } }>(
    '/api/v1/admin/supporters/:id/note',
    { ...FINANCE, schema: { params: ID, body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note: { type: 'string', maxLength: 2000 } } }, response: financeAnswers(200, okAnswer) } },
    async (request) => {
      await supporters.mandates.note(caller(request), Number(request.params.id), request.body.note);
      return { ok: true };
    },
  );

  app.delete<Id>('/api/v1/admin/supporters/:id', { ...FINANCE, schema: { params: ID, summary: 'Erase a supporter; payment records and receipts stay for the retention period', response: financeAnswers(204, erasedAnswer) } }, async (request, reply) => {
    await supporters.people.erase(staff(request), Number(request.params.id));
    return reply.code(204).send();
  });
}

/** A mandate as the API shows it: never the sealed IBAN, never the consent's address hash. */
export function publicMandate(m: { iban_cipher: string | null; iban_hash: string; consent_ip_hash: string } & Record<string, unknown>) {
  const { iban_cipher: _c, iban_hash: _h, consent_ip_hash: _i, ...rest } = m;
  return rest;
}
