/**
 * The mail jobs. Each handler re-reads what it mails about, so a job that runs late (or
 * twice, see platform/jobs) sends nothing stale: not to an unsubscribed reader, not about
 * a comment removed meanwhile, not to staff who opted out. A stable Message-ID per job
 * makes a repeated send recognisable as the same message.
 *
 * @example
 *   for (const [kind, handler] of Object.entries(notificationJobs(deps))) jobs.register(kind, handler);
 */
import type { Job, JobHandler } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { SettingsService } from '../../platform/settings.js';
import { raw } from '../../platform/html.js';
import { translator } from '../../platform/i18n.js';
import { emailHash } from '../../platform/privacy.js';
import { commentToText } from '../text/markdown.js';
import { authorMail, confirmMail, queueMail, replyMail, type MailParts } from './mails.js';
import { notifyMessages } from './messages.js';
import { MODERATOR_ROLES, writerEmail, type NotifyStore } from './store.js';
import { CONFIRM_JOB } from './subscriptions.js';
import { newConfirmToken, signUnsubscribe, type UnsubscribeTarget } from './tokens.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { commentMailFor, digestComment, digestMail, DIGEST_JOB, DIGEST_SHOWN, type Digests } from './digest.js';
import { digestMessages } from './digest-messages.js';

export const REPLY_JOB = 'notify.reply';
export const AUTHOR_JOB = 'notify.author';
export const QUEUE_JOB = 'notify.queue';
export { DIGEST_JOB } from './digest.js';

export interface MailJobDeps {
  db: Kysely<Database>;
  store: NotifyStore;
  /** Authors' comment digests (issue 11). */
  digests: Pick<Digests, 'handler'>;
  mailer: Pick<Mailer, 'send'>;
  settings: Pick<SettingsService, 'get'>;
  secret: string;
  /** The site's public origin, for absolute links. */
  publicUrl: string;
  now: () => Date;
}

