/**
 * The supporters in the newsroom: `/admin/supporters/` (figures, chart, list, direct-debit
 * files, statement upload, transfers to assign, receipts) and `/admin/supporters/:id/`
 * (mandate actions, the audited full IBAN, note, payments). Plain forms, each calling the
 * same operation as the JSON API; a refusal comes back on the page with the code's status.
 * For the finance role (and owner and admin); editors are refused.
 *
 * @example
 *   registerSupporterAdminPages(app, { supporters, site, csrf, settings, secret, now });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendAdminPage } from '../admin/index.js';
import type { Csrf } from '../platform/csrf.js';
import { AppError } from '../platform/errors.js';
import { formField } from '../platform/http.js';
import { translator, type Language } from '../platform/i18n.js';
import type { SettingsService } from '../platform/settings.js';
import type { Site } from '../site/index.js';
import { MAX_STATEMENT, saveSupporterSettings } from './admin-routes.js';
import { adminT, detailMain, indexMain, type IndexData } from './admin-view.js';
import { settingsFromForm, settingsMain, settingsT, valuesFromBody, valuesOf, type FormValues, type SettingsFieldError } from './settings-page.js';
import { callerOf, FINANCE_ROLES, requireFinance } from './caller.js';
import { dayOf } from './schedule.js';
import type { Supporters } from './service.js';
import { supporterMessages, type SupporterMessageKey } from './supporter-messages.js';

export interface SupporterPagesDeps {
  supporters: Supporters;
  /** The whole site: the newsroom frame (admin/ui) asks for it. */
  site: Site;
  csrf: Csrf;
  settings: Pick<SettingsService, 'get'>;
  secret: string;
  now: () => Date;
  /** Drops cached pages after the settings changed (the support page shows the sign-up they shape). */
  settingsChanged(): void;
}

const PAGE = { config: { access: 'staff' as const, roles: FINANCE_ROLES }, schema: { hide: true } };
const ID = /^[1-9][0-9]{0,9}$/;

function texts(lang: Language) {
  const t = translator(lang, supporterMessages);
  return { statusText: (s: string) => t(`status.${s}` as SupporterMessageKey), intervalText: (i: string) => t(`form.${i}` as SupporterMessageKey) };
}

