/**
 * The newsletter for readers: `/newsletter/` (sign-up), `/newsletter/confirm`,
 * `/newsletter/preferences`, `/newsletter/unsubscribe` (RFC 8058 one-click) and
 * `POST /api/v1/newsletter/subscriptions`. Each route parses, calls one function of
 * `newsletter.subscriptions` and renders. Personal pages are never cached.
 *
 * @example
 *   registerNewsletterRoutes(app, services); // after installGuard
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import type { Newsletter } from '../audience/index.js';
import type { Site } from '../site/index.js';
import { AppError } from '../platform/errors.js';
import { errorResponses } from '../platform/openapi.js'; // issue 17
import { SECURITY_HEADERS } from '../platform/http.js';
import type { SafeHtml } from '../platform/html.js';
import { translator } from '../platform/i18n.js';
import { sendPage, spliceForVisitor } from '../platform/pages.js';
import { ipHash } from '../platform/privacy.js';
import { renderDocument } from '../site/index.js';
import { audienceMessages } from './messages.js';
import * as view from './pages.js';
import { manageToken } from './tokens.js';
import type { LinkResult } from './subscriptions.js';

/** What this module needs from the composition root. */
export type AudienceRoutesDeps = Pick<PlatformDeps, 'csrf' | 'limits' | 'now' | 'pages' | 'secret'> & { newsletter: Newsletter; site: Site };

const PUBLIC = { config: { access: 'public' as const } };
const HTML = 'text/html; charset=utf-8';

interface SignUpBody {
  email?: unknown;
  name?: unknown;
  topics?: unknown;
  website?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

export function registerNewsletterRoutes(app: FastifyInstance, services: AudienceRoutesDeps): void {
  const { newsletter, secret } = services;
  const subs = newsletter.subscriptions;
  const preferencesPath = (id: number) => `/newsletter/preferences?token=${encodeURIComponent(manageToken(secret, id))}`;

  async function context() {
    const frame = await services.site.frame();
    return { frame, t: translator(frame.lang, audienceMessages) };
  }

  async function personal(request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const { frame } = await context();
    const body = renderDocument(frame, { title, canonicalPath: '/newsletter/', noindex: true, main });
    // These URLs carry a reader's token: never cached, never sent on as a Referer to
    // another site. `same-origin`, not `no-referrer`: under `no-referrer` browsers send
    // `Origin: null` with the page's own forms (confirm, preferences), and the CSRF check
    // refuses them (journey.browser.test.ts).
    return reply
      .code(status)
      .headers({ ...SECURITY_HEADERS, 'referrer-policy': 'same-origin', 'cache-control': 'no-store' })
      .type(HTML)
      .send(spliceForVisitor(body, services.csrf, request));
  }

  async function problem(request: FastifyRequest, reply: FastifyReply, result: Extract<LinkResult, { ok: false }>) {
    const { t } = await context();
    return personal(request, reply, t('link.title'), view.linkProblemMain(t, result.reason), result.reason === 'unknown' ? 404 : 400);
  }

  /** Rate limit first (it also counts refused attempts), then the honeypot, then the sign-up. */
  async function signUp(request: FastifyRequest, body: SignUpBody): Promise<void> {
    await services.limits.limit('subscribe', ipHash(request.ip, secret, services.now()));
    // A bot filled the hidden field: answer as if it worked, send nothing.
    if (text(body.website)) return;
    await subs.subscribe({ email: body.email, name: body.name, topics: body.topics });
  }

  app.get('/newsletter/', PUBLIC, async (request, reply) => {
    const { frame, t } = await context();
    const main = view.signUpMain(t, frame.lang, await newsletter.topics());
    const body = renderDocument(frame, { title: t('page.title'), canonicalPath: '/newsletter/', main });
    return sendPage(services.pages, request, reply, { status: 200, contentType: HTML, body });
  });

  app.post<{ Body: SignUpBody }>('/newsletter/', PUBLIC, async (request, reply) => {
    const { frame, t } = await context();
    const body = request.body ?? {};
    try {
      await signUp(request, body);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.retryAfter !== undefined) reply.header('retry-after', String(Math.ceil(error.retryAfter)));
      const values = { email: text(body.email), name: text(body.name), topics: list(body.topics) };
      const main = view.signUpMain(t, frame.lang, await newsletter.topics(), values, { message: error.localized(frame.lang), field: error.field });
      return personal(request, reply, t('form.errorTitle'), main, error.status);
    }
    return personal(request, reply, t('sent.title'), view.sentMain(t));
  });

