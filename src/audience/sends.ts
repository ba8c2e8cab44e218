/**
 * Starting a newsletter send and following it. A send is one `newsletters` row holding
 * the rendered issue, a fan-out job that enqueues one delivery job per recipient in
 * chunks (each chunk and the cursor in one transaction, so a crash resumes where it
 * stopped), and progress counted from `newsletter_deliveries`.
 *
 * @example
 *   const sends = createSends({ db, jobs, content, settings, publicUrl, now });
 *   const started = await sends.start({ articleId: 12, topic: 'stadtrat' }, staffUserId);
 *   await sends.progress(started.id); // { status: 'sending', total: 1800, sent: 640, … }
 */
import type { Selectable } from 'kysely';
import type { ContentService, ArticleSummary } from '../content/index.js';
import { AppError } from '../platform/errors.js';
import type { JobQueue } from '../platform/jobs/index.js';
import type { SettingsService } from '../platform/settings.js';
import { normaliseEmail } from './address.js';
import { articleContent, digestContent, mailContext, type RenderedMail } from './mails.js';
import { slotTime } from './pacing.js';
import type { AudienceDb } from './store.js';
import type { AudienceTables, DeliveryStatus, NewslettersTable, SendProgress } from './types.js';

export const FANOUT_JOB = 'newsletter.fanout';
export const DELIVER_JOB = 'newsletter.deliver';
const CHUNK = 500;
const WEEK_MS = 7 * 86_400_000;
/** The same issue twice within this time is a double click, not an intention. */
const REPEAT_MS = 24 * 3_600_000;

export interface SendRequest {
  articleId?: unknown;
  digest?: unknown;
  topic?: unknown;
}

export interface SendDeps {
  db: AudienceDb;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  content: Pick<ContentService, 'store' | 'listPublished'>;
  settings: Pick<SettingsService, 'get'>;
  publicUrl: string;
  now: () => Date;
}

export function deliveryKey(newsletterId: number, subscriberId: number): string {
  return `newsletter:${newsletterId}:${subscriberId}`;
}

type Row = Selectable<NewslettersTable>;

function toProgress(row: Row, counts: Partial<Record<DeliveryStatus, number>>): SendProgress {
  const sent = counts.sent ?? 0;
  const failed = counts.failed ?? 0;
  const skipped = counts.skipped ?? 0;
  const queued = Math.max(0, row.total - sent - failed - skipped);
  return {
    id: row.id, kind: row.kind, articleId: row.article_id, topic: row.topic, subject: row.subject,
    status: !row.fanned_out ? 'preparing' : queued > 0 ? 'sending' : 'done',
    total: row.total, queued, sent, failed, skipped, createdAt: row.created_at,
  };
}

