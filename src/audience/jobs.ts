/**
 * The newsletter's durable jobs: the double opt-in mail, the fan-out of a send, and one
 * delivery per recipient. Registered once per process by the composition root.
 *
 * @example
 *   registerNewsletterJobs(services.jobs, { db, mailer, settings, secret, publicUrl, now, sends, deliver });
 */
import type { JobQueue } from '../platform/jobs/index.js';
import { toMailError, type Mailer } from '../platform/mail/index.js';
import type { SettingsService } from '../platform/settings.js';
import { newsletterFrom } from '../platform/sender.js';
import { normaliseEmail } from './address.js';
import { isAddressBounce, readerLinks, type DeliveryJob } from './delivery.js';
import { alreadySubscribedMail, confirmationMail, mailContext } from './mails.js';
import { DELIVER_JOB, FANOUT_JOB, type Sends } from './sends.js';
import { findSubscriber, markBounced, type AudienceDb } from './store.js';
import { CONFIRM_JOB } from './subscriptions.js';
import { confirmToken } from './tokens.js';

export interface NewsletterJobDeps {
  db: AudienceDb;
  mailer: Pick<Mailer, 'send'>;
  settings: Pick<SettingsService, 'get'>;
  secret: string;
  publicUrl: string;
  now: () => Date;
  sends: Pick<Sends, 'fanOut'>;
  deliver: (payload: DeliveryJob, job: { attempt: number; maxAttempts: number }) => Promise<void>;
}

export function registerNewsletterJobs(jobs: Pick<JobQueue, 'register'>, deps: NewsletterJobDeps): void {
  jobs.register<{ subscriberId: number }>(CONFIRM_JOB, async (job) => {
    const reader = await findSubscriber(deps.db, 'id', job.payload.subscriberId);
    if (!reader?.email) return;
    const [site, newsletter] = await Promise.all([deps.settings.get('site'), deps.settings.get('newsletter')]);
    const ctx = mailContext(site.title, site.language, deps.publicUrl);
    // The token is made when the mail goes out, so its 72 hours start then.
    const mail =
      reader.status === 'pending'
        ? confirmationMail(ctx, `${deps.publicUrl}/newsletter/confirm?token=${confirmToken(deps.secret, reader.id, deps.now())}`)
        : reader.status === 'active'
          ? alreadySubscribedMail(ctx, readerLinks(deps.publicUrl, deps.secret, reader.id).preferences)
          : null;
    if (!mail) return;
    const sender = normaliseEmail(newsletter.senderEmail);
    try {
      await deps.mailer.send({
        to: reader.email, subject: mail.subject, text: mail.text, html: mail.html,
        from: newsletterFrom(site.title, { senderName: newsletter.senderName, senderEmail: sender ?? '' }, deps.publicUrl),
      });
    } catch (raw) {
      const error = toMailError(raw);
      if (isAddressBounce(error)) await markBounced(deps.db, reader.id, error.response ?? error.message, deps.now());
      throw error;
    }
  });

  jobs.register<{ newsletterId: number }>(FANOUT_JOB, (job) => deps.sends.fanOut(job.payload.newsletterId));
  jobs.register<DeliveryJob>(DELIVER_JOB, (job) => deps.deliver(job.payload, job));
}
