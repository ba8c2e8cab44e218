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

/** What this module needs from the composition root. */
export type DiscussionPrivacyDeps = Pick<PlatformDeps, 'bus' | 'config' | 'csrf' | 'database' | 'jobs' | 'limits' | 'mailer' | 'now' | 'secret' | 'settings'> & { site: Site };

type Action = 'export' | 'delete';
const VALID_HOURS = 48;
const PUBLIC = { config: { access: 'public' as const } };

const messages = defineMessages({
  de: {
    title: 'Ihre Daten in der Diskussion',
    intro: 'Sie können alle Kommentare, die mit Ihrer E-Mail-Adresse verbunden sind, als Datei erhalten oder löschen lassen. Wir schicken Ihnen dazu einen Bestätigungslink.',
    email: 'E-Mail-Adresse',
    export: 'Meine Daten erhalten (Export)',
    delete: 'Meine Kommentare löschen',
    send: 'Bestätigungslink senden',
    sent: 'Wenn zu dieser Adresse Daten gespeichert sind, erhalten Sie in wenigen Minuten eine E-Mail mit einem Bestätigungslink. Er ist 48 Stunden gültig.',
    confirmTitle: 'Anfrage bestätigen',
    confirmExport: 'Klicken Sie auf die Schaltfläche, um Ihre Daten als JSON-Datei herunterzuladen.',
    confirmDelete: 'Klicken Sie auf die Schaltfläche, um alle Ihre Kommentare endgültig zu löschen. Antworten anderer bleiben stehen; an Ihrer Stelle steht dann „gelöscht“.',
    confirmButton: 'Bestätigen',
    deleted: 'Erledigt: {count, plural, =0 {Es waren keine Kommentare zu löschen} one {# Kommentar wurde gelöscht} other {# Kommentare wurden gelöscht}}.',
    invalid: 'Dieser Link ist ungültig oder abgelaufen. Bitte stellen Sie die Anfrage erneut.',
    mailSubject: 'Bitte bestätigen Sie Ihre Anfrage',
    mailBody: 'Jemand (hoffentlich Sie) hat für diese Adresse verlangt: {action}.\n\nBestätigen Sie hier (48 Stunden gültig):\n{link}\n\nWenn Sie das nicht waren, ignorieren Sie diese E-Mail einfach.',
    actionExport: 'Export der Kommentardaten',
    actionDelete: 'Löschung aller Kommentare',
  },
  en: {
    title: 'Your data in the discussion',
    intro: 'You can receive all comments tied to your e-mail address as a file, or have them deleted. We will send you a confirmation link.',
    email: 'E-mail address',
    export: 'Send me my data (export)',
    delete: 'Delete my comments',
    send: 'Send confirmation link',
    sent: 'If we hold data for this address, you will receive an e-mail with a confirmation link within a few minutes. It is valid for 48 hours.',
    confirmTitle: 'Confirm your request',
    confirmExport: 'Press the button to download your data as a JSON file.',
    confirmDelete: "Press the button to delete all your comments for good. Other people's replies stay; yours are shown as “deleted”.",
    confirmButton: 'Confirm',
    deleted: 'Done: {count, plural, =0 {there were no comments to delete} one {# comment was deleted} other {# comments were deleted}}.',
    invalid: 'This link is invalid or has expired. Please make the request again.',
    mailSubject: 'Please confirm your request',
    mailBody: 'Someone (hopefully you) asked for this address: {action}.\n\nConfirm here (valid for 48 hours):\n{link}\n\nIf this was not you, simply ignore this e-mail.',
    actionExport: 'an export of the comment data',
    actionDelete: 'the deletion of all comments',
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
    const known = await database.db.selectFrom('comments').select('id').where('identity', '=', identity).limit(1).executeTakeFirst();
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
    const identity = `email:${emailHash(valid.email, secret)}`;
    if (valid.action === 'export') {
      const comments = await database.db
        .selectFrom('comments')
        .innerJoin('articles', 'articles.id', 'comments.article_id')
        .select(['comments.id', 'comments.author_name', 'comments.author_email', 'comments.body', 'comments.status', 'comments.created_at', 'comments.edited_at', 'comments.likes', 'articles.slug', 'articles.title'])
        .where('comments.identity', '=', identity)
        .orderBy('comments.id')
        .execute();
      const data = {
        email: valid.email,
        exportedAt: services.now().toISOString(),
        comments: comments.map((c) => ({
          id: c.id, article: { slug: c.slug, title: c.title, url: `${config.publicUrl}/${c.slug}/` }, name: c.author_name,
          email: c.author_email, text: c.body, status: c.status, createdAt: c.created_at, editedAt: c.edited_at, likes: c.likes,
        })),
      };
      return reply
        .header('content-disposition', 'attachment; filename="blattwerk-kommentare.json"')
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    }
    const rows = await database.db.selectFrom('comments').select(['id', 'article_id']).where('identity', '=', identity).where('status', '!=', 'deleted').execute();
    await database.db.transaction().execute(async (tx) => {
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return;
      await tx.deleteFrom('comment_edits').where('comment_id', 'in', ids).execute();
      await tx
        .updateTable('comments')
        .set({ status: 'deleted', body: '', html: '', author_name: '', author_email: '', deleted_at: services.now().toISOString() })
        .where('id', 'in', ids)
        .execute();
    });
    for (const row of rows) await services.bus.emit('comment.updated', { commentId: row.id, articleId: row.article_id, status: 'deleted' });
    return page(request, reply, tr('confirmTitle'), html`<div class="static-page"><p class="notice" role="status">${tr('deleted', { count: rows.length })}</p></div>`);
  });
}