export function registerSupporterAdminPages(app: FastifyInstance, deps: SupporterPagesDeps): void {
  const { supporters } = deps;
  const caller = (request: FastifyRequest) => callerOf(request, deps.secret, deps.now);
  const id = (value: string) => {
    if (!ID.test(value)) throw new AppError('NOT_FOUND');
    return Number(value);
  };

  async function index(request: FastifyRequest, reply: FastifyReply, extra: Partial<IndexData> = {}, status = 200) {
    const who = caller(request);
    const [figures, rows, files, unmatched] = await Promise.all([
      supporters.people.figures(who), supporters.people.list(who), supporters.debits.list(who, 20), supporters.statements.unmatched(who, 50),
    ]);
    return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
      title: adminT(frame.lang)('title'),
      path: '/admin/supporters/',
      main: indexMain(adminT(frame.lang), { figures, rows, files, unmatched, today: dayOf(deps.now()), lang: frame.lang, ...texts(frame.lang), ...extra }),
    }), status);
  }

  /** Runs an operation for a form; a refusal goes back to the page with its message. */
  async function act(request: FastifyRequest, reply: FastifyReply, run: () => Promise<Partial<IndexData> | void>) {
    try {
      const extra = await run();
      return index(request, reply, extra ?? {});
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const lang = (await deps.site.frame()).lang;
      return index(request, reply, { error: error.localized(lang) }, error.status);
    }
  }

  async function detail(request: FastifyRequest, reply: FastifyReply, supporterId: number, extra: { iban?: { mandateId: number; iban: string }; done?: boolean; error?: string } = {}, status = 200) {
    const data = await supporters.people.detail(caller(request), supporterId);
    return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
      title: data.supporter.name,
      path: '/admin/supporters/',
      main: detailMain(adminT(frame.lang), { ...data, entries: data.entries.map((e) => ({ ...e, amount_cents: Number(e.amount_cents) })), lang: frame.lang, ...texts(frame.lang), ...extra }),
    }), status);
  }

  async function settingsPage(request: FastifyRequest, reply: FastifyReply, view: { values: FormValues; errors: SettingsFieldError[]; saved: boolean }, status = 200) {
    return sendAdminPage(app, deps, request, reply, (_t, frame) => ({
      title: settingsT(frame.lang)('title'),
      path: '/admin/supporters/',
      main: settingsMain({ ...view, lang: frame.lang }),
      // The newsroom's settings script: the unsaved-edits warning and fields that apply only sometimes.
      modules: ['settings.js'],
    }), status);
  }

  void app.register(async (scope) => {
    scope.get('/admin/supporters/', PAGE, async (request, reply) => index(request, reply));

    scope.get<{ Querystring: { saved?: string } }>('/admin/supporters/settings/', PAGE, async (request, reply) => {
      requireFinance(caller(request));
      return settingsPage(request, reply, { values: valuesOf(await supporters.settings.get()), errors: [], saved: request.query.saved === '1' });
    });

    // The whole form at once: every wrong field is marked (422), nothing is saved, and what
    // was typed stays in the inputs; saved, it goes back to the page with a notice (303).
    scope.post<{ Body: Record<string, unknown> | undefined }>('/admin/supporters/settings/', PAGE, async (request, reply) => {
      const values = valuesFromBody(request.body);
      const { settings, errors } = settingsFromForm(values);
      if (!settings) return settingsPage(request, reply, { values, errors, saved: false }, 422);
      try {
        await saveSupporterSettings(deps, caller(request), settings);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || !error.field) throw error;
        return settingsPage(request, reply, { values, errors: [{ key: error.field, problem: error.code === 'CREDITOR_ID_INVALID' ? 'creditorId' : 'invalid' }], saved: false }, 422);
      }
      return reply.redirect('/admin/supporters/settings/?saved=1', 303);
    });

    scope.post<{ Body: Record<string, unknown> | undefined }>('/admin/supporters/export', PAGE, async (request, reply) =>
      act(request, reply, async () => {
        await supporters.debits.exportDebits(caller(request), formField(request.body, 'date'));
      }),
    );

    scope.get<{ Params: { file: string } }>('/admin/supporters/files/:file', PAGE, async (request, reply) => {
      const match = /^([1-9][0-9]{0,9})\.xml$/.exec(request.params.file);
      if (!match) throw new AppError('NOT_FOUND');
      const file = await supporters.debits.file(caller(request), Number(match[1]));
      if (file.status === 'undone') throw new AppError('NOT_FOUND');
      return reply.headers({ 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${file.fileName}"` }).type('application/xml; charset=utf-8').send(file.xml);
    });

    for (const action of ['undo', 'uploaded'] as const) {
      scope.post<{ Params: { id: string } }>(`/admin/supporters/files/:id/${action}`, PAGE, async (request, reply) =>
        act(request, reply, async () => {
          if (action === 'undo') await supporters.debits.undo(caller(request), id(request.params.id));
          else await supporters.debits.markUploaded(caller(request), id(request.params.id));
        }),
      );
    }

    scope.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>('/admin/supporters/transfers/:id/assign', PAGE, async (request, reply) =>
      act(request, reply, () => supporters.statements.assign(caller(request), id(request.params.id), Number(formField(request.body, 'supporter')))),
    );

    scope.post<{ Body: Record<string, unknown> | undefined }>('/admin/supporters/receipts', PAGE, async (request, reply) =>
      act(request, reply, async () => ({ issued: await supporters.receipts.issue(caller(request), formField(request.body, 'year')) })),
    );

    scope.get<{ Params: { id: string } }>('/admin/supporters/:id/', PAGE, async (request, reply) => detail(request, reply, id(request.params.id)));

    for (const action of ['pause', 'resume', 'end', 'amount', 'iban'] as const) {
      scope.post<{ Params: { id: string; mandate: string }; Body: Record<string, unknown> | undefined }>(`/admin/supporters/:id/mandates/:mandate/${action}`, PAGE, async (request, reply) => {
        const supporterId = id(request.params.id);
        const mandateId = id(request.params.mandate);
        const actor = { staff: caller(request) };
        try {
          if (action === 'iban') return detail(request, reply, supporterId, { iban: { mandateId, iban: await supporters.mandates.revealIban(actor.staff, mandateId) } });
          if (action === 'amount') await supporters.mandates.changeAmount(actor, mandateId, formField(request.body, 'amount'));
          else await supporters.mandates[action](actor, mandateId);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          return detail(request, reply, supporterId, { error: error.localized((await deps.site.frame()).lang) }, error.status);
        }
        return detail(request, reply, supporterId, { done: true });
      });
    }

    scope.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>('/admin/supporters/:id/note', PAGE, async (request, reply) => {
      await supporters.mandates.note(caller(request), id(request.params.id), formField(request.body, 'note') ?? '');
      return detail(request, reply, id(request.params.id), { done: true });
    });
  });

  // The statement upload: multipart read whole by the platform's own parser, so the guard
  // finds the form's `_csrf` field like any other form's. Only this scope accepts it.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_STATEMENT }, (request, body, done) => {
      new Response(body as Buffer, { headers: { 'content-type': String(request.headers['content-type']) } })
        .formData()
        .then(async (form) => {
          const token = form.get('_csrf');
          const file = form.get('file');
          done(null, { ...(typeof token === 'string' ? { _csrf: token } : {}), file: file === null ? '' : typeof file === 'string' ? file : await file.text() });
        })
        .catch(() => done(new AppError('BAD_REQUEST', { field: 'file', detail: 'unreadable multipart body' })));
    });
    scope.post<{ Body: { file?: string } | undefined }>('/admin/supporters/statements', { ...PAGE, bodyLimit: MAX_STATEMENT }, async (request, reply) =>
      act(request, reply, async () => ({ report: await supporters.statements.importStatement(caller(request), request.body?.file ?? '') })),
    );
  });
}
