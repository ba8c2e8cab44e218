/**
 * One newsletter mail to one reader: the handler of the `newsletter.deliver` job.
 *
 * Exactly once, as far as SMTP allows: the delivery row (primary key newsletter ×
 * subscriber) is looked up before sending and written in one statement right after the
 * server accepted the mail, so a retried or taken-over job whose mail went out skips it.
 * The one gap SMTP leaves is a crash between the server's "250 OK" and that write (a few
 * milliseconds): the mail then goes out again, with the same Message-ID, which mail
 * clients use to fold duplicates.
 *
 * @example
 *   const deliver = createDelivery({ db, mailer, settings, secret, publicUrl, now, pacer });
 *   jobs.register<DeliveryJob>(DELIVER_JOB, (job) => deliver(job.payload, job));
 */
import type { Job } from '../platform/jobs/index.js';
import { MailError, toMailError, type Mailer } from '../platform/mail/index.js';
import type { SettingsService } from '../platform/settings.js';
import { newsletterFrom } from '../platform/sender.js';
import { normaliseEmail } from './address.js';
import { issueMail, mailContext, type RenderedMail } from './mails.js';
import type { Pacer } from './pacing.js';
import { findSubscriber, markBounced, type AudienceDb } from './store.js';
import { manageToken } from './tokens.js';
import type { DeliveryStatus } from './types.js';

export interface DeliveryJob {
  newsletterId: number;
  subscriberId: number;
}

export interface DeliveryDeps {
  db: AudienceDb;
  mailer: Pick<Mailer, 'send'>;
  settings: Pick<SettingsService, 'get'>;
  secret: string;
  publicUrl: string;
  now: () => Date;
  pacer: Pacer;
}

/** Links every newsletter mail carries; the unsubscribe one also goes into List-Unsubscribe. */
export function readerLinks(publicUrl: string, secret: string, subscriberId: number) {
  const token = encodeURIComponent(manageToken(secret, subscriberId));
  return {
    preferences: `${publicUrl}/newsletter/preferences?token=${token}`,
    unsubscribe: `${publicUrl}/newsletter/unsubscribe?token=${token}`,
  };
}

/**
 * A refusal of the address itself (at RCPT TO, or an RFC 3463 5.1.x/5.2.x status), as
 * opposed to a refusal of the message or the sender, which is no reason to stop
 * mailing the reader.
 */
export function isAddressBounce(error: MailError): boolean {
  if (!error.permanent) return false;
  const command = (error.cause as { command?: unknown } | undefined)?.command;
  return command === 'RCPT TO' || /\b5\.[12]\.\d{1,3}\b/.test(error.response ?? '');
}

/** Message-IDs end in a domain we answer for: the sender's, else the site's. */
export function messageDomain(senderEmail: string, publicUrl: string): string {
  const sender = normaliseEmail(senderEmail);
  if (sender) return sender.slice(sender.lastIndexOf('@') + 1);
  const host = new URL(publicUrl).hostname;
  return /^(\d+\.){3}\d+$|^localhost$|^\[/.test(host) ? 'localhost.localdomain' : host;
}

/** RFC 2919: `"Site" <newsletter.example.org>`, the phrase quoted so a title cannot break it. */
export function listId(siteTitle: string, domain: string): string {
  return `"${siteTitle.replace(/["\\<>]/g, '')}" <newsletter.${domain}>`;
}

export function createDelivery(deps: DeliveryDeps) {
  const { db, now } = deps;
  // Issues are immutable once stored: a few in memory spare a large read per mail.
  const issues = new Map<number, (RenderedMail & { preheader: string }) | null>();

  async function issue(id: number): Promise<(RenderedMail & { preheader: string }) | null> {
    if (!issues.has(id)) {
      const row = await db.selectFrom('newsletters').select(['subject', 'html', 'text', 'preheader']).where('id', '=', id).executeTakeFirst();
      if (issues.size >= 8) issues.delete(issues.keys().next().value!);
      issues.set(id, row ?? null);
    }
    return issues.get(id)!;
  }

  async function record(job: DeliveryJob, status: DeliveryStatus, details: { messageId?: string; error?: string } = {}, tx: AudienceDb = db) {
    await tx
      .insertInto('newsletter_deliveries')
      .values({
        newsletter_id: job.newsletterId, subscriber_id: job.subscriberId, status,
        message_id: details.messageId ?? null, error: details.error?.slice(0, 1000) ?? null, at: now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['newsletter_id', 'subscriber_id']).doNothing())
      .execute();
  }

  return async function deliver(payload: DeliveryJob, job: Pick<Job, 'attempt' | 'maxAttempts'>): Promise<void> {
    const done = await db
      .selectFrom('newsletter_deliveries').select('status')
      .where('newsletter_id', '=', payload.newsletterId).where('subscriber_id', '=', payload.subscriberId)
      .executeTakeFirst();
    if (done) return;
    const [stored, reader] = await Promise.all([issue(payload.newsletterId), findSubscriber(db, 'id', payload.subscriberId)]);
    if (!stored) return;
    // Left or bounced since the send started: their wish is newer than the send.
    if (!reader || reader.status !== 'active' || !reader.email) return record(payload, 'skipped');

    const [site, newsletter] = await Promise.all([deps.settings.get('site'), deps.settings.get('newsletter')]);
    const links = readerLinks(deps.publicUrl, deps.secret, reader.id);
    const mail = issueMail(mailContext(site.title, site.language, deps.publicUrl), stored, links);
    const sender = normaliseEmail(newsletter.senderEmail);
    const domain = messageDomain(newsletter.senderEmail, deps.publicUrl);
    await deps.pacer.take(newsletter.ratePerSecond);
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send({
        to: reader.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        from: newsletterFrom(site.title, { senderName: newsletter.senderName, senderEmail: sender ?? '' }, deps.publicUrl),
        headers: { 'List-Id': listId(site.title, domain) },
        listUnsubscribe: { url: links.unsubscribe },
        // Stable per reader and issue: a resend after a crash is recognisably the same mail.
        messageId: `newsletter.${payload.newsletterId}.${reader.id}@${domain}`,
      }));
    } catch (raw) {
      const error = toMailError(raw);
      if (isAddressBounce(error)) {
        await db.transaction().execute(async (tx) => {
          await markBounced(tx, reader.id, error.response ?? error.message, now());
          await record(payload, 'failed', { error: error.message }, tx);
        });
        return;
      }
      // Out of retries, or refused for good: the admin sees it as failed, not forever queued.
      if (error.permanent || job.attempt >= job.maxAttempts) return record(payload, 'failed', { error: error.message });
      throw error;
    }
    await record(payload, 'sent', { messageId });
  };
}
