/**
 * Readers' data rights for the discussion (GDPR Art. 15, 17, 20): anyone can ask for an
 * export or the deletion of everything tied to their e-mail address. The request is
 * confirmed through a signed link mailed to that address, so nobody can read or erase
 * someone else's comments; the answer is the same whether or not the address is known.
 *
 * @example
 *   GET  /privacy/comments/           form: e-mail + export | delete
 *   POST /privacy/comments/           mails a confirmation link (durable job)
 *   GET  /privacy/comments/confirm?token=…   page with a button (mail scanners only GET)
 *   POST /privacy/comments/confirm    export as JSON download, or deletion
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import type { Site } from '../site/index.js';
import { AppError } from '../platform/errors.js';
import { html, type SafeHtml } from '../platform/html.js';
import { defineMessages, translator } from '../platform/i18n.js';
import { emailHash, ipHash } from '../platform/privacy.js';
import { csrfField, renderDocument } from '../site/index.js';
import { spliceForVisitor } from '../platform/pages.js';
import type { DataSubject, PersonalDataSource } from '../platform/personal-data.js';
import { discussionPersonalData } from './personal-data.js';

/** What this module needs from the composition root. */
export type DiscussionPrivacyDeps = Pick<PlatformDeps, 'bus' | 'config' | 'csrf' | 'database' | 'jobs' | 'limits' | 'mailer' | 'now' | 'secret' | 'settings'> & {
  site: Site;
  /** What other capabilities keep about an address (newsletter, correction suggestions), handed in by the root. */
  personalData?: readonly PersonalDataSource[];
};

type Action = 'export' | 'delete';
const VALID_HOURS = 48;
const PUBLIC = { config: { access: 'public' as const } };

const messages = defineMessages({
  de: {
    title: 'Ihre Daten in der Diskussion',
    intro: 'Sie können alles, was mit Ihrer E-Mail-Adresse verbunden ist, als Datei erhalten oder löschen lassen: Kommentare (als Gast oder mit Konto), „Gefällt mir“, Ihr Leserkonto, Ihr Newsletter-Abonnement mit dem Nachweis Ihrer Einwilligung, Benachrichtigungen über Antworten, Meldungen, DSA-Hinweise und Korrekturvorschläge. Wir schicken Ihnen dazu einen Bestätigungslink.',
    email: 'E-Mail-Adresse',
    export: 'Meine Daten erhalten (Export)',
    delete: 'Meine Daten löschen',
    send: 'Bestätigungslink senden',
    sent: 'Wenn zu dieser Adresse Daten gespeichert sind, erhalten Sie in wenigen Minuten eine E-Mail mit einem Bestätigungslink. Er ist 48 Stunden gültig.',
    confirmTitle: 'Anfrage bestätigen',
    confirmExport: 'Klicken Sie auf die Schaltfläche, um Ihre Daten als JSON-Datei herunterzuladen.',
    confirmDelete: 'Klicken Sie auf die Schaltfläche, um alle Ihre Daten endgültig zu löschen. Antworten anderer auf Ihre Kommentare bleiben stehen; an Ihrer Stelle steht dann „gelöscht“. Hinweise und Korrekturvorschläge bleiben ohne Ihren Namen und Ihre Adresse erhalten.',
    confirmButton: 'Bestätigen',
    deleted: 'Erledigt: {count, plural, =0 {Es waren keine Daten zu löschen} one {# Eintrag wurde gelöscht} other {# Einträge wurden gelöscht}}.',
    invalid: 'Dieser Link ist ungültig oder abgelaufen. Bitte stellen Sie die Anfrage erneut.',
    mailSubject: 'Bitte bestätigen Sie Ihre Anfrage',
    mailBody: 'Jemand (hoffentlich Sie) hat für diese Adresse verlangt: {action}.\n\nBestätigen Sie hier (48 Stunden gültig):\n{link}\n\nWenn Sie das nicht waren, ignorieren Sie diese E-Mail einfach.',
    actionExport: 'Export Ihrer Daten',
    actionDelete: 'Löschung Ihrer Daten',
  },
  en: {
    title: 'Your data in the discussion',
    intro: 'You can receive everything tied to your e-mail address as a file, or have it deleted: comments (as a guest or with an account), likes, your reader account, your newsletter subscription with the record of your consent, reply notifications, reports, DSA notices and correction suggestions. We will send you a confirmation link.',
    email: 'E-mail address',
    export: 'Send me my data (export)',
    delete: 'Delete my data',
    send: 'Send confirmation link',
    sent: 'If we hold data for this address, you will receive an e-mail with a confirmation link within a few minutes. It is valid for 48 hours.',
    confirmTitle: 'Confirm your request',
    confirmExport: 'Press the button to download your data as a JSON file.',
    confirmDelete: "Press the button to delete all your data for good. Other people's replies to your comments stay; yours are shown as “deleted”. Notices and correction suggestions stay without your name and address.",
    confirmButton: 'Confirm',
    deleted: 'Done: {count, plural, =0 {there was nothing to delete} one {# record was deleted} other {# records were deleted}}.',
    invalid: 'This link is invalid or has expired. Please make the request again.',
    mailSubject: 'Please confirm your request',
    mailBody: 'Someone (hopefully you) asked for this address: {action}.\n\nConfirm here (valid for 48 hours):\n{link}\n\nIf this was not you, simply ignore this e-mail.',
    actionExport: 'an export of your data',
    actionDelete: 'the deletion of your data',
  },
});

