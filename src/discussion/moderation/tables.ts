/**
 * The tables of `0009_moderation`, kept here because this folder owns them. Type aliases,
 * not interfaces: Kysely's `withTables` wants types with an implicit index signature.
 *
 * @example
 *   const db = handle.db.withTables<ModerationTables>();
 *   await db.selectFrom('moderation_bans').selectAll().execute();
 */
import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export type FilterKind = 'word' | 'domain';
export type FilterAction = 'hold' | 'reject';
export type BanKind = 'account' | 'email' | 'ip';
export type NoticeStatus = 'open' | 'removed' | 'kept';

export type FiltersTable = {
  id: Generated<number>;
  kind: FilterKind;
  /** Normalised: a lower-case word or phrase, or a host without `www.`. */
  pattern: string;
  action: FilterAction;
  created_by: string;
  created_at: string;
};

export type BansTable = {
  id: Generated<number>;
  kind: BanKind;
  /** `account`: the comment identity (`user:7`); `email`: the e-mail hash; `ip`: the day's IP hash. */
  value: string;
  reason: string;
  expires_at: string | null;
  created_by_user_id: number | null;
  created_by: string;
  created_at: string;
  /** Bans are lifted, never deleted, so the record of who banned whom stays. */
  lifted_at: string | null;
  lifted_by: string | null;
};

export type TrustedTable = {
  /** The comment identity (`email:<hash>` or `user:<id>`). */
  identity: string;
  /** The name the commenter wrote under when trusted, for the desk; not shown publicly. */
  label: string;
  reason: string;
  created_by: string;
  created_at: string;
};

export type ReportsTable = {
  id: Generated<number>;
  comment_id: number;
  reason: string;
  note: string;
  /** Session hash (or IP hash): one report per reader and comment. */
  reporter: string;
  created_at: string;
};

export type NoticesTable = {
  id: Generated<number>;
  comment_id: number;
  article_id: number;
  category: string;
  explanation: string;
  notifier_name: string;
  notifier_email: string;
  good_faith: number;
  created_at: string;
  deadline_at: string;
  status: NoticeStatus;
  decided_at: string | null;
  decided_by_user_id: number | null;
  decided_by: string | null;
  decision_reason: string | null;
  decision_ground: string | null;
};

export type StatementsTable = {
  id: Generated<number>;
  comment_id: number;
  article_id: number;
  notice_id: number | null;
  /** What was restricted: for now always `removed`. */
  decision: string;
  /** The legal or terms-of-use ground relied on. */
  ground: string;
  /** The facts and circumstances, as the moderator wrote them. */
  facts: string;
  /** Whether the comment came to us by a notice rather than our own review. */
  by_notice: number;
  created_at: string;
};

export type ModerationTables = {
  moderation_filters: FiltersTable;
  moderation_bans: BansTable;
  moderation_trusted: TrustedTable;
  comment_reports: ReportsTable;
  dsa_notices: NoticesTable;
  moderation_statements: StatementsTable;
  /** `0009` adds `target` ("ban:3", "notice:5") and `detail` (what exactly changed) to the existing log. */
  moderation_log: { target: string | null; detail: Generated<string> };
};

export type ModerationDatabase = Database & ModerationTables;
export type ModerationDb = Kysely<ModerationDatabase>;
export type ModerationTx = ModerationDb | Transaction<ModerationDatabase>;

export type FilterRow = Selectable<FiltersTable>;
export type BanRow = Selectable<BansTable>;
export type TrustedRow = Selectable<TrustedTable>;
export type NoticeRow = Selectable<NoticesTable>;
export type StatementRow = Selectable<StatementsTable>;

/** Our view of the shared database handle. */
export function moderationDb(db: Kysely<Database>): ModerationDb {
  return db.withTables<ModerationTables>();
}
