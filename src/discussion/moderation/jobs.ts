/**
 * The mail jobs of moderation: the statement of reasons to a removed comment's author,
 * and receipt and decision to whoever sent a DSA notice. Handlers read everything from
 * the database by id, so a job retried after a crash sends what is true then, and a
 * stable Message-ID lets the receiving side recognise a repeat.
 *
 * @example
 *   registerModerationJobs(jobs, { db, mailer, settings, publicUrl });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { SettingsService } from '../../platform/settings.js';
import { translator } from '../../platform/i18n.js';
import { moderationMessages, type ModerationMessageKey } from './messages.js';
import { notifierMail, statementMail } from './mail-text.js';
import { STATEMENT_JOB } from './statements.js';
import { moderationDb } from './tables.js';

export const NOTIFIER_JOB = 'moderation.notifier';

export interface NotifierJob {
  noticeId: number;
  kind: 'receipt' | 'decision';
}

export interface ModerationJobDeps {
  db: Kysely<Database>;
  mailer: Pick<Mailer, 'send'>;
  settings: Pick<SettingsService, 'get'>;
  publicUrl: string;
}

export function registerModerationJobs(jobs: Pick<JobQueue, 'register'>, deps: ModerationJobDeps): void {
  const db = moderationDb(deps.db);
  const host = new URL(deps.publicUrl).hostname;

  async function context() {
    const [site, legal] = await Promise.all([deps.settings.get('site'), deps.settings.get('legal')]);
    return { lang: site.language, site: site.title, contact: legal.email || `${deps.publicUrl}/`, replyTo: legal.email || undefined };
  }

  async function commentLink(commentId: number, articleId: number) {
    const article = await db.selectFrom('articles').select(['slug', 'title']).where('id', '=', articleId).executeTakeFirst();
    return {
      title: article?.title ?? '',
      url: article ? `${deps.publicUrl}/${article.slug}/comment/${commentId}/` : `${deps.publicUrl}/`,
    };
  }

  jobs.register<{ statementId: number }>(STATEMENT_JOB, async (job) => {
    const statement = await db.selectFrom('moderation_statements').selectAll().where('id', '=', job.payload.statementId).executeTakeFirst();
    if (!statement) return;
    const comment = await db.selectFrom('comments').selectAll().where('id', '=', statement.comment_id).executeTakeFirst();
    // Deleted with its article, or written by staff without an address: nothing to send.
    if (!comment?.author_email) return;
    const ctx = await context();
    const link = await commentLink(comment.id, comment.article_id);
    const mail = statementMail(ctx.lang, {
      id: statement.id, authorName: comment.author_name, commentAt: new Date(comment.created_at), articleTitle: link.title,
      commentUrl: link.url, excerpt: comment.body, byNotice: statement.by_notice === 1, ground: statement.ground,
      facts: statement.facts, contact: ctx.contact, site: ctx.site,
    });
    await deps.mailer.send({
      to: comment.author_email, ...mail, messageId: `statement-${statement.id}@${host}`,
      ...(ctx.replyTo ? { replyTo: ctx.replyTo } : {}),
    });
  });

  jobs.register<NotifierJob>(NOTIFIER_JOB, async (job) => {
    const notice = await db.selectFrom('dsa_notices').selectAll().where('id', '=', job.payload.noticeId).executeTakeFirst();
    if (!notice?.notifier_email) return;
    if (job.payload.kind === 'decision' && notice.status === 'open') return;
    const ctx = await context();
    const t = translator(ctx.lang, moderationMessages);
    const link = await commentLink(notice.comment_id, notice.article_id);
    const mail = notifierMail(ctx.lang, {
      noticeId: notice.id, name: notice.notifier_name, commentUrl: link.url,
      category: t(`category.${notice.category}` as ModerationMessageKey), deadline: new Date(notice.deadline_at),
      ...(job.payload.kind === 'decision'
        ? { decision: notice.status === 'removed' ? ('removed' as const) : ('kept' as const), reason: notice.decision_reason ?? '' }
        : {}),
      contact: ctx.contact, site: ctx.site,
    });
    await deps.mailer.send({
      to: notice.notifier_email, ...mail, messageId: `notice-${notice.id}-${job.payload.kind}@${host}`,
      ...(ctx.replyTo ? { replyTo: ctx.replyTo } : {}),
    });
  });
}
