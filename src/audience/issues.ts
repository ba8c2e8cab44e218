/**
 * Composed newsletter issues (issue 11): the one place that decides what an issue may be
 * and what happens to it, for the newsroom pages and the scheduled job alike.
 *
 * - `save` checks every field at once (`IssueInvalid`, each field named) and writes a draft;
 *   a sent issue is `ISSUE_SENT` (409).
 * - `preview` is the mail exactly as a reader gets it (with stand-in footer links).
 * - `testSend` mails it now to one address (the signed-in editor), marked as a test.
 * - `schedule` enqueues a durable `newsletter.issue` job for the time chosen (keyed by
 *   issue and time, so moving the time leaves the old job with nothing to do);
 *   `unschedule` turns it back into a draft. `sendNow` starts the send (`sends.startIssue`).
 * - `figures` per send: delivered, failed, bounced, skipped, unsubscribed since. Opens are
 *   not tracked (no pixels; see README).
 *
 * @example
 *   const issues = createIssues({ db, jobs, content, settings, images, mailer, sends, publicUrl, now });
 *   const id = await issues.save(null, { subject: 'Die Woche', preheader: '', intro: 'Liebe Leserinnen …', articleIds: [12, 9], donation: true, topic: null }, staffId);
 *   await issues.testSend(id, 'eva@example.org');
 *   await issues.schedule(id, new Date('2026-12-07T07:00:00Z'));
 */
import type { Selectable } from 'kysely';
import type { ArticleSummary, ContentService } from '../content/index.js';
import { AppError } from '../platform/errors.js';
import type { JobQueue } from '../platform/jobs/index.js';
import type { Mailer } from '../platform/mail/index.js';
import { newsletterFrom } from '../platform/sender.js';
import type { SettingsService } from '../platform/settings.js';
import { normaliseEmail } from './address.js';
import { issueContent, type IssueImage, type RenderedIssue } from './issue-content.js';
import { issueMail, mailContext, type RenderedMail } from './mails.js';
import type { Sends } from './sends.js';
import type { AudienceDb } from './store.js';
import type { AudienceTables, NewsletterIssuesTable, SendProgress } from './types.js';

export const ISSUE_JOB = 'newsletter.issue';
export const ISSUE_LIMITS = { subject: 200, preheader: 200, intro: 10_000, articles: 12 } as const;

export interface IssueInput {
  subject: string;
  preheader: string;
  intro: string;
  articleIds: number[];
  donation: boolean;
  topic: string | null;
}

export type IssueRow = Selectable<NewsletterIssuesTable>;
export type Issue = Omit<IssueRow, 'article_ids' | 'donation'> & { articleIds: number[]; donation: boolean };

export interface IssueFieldError {
  field: 'subject' | 'preheader' | 'intro' | 'articleIds' | 'topic' | 'scheduledAt';
  code: 'VALIDATION' | 'NOT_FOUND' | 'SCHEDULE_PAST';
}

/** Every wrong field of an issue at once; the first one is the API's `field`. */
export class IssueInvalid extends AppError {
  constructor(readonly errors: readonly IssueFieldError[]) {
    super(errors[0]?.code ?? 'VALIDATION', { field: errors[0]?.field });
  }
}

export interface IssueDeps {
  db: AudienceDb;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  content: Pick<ContentService, 'store' | 'listPublished'>;
  settings: Pick<SettingsService, 'get'>;
  /** Card images from the media library (handed in by the root: audience does not import media). */
  images?: { getMany(ids: Iterable<number>): Promise<ReadonlyMap<number, IssueImage>> };
  mailer: Pick<Mailer, 'send'>;
  sends: Pick<Sends, 'startIssue'>;
  publicUrl: string;
  now: () => Date;
}

function toIssue(row: IssueRow): Issue {
  let ids: unknown;
  try {
    ids = JSON.parse(row.article_ids);
  } catch {
    ids = [];
  }
  const { article_ids: _ids, donation, ...rest } = row;
  return { ...rest, articleIds: Array.isArray(ids) ? ids.filter((n): n is number => Number.isInteger(n)) : [], donation: donation === 1 };
}

