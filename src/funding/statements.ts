/**
 * Bank statements in: each line of a camt.053 file is recorded once (its key is the
 * bank's reference, or where a bank gives none, what the line says and where it stands),
 * then tied to what it pays:
 *
 * 1. a credit whose end-to-end id is one of our debits: that debit is booked;
 * 2. a debit line (or a reversal) naming one of our debits: it came back, with the
 *    bank's reason code; a mandate's second return pauses it and tells the supporter;
 * 3. any other credit is a transfer: matched by the supporter's code in the reference
 *    (`SUP-…`), else by the payer's IBAN and name, else by an appeal code, else listed
 *    for a person to assign.
 *
 * Nothing is booked unless the whole file is a camt.053 of the newsroom's own account.
 *
 * @example
 *   const report = await statements.importStatement(caller, xml);
 *   // { statements: 1, lines: 5, added: 5, booked: 3, returned: 0, transfers: 2, unmatched: 1 }
 */
import { AppError } from '../platform/errors.js';
import { requireFinance, type FundingCaller } from './caller.js';
import { actorOf, enqueueMail, type FundingContext } from './context.js';
import { CamtError, parseCamt053, type CamtLine, type CamtStatement } from './camt.js';
import { maskIban } from './crypto.js';
import { isValidIban, normalizeIban } from './epc.js';
import { num, retentionEnd, type EntryRow, type FundingDb } from './store.js';
import type { EntryKind, MatchedBy } from './types.js';

export interface ImportReport {
  statements: number;
  lines: number;
  /** Lines not seen before; 0 for a file imported already. */
  added: number;
  booked: number;
  returned: number;
  transfers: number;
  unmatched: number;
}

