/**
 * A staff member's own account: second factor (TOTP) with recovery codes, the list of
 * open sessions with revoke, password change (the operations are in `service.ts`, shared
 * with the account page), and password reset by e-mail (a link that works once, for
 * an hour; the answer never tells whether an address has an account).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { Site } from '../../site/index.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import { noContent, resetRequestedAnswer, sessionsAnswer, totpDisabledAnswer, totpEnabledAnswer, totpSetupAnswer } from './answers.js';
import { html, type SafeHtml } from '../../platform/html.js';
import { defineMessages, translator } from '../../platform/i18n.js';
import { spliceForVisitor } from '../../platform/pages.js';
import { ipHash } from '../../platform/privacy.js';
import { hashPassword, MIN_PASSWORD, ROLES } from '../../platform/users.js';
import { csrfField, renderDocument } from '../../site/index.js';
import type { Audit } from '../audit.js';
import { createAccount } from './service.js';
import { peopleMessages } from '../people/messages.js';
import { authChrome } from './auth-frame.js';

/** What this module needs from the composition root. */
export type AdminAccountRoutesDeps = Pick<PlatformDeps, 'config' | 'csrf' | 'database' | 'jobs' | 'limits' | 'mailer' | 'now' | 'secret' | 'sessions' | 'settings'> & { site: Site };

const STAFF = { config: { access: 'staff' as const, roles: [...ROLES] } };
const PUBLIC = { config: { access: 'public' as const } };
const RESET_MINUTES = 60;