export function createIssues(deps: IssueDeps) {
  const { db, now } = deps;

  async function find(id: number): Promise<Issue> {
    const row = await db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { field: 'issue' });
    return toIssue(row);
  }

  async function publishedArticles(ids: readonly number[]): Promise<ArticleSummary[]> {
    const found: ArticleSummary[] = [];
    const at = now();
    for (const id of ids) {
      const article = await deps.content.store.findBy('id', id);
      if (article && article.kind === 'article' && article.status === 'published' && article.publishedAt && article.publishedAt <= at) {
        const { body: _body, ...summary } = article;
        found.push(summary);
      }
    }
    return found;
  }

  async function check(input: IssueInput): Promise<IssueFieldError[]> {
    const errors: IssueFieldError[] = [];
    if (input.subject.trim() === '' || input.subject.length > ISSUE_LIMITS.subject) errors.push({ field: 'subject', code: 'VALIDATION' });
    if (input.preheader.length > ISSUE_LIMITS.preheader) errors.push({ field: 'preheader', code: 'VALIDATION' });
    if (input.intro.length > ISSUE_LIMITS.intro) errors.push({ field: 'intro', code: 'VALIDATION' });
    if (input.articleIds.length > ISSUE_LIMITS.articles || new Set(input.articleIds).size !== input.articleIds.length) errors.push({ field: 'articleIds', code: 'VALIDATION' });
    else if ((await publishedArticles(input.articleIds)).length !== input.articleIds.length) errors.push({ field: 'articleIds', code: 'NOT_FOUND' });
    if (input.topic !== null && !(await deps.settings.get('newsletter')).topics.includes(input.topic)) errors.push({ field: 'topic', code: 'VALIDATION' });
    return errors;
  }

  async function render(issue: Issue): Promise<RenderedIssue> {
    const [site, donation] = await Promise.all([deps.settings.get('site'), deps.settings.get('donation')]);
    const ctx = mailContext(site.title, site.language, deps.publicUrl);
    const articles = await publishedArticles(issue.articleIds);
    const imageIds = articles.flatMap((a) => (a.featuredMediaId ? [a.featuredMediaId] : []));
    const images = deps.images && imageIds.length ? await deps.images.getMany(imageIds) : new Map<number, IssueImage>();
    return issueContent(ctx, { subject: issue.subject, preheader: issue.preheader, intro: issue.intro }, articles, images, issue.donation ? { appeal: donation.appeal } : null);
  }

  /** The whole mail a reader would get; footer links point nowhere real. */
  async function previewMail(issue: Issue): Promise<RenderedMail> {
    const site = await deps.settings.get('site');
    const ctx = mailContext(site.title, site.language, deps.publicUrl);
    return issueMail(ctx, await render(issue), { preferences: `${deps.publicUrl}/newsletter/`, unsubscribe: `${deps.publicUrl}/newsletter/` });
  }

  function assertNotSent(issue: Issue): void {
    if (issue.status === 'sent') throw new AppError('ISSUE_SENT', { field: 'issue' });
  }

  async function sendNow(id: number, staffUserId: number | null): Promise<SendProgress> {
    const issue = await find(id);
    assertNotSent(issue);
    const rendered = await render(issue);
    return deps.sends.startIssue(id, rendered, issue.topic, staffUserId);
  }

  return {
    find,
    check,
    previewMail: async (id: number) => previewMail(await find(id)),

    async list(limit = 50): Promise<Issue[]> {
      const rows = await db.selectFrom('newsletter_issues').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toIssue);
    },

    /** Creates (`id` null) or changes a draft or scheduled issue; every field checked first. */
    async save(id: number | null, input: IssueInput, staffUserId: number | null): Promise<number> {
      if (id !== null) assertNotSent(await find(id));
      const errors = await check(input);
      if (errors.length) throw new IssueInvalid(errors);
      const at = now().toISOString();
      const values = {
        subject: input.subject.trim(), preheader: input.preheader.trim(), intro: input.intro.replace(/\r\n/g, '\n'),
        article_ids: JSON.stringify(input.articleIds), donation: input.donation ? 1 : 0, topic: input.topic, updated_at: at,
      };
      if (id !== null) {
        await db.updateTable('newsletter_issues').set(values).where('id', '=', id).where('status', '!=', 'sent').execute();
        return id;
      }
      const row = await db
        .insertInto('newsletter_issues')
        .values({ ...values, status: 'draft', scheduled_at: null, newsletter_id: null, created_by: staffUserId, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Mails the issue now to one address, subject marked as a test; nothing is recorded as sent. */
    async testSend(id: number, to: string): Promise<void> {
      const issue = await find(id);
      const address = normaliseEmail(to);
      if (!address) throw new AppError('EMAIL_INVALID', { field: 'to' });
      const [site, newsletter] = await Promise.all([deps.settings.get('site'), deps.settings.get('newsletter')]);
      const mail = await previewMail(issue);
      await deps.mailer.send({
        to: address,
        subject: `[Test] ${mail.subject}`,
        text: mail.text,
        html: mail.html,
        from: newsletterFrom(site.title, { senderName: newsletter.senderName, senderEmail: normaliseEmail(newsletter.senderEmail) ?? '' }, deps.publicUrl),
      });
    },

    async schedule(id: number, at: Date): Promise<void> {
      const issue = await find(id);
      assertNotSent(issue);
      if (!(at.getTime() > now().getTime())) throw new IssueInvalid([{ field: 'scheduledAt', code: 'SCHEDULE_PAST' }]);
      const when = at.toISOString();
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('newsletter_issues').set({ status: 'scheduled', scheduled_at: when, updated_at: now().toISOString() }).where('id', '=', id).execute();
        await deps.jobs.enqueue<{ issueId: number; at: string }, AudienceTables>(ISSUE_JOB, { issueId: id, at: when }, { runAt: at, dedupeKey: `issue:${id}:${when}` }, tx);
      });
      deps.jobs.wake();
    },

    async unschedule(id: number): Promise<void> {
      assertNotSent(await find(id));
      await db.updateTable('newsletter_issues').set({ status: 'draft', scheduled_at: null, updated_at: now().toISOString() }).where('id', '=', id).where('status', '=', 'scheduled').execute();
    },

    sendNow,

    /** The scheduled job: sends only if the issue is still scheduled for this very time. */
    async runScheduled(payload: { issueId: number; at: string }): Promise<void> {
      const row = await db.selectFrom('newsletter_issues').select(['status', 'scheduled_at']).where('id', '=', payload.issueId).executeTakeFirst();
      if (!row || row.status !== 'scheduled' || row.scheduled_at !== payload.at) return;
      await sendNow(payload.issueId, null);
    },

    /** How a send went: what the deliveries and the readers' states tell. */
    async figures(newsletterId: number): Promise<{ delivered: number; failed: number; bounced: number; skipped: number; unsubscribed: number }> {
      const rows = await db
        .selectFrom('newsletter_deliveries as d')
        .innerJoin('subscribers as s', 's.id', 'd.subscriber_id')
        .select(['d.status', 'd.at', 's.status as reader', 's.unsubscribed_at'])
        .where('d.newsletter_id', '=', newsletterId)
        .execute();
      let delivered = 0, failed = 0, bounced = 0, skipped = 0, unsubscribed = 0;
      for (const r of rows) {
        if (r.status === 'sent') delivered++;
        else if (r.status === 'skipped') skipped++;
        // A failure whose reader is now marked bounced: the server refused the address.
        else if (r.reader === 'bounced') bounced++;
        else failed++;
        // Left after this mail reached them (through its footer link, or later).
        if (r.status === 'sent' && r.reader === 'unsubscribed' && r.unsubscribed_at !== null && r.unsubscribed_at >= r.at) unsubscribed++;
      }
      return { delivered, failed, bounced, skipped, unsubscribed };
    },
  };
}

export type Issues = ReturnType<typeof createIssues>;
