/**
 * Staff sign-in and sign-out: the newsroom's page (`/admin/login/`, a plain form) and the
 * API (`POST /api/v1/session`). Both are doors over `sessions.signIn` in platform/, which
 * owns the password check, the second factor and the slow-down after failures; the sign-in
 * rate limit per address is applied here once for both doors, and so is the mail that
 * tells an account's owner about repeated failures (`account.signin-warning`, at most one
 * an hour per account).
 *
 * @example
 *   registerSignIn(app, { sessions, limits, csrf, settings, jobs, mailer, config, document });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../../platform/openapi.js'; // issue 17
import { AppError } from '../../platform/errors.js';
import { formField, safeAdminPath, SECURITY_HEADERS } from '../../platform/http.js';
import { html, raw, type SafeHtml } from '../../platform/html.js';
import { defineMessages, translator, type Language } from '../../platform/i18n.js';
import { sessionCookieOf } from '../../platform/pages.js';
import type { Limits } from '../../platform/ratelimit.js';
import type { Csrf } from '../../platform/csrf.js';
import { CSRF_HOLE } from '../../platform/csrf.js';
import type { Sessions, SignInContext } from '../../platform/sessions.js';
import type { Config } from '../../platform/config.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Role } from '../../platform/users.js';

const PUBLIC = { config: { access: 'public' as const } };

export const signInMessages = defineMessages({
  de: {
    'login.title': 'Anmeldung für die Redaktion',
    'login.email': 'E-Mail-Adresse',
    'login.password': 'Passwort',
    'login.code': 'Code aus der Authenticator-App',
    'login.codeHint': 'nur wenn Sie die Zwei-Faktor-Anmeldung eingerichtet haben',
    'login.forgot': 'Passwort vergessen?',
    'login.submit': 'Anmelden',
    'warning.subject': 'Fehlgeschlagene Anmeldeversuche bei Ihrem Konto',
    'warning.body':
      'Für Ihr Redaktionskonto {email} gab es {count, plural, one {# fehlgeschlagenen Anmeldeversuch} other {# fehlgeschlagene Anmeldeversuche in Folge}}, zuletzt am {time} (UTC).\n\nWaren Sie das nicht, ändern Sie bitte Ihr Passwort und richten Sie die Zwei-Faktor-Anmeldung ein:\n{reset}\n\nIhr Konto ist nicht gesperrt: Wer es oft falsch versucht, muss nur von dort aus länger warten.',
  },
  en: {
    'login.title': 'Newsroom sign-in',
    'login.email': 'E-mail address',
    'login.password': 'Password',
    'login.code': 'Code from your authenticator app',
    'login.codeHint': 'only if you have set up two-factor sign-in',
    'login.forgot': 'Forgot your password?',
    'login.submit': 'Sign in',
    'warning.subject': 'Failed sign-in attempts on your account',
    'warning.body':
      'There {count, plural, one {was # failed sign-in attempt} other {were # failed sign-in attempts in a row}} on your newsroom account {email}, the latest on {time} (UTC).\n\nIf this was not you, please change your password and set up two-factor sign-in:\n{reset}\n\nYour account is not locked: whoever keeps trying only has to wait longer where they try from.',
  },
});

export interface SignInDeps {
  sessions: Pick<Sessions, 'user' | 'signIn' | 'signOut'>;
  limits: Pick<Limits, 'limit'>;
  csrf: Pick<Csrf, 'tokenFor'>;
  settings: { get(key: 'site'): Promise<{ language: Language }> };
  /** The site's page frame around a newsroom form. */
  document: (title: string, canonicalPath: string, main: SafeHtml) => Promise<string>;
  jobs: Pick<JobQueue, 'register' | 'enqueue'>;
  mailer: Pick<Mailer, 'send'>;
  config: Pick<Config, 'publicUrl'>;
  now: () => Date;
}

const WARNING_JOB = 'account.signin-warning';