const messages = defineMessages({
  de: {
    resetTitle: 'Passwort zurücksetzen',
    resetIntro: 'Geben Sie Ihre E-Mail-Adresse ein. Wenn es dazu ein Konto gibt, schicken wir einen Link (eine Stunde gültig).',
    email: 'E-Mail-Adresse',
    send: 'Link senden',
    sent: 'Wenn es ein Konto mit dieser Adresse gibt, ist der Link unterwegs.',
    newPassword: 'Neues Passwort (mindestens 10 Zeichen)',
    save: 'Passwort speichern',
    done: 'Ihr Passwort ist geändert. Alle bisherigen Sitzungen wurden beendet.',
    signIn: 'Zur Anmeldung',
    mailSubject: 'Passwort zurücksetzen',
    mailBody: 'Sie (oder jemand anderes) möchten das Passwort für {email} zurücksetzen.\n\nNeues Passwort setzen (eine Stunde gültig, nur einmal):\n{link}\n\nWenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
  },
  en: {
    resetTitle: 'Reset your password',
    resetIntro: 'Enter your e-mail address. If there is an account for it, we will send a link (valid for one hour).',
    email: 'E-mail address',
    send: 'Send link',
    sent: 'If there is an account with this address, the link is on its way.',
    newPassword: 'New password (at least 10 characters)',
    save: 'Save password',
    done: 'Your password has been changed. All earlier sessions were ended.',
    signIn: 'Go to sign-in',
    mailSubject: 'Reset your password',
    mailBody: 'You (or someone else) asked to reset the password of {email}.\n\nSet a new password (valid for one hour, once):\n{link}\n\nIf this was not you, ignore this e-mail; your password stays as it is.',
  },
});

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function registerAccountRoutes(app: FastifyInstance, services: AdminAccountRoutesDeps, audit: Audit): void {
  const { database, sessions, config } = services;
  const db = database.db;
  const t = async () => translator((await services.settings.get('site')).language, messages);
  const account = createAccount(services, audit);

  async function page(request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const frame = await services.site.frame();
    const body = spliceForVisitor(renderDocument(frame, { title, canonicalPath: '/admin/reset/', noindex: true, main, ...authChrome(frame) }), services.csrf, request);
    return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(body);
  }

  // --- Second factor -------------------------------------------------------------------

  app.post('/api/v1/admin/account/totp/setup', { ...STAFF, schema: { response: { 200: totpSetupAnswer, ...errorResponses(401, 403) } } }, async (request) => account.startTotp(request.staff!));

  app.post<{ Body: { code: string } }>(
    '/api/v1/admin/account/totp/enable',
    { ...STAFF, schema: { body: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 10 } }, additionalProperties: false }, response: { 200: totpEnabledAnswer, ...errorResponses(400, 401, 403) } } },
    async (request) => ({ enabled: true, ...(await account.enableTotp(request.staff!, request.body.code)) }),
  );

  app.post<{ Body: { password: string } }>(
    '/api/v1/admin/account/totp/disable',
    { ...STAFF, schema: { body: { type: 'object', required: ['password'], properties: { password: { type: 'string', maxLength: 1024 } }, additionalProperties: false }, response: { 200: totpDisabledAnswer, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      await account.disableTotp(request.staff!, request.body.password);
      return { enabled: false };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/v1/admin/account/password',
    {
      ...STAFF,
      schema: {
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          properties: { currentPassword: { type: 'string', maxLength: 1024 }, newPassword: { type: 'string', maxLength: 1024 } },
          additionalProperties: false,
        },
        response: { 204: noContent('Changed; every other session of the account has ended.'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await account.changePassword(request.staff!, request.body.currentPassword, request.body.newPassword, sessions.hashOf(request));
      return reply.code(204).send();
    },
  );

  // --- Sessions ------------------------------------------------------------------------

  app.get('/api/v1/admin/account/sessions', { ...STAFF, schema: { response: { 200: sessionsAnswer, ...errorResponses(401, 403) } } }, async (request) => ({ sessions: await sessions.list(request, request.staff!.id) }));

  app.delete<{ Params: { id: string } }>('/api/v1/admin/account/sessions/:id', { ...STAFF, schema: { response: { 204: noContent('The session has ended.'), ...errorResponses(401, 403, 404) } } }, async (request, reply) => {
    await account.revokeSession(request.staff!, request.params.id);
    return reply.code(204).send();
  });

  // --- Password reset ------------------------------------------------------------------

  services.jobs.register<{ userId: number; email: string; token: string; lang: 'de' | 'en' }>('account.reset', async (job) => {
    const tr = translator(job.payload.lang, messages);
    const link = `${config.publicUrl}/admin/reset/?token=${job.payload.token}`;
    await services.mailer.send({ to: job.payload.email, subject: tr('mailSubject'), text: tr('mailBody', { email: job.payload.email, link }) });
  });

  async function requestReset(request: FastifyRequest, email: string) {
    await services.limits.limit('login', ipHash(request.ip, services.secret, services.now()));
    // people (issue 11): a suspended or removed account gets no reset link (it would end the suspension).
    const row = await db.withTables<{ users: { suspended_at: string | null; removed_at: string | null } }>()
      .selectFrom('users').select(['id', 'email', 'suspended_at', 'removed_at']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    if (!row || row.suspended_at || row.removed_at) return;
    const token = randomBytes(24).toString('base64url');
    await db
      .insertInto('password_resets')
      .values({ token_hash: tokenHash(token), user_id: row.id, expires_at: new Date(services.now().getTime() + RESET_MINUTES * 60_000).toISOString(), used_at: null })
      .execute();
    const lang = (await services.settings.get('site')).language;
    // The token travels in the job's payload: the jobs table then holds a live reset link
    // for up to an hour, no worse than the mail itself.
    await services.jobs.enqueue('account.reset', { userId: row.id, email: row.email, token, lang });
  }

  app.post<{ Body: { email: string } }>(
    '/api/v1/password-reset',
    { ...PUBLIC, schema: { body: { type: 'object', required: ['email'], properties: { email: { type: 'string', maxLength: 254 } }, additionalProperties: false }, response: { 202: resetRequestedAnswer, ...errorResponses(400, 403, 429) } } },
    async (request, reply) => {
      await requestReset(request, request.body.email);
      return reply.code(202).send({ status: 'sent-if-known' });
    },
  );

  app.get<{ Querystring: { token?: string; welcome?: string } }>('/admin/reset/', PUBLIC, async (request, reply) => {
    const tr = await t();
    const token = request.query.token;
    // people (issue 11): an invitation's link is a reset link that greets the newcomer.
    if (token && request.query.welcome === '1') {
      const w = translator((await services.settings.get('site')).language, peopleMessages);
      return page(request, reply, w('welcome.title'), html`<div class="auth-card"><h1 class="page-title">${w('welcome.title')}</h1><p>${w('welcome.intro')}</p>
<form method="post" action="/admin/reset/">${csrfField()}<input type="hidden" name="token" value="${token}">
<p class="field"><label for="reset-password">${tr('newPassword')}</label><input id="reset-password" type="password" name="password" minlength="${MIN_PASSWORD}" maxlength="1024" autocomplete="new-password" required></p>
<p><button type="submit">${tr('save')}</button></p></form></div>`);
    }
    const form = token
      ? html`<form method="post" action="/admin/reset/">${csrfField()}<input type="hidden" name="token" value="${token}">
<p class="field"><label for="reset-password">${tr('newPassword')}</label><input id="reset-password" type="password" name="password" minlength="${MIN_PASSWORD}" maxlength="1024" autocomplete="new-password" required></p>
<p><button type="submit">${tr('save')}</button></p></form>`
      : html`<p>${tr('resetIntro')}</p><form method="post" action="/admin/reset/">${csrfField()}
<p class="field"><label for="reset-email">${tr('email')}</label><input id="reset-email" type="email" name="email" maxlength="254" autocomplete="username" required></p>
<p><button type="submit">${tr('send')}</button></p></form>`;
    return page(request, reply, tr('resetTitle'), html`<div class="auth-card"><h1 class="page-title">${tr('resetTitle')}</h1>${form}</div>`);
  });

  app.post<{ Body: { email?: string; token?: string; password?: string } }>('/admin/reset/', PUBLIC, async (request, reply) => {
    const tr = await t();
    const body = request.body ?? {};
    if (typeof body.email === 'string') {
      await requestReset(request, body.email);
      return page(request, reply, tr('resetTitle'), html`<div class="auth-card"><h1 class="page-title">${tr('resetTitle')}</h1><p class="notice" role="status">${tr('sent')}</p></div>`);
    }
    if (typeof body.token !== 'string' || typeof body.password !== 'string') throw new AppError('RESET_INVALID', { field: 'token' });
    if (body.password.length < MIN_PASSWORD || body.password.length > 1024) throw new AppError('PASSWORD_WEAK', { field: 'password' });
    const row = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash(body.token)).executeTakeFirst();
    if (!row || row.used_at || row.expires_at < services.now().toISOString()) throw new AppError('RESET_INVALID', { field: 'token' });
    const hash = await hashPassword(body.password);
    await db.transaction().execute(async (tx) => {
      const used = await tx
        .updateTable('password_resets')
        .set({ used_at: services.now().toISOString() })
        .where('token_hash', '=', row.token_hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new AppError('RESET_INVALID', { field: 'token' });
      await tx.updateTable('users').set({ password_hash: hash, failed_logins: 0, locked_until: null }).where('id', '=', row.user_id).execute();
    });
    await sessions.revokeAll(row.user_id);
    await audit.record({ id: row.user_id, name: 'password reset' }, 'account.password.reset', 'user', row.user_id);
    return page(request, reply, tr('resetTitle'), html`<div class="auth-card"><h1 class="page-title">${tr('resetTitle')}</h1><p class="notice" role="status">${tr('done')}</p><p><a href="/admin/login/">${tr('signIn')}</a></p></div>`);
  });
}
