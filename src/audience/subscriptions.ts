/**
 * The reader's side of the newsletter: sign up (double opt-in), confirm, change topics
 * and name, leave. Pages and the API call these; every answer to a sign-up is the same,
 * whether the address is new, pending, subscribed or gone, so the form reveals nothing.
 *
 * @example
 *   const subs = createSubscriptions({ db, jobs, bus, secret, now, offeredTopics });
 *   await subs.subscribe({ email: 'lea@example.org', name: 'Lea', topics: ['stadtrat'] });
 *   const result = await subs.confirm(tokenFromTheMail);
 */
import type { EventBus } from '../platform/events.js';
import type { JobQueue } from '../platform/jobs/index.js';
import { AppError } from '../platform/errors.js';
import { cleanPersonName } from '../platform/names.js';
import { emailHash } from '../platform/privacy.js';
import { normaliseEmail } from './address.js';
import type { AudienceTables } from './types.js';
import { readConfirmToken, readManageToken } from './tokens.js';
import {
  claimConfirmMail, findSubscriber, insertSubscriber, setTopics, topicsOf, unsubscribeRow,
  type AudienceDb, type SubscriberRow,
} from './store.js';

/** No second confirmation mail to one address within this window (the page says 30 minutes). */
export const CONFIRM_WINDOW_MS = 30 * 60_000;
export const CONFIRM_JOB = 'newsletter.confirm';
const MAX_NAME = 100;

export interface SubscriptionDeps {
  db: AudienceDb;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  bus: Pick<EventBus, 'emit'>;
  secret: string;
  now: () => Date;
  /** Tag slugs the newsroom offers (settings); anything else a form sends is dropped. */
  offeredTopics: () => Promise<string[]>;
}

export type LinkFailure = 'invalid' | 'expired' | 'unknown' | 'notPending';
export type LinkResult = { ok: true; subscriber: SubscriberRow; topics: string[] } | { ok: false; reason: LinkFailure };

export interface SignUp {
  email: unknown;
  name?: unknown;
  topics?: unknown;
}

export function cleanName(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new AppError('VALIDATION', { field: 'name' });
  // The one rule for person names; a name with nothing visible left is no name (optional here).
  const name = cleanPersonName(value, Number.MAX_SAFE_INTEGER) ?? '';
  if (name.length > MAX_NAME) throw new AppError('VALIDATION', { field: 'name', detail: `at most ${MAX_NAME} characters` });
  return name;
}

/** A form sends one value as a string and several as an array. */
export function cleanTopics(value: unknown, offered: readonly string[]): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && offered.includes(v)))];
}

export function createSubscriptions(deps: SubscriptionDeps) {
  const { db, secret, now } = deps;

  async function byManageToken(token: unknown): Promise<LinkResult> {
    const check = readManageToken(secret, token);
    if (!check.ok) return check;
    const subscriber = await findSubscriber(db, 'id', check.subscriberId);
    if (!subscriber) return { ok: false, reason: 'unknown' };
    return { ok: true, subscriber, topics: await topicsOf(db, subscriber.id) };
  }

  async function confirmation(token: unknown): Promise<LinkResult> {
    const check = readConfirmToken(secret, token, now());
    if (!check.ok) return check;
    const subscriber = await findSubscriber(db, 'id', check.subscriberId);
    if (!subscriber) return { ok: false, reason: 'unknown' };
    if (subscriber.status !== 'pending' && subscriber.status !== 'active') return { ok: false, reason: 'notPending' };
    return { ok: true, subscriber, topics: await topicsOf(db, subscriber.id) };
  }

  return {
    /**
     * New, unsubscribed or bounced addresses become pending and get a confirmation
     * mail; a pending one gets its choices updated; an active one is left alone (an
     * anonymous form must not change a reader's settings) and gets a note. At most one
     * mail per address per `CONFIRM_WINDOW_MS`.
     */
    async subscribe(input: SignUp): Promise<void> {
      const email = normaliseEmail(input.email);
      if (!email) throw new AppError('EMAIL_INVALID', { field: 'email' });
      const name = cleanName(input.name);
      const topics = cleanTopics(input.topics, await deps.offeredTopics());
      const at = now();
      const iso = at.toISOString();
      const mailed = await db.transaction().execute(async (tx) => {
        const { row, created } = await insertSubscriber(tx, {
          email, email_hash: emailHash(email, secret), name, status: 'pending', source: 'form', subscribed_at: iso,
          confirmed_at: null, unsubscribed_at: null, bounced_at: null, bounce_reason: null, confirm_sent_at: null, updated_at: iso,
        });
        if (row.status === 'pending') {
          if (!created) await tx.updateTable('subscribers').set({ name, updated_at: iso }).where('id', '=', row.id).execute();
          await setTopics(tx, row.id, topics);
        } else if (row.status === 'unsubscribed' || row.status === 'bounced') {
          // A fresh consent: the earlier one ended when the reader left (or the address bounced).
          await tx
            .updateTable('subscribers')
            .set({ email, name, status: 'pending', source: 'form', subscribed_at: iso, confirmed_at: null, unsubscribed_at: null, bounced_at: null, bounce_reason: null, confirm_sent_at: null, updated_at: iso })
            .where('id', '=', row.id)
            .execute();
          await setTopics(tx, row.id, topics);
        }
        if (!(await claimConfirmMail(tx, row.id, at, CONFIRM_WINDOW_MS))) return false;
        await deps.jobs.enqueue<{ subscriberId: number }, AudienceTables>(CONFIRM_JOB, { subscriberId: row.id }, {}, tx);
        return true;
      });
      if (mailed) deps.jobs.wake();
    },

    /** What the confirmation page shows before the reader presses the button. */
    confirmation,

    /** The double opt-in's second step; a repeat is harmless and answers the same. */
    async confirm(token: unknown): Promise<LinkResult> {
      const found = await confirmation(token);
      if (!found.ok || found.subscriber.status === 'active') return found;
      const iso = now().toISOString();
      const result = await db
        .updateTable('subscribers')
        .set({ status: 'active', confirmed_at: iso, updated_at: iso })
        .where('id', '=', found.subscriber.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) await deps.bus.emit('subscriber.confirmed', { subscriberId: found.subscriber.id });
      return { ok: true, subscriber: { ...found.subscriber, status: 'active', confirmed_at: iso }, topics: found.topics };
    },

    preferences: byManageToken,

    async savePreferences(token: unknown, input: { name?: unknown; topics?: unknown }): Promise<LinkResult> {
      const found = await byManageToken(token);
      if (!found.ok || found.subscriber.status !== 'active') return found;
      const name = cleanName(input.name);
      const topics = cleanTopics(input.topics, await deps.offeredTopics());
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('subscribers').set({ name, updated_at: now().toISOString() }).where('id', '=', found.subscriber.id).execute();
        await setTopics(tx, found.subscriber.id, topics);
      });
      return { ok: true, subscriber: { ...found.subscriber, name }, topics };
    },

    /** RFC 8058 one-click: no confirmation step, idempotent, same answer every time. */
    async unsubscribe(token: unknown): Promise<LinkResult> {
      const found = await byManageToken(token);
      if (!found.ok) return found;
      await db.transaction().execute((tx) => unsubscribeRow(tx, found.subscriber.id, now()));
      return { ok: true, subscriber: { ...found.subscriber, status: 'unsubscribed', email: null, name: '' }, topics: [] };
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
