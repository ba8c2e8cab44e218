/**
 * The supporters' SQL, written once for SQLite and PostgreSQL. Functions take the Kysely
 * instance to use, so an operation can run several in one transaction.
 *
 * @example
 *   const db = fundingDb(handle);
 *   const amount = await amountOn(db, mandateId, '2026-07-01');
 */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseHandle } from '../platform/db/index.js';
import type { FundingTables, MandatesTable, SupportersTable, StatementEntriesTable, DebitsTable, DebitExportsTable, ReceiptsTable } from './types.js';

export type FundingDb = Kysely<FundingTables>;
export type SupporterRow = Selectable<SupportersTable>;
export type MandateRow = Selectable<MandatesTable>;
export type EntryRow = Selectable<StatementEntriesTable>;
export type DebitRow = Selectable<DebitsTable>;
export type ExportRow = Selectable<DebitExportsTable>;
export type ReceiptRow = Selectable<ReceiptsTable>;

export function fundingDb(handle: Pick<DatabaseHandle, 'db'>): FundingDb {
  return handle.db.withTables<FundingTables>();
}

/** PostgreSQL answers counts and sums as strings or bigints. */
export const num = (value: unknown): number => Number(value ?? 0);

export async function supporterById(db: FundingDb, id: number): Promise<SupporterRow | null> {
  return (await db.selectFrom('supporters').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function mandateById(db: FundingDb, id: number): Promise<MandateRow | null> {
  return (await db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function mandatesOf(db: FundingDb, supporterId: number): Promise<MandateRow[]> {
  return db.selectFrom('mandates').selectAll().where('supporter_id', '=', supporterId).orderBy('id').execute();
}

/** The amount of a mandate for a due day: its latest change on or before that day. */
export async function amountOn(db: FundingDb, mandateId: number, day: string): Promise<number | null> {
  const row = await db
    .selectFrom('mandate_amounts')
    .select('amount_cents')
    .where('mandate_id', '=', mandateId)
    .where('from_day', '<=', day)
    .orderBy('from_day', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? num(row.amount_cents) : null;
}

/** Money that reached the newsroom from one supporter: credits minus returned debits. */
export async function givenBy(db: FundingDb, supporterIds: number[]): Promise<Map<number, { totalCents: number; lastDay: string | null }>> {
  const result = new Map<number, { totalCents: number; lastDay: string | null }>();
  if (supporterIds.length === 0) return result;
  const rows = await db
    .selectFrom('statement_entries as e')
    .leftJoin('debits as d', 'd.id', 'e.debit_id')
    .select(['e.supporter_id', 'e.kind', 'e.amount_cents', 'e.booked_on', 'd.amount_cents as debit_cents'])
    .where('e.supporter_id', 'in', supporterIds)
    .where('e.kind', 'in', ['debit', 'transfer', 'return'])
    .execute();
  for (const row of rows) {
    const id = num(row.supporter_id);
    const entry = result.get(id) ?? { totalCents: 0, lastDay: null };
    // A return line may include the bank's charges: what left is the debit's own amount.
    if (row.kind === 'return') entry.totalCents -= num(row.debit_cents ?? row.amount_cents);
    else {
      entry.totalCents += num(row.amount_cents);
      if (!entry.lastDay || row.booked_on > entry.lastDay) entry.lastDay = row.booked_on;
    }
    result.set(id, entry);
  }
  return result;
}

/** The day ten full years after the year of `day` ends: § 147 AO keeps payment records that long. */
export function retentionEnd(day: string): string {
  return `${Number(day.slice(0, 4)) + 10}-12-31`;
}