/** A name as banks print it and people type it: no case, no accents, words in any order. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)
    .sort()
    .join(' ');
}

function lineKey(statement: CamtStatement, line: CamtLine): string {
  const account = normalizeIban(statement.accountIban);
  if (line.txRef) return `${account}:tx:${line.txRef}`;
  if (line.entryRef) return `${account}:entry:${line.entryRef}:${line.txIndex}`;
  // No reference from the bank: what the line says, and where it stands in its statement.
  return `${account}:${statement.id}:${line.entryIndex}:${line.txIndex}:${line.bookedOn}:${line.direction}:${line.amountCents}:${line.endToEndId}`;
}

export function createStatements(ctx: FundingContext) {
  const { db, now } = ctx;

  async function matchTransfer(tx: FundingDb, line: CamtLine, appeals: { code: string }[]): Promise<{ matchedBy: MatchedBy; supporterId: number | null; appeal: string | null; ibanHash: string | null }> {
    const ibanHash = line.debtorIban && isValidIban(line.debtorIban) ? ctx.box.hash(line.debtorIban) : null;
    const compact = line.remittance.toUpperCase().replace(/[\s-]+/g, '');
    for (const match of compact.matchAll(/SUP([0-9A-HJKMNP-TV-Z]{6})/g)) {
      const supporter = await tx.selectFrom('supporters').select('id').where('reference', '=', `SUP-${match[1]}`).where('erased_at', 'is', null).executeTakeFirst();
      if (supporter) return { matchedBy: 'reference', supporterId: supporter.id, appeal: null, ibanHash };
    }
    if (ibanHash && line.debtorName) {
      const wanted = nameKey(line.debtorName);
      const candidates = await tx
        .selectFrom('supporters as s')
        .leftJoin('mandates as m', 'm.supporter_id', 's.id')
        .leftJoin('supporter_accounts as a', 'a.supporter_id', 's.id')
        .select(['s.id', 's.name', 'm.account_holder'])
        .where('s.erased_at', 'is', null)
        .where((eb) => eb.or([eb('m.iban_hash', '=', ibanHash), eb('a.iban_hash', '=', ibanHash)]))
        .execute();
      const found = candidates.find((c) => nameKey(c.name) === wanted || (c.account_holder && nameKey(c.account_holder) === wanted));
      if (found) return { matchedBy: 'iban', supporterId: found.id, appeal: null, ibanHash };
    }
    const appeal = appeals.find((a) => compact.includes(a.code.replace(/-/g, '')));
    if (appeal) return { matchedBy: 'appeal', supporterId: null, appeal: appeal.code, ibanHash };
    return { matchedBy: 'none', supporterId: null, appeal: null, ibanHash };
  }

  /** Records one line and applies what it means; a line known already changes nothing. */
  async function apply(tx: FundingDb, statementId: number, key: string, line: CamtLine, counts: ImportReport, appeals: { code: string }[]): Promise<void> {
    const iso = now().toISOString();
    const debit = line.endToEndId
      ? await tx.selectFrom('debits').selectAll().where('end_to_end_id', '=', line.endToEndId).executeTakeFirst()
      : undefined;
    let kind: EntryKind = 'other';
    let matchedBy: MatchedBy = 'none';
    let supporterId: number | null = null;
    let appeal: string | null = null;
    let ibanHash: string | null = null;
    const isReturn = debit && (line.direction === 'DBIT' || line.reversal || line.returnReason !== '');
    if (debit && isReturn) {
      kind = 'return';
      matchedBy = 'e2e';
      supporterId = debit.supporter_id;
    } else if (debit && line.direction === 'CRDT') {
      kind = 'debit';
      matchedBy = 'e2e';
      supporterId = debit.supporter_id;
    } else if (line.direction === 'CRDT') {
      kind = 'transfer';
      ({ matchedBy, supporterId, appeal, ibanHash } = await matchTransfer(tx, line, appeals));
    }
    const inserted = await tx
      .insertInto('statement_entries')
      .values({
        statement_id: statementId, entry_key: key, booked_on: line.bookedOn, amount_cents: line.amountCents, direction: line.direction, kind,
        end_to_end_id: line.endToEndId || null, return_reason: line.returnReason || null,
        // Our own outgoing lines (fees, other payments) are none of our readers' business.
        payer_name: kind === 'other' ? '' : line.debtorName.slice(0, 140), payer_iban_hash: ibanHash,
        remittance: kind === 'other' ? '' : line.remittance.slice(0, 500), matched_by: matchedBy, supporter_id: supporterId,
        debit_id: debit && kind !== 'transfer' ? debit.id : null, appeal, retain_until: retentionEnd(line.bookedOn || iso.slice(0, 10)), created_at: iso,
      })
      .onConflict((oc) => oc.column('entry_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    counts.added++;
    if (kind === 'debit' && debit) {
      await tx.updateTable('debits').set({ status: 'booked', updated_at: iso }).where('id', '=', debit.id).where('status', '=', 'exported').execute();
      // The bank booked it, so the file was uploaded whether or not anyone said so.
      await tx.updateTable('debit_exports').set({ status: 'uploaded', uploaded_at: iso }).where('id', '=', debit.export_id).where('status', '=', 'exported').execute();
      counts.booked++;
      const earlier = await tx.selectFrom('debits').select((eb) => eb.fn.countAll().as('n')).where('mandate_id', '=', debit.mandate_id).where('status', 'in', ['booked', 'returned']).where('id', '!=', debit.id).executeTakeFirstOrThrow();
      if (num(earlier.n) === 0) await enqueueMail(ctx, tx, { kind: 'thanks', entryId: inserted.id }, `supporters.thanks:${inserted.id}`);
    } else if (kind === 'return' && debit) {
      await tx.updateTable('debits').set({ status: 'returned', return_reason: line.returnReason || null, updated_at: iso }).where('id', '=', debit.id).execute();
      const mandate = await tx.selectFrom('mandates').select(['returns', 'status']).where('id', '=', debit.mandate_id).executeTakeFirstOrThrow();
      const returns = num(mandate.returns) + 1;
      const pause = returns >= 2 && mandate.status === 'active';
      await tx.updateTable('mandates').set({ returns, updated_at: iso, ...(pause ? { status: 'paused', pause_reason: 'returns' } : {}) }).where('id', '=', debit.mandate_id).execute();
      if (pause) await enqueueMail(ctx, tx, { kind: 'paused', mandateId: debit.mandate_id }, `supporters.paused:${debit.mandate_id}:${returns}`);
      counts.returned++;
    } else if (kind === 'transfer') {
      counts.transfers++;
      if (supporterId === null) counts.unmatched++;
      else await enqueueMail(ctx, tx, { kind: 'thanks', entryId: inserted.id }, `supporters.thanks:${inserted.id}`);
    }
  }

  return {
    async importStatement(caller: FundingCaller, file: unknown): Promise<ImportReport> {
      const { staff } = requireFinance(caller);
      if (typeof file !== 'string' || file.trim() === '') throw new AppError('STATEMENT_NOT_CAMT053', { field: 'file' });
      let parsed;
      try {
        parsed = parseCamt053(file);
      } catch (error) {
        if (error instanceof CamtError) throw new AppError('STATEMENT_NOT_CAMT053', { field: 'file', detail: error.message });
        throw error;
      }
      const donation = await ctx.siteSettings.get('donation');
      const own = normalizeIban(donation.iban);
      if (!isValidIban(own)) throw new AppError('SUPPORTERS_NOT_READY', { field: 'iban' });
      // Every statement of the file is checked before anything is booked.
      const foreign = parsed.statements.find((s) => s.accountIban !== own);
      if (foreign) throw new AppError('STATEMENT_WRONG_ACCOUNT', { field: 'file', detail: `statement ${foreign.id} is for ${foreign.accountIban ? maskIban(foreign.accountIban) : 'no IBAN'}` });
      // Read before the transaction: on SQLite a query outside it would wait for it forever.
      const { appeals } = await ctx.supporterSettings.get();
      const counts: ImportReport = { statements: parsed.statements.length, lines: 0, added: 0, booked: 0, returned: 0, transfers: 0, unmatched: 0 };
      const iso = now().toISOString();
      await db.transaction().execute(async (tx) => {
        for (const statement of parsed.statements) {
          const key = `${own}:${statement.id}:${statement.createdAt}`;
          await tx
            .insertInto('statements')
            .values({ statement_key: key, account_masked: maskIban(own), from_day: statement.fromDay, to_day: statement.toDay, entries: statement.lines.length, added: 0, imported_by: staff.id, imported_at: iso })
            .onConflict((oc) => oc.column('statement_key').doNothing())
            .execute();
          const row = await tx.selectFrom('statements').select(['id', 'added']).where('statement_key', '=', key).executeTakeFirstOrThrow();
          const before = counts.added;
          for (const line of statement.lines) {
            // Pending and information-only lines are not money yet; the booked line comes later.
            if (line.status && line.status !== 'BOOK') continue;
            counts.lines++;
            await apply(tx, row.id, lineKey(statement, line), line, counts, appeals);
          }
          await tx.updateTable('statements').set({ added: num(row.added) + counts.added - before }).where('id', '=', row.id).execute();
        }
      });
      ctx.jobs.wake();
      await ctx.audit.record(actorOf(staff), 'supporters.statement.import', 'statement', null, { ...counts });
      return counts;
    },

    /** Transfers no rule could tie to a supporter, newest first. */
    async unmatched(caller: FundingCaller, limit = 100): Promise<EntryRow[]> {
      requireFinance(caller);
      return db.selectFrom('statement_entries').selectAll().where('kind', '=', 'transfer').where('supporter_id', 'is', null).orderBy('booked_on', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },

    /**
     * A person ties a transfer to a supporter; the payer's account is remembered so the
     * next transfer from it (with the same name) matches by itself. The thank-you follows.
     */
    async assign(caller: FundingCaller, entryId: number, supporterId: number): Promise<void> {
      const { staff } = requireFinance(caller);
      await db.transaction().execute(async (tx) => {
        const entry = await tx.selectFrom('statement_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
        if (!entry || entry.kind !== 'transfer') throw new AppError('NOT_FOUND', { field: 'entry' });
        if (entry.supporter_id !== null) throw new AppError('MANDATE_STATE', { field: 'entry', detail: 'already assigned' });
        const supporter = await tx.selectFrom('supporters').select('id').where('id', '=', supporterId).where('erased_at', 'is', null).executeTakeFirst();
        if (!supporter) throw new AppError('NOT_FOUND', { field: 'supporter' });
        await tx.updateTable('statement_entries').set({ supporter_id: supporterId, matched_by: 'manual' }).where('id', '=', entryId).execute();
        if (entry.payer_iban_hash) {
          await tx.insertInto('supporter_accounts').values({ supporter_id: supporterId, iban_hash: entry.payer_iban_hash }).onConflict((oc) => oc.columns(['supporter_id', 'iban_hash']).doNothing()).execute();
        }
        await enqueueMail(ctx, tx, { kind: 'thanks', entryId }, `supporters.thanks:${entryId}`);
      });
      ctx.jobs.wake();
      await ctx.audit.record(actorOf(staff), 'supporters.transfer.assign', 'statement_entry', entryId, { supporterId });
    },
  };
}

export type Statements = ReturnType<typeof createStatements>;