export function signRequest(secret: string, email: string, action: Action, expires: number): string {
  const payload = Buffer.from(JSON.stringify({ e: email, a: action, x: expires })).toString('base64url');
  return `${payload}.${createHmac('sha256', `${secret}:privacy`).update(payload).digest('base64url')}`;
}

export function verifyRequest(secret: string, token: unknown, now: Date): { email: string; action: Action } | null {
  if (typeof token !== 'string' || token.length > 2000) return null;
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return null;
  const expected = createHmac('sha256', `${secret}:privacy`).update(payload).digest('base64url');
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { e?: unknown; a?: unknown; x?: unknown };
    if (typeof data.e !== 'string' || (data.a !== 'export' && data.a !== 'delete') || typeof data.x !== 'number') return null;
    if (data.x < now.getTime()) return null;
    return { email: data.e, action: data.a };
  } catch {
    return null;
  }
}

export function registerPrivacyRoutes(app: FastifyInstance, services: DiscussionPrivacyDeps): void {
  const { secret, database, jobs, mailer, config } = services;
  const t = async () => translator((await services.settings.get('site')).language, messages);
  const sources: readonly PersonalDataSource[] = [...discussionPersonalData(database.db, services.bus), ...(services.personalData ?? [])];
  const subject = (email: string): DataSubject => ({ email: email.trim().toLowerCase(), hash: emailHash(email, secret) });

  // Personal pages: never cached, the CSRF holes filled for this visitor only.
  async function page(request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const frame = await services.site.frame();
    const body = spliceForVisitor(renderDocument(frame, { title, canonicalPath: '/privacy/comments/', noindex: true, main }), services.csrf, request);
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  }

  jobs.register<{ email: string; action: Action; lang: 'de' | 'en' }>('privacy.confirm', async (job) => {
    const tr = translator(job.payload.lang, messages);
    const token = signRequest(secret, job.payload.email, job.payload.action, Date.now() + VALID_HOURS * 3_600_000);
    const link = `${config.publicUrl}/privacy/comments/confirm?token=${encodeURIComponent(token)}`;
    await mailer.send({
      to: job.payload.email,
      subject: tr('mailSubject'),
      text: tr('mailBody', { action: tr(job.payload.action === 'export' ? 'actionExport' : 'actionDelete'), link }),
    });
  });

  app.get('/privacy/comments/', PUBLIC, async (request, reply) => {
    const tr = await t();
    return page(request, reply, tr('title'), html`<div class="static-page"><h1 class="page-title">${tr('title')}</h1><p>${tr('intro')}</p>
<form method="post" action="/privacy/comments/">${csrfField()}
<p class="field"><label for="privacy-email">${tr('email')}</label><input id="privacy-email" type="email" name="email" required maxlength="254" autocomplete="email"></p>
<fieldset class="field"><legend class="visually-hidden">${tr('title')}</legend>
<label><input type="radio" name="action" value="export" checked> ${tr('export')}</label><br>
<label><input type="radio" name="action" value="delete"> ${tr('delete')}</label></fieldset>
<p><button type="submit">${tr('send')}</button></p></form></div>`);
  });

  app.post<{ Body: { email?: string; action?: string } }>('/privacy/comments/', PUBLIC, async (request, reply) => {
    const tr = await t();
    const email = String(request.body?.email ?? '').trim().toLowerCase();
    const action = request.body?.action === 'delete' ? 'delete' : request.body?.action === 'export' ? 'export' : null;
    if (!action) throw new AppError('VALIDATION', { field: 'action' });
    if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email) || email.length > 254) throw new AppError('EMAIL_INVALID', { field: 'email' });
    await services.limits.limit('report', ipHash(request.ip, secret, services.now()));
    const identity = `email:${emailHash(email, secret)}`;
    const who = subject(email);
    let known = false;
    for (const source of sources) if (!known) known = (await source.find(who)).length > 0;
    // Mail only addresses we know; answer the same either way (no address enumeration).
    if (known) {
      const lang = (await services.settings.get('site')).language;
      const day = services.now().toISOString().slice(0, 13);
      await jobs.enqueue('privacy.confirm', { email, action, lang }, { dedupeKey: `privacy:${identity}:${action}:${day}` });
    }
    return page(request, reply, tr('title'), html`<div class="static-page"><h1 class="page-title">${tr('title')}</h1><p class="notice" role="status">${tr('sent')}</p></div>`);
  });

  app.get<{ Querystring: { token?: string } }>('/privacy/comments/confirm', PUBLIC, async (request, reply) => {
    const tr = await t();
    const valid = verifyRequest(secret, request.query.token, services.now());
    if (!valid) return page(request, reply, tr('confirmTitle'), html`<div class="static-page"><h1 class="page-title">${tr('confirmTitle')}</h1><p>${tr('invalid')}</p></div>`, 404);
    return page(request, reply, tr('confirmTitle'), html`<div class="static-page"><h1 class="page-title">${tr('confirmTitle')}</h1>
<p>${valid.action === 'export' ? tr('confirmExport') : tr('confirmDelete')}</p>
<form method="post" action="/privacy/comments/confirm">${csrfField()}<input type="hidden" name="token" value="${request.query.token}">
<p><button type="submit">${tr('confirmButton')}</button></p></form></div>`);
  });

  app.post<{ Body: { token?: string } }>('/privacy/comments/confirm', PUBLIC, async (request, reply) => {
    const tr = await t();
    const valid = verifyRequest(secret, request.body?.token, services.now());
    if (!valid) return page(request, reply, tr('confirmTitle'), html`<div class="static-page"><p>${tr('invalid')}</p></div>`, 404);
    const who = subject(valid.email);
    if (valid.action === 'export') {
      const data: Record<string, unknown> = { email: who.email, exportedAt: services.now().toISOString() };
      for (const source of sources) data[source.kind] = await source.find(who);
      return reply
        .header('content-disposition', 'attachment; filename="blattwerk-daten.json"')
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    }
    let erased = 0;
    for (const source of sources) erased += await source.erase(who, services.now());
    return page(request, reply, tr('confirmTitle'), html`<div class="static-page"><p class="notice" role="status">${tr('deleted', { count: erased })}</p></div>`);
  });
}