interface WarningJob {
  email: string;
  count: number;
  at: string;
}

export function renderLogin(lang: Language, error: string | null, email: string, next: string | null = null): SafeHtml {
  const t = translator(lang, signInMessages);
  return html`<div class="auth-card">
<h1 class="page-title">${t('login.title')}</h1>
${error ? html`<p class="notice notice-error" role="alert">${error}</p>` : ''}
<form method="post" action="/admin/login/">
<input type="hidden" name="_csrf" value="${raw(CSRF_HOLE)}">
${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
<p class="field"><label for="login-email">${t('login.email')}</label><input id="login-email" name="email" type="email" autocomplete="username" maxlength="254" required value="${email}"></p>
<p class="field"><label for="login-password">${t('login.password')}</label><input id="login-password" name="password" type="password" autocomplete="current-password" maxlength="1024" required></p>
<p class="field"><label for="login-code">${t('login.code')} <span class="field-hint">${t('login.codeHint')}</span></label><input id="login-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="40"></p>
<p><button type="submit">${t('login.submit')}</button></p>
</form>
<p class="auth-links"><a href="/admin/reset/">${t('login.forgot')}</a></p>
</div>`;
}

/**
 * After sign-in: the newsroom page the person asked for (`next`, checked to be a path
 * under /admin/), else the overview; a moderator, who may open only the desk, goes there.
 */
const landingOf = (role: Role, next: string | null) => next ?? (role === 'moderator' ? '/admin/comments/' : '/admin/');

export function registerSignIn(app: FastifyInstance, deps: SignInDeps): void {
  const language = async () => (await deps.settings.get('site')).language;

  deps.jobs.register<WarningJob>(WARNING_JOB, async (job) => {
    const t = translator(await language(), signInMessages);
    const { email, count, at } = job.payload;
    const text = t('warning.body', { email, count: String(count), time: at.slice(0, 16).replace('T', ' '), reset: `${deps.config.publicUrl}/admin/reset/` });
    await deps.mailer.send({ to: email, subject: t('warning.subject'), text });
  });

  /** Who is trying (the day's IP hash), and the owner's mail: the same for both doors. */
  const contextOf = (request: FastifyRequest): SignInContext => ({
    address: request.caller.ipHash,
    onRepeatedFailures: async (account, count) => {
      const at = deps.now();
      const hour = Math.floor(at.getTime() / 3_600_000);
      await deps.jobs.enqueue<WarningJob, unknown>(WARNING_JOB, { email: account.email, count, at: at.toISOString() }, { dedupeKey: `${WARNING_JOB}:${account.id}:${hour}` });
    },
  });

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
      user = await deps.sessions.signIn(reply, email, formField(request.body, 'password'), formField(request.body, 'code'), String(request.headers['user-agent'] ?? ''), contextOf(request));
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
        // issue 17: the answer, for the OpenAPI document and the contract check in tests.
        response: {
          200: {
            type: 'object', required: ['user', 'csrfToken'], additionalProperties: false,
            description: 'Signed in: the session cookie is set; send csrfToken as x-csrf-token on writes.',
            properties: {
              user: { type: 'object', required: ['id', 'email', 'name', 'role'], additionalProperties: false, properties: { id: { type: 'integer' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } },
              csrfToken: { type: 'string' },
            },
          },
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      await deps.limits.limit('login', request.caller.ipHash);
      const user = await deps.sessions.signIn(reply, request.body.email, request.body.password, request.body.code, String(request.headers['user-agent'] ?? ''), contextOf(request));
      return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrfToken: deps.csrf.tokenFor(user.sid) };
    },
  );

  app.delete('/api/v1/session', { ...PUBLIC, schema: { response: { 204: { type: 'null', description: 'Signed out.' }, ...errorResponses(403) } } }, async (request, reply) => {
    await deps.sessions.signOut(request, reply);
    return reply.code(204).send();
  });
}
