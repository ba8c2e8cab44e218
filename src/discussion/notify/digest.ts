/**
 * Comment digests for authors (issue 11): instead of one mail per comment (26 for one busy
 * thread), an author hears about an article's new comments at most once per window (an
 * hour by default, a day, or every comment at once, or never: `platform/comment-mail.ts`).
 *
 * How: the first comment after the last digest enqueues one `notify.digest` job for
 * author × article, to run when the window has passed, with the dedupe key
 * `digest:<user>:<article>:after:<id of the last digest job that ended>`; every further
 * comment finds that job still queued (due or not) and inserts nothing. The job mails every
 * published comment above the last mailed id (not the author's own), then moves that id and
 * records itself as the last job that ended (`notify_digests`, `0051_notify_digests`,
 * `0086_notify_digest_last_job`). A comment published while the job ran is found right
 * after and gets the next job, whose key differs because the job recorded itself.
 * Everything through the durable job queue.
 *
 * Why the key names the last job and not the last mailed comment: a job's dedupe key stays
 * taken after it finished. A digest that mailed nothing (its comments removed or held
 * meanwhile, the author on "none", the mail refused for good) moved no comment id, so a key
 * made of that id was taken for good and the author heard of that article never again.
 * Every job that ends now moves the mark, whether it mailed or not; the comment id moves
 * only with what was mailed, so a held comment approved later is still above it. Freeing
 * a finished job's key in the queue instead would not do: other callers rely on keys held
 * for good (`reply:`, `author:`, `newsletter:`, autopost: one mail or post however often
 * the event comes), and a comment whose event came while an empty digest ran finds the
 * running job's key taken; only a mark moved before the job looks again catches it.
 *
 * @example
 *   const digests = createDigests({ db, jobs, store, now });
 *   await digests.onComment(articleId, userId, commentId); // from `comment.published`
 *   jobs.register(DIGEST_JOB, digests.handler(send)); // mails the collected comments
 */
import { sql, type Generated, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Migration } from '../../platform/db/migrate.js';
import { commentMailFrom, DIGEST_WINDOW_MS, type CommentMail, type StaffMailPrefsDatabase } from '../../platform/comment-mail.js';
import { html, raw, type SafeHtml } from '../../platform/html.js';
import type { Language, Translate } from '../../platform/i18n.js';
import type { Job, JobQueue } from '../../platform/jobs/index.js';
import { commentToText } from '../text/markdown.js';
import type { DigestMessageKey } from './digest-messages.js';
import type { MailParts } from './mails.js';
import { writerEmail, type NotifyStore } from './store.js';
import { forThisTurn } from '../../platform/turn.js';
import type { NotifyTables } from './tables.js';

export const DIGEST_JOB = 'notify.digest';
export interface DigestJob {
  userId: number;
  articleId: number;
}
/** The key of the digest job that follows the job `lastJob` (0: none yet) for author × article. */
export const digestKey = (userId: number, articleId: number, lastJob: number) => `digest:${userId}:${articleId}:after:${lastJob}`;
/** Comments quoted in one mail; the rest are counted and linked. */
const SHOWN = 20;

export interface DigestsTable {
  user_id: number;
  article_id: number;
  last_comment_id: number;
  last_sent_at: string | null;
  /** The last digest job for this pair that ended (mailed, found nothing, or gave up); 0 for none. */
  last_job_id: Generated<number>;
}
type DigestDb = Database & StaffMailPrefsDatabase & { notify_digests: DigestsTable };