export function notificationJobs(deps: MailJobDeps): Record<string, JobHandler> {
  const { store, secret, publicUrl } = deps;
  const host = new URL(publicUrl).hostname;
  const domain = /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host : 'localhost.localdomain';
  const unsubscribeUrl = (target: UnsubscribeTarget) => `${publicUrl}/notify/unsubscribe/${signUnsubscribe(secret, target)}`;
  const commentUrl = (slug: string, id: number) => `${publicUrl}/${slug}/comment/${id}/`;

  async function words() {
    const lang = (await deps.settings.get('site')).language;
    return { lang, t: translator(lang, notifyMessages) };
  }

  async function send(job: Job, to: string, mail: MailParts, unsubscribe: string): Promise<void> {
    await deps.mailer.send({
      to,
      ...mail,
      listUnsubscribe: { url: unsubscribe, oneClick: true },
      messageId: `${job.kind}.${job.id}@${domain}`,
    });
  }

  async function commentParts(commentId: number) {
    const comment = await store.commentForMail(commentId);
    if (!comment || comment.status !== 'published') return null;
    return {
      comment,
      input: {
        name: comment.author_name,
        title: comment.title,
        text: commentToText(comment.body),
        // Sanitised when the comment was posted; the only markup in a mail not escaped here.
        html: raw(comment.html),
        commentUrl: commentUrl(comment.slug, comment.id),
      },
    };
  }

  const confirm: JobHandler<{ subscriptionId: number }> = async (job) => {
    const sub = await store.subscriptionById(job.payload.subscriptionId);
    if (!sub || sub.status !== 'pending') return;
    const hash = emailHash(sub.email, secret);
    // Confirmed meanwhile through another comment's link: no second opt-in.
    if (await store.isConfirmedAddress(hash)) {
      await store.confirmAddress(sub.email, hash, deps.now().toISOString());
      return;
    }
    const comment = await store.commentForMail(sub.comment_id);
    if (!comment || comment.status !== 'published') return;
    // A fresh token per attempt: no raw token is ever stored, a retry just mails a newer link.
    const { token, hash: tokenHash } = newConfirmToken();
    if (!(await store.setToken(sub.id, tokenHash))) return;
    const { lang, t } = await words();
    const unsubscribe = unsubscribeUrl({ kind: 'reply', id: sub.id });
    const mail = confirmMail(t, lang, { title: comment.title, confirmUrl: `${publicUrl}/notify/confirm/${token}`, unsubscribeUrl: unsubscribe });
    await send(job, sub.email, mail, unsubscribe);
  };

  const reply: JobHandler<{ commentId: number; subscriptionId: number }> = async (job) => {
    const sub = await store.subscriptionById(job.payload.subscriptionId);
    if (!sub || sub.status !== 'confirmed') return;
    const parts = await commentParts(job.payload.commentId);
    if (!parts || parts.comment.parent_id !== sub.comment_id || writerEmail(parts.comment) === sub.email) return;
    const { lang, t } = await words();
    const unsubscribe = unsubscribeUrl({ kind: 'reply', id: sub.id });
    await send(job, sub.email, replyMail(t, lang, { ...parts.input, unsubscribeUrl: unsubscribe }), unsubscribe);
  };

  const author: JobHandler<{ commentId: number; userId: number }> = async (job) => {
    const { userId } = job.payload;
    const user = await store.user(userId);
    // Their choice now: a digest or silence chosen since the comment came means no single mail.
    if (!user || (await commentMailFor({ db: deps.db }, userId)) !== 'each') return;
    const parts = await commentParts(job.payload.commentId);
    if (!parts || parts.comment.user_id === userId || writerEmail(parts.comment) === user.email.toLowerCase()) return;
    const { lang, t } = await words();
    const unsubscribe = unsubscribeUrl({ kind: 'author', id: userId });
    await send(job, user.email, authorMail(t, lang, { ...parts.input, unsubscribeUrl: unsubscribe }), unsubscribe);
  };

  const queue: JobHandler<{ userId: number }> = async (job) => {
    const { userId } = job.payload;
    const user = await store.user(userId);
    if (!user || !(MODERATOR_ROLES as readonly string[]).includes(user.role) || (await store.optedOut(userId, 'queue'))) return;
    // Counted when the mail goes out, so it says how many wait now, not when the first came.
    const count = await store.pendingCount();
    if (count === 0) return;
    const { lang, t } = await words();
    const unsubscribe = unsubscribeUrl({ kind: 'queue', id: userId });
    await send(job, user.email, queueMail(t, lang, { count, queueUrl: `${publicUrl}/admin/comments/`, unsubscribeUrl: unsubscribe }), unsubscribe);
  };

  const digest = deps.digests.handler(async (user, article, comments, window) => {
    const lang = (await deps.settings.get('site')).language;
    const t = translator(lang, digestMessages);
    const unsubscribe = unsubscribeUrl({ kind: 'author', id: user.id });
    const shown = comments.slice(0, DIGEST_SHOWN).map((c) => digestComment(c, commentUrl(article.slug, c.id)));
    const mail = digestMail(t, lang, {
      title: article.title, articleUrl: `${publicUrl}/${article.slug}/`, comments: shown, more: comments.length - shown.length,
      window, settingsUrl: `${publicUrl}/admin/account/notifications/`, unsubscribeUrl: unsubscribe,
    });
    await deps.mailer.send({ to: user.email, ...mail, listUnsubscribe: { url: unsubscribe, oneClick: true }, messageId: `notify.digest.${user.id}.${article.id}.${comments.at(-1)!.id}@${domain}` });
  });

  return {
    [DIGEST_JOB]: digest as JobHandler,
    [CONFIRM_JOB]: confirm as JobHandler,
    [REPLY_JOB]: reply as JobHandler,
    [AUTHOR_JOB]: author as JobHandler,
    [QUEUE_JOB]: queue as JobHandler,
  };
}