export function createSends(deps: SendDeps) {
  const { db, content, settings, now } = deps;

  async function render(request: SendRequest, topic: string | null): Promise<{ issue: RenderedMail; articleId: number | null }> {
    const site = await settings.get('site');
    const ctx = mailContext(site.title, site.language, deps.publicUrl);
    const tag = topic ? await content.store.tagBy('slug', topic) : null;
    if (topic && !tag) throw new AppError('VALIDATION', { field: 'topic', detail: `no tag "${topic}"` });
    if (request.articleId !== undefined) {
      const id = request.articleId;
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw new AppError('VALIDATION', { field: 'articleId' });
      const article = await content.store.findBy('id', id);
      const at = now();
      if (!article || article.kind !== 'article' || article.status !== 'published' || !article.publishedAt || article.publishedAt > at) {
        throw new AppError('NOT_FOUND', { field: 'articleId', detail: 'no published article with this id' });
      }
      return { issue: articleContent(ctx, article), articleId: article.id };
    }
    if (request.digest !== 'week') throw new AppError('VALIDATION', { field: 'digest', detail: 'give articleId or digest: "week"' });
    const until = now();
    const list = await content.listPublished({ perPage: 50, ...(tag ? { tagId: tag.id } : {}) });
    const week = list.items.filter((a: ArticleSummary) => a.publishedAt && a.publishedAt.getTime() >= until.getTime() - WEEK_MS);
    if (week.length === 0) throw new AppError('NEWSLETTER_EMPTY', { field: 'digest', detail: 'no articles were published in the last seven days' });
    return { issue: digestContent(ctx, week, until, tag?.name ?? null), articleId: null };
  }

  async function counts(ids: number[]): Promise<Map<number, Partial<Record<DeliveryStatus, number>>>> {
    const map = new Map<number, Partial<Record<DeliveryStatus, number>>>();
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('newsletter_deliveries')
      .select((eb) => ['newsletter_id', 'status', eb.fn.countAll<number | string | bigint>().as('n')])
      .where('newsletter_id', 'in', ids)
      .groupBy(['newsletter_id', 'status'])
      .execute();
    for (const r of rows) (map.get(r.newsletter_id) ?? map.set(r.newsletter_id, {}).get(r.newsletter_id)!)[r.status] = Number(r.n);
    return map;
  }

  async function progress(id: number): Promise<SendProgress | null> {
    const row = await db.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toProgress(row, (await counts([id])).get(id) ?? {}) : null;
  }

  return {
    progress,

    async list(limit = 50): Promise<SendProgress[]> {
      const rows = await db.selectFrom('newsletters').selectAll().orderBy('id', 'desc').limit(limit).execute();
      const all = await counts(rows.map((r) => r.id));
      return rows.map((r) => toProgress(r, all.get(r.id) ?? {}));
    },

    /** Renders the issue once, stores it, and hands the recipients to the fan-out job. */
    async start(request: SendRequest, staffUserId: number | null): Promise<SendProgress> {
      if ((request.articleId === undefined) === (request.digest === undefined)) {
        throw new AppError('VALIDATION', { field: 'articleId', detail: 'give either articleId or digest: "week"' });
      }
      const { topics: offered, senderEmail } = await settings.get('newsletter');
      const topic = request.topic === undefined || request.topic === null ? null : request.topic;
      if (topic !== null && (typeof topic !== 'string' || !offered.includes(topic))) {
        throw new AppError('VALIDATION', { field: 'topic', detail: `topic must be one of the offered topics: ${offered.join(', ') || '(none)'}` });
      }
      if (senderEmail && !normaliseEmail(senderEmail)) throw new AppError('VALIDATION', { field: 'senderEmail', detail: 'the newsletter sender address in the settings is not valid' });
      const { issue, articleId } = await render(request, topic);
      const kind = articleId === null ? 'digest' : 'article';
      const at = now();
      const repeat = await db
        .selectFrom('newsletters').select('id')
        .where('kind', '=', kind)
        .where((eb) => (articleId === null ? eb('article_id', 'is', null) : eb('article_id', '=', articleId)))
        .where((eb) => (topic === null ? eb('topic', 'is', null) : eb('topic', '=', topic)))
        .where('created_at', '>', new Date(at.getTime() - REPEAT_MS).toISOString())
        .executeTakeFirst();
      if (repeat) throw new AppError('NEWSLETTER_REPEAT', { field: kind === 'article' ? 'articleId' : 'digest', detail: `this issue was already sent in the last 24 hours (newsletter ${repeat.id})` });
      const id = await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('newsletters')
          .values({ kind, article_id: articleId, topic, subject: issue.subject, html: issue.html, text: issue.text, created_by: staffUserId, created_at: at.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await deps.jobs.enqueue<{ newsletterId: number }, AudienceTables>(FANOUT_JOB, { newsletterId: row.id }, { dedupeKey: `newsletter:${row.id}:fanout` }, tx);
        return row.id;
      });
      deps.jobs.wake();
      return (await progress(id))!;
    },

    /**
     * Starts the send of a composed issue (issue 11), rendered by the caller. The issue row
     * is marked sent in the same transaction, so a schedule and a click cannot send it twice.
     */
    async startIssue(issueId: number, issue: RenderedMail & { preheader: string }, topic: string | null, staffUserId: number | null): Promise<SendProgress> {
      const at = now();
      const id = await db.transaction().execute(async (tx) => {
        const claimed = await tx
          .updateTable('newsletter_issues')
          .set({ status: 'sent', updated_at: at.toISOString() })
          .where('id', '=', issueId)
          .where('status', '!=', 'sent')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('NEWSLETTER_REPEAT', { field: 'issue', detail: 'this issue was already sent' });
        const row = await tx
          .insertInto('newsletters')
          .values({ kind: 'issue', article_id: null, topic, subject: issue.subject, preheader: issue.preheader, html: issue.html, text: issue.text, created_by: staffUserId, created_at: at.toISOString(), issue_id: issueId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.updateTable('newsletter_issues').set({ newsletter_id: row.id }).where('id', '=', issueId).execute();
        await deps.jobs.enqueue<{ newsletterId: number }, AudienceTables>(FANOUT_JOB, { newsletterId: row.id }, { dedupeKey: `newsletter:${row.id}:fanout` }, tx);
        return row.id;
      });
      deps.jobs.wake();
      return (await progress(id))!;
    },

    /**
     * Enqueues the recipients, `CHUNK` at a time, each at its rate-limit slot. The cursor
     * update is fenced on the old cursor: a second runner (after a lease expired) fails
     * its chunk instead of enqueuing it twice (the dedupe keys would also refuse that).
     */
    async fanOut(newsletterId: number): Promise<void> {
      for (;;) {
        const row = await db.selectFrom('newsletters').selectAll().where('id', '=', newsletterId).executeTakeFirst();
        if (!row || row.fanned_out) return;
        const rate = (await settings.get('newsletter')).ratePerSecond;
        const finished = await db.transaction().execute(async (tx) => {
          const recipients = await tx
            .selectFrom('subscribers as s')
            .select('s.id')
            .where('s.status', '=', 'active')
            .where('s.id', '>', row.cursor)
            .$if(row.topic !== null, (qb) =>
              qb.where((eb) => {
                const topics = () => eb.selectFrom('subscriber_topics as t').select('t.topic').whereRef('t.subscriber_id', '=', 's.id');
                // Readers without topics take every issue; the others only their topics'.
                return eb.or([eb.not(eb.exists(topics())), eb.exists(topics().where('t.topic', '=', row.topic!))]);
              }),
            )
            .orderBy('s.id')
            .limit(CHUNK)
            .execute();
          let index = row.total;
          for (const r of recipients) {
            const runAt = slotTime(new Date(row.created_at), index++, rate);
            await deps.jobs.enqueue<{ newsletterId: number; subscriberId: number }, AudienceTables>(DELIVER_JOB, { newsletterId, subscriberId: r.id }, { dedupeKey: deliveryKey(newsletterId, r.id), runAt }, tx);
          }
          const done = recipients.length < CHUNK;
          const moved = await tx
            .updateTable('newsletters')
            .set({ cursor: recipients.at(-1)?.id ?? row.cursor, total: row.total + recipients.length, fanned_out: done ? 1 : 0 })
            .where('id', '=', newsletterId)
            .where('cursor', '=', row.cursor)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new Error(`newsletter ${newsletterId}: another fan-out moved the cursor`);
          return done;
        });
        deps.jobs.wake();
        if (finished) return;
      }
    },
  };
}

export type Sends = ReturnType<typeof createSends>;