  app.post<{ Body: SignUpBody }>(
    '/api/v1/newsletter/subscriptions',
    {
      ...PUBLIC,
      schema: {
        summary: 'Subscribe to the newsletter (double opt-in: a confirmation mail follows)',
        body: {
          type: 'object', required: ['email'], additionalProperties: false,
          properties: { email: { type: 'string', maxLength: 254 }, name: { type: 'string', maxLength: 100 }, topics: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 100 } } },
        },
        // issue 17: the answer, for the OpenAPI document and the contract check in tests.
        response: {
          202: { type: 'object', required: ['status'], additionalProperties: false, description: 'The same answer for new, pending and known addresses.', properties: { status: { type: 'string', enum: ['check-your-inbox'] } } },
          ...errorResponses(400, 403, 429),
        },
      },
    },
    async (request, reply) => {
      await signUp(request, request.body);
      // The same answer for new, pending and known addresses.
      return reply.code(202).send({ status: 'check-your-inbox' });
    },
  );

  app.get<{ Querystring: { token?: string } }>('/newsletter/confirm', PUBLIC, async (request, reply) => {
    const { frame, t } = await context();
    const found = await subs.confirmation(request.query.token);
    if (!found.ok) return problem(request, reply, found);
    if (found.subscriber.status === 'active') {
      return personal(request, reply, t('confirmed.title'), view.confirmedMain(t, preferencesPath(found.subscriber.id), true));
    }
    return personal(request, reply, t('confirm.title'), view.confirmMain(t, frame.settings.site.title, found.subscriber.email ?? '', text(request.query.token)));
  });

  app.post<{ Body: { token?: unknown } }>('/newsletter/confirm', PUBLIC, async (request, reply) => {
    const { t } = await context();
    const before = await subs.confirmation(request.body?.token);
    const result = await subs.confirm(request.body?.token);
    if (!result.ok) return problem(request, reply, result);
    const already = before.ok && before.subscriber.status === 'active';
    return personal(request, reply, t('confirmed.title'), view.confirmedMain(t, preferencesPath(result.subscriber.id), already));
  });

  async function preferencesPage(request: FastifyRequest, reply: FastifyReply, result: LinkResult, extra: { saved?: boolean; error?: AppError } = {}) {
    const { frame, t } = await context();
    if (!result.ok) return problem(request, reply, result);
    const { subscriber } = result;
    if (subscriber.status !== 'active' || !subscriber.email) {
      return personal(request, reply, t('prefs.title'), view.notSubscribedMain(t, subscriber.status === 'pending'));
    }
    const main = view.preferencesMain(t, await newsletter.topics(), {
      email: subscriber.email, name: subscriber.name, chosen: result.topics, token: manageToken(secret, subscriber.id),
      saved: extra.saved, error: extra.error?.localized(frame.lang),
    });
    return personal(request, reply, t('prefs.title'), main, extra.error?.status ?? 200);
  }

  app.get<{ Querystring: { token?: string } }>('/newsletter/preferences', PUBLIC, async (request, reply) =>
    preferencesPage(request, reply, await subs.preferences(request.query.token)),
  );

  app.post<{ Body: { token?: unknown; name?: unknown; topics?: unknown } }>('/newsletter/preferences', PUBLIC, async (request, reply) => {
    const body = request.body ?? {};
    try {
      return await preferencesPage(request, reply, await subs.savePreferences(body.token, body), { saved: true });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return preferencesPage(request, reply, await subs.preferences(body.token), { error });
    }
  });

  app.get<{ Querystring: { token?: string } }>('/newsletter/unsubscribe', PUBLIC, async (request, reply) => {
    const { frame, t } = await context();
    const found = await subs.preferences(request.query.token);
    if (!found.ok) return problem(request, reply, found);
    return personal(request, reply, t('unsubscribe.title'), view.unsubscribeMain(t, frame.settings.site.title, text(request.query.token)));
  });

  // RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` as multipart or
  // urlencoded, without our CSRF token; the signed token in the URL is the authentication.
  // The multipart parser lives in this scope only: no other route accepts multipart.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_request, _body, done) => done(null, {}));
    scope.post<{ Querystring: { token?: string }; Body: { token?: unknown } | undefined }>(
      '/newsletter/unsubscribe',
      { config: { access: 'token', csrf: false } },
      async (request, reply) => {
        const { t } = await context();
        const result = await subs.unsubscribe(request.query.token ?? request.body?.token);
        if (!result.ok) return problem(request, reply, result);
        return personal(request, reply, t('unsubscribed.title'), view.unsubscribedMain(t));
      },
    );
  });
}
