/**
 * The supporters' durable jobs: one kind for every mail (rendered when sent) and a daily
 * round that issues last year's receipts in January and forgets mandates never
 * confirmed. The daily job enqueues the next day's with a dedupe key, so several nodes
 * keep exactly one chain going.
 *
 * @example
 *   registerSupporterJobs(jobs, { ctx, mailer, receipts });
 */
import type { JobQueue } from '../platform/jobs/index.js';
import type { Mailer } from '../platform/mail/index.js';
import { MAIL_JOB, type FundingContext, type MailJob } from './context.js';
import { renderMail } from './mails.js';
import type { Receipts } from './receipts.js';
import { addDays, dayOf } from './schedule.js';

export const DAILY_JOB = 'supporters.daily';
/** A mandate not confirmed within a week is dropped, IBAN and all. */
const PENDING_DAYS = 7;

export interface SupporterJobDeps {
  ctx: FundingContext;
  mailer: Pick<Mailer, 'send'>;
  receipts: Pick<Receipts, 'issueYearly'>;
}

/** The next run: tomorrow, 03:00 UTC. */
function nextRun(now: Date): { day: string; at: Date } {
  const day = addDays(dayOf(now), 1);
  return { day, at: new Date(`${day}T03:00:00Z`) };
}

export async function scheduleDaily(jobs: Pick<JobQueue, 'enqueue'>, now: Date): Promise<void> {
  const { day, at } = nextRun(now);
  await jobs.enqueue(DAILY_JOB, { day }, { runAt: at, dedupeKey: `${DAILY_JOB}:${day}` });
}

export function registerSupporterJobs(jobs: Pick<JobQueue, 'register' | 'enqueue'>, deps: SupporterJobDeps): void {
  const { ctx } = deps;
  jobs.register<MailJob>(MAIL_JOB, async (job) => {
    const mail = await renderMail(ctx, job.payload);
    if (!mail) return;
    await deps.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: `supporters.${job.id}@${new URL(ctx.publicUrl).hostname}` });
    if (job.payload.kind === 'receipt') await ctx.db.updateTable('receipts').set({ mailed_at: ctx.now().toISOString() }).where('id', '=', job.payload.receiptId).execute();
  });
  jobs.register<{ day: string }>(DAILY_JOB, async () => {
    const cutoff = new Date(ctx.now().getTime() - PENDING_DAYS * 86_400_000).toISOString();
    const stale = await ctx.db.selectFrom('mandates').select('id').where('status', '=', 'pending').where('created_at', '<', cutoff).execute();
    if (stale.length) {
      await ctx.db.deleteFrom('mandates').where('id', 'in', stale.map((m) => m.id)).where('status', '=', 'pending').execute();
    }
    await deps.receipts.issueYearly();
    await scheduleDaily(jobs, ctx.now());
  });
}
