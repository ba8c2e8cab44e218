/**
 * The newsroom's form pages: the audit log (owner, admin) and one's own
 * account (every staff member). Thin transports: a form is parsed, handed to the same
 * operation the JSON API calls (the account service), and answered with a
 * 303 and a notice, or the page again (422) with each wrong field marked and what was
 * typed kept (never a password). Every POST carries the form field `_csrf`.
 *
 * @example
 *   registerFormPages(scope, { app, services, audit });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { AdminUiHttpDeps } from './http.js';
import { AppError } from '../../platform/errors.js';
import type { Audit } from '../audit.js';
import { createAccount } from '../account/service.js';
import { ACCOUNT_NOTICES, renderAccount, type AccountForm, type AccountNotice, type AccountPage } from './account-view.js';
import { renderAudit } from './audit-view.js';
import { PAGE, sendAdminPage } from './http.js';
import type { AdminPage, T } from './layout.js';
import type { Frame } from '../../site/index.js';
import { formField } from '../../platform/http.js';

/** What this module needs from the composition root. */
export type AdminUiFormsRoutesDeps = Pick<PlatformDeps, 'database' | 'sessions' | 'settings' | 'now'> & AdminUiHttpDeps;

const AUDIT_PER_PAGE = 50;
const FORM = { type: 'object', required: ['_csrf'], properties: { _csrf: { type: 'string' } } } as const;
const form = (page: typeof PAGE.anyStaff) => ({ ...page, schema: { ...page.schema, body: FORM } });

const str = (body: unknown, name: string): string => formField(body, name) ?? '';

/** A refused account form: which form, which field, and the sentence to put beside it. */
interface FormError {
  form: AccountForm;
  field: string;
  message: (t: T, frame: Frame) => string;
}

interface Deps {
  app: FastifyInstance;
  services: AdminUiFormsRoutesDeps;
  audit: Audit;
}

