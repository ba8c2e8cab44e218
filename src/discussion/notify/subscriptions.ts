/**
 * Reply subscriptions: made when a writer ticks "notify me", confirmed by a mailed link
 * (double opt-in for guests; staff and addresses that confirmed before need none),
 * ended by an unsubscribe link. Shared by the post hook, the event listeners and the
 * pages, so each of them is one call here.
 *
 * @example
 *   const subscriptions = createReplySubscriptions({ db, jobs, secret, now });
 *   await subscriptions.subscribe({ commentId: 9, articleId: 2, status: 'published', email: 'lea@example.org', userId: null });
 *   await subscriptions.confirm(tokenFromTheMail); // { state: 'confirmed', commentId: 9 }
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { emailHash } from '../../platform/privacy.js';
import type { ReplyNotifyRequest } from '../service.js';
import { createNotifyStore } from './store.js';
import type { SubscriptionRow, SubscriptionStatus } from './tables.js';
import { isConfirmToken, tokenHash, verifyUnsubscribe, type UnsubscribeTarget } from './tokens.js';

export interface SubscriptionDeps {
  db: Kysely<Database>;
  jobs: Pick<JobQueue, 'enqueue'>;
  secret: string;
  now: () => Date;
}

/** Where a confirmation link stands; `commentId` lets the page link back to the comment. */
export interface ConfirmState {
  state: SubscriptionStatus;
  commentId: number;
}

/** A verified unsubscribe link; `commentId` for reply subscriptions. */
export type UnsubscribeLink = UnsubscribeTarget & { commentId: number | null };

export const CONFIRM_JOB = 'notify.confirm';

export function createReplySubscriptions(deps: SubscriptionDeps) {
  const store = createNotifyStore(deps.db);
  const hashOf = (email: string) => emailHash(email, deps.secret);
  const stamp = () => deps.now().toISOString();

  async function askToConfirm(sub: SubscriptionRow): Promise<void> {
    // One confirmation mail per address and hour however many comments ask, so the form
    // cannot flood someone's inbox; confirming any one link confirms them all.
    const hour = deps.now().toISOString().slice(0, 13);
    await deps.jobs.enqueue(CONFIRM_JOB, { subscriptionId: sub.id }, { dedupeKey: `confirm:${hashOf(sub.email)}:${hour}` });
  }

  async function byToken(token: unknown): Promise<SubscriptionRow | null> {
    if (!isConfirmToken(token)) return null;
    return (await store.subscriptionByToken(tokenHash(token))) ?? null;
  }

  /** What a genuine unsubscribe link stops, if it still exists; null for anything else. */
  async function target(token: unknown): Promise<UnsubscribeLink | null> {
    const verified = verifyUnsubscribe(deps.secret, token);
    if (!verified) return null;
    if (verified.kind === 'reply') {
      const sub = await store.subscriptionById(verified.id);
      return sub ? { ...verified, commentId: sub.comment_id } : null;
    }
    return (await store.user(verified.id)) ? { ...verified, commentId: null } : null;
  }

  return {
    store,

    async subscribe(request: ReplyNotifyRequest): Promise<void> {
      let email = request.email.trim().toLowerCase();
      let confirmed: boolean;
      if (request.userId !== null) {
        // Staff are signed in with an account whose address the newsroom set up.
        const user = await store.user(request.userId);
        if (!user) return;
        email = user.email.toLowerCase();
        confirmed = true;
      } else {
        confirmed = await store.isConfirmedAddress(hashOf(email));
      }
      if (!email) return;
      const at = stamp();
      const sub = await store.addSubscription({ commentId: request.commentId, email, status: confirmed ? 'confirmed' : 'pending', at });
      if (confirmed) await store.rememberAddress(hashOf(email), at);
      // A held comment waits for its approval (see `published`): no mail to an address
      // taken from a comment the moderators may still throw out as spam.
      if (sub?.status === 'pending' && request.status === 'published') await askToConfirm(sub);
    },

    /** A comment became visible: a subscription that waited for that asks for confirmation now. */
    async published(commentId: number): Promise<void> {
      const sub = await store.subscriptionOf(commentId);
      if (sub?.status === 'pending') await askToConfirm(sub);
    },

    async inspect(token: unknown): Promise<ConfirmState | null> {
      const sub = await byToken(token);
      return sub ? { state: sub.status, commentId: sub.comment_id } : null;
    },

    async confirm(token: unknown): Promise<ConfirmState | null> {
      const sub = await byToken(token);
      if (!sub) return null;
      // An unsubscribed subscription stays so: the link in an old mail does not revive it.
      if (sub.status === 'pending') await store.confirmAddress(sub.email, hashOf(sub.email), stamp());
      const now = await store.subscriptionById(sub.id);
      return now ? { state: now.status, commentId: now.comment_id } : null;
    },

    target,

    async unsubscribe(token: unknown): Promise<UnsubscribeLink | null> {
      const found = await target(token);
      if (!found) return null;
      if (found.kind === 'reply') await store.unsubscribe(found.id, stamp());
      else await store.optOut(found.id, found.kind, stamp());
      return found;
    },

    forget: (commentId: number) => store.forgetComment(commentId, hashOf),
  };
}

export type ReplySubscriptions = ReturnType<typeof createReplySubscriptions>;
