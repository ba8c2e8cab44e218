/**
 * Reader accounts over HTTP: the magic-link pages, sign-out, `GET /api/v1/me` (who this
 * visitor is, never cached: article pages are shared, so per-visitor bits come from
 * here) and the mute list of a signed-in reader.
 *
 * @example
 *   GET  /account/login/?return=/stadtrat-tagt/   e-mail form
 *   POST /account/login/                          mails a link (same answer for every address)
 *   GET  /account/login/confirm?token=…          page with a button (mail scanners only GET)
 *   POST /account/login/confirm                   signs in (asks the name the first time)
 *   POST /account/logout/
 *   GET  /api/v1/me                               { reader: { name, key } | null, staff: { name, role } | null, muted: [] }
 *   POST /api/v1/me/mute  { key }   ·   DELETE /api/v1/me/mute/:key
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { Readers } from '../../discussion/readers/index.js';
import type { Site } from '../../site/index.js';
import { SESSION_COOKIE } from '../../platform/csrf.js';
import { AppError } from '../../platform/errors.js';
import type { SafeHtml } from '../../platform/html.js';
import { translator } from '../../platform/i18n.js';
import { sessionCookieOf, spliceForVisitor } from '../../platform/pages.js';
import { ipHash } from '../../platform/privacy.js';
import { renderDocument } from '../../site/index.js';
import { commenterKey, COMMENTER_KEY_PATTERN } from './key.js';
import { readerMessages } from './messages.js';
import { confirmMain, invalidMain, loginMain, sentMain, signedInMain } from './pages.js';
import { safeReturnPath, SESSION_DAYS } from './service.js';

/** What this module needs from the composition root. */
export type DiscussionReadersRoutesDeps = Pick<PlatformDeps, 'config' | 'csrf' | 'limits' | 'now' | 'secret' | 'sessions' | 'settings'> & { readers: Readers; site: Site };

/** Not HttpOnly, and says nothing but "ask /api/v1/me": spares every other visitor that request. */
export const ACCOUNT_MARKER = 'bw_acct';

const PUBLIC = { access: 'public' as const };
const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const form = (properties: Record<string, object>) => ({
  type: 'object',
  properties: { ...properties, _csrf: { type: 'string', maxLength: 100 } },
  additionalProperties: false,
});
const text = (maxLength: number) => ({ type: 'string', maxLength });

