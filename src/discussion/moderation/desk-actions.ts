/**
 * The desk's other decisions on a comment, beside `decide.ts` and built on it: trust the
 * commenter, ban them with an expiry, reply as staff. Like `decide`, these are operations:
 * they take the resolved caller and own every rule (who may, what is logged, what else
 * changes), so the desk's buttons, its keyboard and any API door give the same result.
 *
 * - trust: the commenter's later comments skip the hold policy; the held comment is approved.
 * - ban: until the expiry (1–365 days, or until lifted); a reason is required; the comment
 *   is rejected (a statement of reasons goes out when readers could see it).
 * - reply: a held comment is approved first (a reply to something readers cannot see would
 *   hang in the air), then the reply is posted under the staff member's own name.
 *
 * @example
 *   const desk = makeDeskActions({ rules, decide, postComment, db, now });
 *   await desk.ban(request.caller, 12, { days: 7, reason: 'Beleidigung' });
 */
import type { Kysely } from 'kysely';
import { actorOf, hasRole, type Caller } from '../../platform/caller.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { ROLES_FOR } from '../../platform/permissions.js';
import type { CommentInput } from '../schemas.js';
import type { Decide } from './decide.js';
import { writeLog } from './log.js';
import type { Moderation } from './service.js';
import { moderationDb } from './tables.js';

/** The reasons a moderator picks from when rejecting; `other` needs an explanation. */
export const REJECT_PRESETS = ['abuse', 'hate', 'off_topic', 'privacy', 'false', 'ads', 'other'] as const;
export type RejectPreset = (typeof REJECT_PRESETS)[number];

/**
 * The reason a rejection states (log, and the statement of reasons to the author): the
 * preset's words in the site's language, then the moderator's own. Refused when neither
 * says anything, or when "other" comes without an explanation.
 */
export function rejectReason(preset: unknown, text: unknown, label: (preset: RejectPreset) => string): string {
  const own = typeof text === 'string' ? text.trim() : '';
  if (preset === undefined || preset === '') {
    if (!own) throw new AppError('VALIDATION', { field: 'reason', detail: 'a reason is required' });
    return own;
  }
  if (!(REJECT_PRESETS as readonly unknown[]).includes(preset)) throw new AppError('VALIDATION', { field: 'preset' });
  if (preset === 'other') {
    if (!own) throw new AppError('VALIDATION', { field: 'reason', detail: 'explain the other reason' });
    return own;
  }
  const words = label(preset as RejectPreset);
  return own ? `${words}: ${own}` : words;
}

/** Ban lengths the desk offers, in days; 0 is "until lifted". */
export const BAN_DAYS = [1, 7, 30, 365, 0] as const;

export interface DeskActionDeps {
  db: Kysely<Database>;
  rules: Pick<Moderation, 'trusted' | 'bans'>;
  decide: Decide;
  postComment: (caller: Caller, article: number, input: CommentInput) => Promise<{ id: number; status: string }>;
  now: () => Date;
}

export function makeDeskActions(deps: DeskActionDeps) {
  const db = moderationDb(deps.db);

  function moderator(caller: Caller) {
    if (!hasRole(caller, ROLES_FOR.moderate)) throw new AppError('FORBIDDEN');
    return actorOf(caller);
  }

  async function comment(id: number) {
    if (!Number.isInteger(id) || id <= 0) throw new AppError('VALIDATION', { field: 'id' });
    const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.status === 'deleted') throw new AppError('NOT_FOUND', { field: 'id' });
    return row;
  }

  const waiting = (row: { status: string; pending_body: string | null }) => row.status === 'pending' || (row.status === 'published' && row.pending_body !== null);

  return {
    async trust(caller: Caller, id: number, reason: unknown = ''): Promise<void> {
      const actor = moderator(caller);
      const row = await comment(id);
      if (row.identity.startsWith('user:')) throw new AppError('VALIDATION', { field: 'id', detail: 'staff need no trust' });
      await deps.rules.trusted.add(actor, { commentId: id, reason: typeof reason === 'string' ? reason : '' });
      if (waiting(row)) await deps.decide(caller, [id], 'approve', typeof reason === 'string' ? reason : '');
    },

    async ban(caller: Caller, id: number, input: { days: unknown; reason: unknown }): Promise<void> {
      const actor = moderator(caller);
      const days = Number(input.days);
      if (!(BAN_DAYS as readonly number[]).includes(days)) throw new AppError('VALIDATION', { field: 'days' });
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (!reason) throw new AppError('VALIDATION', { field: 'reason', detail: 'a reason is required' });
      const row = await comment(id);
      if (row.identity.startsWith('user:')) throw new AppError('VALIDATION', { field: 'id', detail: 'staff are not banned here' });
      const expiresAt = days === 0 ? null : new Date(deps.now().getTime() + days * 86_400_000);
      await deps.rules.bans.add(actor, { kind: row.identity.startsWith('email:') ? 'email' : 'account', commentId: id, reason, expiresAt });
      if (row.status !== 'rejected' && row.status !== 'spam') await deps.decide(caller, [id], 'reject', reason);
    },

    async reply(caller: Caller, id: number, body: unknown): Promise<{ id: number }> {
      const actor = moderator(caller);
      if (caller.kind !== 'staff') throw new AppError('FORBIDDEN');
      const row = await comment(id);
      if (row.status === 'rejected' || row.status === 'spam') throw new AppError('VALIDATION', { field: 'id', detail: 'a removed comment cannot be answered' });
      if (row.status === 'pending') await deps.decide(caller, [id], 'approve', '');
      const posted = await deps.postComment(caller, row.article_id, { body: typeof body === 'string' ? body : '', parentId: id, notify: false });
      await writeLog(db, {
        actor, action: 'reply', commentId: id, articleId: row.article_id, target: `comment:${posted.id}`, detail: '', reason: '', at: deps.now().toISOString(),
      });
      return { id: posted.id };
    },
  };
}

export type DeskActions = ReturnType<typeof makeDeskActions>;
