/**
 * Wires notifications into a running site: the mail job handlers, and listeners that
 * turn discussion events into jobs. Every job has a dedupe key, so the same event seen
 * twice (a moderator approving again, or another node through the PostgreSQL bridge,
 * which replays events to every node's listeners) still makes one mail.
 *
 * - `comment.published`: a waiting subscription asks for confirmation; the parent's
 *   confirmed subscriber gets a reply mail (`reply:<commentId>:<subscriptionId>`); the
 *   article's authors with a staff account get a digest at most once an hour per article
 *   (`digest:<userId>:<articleId>:after:<last digest job>`, see digest.ts), or a mail per comment
 *   (`author:<commentId>:<userId>`) if they chose so on their account page.
 * - `comment.pending`: each moderator gets at most one queue mail per hour
 *   (`queue:<userId>:<YYYY-MM-DDTHH>`).
 * - `comment.updated` to `deleted`: the comment's subscription is forgotten.
 *
 * @example
 *   const notify = connectNotifications({ db, bus, jobs, mailer, settings, secret, publicUrl, logger, now });
 *   const discussion = createDiscussionService({ ..., notifyReplies: notify.subscribe });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/logging.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { SettingsService } from '../../platform/settings.js';
import type { AnnouncedComment, ReplyNotifyRequest } from '../service.js';
import { AUTHOR_JOB, notificationJobs, QUEUE_JOB, REPLY_JOB } from './handlers.js';
import { createDigests } from './digest.js';
import { writerEmail } from './store.js';
import { createReplySubscriptions } from './subscriptions.js';
import { forThisTurn } from '../../platform/turn.js';

export interface NotificationDeps {
  db: Kysely<Database>;
  bus: Pick<EventBus, 'on'>;
  jobs: Pick<JobQueue, 'enqueue' | 'register'> & Partial<Pick<JobQueue, 'waiting'>>;
  mailer: Pick<Mailer, 'send'>;
  settings: Pick<SettingsService, 'get'>;
  secret: string;
  publicUrl: string;
  logger: Pick<Logger, 'error'>;
  now: () => Date;
}

export interface Notifications {
  subscribe(request: ReplyNotifyRequest): Promise<void>;
  /** The post operation, just before it announces a comment: see `AnnouncedComment`. */
  announcing(comment: AnnouncedComment): void;
}

export function connectNotifications(deps: NotificationDeps): Notifications {
  const { bus, jobs, now } = deps;
  const subscriptions = createReplySubscriptions(deps);
  const { store } = subscriptions;
  const digests = createDigests({ db: deps.db, jobs, store, now });
  for (const [kind, handler] of Object.entries(notificationJobs({ ...deps, store, digests }))) jobs.register(kind, handler);

  // Mails and digests are the business of the process that stored the comment: the same
  // event reaching another process, a render thread (which would write to the database
  // beside the main thread's group commit) or another node (PostgreSQL's bridge) is skipped.
  // Guests' comments this process stored and is announcing (issue 16): the writer is known
  // and the subscription, if asked for, is made after the announcement (`subscribe` asks
  // for confirmation itself), so neither is read. Approvals and staff go the long way.
  const announced = new Map<number, string>();
  // The comments of one group are announced in one turn, mostly on one article (issue 16).
  const authorsOf = forThisTurn((articleId: number) => store.articleAuthorUsers(articleId));
  bus.on('comment.published', async ({ commentId, articleId, parentId }, { remote }) => {
    if (remote) return;
    const guest = announced.get(commentId);
    announced.delete(commentId);
    let writer: string;
    let writerId: number | null = null;
    if (guest !== undefined) writer = guest;
    else {
      await subscriptions.published(commentId);
      const comment = await store.commentForMail(commentId);
      if (!comment) return;
      writer = writerEmail(comment);
      writerId = comment.user_id;
    }
    const told = new Set<string>();
    if (parentId !== null) {
      const sub = await store.subscriptionOf(parentId);
      // Never about one's own reply, whichever way it was written (guest or signed in).
      if (sub?.status === 'confirmed' && sub.email !== writer) {
        await jobs.enqueue(REPLY_JOB, { commentId, subscriptionId: sub.id }, { dedupeKey: `reply:${commentId}:${sub.id}` });
        told.add(sub.email);
      }
    }
    for (const author of await authorsOf(articleId)) {
      const email = author.email.toLowerCase();
      // An author who subscribed to the parent already hears about this reply once.
      if (author.id === writerId || email === writer || told.has(email)) continue;
      // A digest at most once per window, unless the author asked for every comment (issue 11).
      if ((await digests.onComment(articleId, author.id, commentId)) !== 'each') continue;
      await jobs.enqueue(AUTHOR_JOB, { commentId, userId: author.id }, { dedupeKey: `author:${commentId}:${author.id}` });
    }
  });

  bus.on('comment.pending', async (_payload, { remote }) => {
    if (remote) return;
    const hour = now().toISOString().slice(0, 13);
    for (const moderator of await store.moderators()) {
      await jobs.enqueue(QUEUE_JOB, { userId: moderator.id }, { dedupeKey: `queue:${moderator.id}:${hour}` });
    }
  });

  bus.on('comment.updated', async ({ commentId, status }, { remote }) => {
    if (!remote && status === 'deleted') await subscriptions.forget(commentId);
  });

  return {
    // The comment is stored by now: a failure here must not turn its success into an error
    // (a retry would be refused as a duplicate), so it is logged instead.
    announcing({ commentId, userId, authorEmail }) {
      if (userId !== null) return;
      // Taken by the listener at once; the bound only guards against an emit that never came.
      if (announced.size >= 1_000) announced.clear();
      announced.set(commentId, writerEmail({ author_email: authorEmail, user_email: null }));
    },
    async subscribe(request) {
      try {
        await subscriptions.subscribe(request);
      } catch (error) {
        deps.logger.error({ err: error, commentId: request.commentId }, 'could not subscribe to replies');
      }
    },
  };
}
