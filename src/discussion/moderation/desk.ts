/**
 * Bulk decisions from the moderation desk: approve, reject or mark as spam many comments
 * at once, each through `discussion.moderate` (so each lands in the log with actor and
 * reason). Approve and spam teach the classifier, as single decisions do; rejecting a
 * comment readers could see issues a statement of reasons to its author (Art. 17 DSA).
 *
 * @example
 *   const desk = createDesk({ db, discussion, learn: spam.learn, settings, jobs, now });
 *   await desk.bulk([12, 13], 'reject', { userId: 1, name: 'Moderation' }, 'Beleidigung');
 */
import type { Kysely } from 'kysely';
import type { CommentRow, Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { SettingsService } from '../../platform/settings.js';
import type { DiscussionService, ModerationAction } from '../service.js';
import type { Actor } from './log.js';
import { DEFAULT_GROUND } from './mail-text.js';
import { issueStatement } from './statements.js';
import { moderationDb } from './tables.js';

export const BULK_ACTIONS = ['approve', 'reject', 'spam'] as const satisfies readonly ModerationAction[];
export const BULK_MAX = 200;

export type BulkResult = { id: number; status: string } | { id: number; error: string };

export function isBulkAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (BULK_ACTIONS as readonly string[]).includes(value);
}

export function createDesk(deps: {
  db: Kysely<Database>;
  discussion: Pick<DiscussionService, 'moderate' | 'store'>;
  learn?: (row: Pick<CommentRow, 'body'>, label: 'spam' | 'ham') => Promise<void>;
  settings: Pick<SettingsService, 'get'>;
  jobs?: Pick<JobQueue, 'enqueue' | 'wake'> | null;
  now?: () => Date;
}) {
  const db = moderationDb(deps.db);
  const now = deps.now ?? (() => new Date());

  return {
    /** Decides on each comment in turn; one that fails (gone meanwhile) does not stop the rest. */
    async bulk(ids: readonly number[], action: unknown, actor: Actor, reason = ''): Promise<BulkResult[]> {
      if (!isBulkAction(action)) throw new AppError('VALIDATION', { field: 'action' });
      const unique = [...new Set(ids)];
      if (unique.length === 0 || unique.length > BULK_MAX || unique.some((id) => !Number.isInteger(id) || id <= 0)) {
        throw new AppError('VALIDATION', { field: 'ids' });
      }
      const why = reason.trim().slice(0, 2000);
      const lang = (await deps.settings.get('site')).language;
      const results: BulkResult[] = [];
      let queued = false;
      for (const id of unique) {
        const before = await deps.discussion.store.byId(id);
        try {
          const row = await deps.discussion.moderate(id, action, actor, why);
          if (action !== 'reject') await deps.learn?.(row, action === 'spam' ? 'spam' : 'ham');
          // Spam is exempt from statements (high-volume commercial content); pending
          // comments were never visible, so nothing was taken from readers.
          if (action === 'reject' && before?.status === 'published') {
            await db.transaction().execute((tx) =>
              issueStatement(tx, deps.jobs ?? null, {
                comment: row, noticeId: null, ground: DEFAULT_GROUND[lang].rules, facts: why || DEFAULT_GROUND[lang].rules,
                at: now().toISOString(),
              }),
            );
            queued = true;
          }
          results.push({ id, status: row.status });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({ id, error: error.code });
        }
      }
      if (queued) deps.jobs?.wake();
      return results;
    },
  };
}

export type Desk = ReturnType<typeof createDesk>;
