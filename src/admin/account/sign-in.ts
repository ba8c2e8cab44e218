/**
 * Staff sign-in and sign-out: the newsroom's page (`/admin/login/`, a plain form) and the
 * API (`POST /api/v1/session`). Both are doors over `sessions.signIn` in platform/, which
 * owns the password check, the second factor and the slow-down after failures; the sign-in
 * rate limit per address is applied here once for both doors.
 *
 * @example
 *   registerSignIn(app, { sessions, limits, csrf, language, document });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { formField, safeAdminPath, SECURITY_HEADERS } from '../../platform/http.js';
import { html, raw, type SafeHtml } from '../../platform/html.js';
import { defineMessages, translator, type Language } from '../../platform/i18n.js';
import { sessionCookieOf } from '../../platform/pages.js';
import type { Limits } from '../../platform/ratelimit.js';
import type { Csrf } from '../../platform/csrf.js';
import { CSRF_HOLE } from '../../platform/csrf.js';
import type { Sessions } from '../../platform/sessions.js';
import type { Role } from '../../platform/users.js';

const PUBLIC = { config: { access: 'public' as const } };

export const signInMessages = defineMessages({
  de: {
    'login.title': 'Anmeldung für die Redaktion',
    'login.email': 'E-Mail-Adresse',
    'login.password': 'Passwort',
    'login.code': 'Code aus der Authenticator-App (falls eingerichtet)',
    'login.forgot': 'Passwort vergessen?',
    'login.submit': 'Anmelden',
  },
  en: {
    'login.title': 'Newsroom sign-in',
    'login.email': 'E-mail address',
    'login.password': 'Password',
    'login.code': 'Code from your authenticator app (if set up)',
    'login.forgot': 'Forgot your password?',
    'login.submit': 'Sign in',
  },
});

export interface SignInDeps {
  sessions: Pick<Sessions, 'user' | 'signIn' | 'signOut'>;
  limits: Pick<Limits, 'limit'>;
  csrf: Pick<Csrf, 'tokenFor'>;
  settings: { get(key: 'site'): Promise<{ language: Language }> };
  /** The site's page frame around a newsroom form. */
  document: (title: string, canonicalPath: string, main: SafeHtml) => Promise<string>;
}

export function renderLogin(lang: Language, error: string | null, email: string, next: string | null = null): SafeHtml {
  const t = translator(lang, signInMessages);
  return html`<div class="moderation-form-page">
<h1 class="page-title">${t('login.title')}</h1>
${error ? html`<p class="notice notice-error" role="alert">${error}</p>` : ''}
<form method="post" action="/admin/login/">
<input type="hidden" name="_csrf" value="${raw(CSRF_HOLE)}">
${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
<p class="field"><label for="login-email">${t('login.email')}</label><input id="login-email" name="email" type="email" autocomplete="username" maxlength="254" required value="${email}"></p>
<p class="field"><label for="login-password">${t('login.password')}</label><input id="login-password" name="password" type="password" autocomplete="current-password" maxlength="1024" required></p>
<p class="field"><label for="login-code">${t('login.code')}</label><input id="login-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="40"></p>
<p><button type="submit">${t('login.submit')}</button></p>
<p><a href="/admin/reset/">${t('login.forgot')}</a></p>
</form>
</div>`;
}

/**
 * After sign-in: the newsroom page the person asked for (`next`, checked to be a path
 * under /admin/), else the overview; a moderator, who may open only the desk, goes there.
 */
const landingOf = (role: Role, next: string | null) => next ?? (role === 'moderator' ? '/admin/comments/' : '/admin/');

export function registerSignIn(app: FastifyInstance, deps: SignInDeps): void {
  const language = async () => (await deps.settings.get('site')).language;

  function send(request: FastifyRequest, reply: FastifyReply, status: number, body: string) {
    const token = deps.csrf.tokenFor(sessionCookieOf(request));
    return reply.code(status).headers(SECURITY_HEADERS).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body.split(CSRF_HOLE).join(token));
  }

  app.get<{ Querystring: { next?: unknown } }>('/admin/login/', PUBLIC, async (request, reply) => {
    const next = safeAdminPath(request.query.next);
    if (request.caller.kind === 'staff') return reply.redirect(landingOf(request.caller.staff.role, next), 303);
    const lang = await language();
    return send(request, reply, 200, await deps.document(translator(lang, signInMessages)('login.title'), '/admin/login/', renderLogin(lang, null, '', next)));
  });

  app.post('/admin/login/', PUBLIC, async (request, reply) => {
    const email = formField(request.body, 'email') ?? '';
    const next = safeAdminPath(formField(request.body, 'next'));
    let user;
    try {
      await deps.limits.limit('login', request.caller.ipHash);
      user = await deps.sessions.signIn(reply, email, formField(request.body, 'password'), formField(request.body, 'code'), String(request.headers['user-agent'] ?? ''));
    } catch (error) {
      const lang = await language();
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfter))));
      const page = await deps.document(translator(lang, signInMessages)('login.title'), '/admin/login/', renderLogin(lang, error.localized(lang), email, next));
      return send(request, reply, error.status, page);
    }
    return reply.redirect(landingOf(user.role, next), 303);
  });

  app.post<{ Body: { email: string; password: string; code?: string } }>(
    '/api/v1/session',
    {
      ...PUBLIC,
      schema: {
        body: {
          type: 'object',
          required: ['email', 'password'],
          properties: {
            email: { type: 'string', maxLength: 254 },
            password: { type: 'string', maxLength: 1024 },
            code: { type: 'string', maxLength: 40 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      await deps.limits.limit('login', request.caller.ipHash);
      const user = await deps.sessions.signIn(reply, request.body.email, request.body.password, request.body.code, String(request.headers['user-agent'] ?? ''));
      return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrfToken: deps.csrf.tokenFor(user.sid) };
    },
  );

  app.delete('/api/v1/session', PUBLIC, async (request, reply) => {
    await deps.sessions.signOut(request, reply);
    return reply.code(204).send();
  });
}
