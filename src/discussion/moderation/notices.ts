/**
 * Notices of illegal content under Art. 16 DSA: anyone can send one per comment
 * (category, explanation, name and e-mail, a good-faith statement); it waits for a
 * moderator with a deadline from the settings. The decision (remove or keep) is final
 * for the notice, logged, confirmed to the notifier, and a removal rejects the comment
 * through the one moderation decision (`decide.ts`), which logs it and issues the statement.
 *
 * @example
 *   const notices = createNotices({ db, decide, settings, jobs, now });
 *   const { id } = await notices.submit({ commentId: 12, category: 'defamation', explanation, name, email, goodFaith: true });
 *   await notices.decide(request.caller, id, { action: 'remove', reason: 'Schmähkritik gegen eine Privatperson' });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { SettingsService } from '../../platform/settings.js';
import { actorOf, hasRole, type Caller } from '../../platform/caller.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import type { Decide } from './decide.js';
import { writeLog } from './log.js';
import { DEFAULT_GROUND } from './mail-text.js';
import { moderationMessages, type ModerationMessageKey } from './messages.js';
import { NOTIFIER_JOB, type NotifierJob } from './jobs.js';
import { moderationDb, type NoticeRow } from './tables.js';

export const NOTICE_CATEGORIES = [
  'hate_speech', 'defamation', 'threat', 'terrorism', 'child_abuse', 'privacy', 'ip', 'fraud', 'other',
] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];

export function isNoticeCategory(value: unknown): value is NoticeCategory {
  return typeof value === 'string' && (NOTICE_CATEGORIES as readonly string[]).includes(value);
}

export interface NoticeInput {
  commentId: number;
  category: unknown;
  explanation: unknown;
  name: unknown;
  email: unknown;
  goodFaith: boolean;
}

export interface OpenNotice extends NoticeRow {
  articleSlug: string;
  articleTitle: string;
  commentAuthor: string;
  commentBody: string;
  commentStatus: string;
  overdue: boolean;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const text = (value: unknown) => (typeof value === 'string' ? value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim() : '');

export function createNotices(deps: {
  db: Kysely<Database>;
  decide: Decide;
  settings: Pick<SettingsService, 'get'>;
  jobs?: Pick<JobQueue, 'enqueue' | 'wake'> | null;
  now?: () => Date;
}) {
  const db = moderationDb(deps.db);
  const now = deps.now ?? (() => new Date());
  const jobs = deps.jobs ?? null;

  function validate(input: NoticeInput) {
    if (!isNoticeCategory(input.category)) throw new AppError('VALIDATION', { field: 'category' });
    const explanation = text(input.explanation);
    if (explanation.length < 10 || explanation.length > 5000) throw new AppError('VALIDATION', { field: 'explanation' });
    const name = text(input.name).slice(0, 200);
    const email = text(input.email).toLowerCase();
    // Art. 16(2)(c) DSA: name and address may be withheld for child sexual abuse material.
    const anonymousAllowed = input.category === 'child_abuse';
    if (!name && !anonymousAllowed) throw new AppError('NAME_REQUIRED', { field: 'name' });
    if ((email || !anonymousAllowed) && (!EMAIL.test(email) || email.length > 254)) throw new AppError('EMAIL_INVALID', { field: 'email' });
    if (input.goodFaith !== true) throw new AppError('VALIDATION', { field: 'goodFaith' });
    return { category: input.category, explanation, name, email };
  }

  const service = {
    async submit(input: NoticeInput): Promise<NoticeRow> {
      const fields = validate(input);
      const comment = await db.selectFrom('comments').select(['id', 'article_id', 'status']).where('id', '=', input.commentId).executeTakeFirst();
      if (!comment || comment.status !== 'published') throw new AppError('NOT_FOUND', { field: 'id' });
      const policy = await deps.settings.get('discussion');
      const stamp = now();
      const deadline = new Date(stamp.getTime() + Math.max(1, policy.noticeDeadlineHours) * 3_600_000);
      const row = await db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('dsa_notices')
          .values({
            comment_id: comment.id, article_id: comment.article_id, category: fields.category, explanation: fields.explanation,
            notifier_name: fields.name, notifier_email: fields.email, good_faith: 1, created_at: stamp.toISOString(),
            deadline_at: deadline.toISOString(), status: 'open', decided_at: null, decided_by_user_id: null, decided_by: null,
            decision_reason: null, decision_ground: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        // Art. 16(4) DSA: confirm receipt without undue delay.
        if (jobs && fields.email) {
          await jobs.enqueue(NOTIFIER_JOB, { noticeId: inserted.id, kind: 'receipt' } satisfies NotifierJob, { dedupeKey: `notice:${inserted.id}:receipt` }, tx);
        }
        return inserted;
      });
      jobs?.wake();
      return row;
    },

    async get(id: number): Promise<NoticeRow | undefined> {
      return db.selectFrom('dsa_notices').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Open notices, the nearest deadline first. */
    async open(limit = 200): Promise<OpenNotice[]> {
      const rows = await db
        .selectFrom('dsa_notices as n')
        .leftJoin('comments as c', 'c.id', 'n.comment_id')
        .leftJoin('articles as a', 'a.id', 'n.article_id')
        .selectAll('n')
        .select(['a.slug', 'a.title', 'c.author_name', 'c.body', 'c.status as comment_status'])
        .where('n.status', '=', 'open')
        .orderBy('n.deadline_at')
        .orderBy('n.id')
        .limit(limit)
        .execute();
      const at = now().toISOString();
      return rows.map(({ slug, title, author_name, body, comment_status, ...notice }) => ({
        ...notice,
        articleSlug: slug ?? '',
        articleTitle: title ?? '',
        commentAuthor: author_name ?? '',
        commentBody: body ?? '',
        commentStatus: comment_status ?? 'deleted',
        overdue: notice.deadline_at < at,
      }));
    },

    async decide(
      caller: Caller,
      id: number,
      input: { action: 'remove' | 'keep'; reason: unknown; ground?: unknown },
    ): Promise<{ notice: NoticeRow; statementId: number | null }> {
      if (!hasRole(caller, ROLES_FOR.moderate)) throw new AppError('FORBIDDEN');
      const actor = actorOf(caller);
      if (input.action !== 'remove' && input.action !== 'keep') throw new AppError('VALIDATION', { field: 'action' });
      const reason = text(input.reason).slice(0, 2000);
      if (!reason) throw new AppError('VALIDATION', { field: 'reason', detail: 'a reason is required' });
      const notice = await service.get(id);
      if (!notice) throw new AppError('NOT_FOUND', { field: 'id' });
      if (notice.status !== 'open') throw new AppError('VALIDATION', { field: 'id', detail: 'notice already decided' });
      const lang = (await deps.settings.get('site')).language;
      const category = translator(lang, moderationMessages)(`category.${notice.category}` as ModerationMessageKey);
      const ground = text(input.ground).slice(0, 500) || `${DEFAULT_GROUND[lang].illegal}: ${category}`;
      const at = now().toISOString();
      const detail = `${notice.category}; deadline ${notice.deadline_at}${at > notice.deadline_at ? ' (overdue)' : ''}`;
      const decided = await db.transaction().execute(async (tx) => {
        const row = await tx
          .updateTable('dsa_notices')
          .set({
            status: input.action === 'remove' ? 'removed' : 'kept', decided_at: at, decided_by_user_id: actor.userId,
            decided_by: actor.name, decision_reason: reason, decision_ground: ground,
          })
          .where('id', '=', id)
          .where('status', '=', 'open')
          .returningAll()
          .executeTakeFirst();
        // Two moderators deciding at once: the first one's decision stands.
        if (!row) throw new AppError('VALIDATION', { field: 'id', detail: 'notice already decided' });
        if (jobs && row.notifier_email) {
          await jobs.enqueue(NOTIFIER_JOB, { noticeId: id, kind: 'decision' } satisfies NotifierJob, { dedupeKey: `notice:${id}:decision` }, tx);
        }
        // Keeping the comment changes nothing else: this is the decision's one log entry.
        if (input.action === 'keep') {
          await writeLog(tx, { actor, action: 'notice.keep', commentId: notice.comment_id, articleId: notice.article_id, target: `notice:${id}`, detail, reason, at });
        }
        return row;
      });
      let statementId: number | null = null;
      if (input.action === 'remove') {
        const comment = await db.selectFrom('comments').select('status').where('id', '=', notice.comment_id).executeTakeFirst();
        // Already gone (deleted by its author, or removed since): nothing left to restrict,
        // but the decision is still logged.
        if (comment && (comment.status === 'published' || comment.status === 'pending')) {
          await deps.decide(caller, [notice.comment_id], 'reject', reason, { noticeId: id, ground, logAction: 'notice.remove', detail });
          const statement = await db.selectFrom('moderation_statements').select('id').where('notice_id', '=', id).orderBy('id', 'desc').executeTakeFirst();
          statementId = statement?.id ?? null;
        } else {
          await writeLog(db, { actor, action: 'notice.remove', commentId: notice.comment_id, articleId: notice.article_id, target: `notice:${id}`, detail, reason, at });
        }
      }
      jobs?.wake();
      return { notice: decided, statementId };
    },
  };
  return service;
}

export type Notices = ReturnType<typeof createNotices>;
