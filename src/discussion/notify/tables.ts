/**
 * The tables of `0008_notify`, kept here because this folder owns them. Type aliases, not
 * interfaces: Kysely's `withTables` wants types with an implicit index signature.
 *
 * @example
 *   const db = notifyDb(handle.db);
 *   await db.selectFrom('notify_subscriptions').selectAll().where('comment_id', '=', 7).execute();
 */
import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

/** "Tell me about replies to this comment": one row per comment, for its writer. */
export type SubscriptionsTable = {
  id: Generated<number>;
  comment_id: number;
  /** Lower-case; where reply mails go. */
  email: string;
  status: SubscriptionStatus;
  /** SHA-256 of the confirmation token last mailed; null until a confirmation mail is sent. */
  token_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
};

/** Addresses that once confirmed: later subscriptions from them need no second opt-in. */
export type AddressesTable = {
  /** `emailHash(email, secret)`: the plain address lives only on subscriptions. */
  email_hash: string;
  confirmed_at: string;
};

export type StaffMailKind = 'author' | 'queue';

/** Staff who unsubscribed from author or moderation-queue mails. */
export type OptOutsTable = {
  user_id: number;
  kind: StaffMailKind;
  created_at: string;
};

export type NotifyTables = {
  notify_subscriptions: SubscriptionsTable;
  notify_addresses: AddressesTable;
  notify_optouts: OptOutsTable;
};

export type NotifyDatabase = Database & NotifyTables;
export type NotifyDb = Kysely<NotifyDatabase>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;

/** Our view of the shared database handle. */
export function notifyDb(db: Kysely<Database>): NotifyDb {
  return db.withTables<NotifyTables>();
}