export function registerFormPages(scope: FastifyInstance, { app, services, audit }: Deps): void {
  const account = createAccount(services, audit);
  const send = (request: FastifyRequest, reply: FastifyReply, page: (t: T, frame: Frame) => AdminPage, status = 200) =>
    sendAdminPage(app, services, request, reply, page, status);
  const back = (reply: FastifyReply, url: string) => reply.header('cache-control', 'no-store').redirect(url, 303);

  // Settings pages: settings-routes.ts.

  // --- Audit log -----------------------------------------------------------------------

  scope.get<{ Querystring: { page?: string; action?: string; staff?: string } }>(
    '/admin/audit/',
    {
      ...PAGE.administrators,
      schema: {
        hide: true,
        querystring: {
          type: 'object',
          properties: {
            page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
            action: { type: 'string', pattern: '^([a-z][a-z0-9._-]{0,63})?$' },
            staff: { type: 'string', pattern: '^([1-9][0-9]{0,9})?$' },
          },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const page = Number(request.query.page ?? 1);
      const action = request.query.action || null;
      const userId = request.query.staff ? Number(request.query.staff) : null;
      const [actions, actors] = await Promise.all([audit.actions(), audit.actors()]);
      // Filters name what the log holds; anything else is a wrong address, not an empty page.
      if (action && !actions.includes(action)) throw new AppError('BAD_REQUEST', { field: 'action' });
      if (userId && !actors.some((a) => a.id === userId)) throw new AppError('BAD_REQUEST', { field: 'staff' });
      const { entries, more } = await audit.page({ page, perPage: AUDIT_PER_PAGE, action, userId });
      if (page > 1 && entries.length === 0) throw new AppError('PAGE_OUT_OF_RANGE', { field: 'page' });
      return send(request, reply, (t, frame) => ({
        title: t('audit.title'),
        path: '/admin/audit/',
        main: renderAudit(t, frame.lang, { entries, more, page, action, userId, actions, actors }),
      }));
    },
  );

  // --- Own account ---------------------------------------------------------------------

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: AccountNotice | null; recoveryCodes?: string[]; error?: FormError; code?: string } = {},
    status = 200,
  ) {
    const user = request.staff!;
    const [list, totp, profiles] = await Promise.all([
      services.sessions.list(request, user.id),
      account.totpState(user),
      services.database.db.selectFrom('authors').select(['id', 'name']).where('user_id', '=', user.id).orderBy('name').execute(),
    ]);
    return send(
      request,
      reply,
      (t, frame) => {
        const error = extra.error;
        const view: AccountPage = {
          sessions: list,
          totp,
          recoveryCodes: extra.recoveryCodes ?? null,
          notice: extra.notice ?? null,
          errors: error ? { form: error.form, fields: { [error.field]: error.message(t, frame) } } : null,
          code: extra.code ?? '',
          profiles,
        };
        return { title: t('account.title'), path: '/admin/account/', main: renderAccount(t, frame.lang, view) };
      },
      status,
    );
  }

  /** A refused account form: the page again, the field marked; anything else goes on up. */
  function refused(request: FastifyRequest, reply: FastifyReply, form: AccountForm, error: unknown, extra: { code?: string; field?: string } = {}) {
    if (!(error instanceof AppError) || error.status >= 500 || error.code === 'NOT_FOUND' || error.code === 'RATE_LIMITED') throw error;
    const field = extra.field ?? error.field ?? '';
    return showAccount(request, reply, { error: { form, field, message: (_t, frame) => error.localized(frame.lang) }, code: extra.code ?? '' }, 422);
  }

  scope.get<{ Querystring: { done?: string } }>('/admin/account/', PAGE.anyStaff, async (request, reply) => {
    const done = request.query.done;
    const notice = ACCOUNT_NOTICES.find((n) => n === done) ?? null;
    return showAccount(request, reply, { notice });
  });

  scope.post('/admin/account/totp/setup', form(PAGE.anyStaff), async (request, reply) => {
    await account.startTotp(request.staff!);
    return back(reply, '/admin/account/#account-totp');
  });

  scope.post('/admin/account/totp/enable', form(PAGE.anyStaff), async (request, reply) => {
    const code = str(request.body, 'code').slice(0, 20);
    try {
      const { recoveryCodes } = await account.enableTotp(request.staff!, code);
      // Shown once, in this answer only: no redirect that could show them again.
      return await showAccount(request, reply, { recoveryCodes });
    } catch (error) {
      return refused(request, reply, 'totpEnable', error, { code, field: 'code' });
    }
  });

  scope.post('/admin/account/totp/disable', form(PAGE.anyStaff), async (request, reply) => {
    try {
      await account.disableTotp(request.staff!, str(request.body, 'password'));
    } catch (error) {
      return refused(request, reply, 'totpDisable', error, { field: 'password' });
    }
    return back(reply, '/admin/account/?done=totpDisabled');
  });

  scope.post('/admin/account/password', form(PAGE.anyStaff), async (request, reply) => {
    const next = str(request.body, 'newPassword');
    if (next !== str(request.body, 'confirmPassword')) {
      return showAccount(request, reply, { error: { form: 'password', field: 'confirmPassword', message: (t) => t('account.passwordMismatch') } }, 422);
    }
    try {
      await account.changePassword(request.staff!, str(request.body, 'currentPassword'), next, services.sessions.hashOf(request));
    } catch (error) {
      return refused(request, reply, 'password', error);
    }
    return back(reply, '/admin/account/?done=passwordChanged');
  });

  scope.post<{ Params: { id: string } }>('/admin/account/sessions/:id/revoke', form(PAGE.anyStaff), async (request, reply) => {
    const user = request.staff!;
    const mine = (await services.sessions.list(request, user.id)).find((s) => s.current)?.id;
    await account.revokeSession(user, request.params.id);
    // Ending the session one is using is signing out.
    return back(reply, request.params.id === mine ? '/admin/login/' : '/admin/account/?done=revoked#account-sessions');
  });
}
