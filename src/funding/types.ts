/**
 * The supporters' tables (`0030_supporters`). Money is whole cents, days are ISO dates
 * (`2026-06-01`), times ISO-8601 UTC text, as elsewhere. IBANs exist only encrypted
 * (`iban_cipher`), as a keyed hash for matching (`iban_hash`) and masked for display.
 */
import type { Generated } from 'kysely';

export type Interval = 'monthly' | 'quarterly' | 'yearly';
export const INTERVALS: readonly Interval[] = ['monthly', 'quarterly', 'yearly'];
export const INTERVAL_MONTHS: Record<Interval, number> = { monthly: 1, quarterly: 3, yearly: 12 };

export type MandateStatus = 'pending' | 'active' | 'paused' | 'ended';
export type DebitStatus = 'exported' | 'booked' | 'returned';
export type ExportStatus = 'exported' | 'uploaded' | 'undone';
/** What a bank line turned out to be. */
export type EntryKind = 'debit' | 'return' | 'transfer' | 'other';
/** How a line was tied to a supporter: by end-to-end id, the reference code, IBAN and name, an appeal code, a person. */
export type MatchedBy = 'e2e' | 'reference' | 'iban' | 'appeal' | 'manual' | 'none';

export type SupportersTable = {
  id: Generated<number>;
  /** Null once erased. */
  email: string | null;
  /** Keyed hash of the address: one supporter per address. Null once erased. */
  email_hash: string | null;
  name: string;
  street: string;
  postcode: string;
  city: string;
  lang: string;
  /** The short code for transfers (`SUP-7K3Q9D`), in the remittance line of a personal GiroCode. */
  reference: string;
  note: string;
  /** Bumped to revoke every self-service link already mailed. */
  link_version: number;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
};

export type MandatesTable = {
  id: Generated<number>;
  supporter_id: number;
  /** The SEPA mandate reference (MndtId), unique, at most 35 characters. */
  reference: string;
  status: MandateStatus;
  account_holder: string;
  /** AES-256-GCM, see crypto.ts. Null once the supporter was erased. */
  iban_cipher: string | null;
  iban_hash: string;
  iban_masked: string;
  bic: string;
  amount_cents: number;
  interval: Interval;
  /** The mandate text the reader agreed to, word for word (proof of the mandate). */
  consent_text: string;
  consent_ip_hash: string;
  created_at: string;
  confirmed_at: string | null;
  /** Date of signature (DtOfSgntr): the day the double opt-in completed the mandate. */
  signed_on: string | null;
  /** The next period not yet exported; null while pending or ended. */
  next_due: string | null;
  returns: number;
  pause_reason: string | null;
  ended_at: string | null;
  confirm_sent_at: string | null;
  updated_at: string;
};

/** Amount history: the amount for a due day is the latest row whose `from_day` is on or before it. */
export type MandateAmountsTable = {
  id: Generated<number>;
  mandate_id: number;
  from_day: string;
  amount_cents: number;
  created_at: string;
};

export type DebitsTable = {
  id: Generated<number>;
  mandate_id: number;
  supporter_id: number;
  export_id: number;
  /** The period this debit pays for; unique per mandate: nothing is collected twice. */
  due_on: string;
  collect_on: string;
  amount_cents: number;
  end_to_end_id: string;
  status: DebitStatus;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
};

export type DebitExportsTable = {
  id: Generated<number>;
  collect_on: string;
  message_id: string;
  status: ExportStatus;
  count: number;
  total_cents: number;
  xml: string;
  created_by: number | null;
  created_at: string;
  uploaded_at: string | null;
  undone_at: string | null;
};

export type StatementsTable = {
  id: Generated<number>;
  /** Account-servicer statement id plus creation time: what makes a file the same file. */
  statement_key: string;
  account_masked: string;
  from_day: string | null;
  to_day: string | null;
  entries: number;
  added: number;
  imported_by: number | null;
  imported_at: string;
};

/** One bank line (one transaction of a possibly batched entry): the payment record. */
export type StatementEntriesTable = {
  id: Generated<number>;
  statement_id: number;
  /** Unique: importing a line twice adds nothing. */
  entry_key: string;
  booked_on: string;
  amount_cents: number;
  direction: 'CRDT' | 'DBIT';
  kind: EntryKind;
  end_to_end_id: string | null;
  return_reason: string | null;
  payer_name: string;
  payer_iban_hash: string | null;
  remittance: string;
  matched_by: MatchedBy;
  supporter_id: number | null;
  debit_id: number | null;
  appeal: string | null;
  /** Kept until then for tax law (payment records), see README. */
  retain_until: string;
  created_at: string;
};

/** Accounts a supporter paid from, learnt when a person assigned a transfer. */
export type SupporterAccountsTable = {
  supporter_id: number;
  iban_hash: string;
};

export type ReceiptsTable = {
  id: Generated<number>;
  supporter_id: number;
  year: number;
  number: string;
  total_cents: number;
  /** JSON: the supporter's name and address and each gift, as they were when issued. */
  snapshot: string;
  issued_at: string;
  mailed_at: string | null;
  retain_until: string;
};

export type SupporterSettingsTable = {
  key: string;
  value: string;
  updated_at: string;
};

export type FundingTables = {
  supporters: SupportersTable;
  mandates: MandatesTable;
  mandate_amounts: MandateAmountsTable;
  debits: DebitsTable;
  debit_exports: DebitExportsTable;
  statements: StatementsTable;
  statement_entries: StatementEntriesTable;
  supporter_accounts: SupporterAccountsTable;
  receipts: ReceiptsTable;
  supporter_settings: SupporterSettingsTable;
};
