/**
 * Subscriber SQL, written once for SQLite and PostgreSQL. Every function takes the
 * Kysely instance to use, so callers can run several in one transaction.
 *
 * @example
 *   const db = audienceDb(handle);
 *   const reader = await findSubscriber(db, 'hash', emailHash(email, secret));
 *   await db.transaction().execute((tx) => setTopics(tx, reader!.id, ['stadtrat']));
 */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseHandle } from '../platform/db/index.js';
import type { AudienceTables, SubscriberStatus, SubscribersTable } from './types.js';

export type AudienceDb = Kysely<AudienceTables>;
export type SubscriberRow = Selectable<SubscribersTable>;

export function audienceDb(handle: Pick<DatabaseHandle, 'db'>): AudienceDb {
  return handle.db.withTables<AudienceTables>();
}

export async function findSubscriber(db: AudienceDb, by: 'id' | 'hash', value: number | string): Promise<SubscriberRow | null> {
  const query = db.selectFrom('subscribers').selectAll();
  const row = await (by === 'id' ? query.where('id', '=', Number(value)) : query.where('email_hash', '=', String(value))).executeTakeFirst();
  return row ?? null;
}

export async function topicsOf(db: AudienceDb, subscriberId: number): Promise<string[]> {
  const rows = await db.selectFrom('subscriber_topics').select('topic').where('subscriber_id', '=', subscriberId).orderBy('topic').execute();
  return rows.map((r) => r.topic);
}

/** Topics of many subscribers at once (the CSV export). */
export async function topicsOfMany(db: AudienceDb, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('subscriber_topics').select(['subscriber_id', 'topic']).where('subscriber_id', 'in', ids).orderBy('topic').execute();
  for (const row of rows) (map.get(row.subscriber_id) ?? map.set(row.subscriber_id, []).get(row.subscriber_id)!).push(row.topic);
  return map;
}

export async function setTopics(db: AudienceDb, subscriberId: number, topics: readonly string[]): Promise<void> {
  await db.deleteFrom('subscriber_topics').where('subscriber_id', '=', subscriberId).execute();
  const unique = [...new Set(topics)];
  if (unique.length) await db.insertInto('subscriber_topics').values(unique.map((topic) => ({ subscriber_id: subscriberId, topic }))).execute();
}

/**
 * Inserts a subscriber unless the address is known; answers the row either way. ON
 * CONFLICT rather than catching the violation: in PostgreSQL a failed statement would
 * abort the caller's transaction (two sign-ups of one address racing).
 */
export async function insertSubscriber(
  db: AudienceDb,
  row: Omit<SubscribersTable, 'id'>,
): Promise<{ row: SubscriberRow; created: boolean }> {
  const inserted = await db
    .insertInto('subscribers')
    .values(row)
    .onConflict((oc) => oc.column('email_hash').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  return { row: (await findSubscriber(db, 'hash', row.email_hash))!, created: false };
}

/**
 * Claims the right to send a confirmation (or "already subscribed") mail: true for at
 * most one caller per window, however many sign-ups of the address arrive at once.
 */
export async function claimConfirmMail(db: AudienceDb, subscriberId: number, now: Date, windowMs: number): Promise<boolean> {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const result = await db
    .updateTable('subscribers')
    .set({ confirm_sent_at: now.toISOString() })
    .where('id', '=', subscriberId)
    .where((eb) => eb.or([eb('confirm_sent_at', 'is', null), eb('confirm_sent_at', '<', cutoff)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Leaving erases the address and name; the keyed hash and the consent times stay as proof. */
export async function unsubscribeRow(db: AudienceDb, subscriberId: number, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('subscribers')
    .set({ status: 'unsubscribed', email: null, name: '', unsubscribed_at: at, updated_at: at })
    .where('id', '=', subscriberId)
    .where('status', '!=', 'unsubscribed')
    .executeTakeFirst();
  await db.deleteFrom('subscriber_topics').where('subscriber_id', '=', subscriberId).execute();
  return Number(result.numUpdatedRows) === 1;
}

/** A mail server refused the address for good: no more mail to it. */
export async function markBounced(db: AudienceDb, subscriberId: number, reason: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('subscribers')
    .set({ status: 'bounced', bounced_at: at, bounce_reason: reason.slice(0, 500), updated_at: at })
    .where('id', '=', subscriberId)
    .where('status', 'in', ['active', 'pending'])
    .execute();
}

export interface SubscriberCounts {
  byStatus: Record<SubscriberStatus, number>;
  /** Active readers who chose each topic (tag slug). */
  byTopic: Map<string, number>;
  /** Active readers who chose no topic: they receive every issue. */
  withoutTopic: number;
}

/** The figures the admin shows above the send form: three grouped counts, no rows. */
export async function countSubscribers(db: AudienceDb): Promise<SubscriberCounts> {
  const byStatus: Record<SubscriberStatus, number> = { pending: 0, active: 0, unsubscribed: 0, bounced: 0 };
  const statuses = await db
    .selectFrom('subscribers')
    .select((eb) => ['status', eb.fn.countAll<number | string | bigint>().as('n')])
    .groupBy('status')
    .execute();
  for (const row of statuses) if (row.status in byStatus) byStatus[row.status] = Number(row.n);
  const topics = await db
    .selectFrom('subscriber_topics as t')
    .innerJoin('subscribers as s', 's.id', 't.subscriber_id')
    .select((eb) => ['t.topic', eb.fn.countAll<number | string | bigint>().as('n')])
    .where('s.status', '=', 'active')
    .groupBy('t.topic')
    .execute();
  const without = await db
    .selectFrom('subscribers as s')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('s.status', '=', 'active')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('subscriber_topics as t').select('t.topic').whereRef('t.subscriber_id', '=', 's.id'))))
    .executeTakeFirstOrThrow();
  return { byStatus, byTopic: new Map(topics.map((r) => [r.topic, Number(r.n)])), withoutTopic: Number(without.n) };
}
