/**
 * Channel autopost to Telegram: a published article becomes one durable job (dedupe key
 * per article), the job posts title, teaser and link, and every attempt lands in the
 * autopost log. Retries come from the job queue's backoff, except after a 429, where
 * Telegram says how long to wait and a follow-up job is scheduled for exactly then.
 *
 * @example
 *   const autopost = createTelegramAutopost({ settings, articles: content.store, jobs, log, publicUrl, now });
 *   jobs.register(TELEGRAM_JOB, autopost.handle);
 *   bus.on('article.published', ({ articleId }) => autopost.onPublished(articleId));
 */
import type { Article, ContentService } from '../../content/index.js';
import { bodyToText } from '../../content/index.js';
import type { Job, JobQueue } from '../../platform/jobs/index.js';
import type { SettingsService } from '../../platform/settings.js';
import { articleUrl, excerpt } from '../entries.js';
import type { AutopostEntry, AutopostLog } from './log.js';
import { sendTelegramMessage, telegramText, type SendOutcome, type TelegramTarget } from './telegram.js';

export const TELEGRAM_JOB = 'autopost.telegram';
const CHANNEL = 'telegram';
/** An article that went live longer ago than this is an import or backdated, not news. */
const FRESH_MS = 24 * 60 * 60_000;

export interface TelegramJob {
  articleId: number;
  /** Attempts made by earlier jobs of this post (a 429 hands over to a follow-up job). */
  attemptsBefore?: number;
}

export interface TelegramAutopostDeps {
  settings: Pick<SettingsService, 'get'>;
  articles: Pick<ContentService['store'], 'findBy'>;
  jobs: Pick<JobQueue, 'enqueue'>;
  log: Pick<AutopostLog, 'record' | 'wasSent'>;
  publicUrl: string;
  now: () => Date;
  send?: (target: TelegramTarget, text: string) => Promise<SendOutcome>;
}

/** Thrown to the job queue; `permanent` stops the retries. Never carries the token. */
export class AutopostError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'AutopostError';
  }
}

/**
 * The same teaser the feeds show as an item's summary.
 *
 * @example
 *   teaserOf({ subtitle: '', seoDescription: '', body: [{ type: 'paragraph', text: 'Heute tagt der Rat.' }] }); // 'Heute tagt der Rat.'
 */
export function teaserOf(article: Pick<Article, 'subtitle' | 'seoDescription' | 'body'>): string {
  return article.subtitle || article.seoDescription || excerpt(bodyToText(article.body.filter((b) => b.type !== 'footnotes')));
}

const dedupeKey = (articleId: number) => `autopost:telegram:article:${articleId}`;

/**
 * @example
 *   await createTelegramAutopost(deps).onPublished(7); // enqueues one job, or nothing when switched off
 */
export function createTelegramAutopost(deps: TelegramAutopostDeps) {
  const { settings, articles, jobs, log, publicUrl, now } = deps;
  const send = deps.send ?? sendTelegramMessage;

  return {
    /** Called on `article.published`: enqueues the post (once per article), due when the article is visible. */
    async onPublished(articleId: number): Promise<void> {
      const telegram = await settings.get('telegram');
      if (!telegram.enabled || !telegram.botToken || !telegram.channel) return;
      const article = await articles.findBy('id', articleId);
      if (!article || article.kind !== 'article' || !article.publishedAt) return;
      const at = now();
      if (article.publishedAt.getTime() < at.getTime() - FRESH_MS) return;
      // Published with a future date: the link would be a 404 until then.
      const runAt = article.publishedAt > at ? article.publishedAt : at;
      await jobs.enqueue<TelegramJob, unknown>(TELEGRAM_JOB, { articleId }, { dedupeKey: dedupeKey(articleId), runAt });
    },

    async handle(job: Job<TelegramJob>): Promise<void> {
      const { articleId } = job.payload;
      const before = job.payload.attemptsBefore ?? 0;
      const attempt = before + job.attempt;
      const record = (status: AutopostEntry['status'], extra: Partial<AutopostEntry> = {}) =>
        log.record({ articleId, channel: CHANNEL, attempt, status, createdAt: now(), ...extra });

      const telegram = await settings.get('telegram');
      if (!telegram.enabled || !telegram.botToken || !telegram.channel) {
        return record('skipped', { error: 'Telegram autopost is switched off or not configured' });
      }
      // At-least-once jobs: a repeat after a crash must not post twice.
      if (await log.wasSent(articleId, CHANNEL)) return;
      const article = await articles.findBy('id', articleId);
      if (!article || article.status !== 'published') return record('skipped', { error: 'the article is no longer published' });

      const text = telegramText({ title: article.title, teaser: teaserOf(article), url: articleUrl(publicUrl, article.slug) });
      const outcome = await send(telegram, text);
      const response = { responseCode: outcome.status, responseExcerpt: outcome.excerpt };
      if (outcome.kind === 'sent') return record('sent', response);
      if (outcome.kind === 'permanent') {
        await record('failed', { ...response, error: outcome.error });
        throw new AutopostError(outcome.error, true);
      }
      const last = job.attempt >= job.maxAttempts;
      if (outcome.retryAfterMs !== undefined && !last) {
        // The queue's backoff knows nothing of retry_after; a follow-up job due exactly then does.
        const runAt = new Date(now().getTime() + outcome.retryAfterMs);
        await jobs.enqueue<TelegramJob, unknown>(
          TELEGRAM_JOB,
          { articleId, attemptsBefore: attempt },
          { runAt, maxAttempts: job.maxAttempts - job.attempt, dedupeKey: `${dedupeKey(articleId)}:after:${attempt}` },
        );
        return record('retrying', { ...response, error: `${outcome.error}; next attempt at ${runAt.toISOString()}` });
      }
      await record(last ? 'failed' : 'retrying', { ...response, error: outcome.error });
      throw new AutopostError(outcome.error, false);
    },
  };
}

export type TelegramAutopost = ReturnType<typeof createTelegramAutopost>;