export const digestMigrations: Migration[] = [
  {
    name: '0051_notify_digests',
    async up(db) {
      await db.schema
        .createTable('notify_digests')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('last_comment_id', 'integer', (c) => c.notNull())
        .addColumn('last_sent_at', 'text')
        .addPrimaryKeyConstraint('notify_digests_pk', ['user_id', 'article_id'])
        .execute();
    },
  },
  {
    // Digest keys name the last job that ended, not the last mailed comment (see the top).
    name: '0086_notify_digest_last_job',
    async up(db) {
      await db.schema.alterTable('notify_digests').addColumn('last_job_id', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // A digest waiting under an old key keeps its hold under the new one (`after:0`), so a
      // comment after the upgrade does not queue a second digest beside it. One per pair: the
      // mark moved by "every comment" mails could have left two waiting under old keys.
      const queued: { id: number; payload: string }[] = await db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', DIGEST_JOB).where('status', '=', 'queued').orderBy('id').execute();
      const kept = new Set<string>();
      for (const row of queued) {
        const { userId, articleId } = JSON.parse(row.payload) as DigestJob;
        const key = digestKey(userId, articleId, 0);
        if (kept.has(key)) continue;
        kept.add(key);
        await db.updateTable('jobs').set({ dedupe_key: key }).where('id', '=', row.id).execute();
      }
    },
  },
];

export interface DigestDeps {
  db: Kysely<Database>;
  /** With `waiting`, a digest known to wait is not asked for again (see `schedule`). */
  jobs: Pick<JobQueue, 'enqueue'> & Partial<Pick<JobQueue, 'waiting'>>;
  store: Pick<NotifyStore, 'user'>;
  now: () => Date;
}

export interface DigestComment {
  id: number;
  name: string;
  text: string;
  html: SafeHtml;
  url: string;
}

export interface DigestInput {
  title: string;
  articleUrl: string;
  comments: DigestComment[];
  /** Comments beyond those quoted. */
  more: number;
  window: 'hourly' | 'daily';
  settingsUrl: string;
  unsubscribeUrl: string;
}

/**
 * Which rule applies to this author now: their choice, unless they unsubscribed after making
 * it. The choice and the unsubscribe are read in one statement (issue 16: this runs for every
 * comment on the author's articles); a missing account reads as no choice and no unsubscribe.
 */
export async function commentMailFor(deps: Pick<DigestDeps, 'db'>, userId: number): Promise<CommentMail> {
  const db = deps.db as unknown as Kysely<DigestDb & NotifyTables>;
  const row = await db
    .selectFrom('users')
    .leftJoin('staff_mail_prefs', 'staff_mail_prefs.user_id', 'users.id')
    .leftJoin('notify_optouts', (join) => join.onRef('notify_optouts.user_id', '=', 'users.id').on('notify_optouts.kind', '=', 'author'))
    .select(['staff_mail_prefs.comment_mail', 'staff_mail_prefs.updated_at', 'notify_optouts.created_at as opted_out_at'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  const pref = commentMailFrom(row && row.comment_mail !== null ? { comment_mail: row.comment_mail, updated_at: row.updated_at! } : undefined);
  const optedOutAt = row?.opted_out_at ?? null;
  // The unsubscribe link in a mail wins over an older choice; choosing again on the account page wins over it.
  if (optedOutAt !== null && (pref.updatedAt === null || pref.updatedAt < optedOutAt)) return 'off';
  return pref.value;
}

export function createDigests(deps: DigestDeps) {
  const db = deps.db as unknown as Kysely<DigestDb>;

  /** The last mailed comment and the last digest job that ended, for author × article. */
  async function mark(userId: number, articleId: number): Promise<{ comment: number; job: number }> {
    const row = await db.selectFrom('notify_digests').select(['last_comment_id', 'last_job_id']).where('user_id', '=', userId).where('article_id', '=', articleId).executeTakeFirst();
    return { comment: row?.last_comment_id ?? 0, job: row?.last_job_id ?? 0 };
  }

  /**
   * Job `jobId` ended: the next comment asks for a job under a key of its own. Both ids only
   * grow, so a run taken over after its lease ran out and finishing late cannot move them back.
   */
  async function ended(userId: number, articleId: number, jobId: number, mailed: { top: number; at: string } | null): Promise<void> {
    const top = mailed?.top ?? 0;
    await db
      .insertInto('notify_digests')
      .values({ user_id: userId, article_id: articleId, last_comment_id: top, last_sent_at: mailed?.at ?? null, last_job_id: jobId })
      .onConflict((oc) =>
        oc.columns(['user_id', 'article_id']).doUpdateSet({
          last_comment_id: sql<number>`CASE WHEN notify_digests.last_comment_id > ${top} THEN notify_digests.last_comment_id ELSE ${top} END`,
          last_job_id: sql<number>`CASE WHEN notify_digests.last_job_id > ${jobId} THEN notify_digests.last_job_id ELSE ${jobId} END`,
          ...(mailed ? { last_sent_at: mailed.at } : {}),
        }),
      )
      .execute();
  }

  /**
   * Author × article pairs whose digest job waits, and until when that is sure (issue 16:
   * a busy article asked for the same job with every comment, two statements each). A
   * queued job runs only once due and then mails every comment above the mark, so while
   * one waits a new comment is in it. The minute before it is due is left to the database
   * (the job may be claimed by a node whose clock is ahead), and so is a job overdue: it
   * may be claimed any moment, by any node, and this one hears of that only if it ran it.
   */
  const waiting = new Map<string, number>();
  const SURE_UNTIL_MS = 60_000;
  /** An author's rule, read once for the comments announced in one turn (a group commit's). */
  const ruleFor = forThisTurn((userId: number) => commentMailFor(deps, userId));

  async function schedule(userId: number, articleId: number, window: 'hourly' | 'daily'): Promise<void> {
    const pair = `${userId}:${articleId}`;
    const at = deps.now().getTime();
    if ((waiting.get(pair) ?? 0) > at) return;
    const dedupeKey = digestKey(userId, articleId, (await mark(userId, articleId)).job);
    // Asked before it is inserted: a job still queued under this key (due or overdue) has not
    // run, and mails this comment when it does. Overdue where no node works the queue (a
    // web-only node, `serve --workers false`), every comment on the article had inserted it
    // again, each a write that changed nothing (issue 16); now a comment reads. A job claimed
    // after this read begins after this comment was stored, so it finds it.
    let due = deps.jobs.waiting ? await deps.jobs.waiting(dedupeKey) : null;
    if (due === null) {
      const runAt = new Date(at + DIGEST_WINDOW_MS[window]);
      const id = await deps.jobs.enqueue(DIGEST_JOB, { userId, articleId }, { dedupeKey, runAt });
      due = id !== null ? runAt : null;
    }
    if (due === null || !deps.jobs.waiting) return;
    if (waiting.size >= 10_000) waiting.clear();
    waiting.set(pair, due.getTime() - SURE_UNTIL_MS);
  }

  /** Comments not mailed yet: published, above the last mailed id, not the author's own. */
  async function unmailed(user: { id: number; email: string }, articleId: number, after: number) {
    const rows = await db
      .selectFrom('comments')
      .leftJoin('users', 'users.id', 'comments.user_id')
      .select(['comments.id', 'comments.author_name', 'comments.author_email', 'comments.user_id', 'comments.body', 'comments.html', 'users.email as user_email'])
      .where('comments.article_id', '=', articleId)
      .where('comments.status', '=', 'published')
      .where('comments.id', '>', after)
      .orderBy('comments.id')
      .execute();
    const own = user.email.toLowerCase();
    return rows.filter((c) => c.user_id !== user.id && writerEmail(c) !== own);
  }

  return {
    /**
     * A comment was published on an article of this author: mail now (`each`), or make sure
     * a digest is waiting. Answers whether the per-comment mail is wanted.
     */
    async onComment(articleId: number, userId: number, commentId: number): Promise<'each' | 'digest' | 'off'> {
      const rule = await ruleFor(userId);
      if (rule === 'each') {
        // Mailed on its own: a later digest (after a change of mind) starts above it.
        await db
          .insertInto('notify_digests')
          .values({ user_id: userId, article_id: articleId, last_comment_id: commentId, last_sent_at: null })
          .onConflict((oc) => oc.columns(['user_id', 'article_id']).doUpdateSet({ last_comment_id: sql<number>`CASE WHEN notify_digests.last_comment_id > ${commentId} THEN notify_digests.last_comment_id ELSE ${commentId} END` }))
          .execute();
      }
      if (rule === 'off' || rule === 'each') return rule;
      await schedule(userId, articleId, rule);
      return 'digest';
    },

    /**
     * The job: collect, mail once, move the mark (whether it mailed or not), and start the
     * next window if more came meanwhile. A failed send is retried under the same key, so
     * comments meanwhile wait for that retry rather than get a second digest beside it; a
     * send that fails for good (refused, or on the last attempt) ends the job's hold too,
     * and its comments go with the next digest.
     */
    handler(send: (user: { id: number; email: string }, article: { id: number; slug: string; title: string }, comments: Awaited<ReturnType<typeof unmailed>>, window: 'hourly' | 'daily') => Promise<void>) {
      return async (job: Pick<Job<DigestJob>, 'id' | 'payload' | 'attempt' | 'maxAttempts'>): Promise<void> => {
        const { userId, articleId } = job.payload;
        // A missing account or article took its `notify_digests` row with it (cascade).
        const user = await deps.store.user(userId);
        if (!user) return;
        const article = await db.selectFrom('articles').select(['id', 'slug', 'title']).where('id', '=', articleId).executeTakeFirst();
        if (!article) return;
        // The last attempt ends the hold before it may fail or its node die: the queue would
        // then mark it failed without running it again.
        if (job.attempt >= job.maxAttempts) await ended(userId, articleId, job.id, null);
        const rule = await commentMailFor(deps, userId);
        const last = (await mark(userId, articleId)).comment;
        const comments = rule === 'off' ? [] : await unmailed(user, articleId, last);
        const window = rule === 'daily' ? 'daily' : 'hourly';
        if (comments.length > 0) {
          try {
            await send(user, article, comments, window);
          } catch (error) {
            if ((error as { permanent?: unknown } | null)?.permanent === true) await ended(userId, articleId, job.id, null);
            throw error;
          }
        }
        const top = comments.at(-1)?.id ?? last;
        waiting.delete(`${userId}:${articleId}`);
        await ended(userId, articleId, job.id, comments.length > 0 ? { top, at: deps.now().toISOString() } : null);
        // Published while this ran, read before the mark moved: its own event found this job's key taken.
        if (rule !== 'off' && rule !== 'each' && (await unmailed(user, articleId, top)).length > 0) await schedule(userId, articleId, window);
      };
    },
  };
}

export type Digests = ReturnType<typeof createDigests>;

/** The digest mail: how many, the comments quoted (up to 20), links, why and how to change it. */
export function digestMail(t: Translate<DigestMessageKey>, lang: Language, input: DigestInput): MailParts {
  const count = input.comments.length + input.more;
  const subject = t('digest.subject', { count, title: input.title });
  const intro = t('digest.intro', { count, title: input.title });
  const why = t(input.window === 'daily' ? 'digest.whyDaily' : 'digest.whyHourly');
  const quoted = (text: string) => text.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
  const text = [
    intro,
    ...input.comments.map((c) => `${c.name}:\n${quoted(c.text)}\n${c.url}`),
    input.more > 0 ? t('digest.more', { count: input.more }) : null,
    `${t('digest.action')}:\n${input.articleUrl}#comments`,
    ['-- ', why, `${t('digest.settings')}: ${input.settingsUrl}`, `${t('digest.unsubscribe')}: ${input.unsubscribeUrl}`].join('\n'),
  ]
    .filter((block) => block !== null)
    .join('\n\n');
  const body = html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${subject}</title></head>
<body style="font-family: Georgia, serif; line-height: 1.5; max-width: 36em; margin: 0 auto; padding: 1em;">
<p>${intro}</p>
${input.comments.map(
    (c) => html`<div style="margin: 1em 0; padding: 0 1em; border-left: 3px solid #ccc;">
<p style="margin: 0 0 0.25em; font-family: Arial, sans-serif; font-size: 0.9em;"><strong>${c.name}</strong> · <a href="${c.url}">${t('digest.open')}</a></p>
${c.html}
</div>`,
  )}
${input.more > 0 ? html`<p>${t('digest.more', { count: input.more })}</p>` : ''}
<p><a href="${input.articleUrl}#comments">${t('digest.action')}</a></p>
<hr>
<p style="font-size: 0.85em; color: #555;">${why}<br><a href="${input.settingsUrl}">${t('digest.settings')}</a> · <a href="${input.unsubscribeUrl}">${t('digest.unsubscribe')}</a></p>
</body>
</html>`;
  return { subject, text: `${text}\n`, html: body.toString() };
}

/** A stored comment as the digest quotes it (its HTML was sanitised when it was posted). */
export function digestComment(c: { id: number; author_name: string; body: string; html: string }, url: string): DigestComment {
  return { id: c.id, name: c.author_name, text: commentToText(c.body), html: raw(c.html), url };
}

export const DIGEST_SHOWN = SHOWN;