export function registerReaderRoutes(app: FastifyInstance, services: DiscussionReadersRoutesDeps): void {
  const { readers, secret, config } = services;
  const secure = config.publicUrl.startsWith('https:');
  const tr = async () => translator((await services.settings.get('site')).language, readerMessages);

  // Personal pages: never cached, the CSRF holes filled for this visitor only.
  async function page(request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const frame = await services.site.frame();
    const body = spliceForVisitor(renderDocument(frame, { title, canonicalPath: '/account/login/', noindex: true, main }), services.csrf, request);
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  }

  async function accountsOn() {
    if (!(await readers.accountsAllowed())) throw new AppError('NOT_FOUND');
  }

  app.get<{ Querystring: { return?: string } }>(
    '/account/login/',
    { config: PUBLIC, schema: { querystring: { type: 'object', properties: { return: text(300) }, additionalProperties: false } } },
    async (request, reply) => {
      await accountsOn();
      const t = await tr();
      const returnTo = safeReturnPath(request.query.return);
      const reader = await readers.current(request);
      return page(request, reply, t('login.title'), reader ? signedInMain(t, reader.name, returnTo) : loginMain(t, { returnTo }));
    },
  );

  app.post<{ Body: { email?: string; return?: string } }>(
    '/account/login/',
    { config: PUBLIC, schema: { body: form({ email: text(300), return: text(300) }) } },
    async (request, reply) => {
      await accountsOn();
      const t = await tr();
      const email = (request.body?.email ?? '').trim().toLowerCase();
      const returnTo = safeReturnPath(request.body?.return);
      await services.limits.limit('login', ipHash(request.ip, secret, services.now()));
      if (!EMAIL_PATTERN.test(email) || email.length > 254) {
        const error = new AppError('EMAIL_INVALID', { field: 'email' }).localized((await services.settings.get('site')).language);
        return page(request, reply, t('login.title'), loginMain(t, { returnTo, email, error }), 400);
      }
      await readers.requestLogin(email, returnTo);
      return page(request, reply, t('login.title'), sentMain(t));
    },
  );

  app.get<{ Querystring: { token?: string } }>(
    '/account/login/confirm',
    { config: PUBLIC, schema: { querystring: { type: 'object', properties: { token: text(200) }, additionalProperties: false } } },
    async (request, reply) => {
      await accountsOn();
      const t = await tr();
      const link = await readers.link(request.query.token);
      if (!link) return page(request, reply, t('confirm.title'), invalidMain(t), 400);
      return page(request, reply, t('confirm.title'), confirmMain(t, { token: request.query.token!, email: link.email, known: link.known }));
    },
  );

  app.post<{ Body: { token?: string; name?: string } }>(
    '/account/login/confirm',
    { config: PUBLIC, schema: { body: form({ token: text(200), name: text(200) }) } },
    async (request, reply) => {
      await accountsOn();
      const t = await tr();
      let done;
      try {
        done = await readers.confirm(request.body?.token, request.body?.name);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NAME_REQUIRED') throw error;
        const link = await readers.link(request.body?.token);
        if (!link) return page(request, reply, t('confirm.title'), invalidMain(t), 400);
        const message = error.localized((await services.settings.get('site')).language);
        return page(request, reply, t('confirm.title'), confirmMain(t, { token: request.body!.token!, email: link.email, known: false, name: request.body?.name, error: message }), 400);
      }
      if (!done) return page(request, reply, t('confirm.title'), invalidMain(t), 400);
      const cookie = { path: '/', sameSite: 'lax' as const, secure, maxAge: SESSION_DAYS * 86_400 };
      reply.setCookie(SESSION_COOKIE, done.sid, { ...cookie, httpOnly: true });
      reply.setCookie(ACCOUNT_MARKER, '1', { ...cookie, httpOnly: false });
      return reply.header('cache-control', 'no-store').redirect(done.returnTo, 303);
    },
  );

  app.post<{ Body: { return?: string } | undefined }>(
    '/account/logout/',
    { config: PUBLIC, schema: { body: { ...form({ return: text(300) }), type: ['object', 'null'] } } },
    async (request, reply) => {
      await readers.signOut(sessionCookieOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(ACCOUNT_MARKER, { path: '/' });
      if (String(request.headers.accept ?? '').includes('application/json')) return reply.code(204).send();
      return reply.redirect(safeReturnPath(request.body?.return), 303);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: PUBLIC,
      schema: {
        summary: 'Who this visitor is: the signed-in reader (with their commenter key and mute list) and/or staff member',
        response: {
          200: {
            type: 'object',
            properties: {
              reader: { type: ['object', 'null'], properties: { name: { type: 'string' }, key: { type: 'string' } } },
              staff: { type: ['object', 'null'], properties: { name: { type: 'string' }, role: { type: 'string' } } },
              muted: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const [reader, staff] = await Promise.all([readers.current(request), services.sessions.user(request)]);
      reply.header('cache-control', 'no-store');
      return {
        reader: reader ? { name: reader.name, key: commenterKey(secret, `reader:${reader.id}`) } : null,
        staff: staff ? { name: staff.name, role: staff.role } : null,
        muted: reader ? await readers.mutes(reader.id) : [],
      };
    },
  );

  const keySchema = { type: 'string', pattern: COMMENTER_KEY_PATTERN.source };
  const mutedReply = { 200: { type: 'object', properties: { muted: { type: 'array', items: { type: 'string' } } } } };

  app.post<{ Body: { key: string } }>(
    '/api/v1/me/mute',
    {
      // The platform guard lets only a signed-in reader through and sets `request.reader`.
      config: { access: 'reader' },
      schema: {
        summary: "Mute a commenter for the signed-in reader (the comment's data-author-key)",
        body: { type: 'object', required: ['key'], properties: { key: keySchema }, additionalProperties: false },
        response: mutedReply,
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { muted: await readers.mute(request.reader!.id, request.body.key) };
    },
  );

  app.delete<{ Params: { key: string } }>(
    '/api/v1/me/mute/:key',
    {
      config: { access: 'reader' },
      schema: { summary: 'Unmute a commenter', params: { type: 'object', properties: { key: keySchema } }, response: mutedReply },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { muted: await readers.unmute(request.reader!.id, request.params.key) };
    },
  );
}
