/**
 * Direct debit files. `exportDebits` gathers every debit due up to a collection day that
 * is in no file yet, writes them as one pain.008.001.08 file and marks them, all in one
 * transaction; the unique (mandate, due day) key makes a second export of the same
 * period impossible, even from two nodes at once. A file can be undone (its debits go
 * back to due) until someone confirms it was uploaded to the bank.
 *
 * @example
 *   const file = await debits.exportDebits(caller, '2026-06-01'); // { id, count, totalCents, xml, fileName }
 *   await debits.undo(caller, file.id);       // before the upload
 *   await debits.markUploaded(caller, file.id); // after it: no undo any more
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../platform/errors.js';
import { formatDate } from '../platform/i18n.js';
import { requireFinance, type FundingCaller } from './caller.js';
import { actorOf, type FundingContext } from './context.js';
import { isValidIban, normalizeBic, normalizeIban } from './epc.js';
import { buildPain008, type DebitLine } from './pain008.js';
import { checkCollectionDay } from './schemas.js';
import { dayOf, duesThrough, nextDue } from './schedule.js';
import { randomCode } from './sepa-text.js';
import { amountOn, num, type ExportRow, type FundingDb } from './store.js';

export interface ExportedFile {
  id: number;
  collectOn: string;
  count: number;
  totalCents: number;
  status: ExportRow['status'];
  createdAt: string;
  xml: string;
  fileName: string;
}

const fileOf = (row: ExportRow, open: (sealed: string) => string): ExportedFile => ({
  id: row.id,
  collectOn: row.collect_on,
  count: num(row.count),
  totalCents: num(row.total_cents),
  status: row.status,
  createdAt: row.created_at,
  xml: row.xml ? open(row.xml) : '',
  fileName: `lastschriften-${row.collect_on}-${row.id}.xml`,
});

export function createDebits(ctx: FundingContext) {
  const { db, now } = ctx;
  // The file names every debtor's IBAN: stored sealed like the IBANs themselves.
  const toFile = (row: ExportRow) => fileOf(row, ctx.box.openText);

  async function creditor() {
    const [settings, donation, site] = await Promise.all([ctx.supporterSettings.get(), ctx.siteSettings.get('donation'), ctx.siteSettings.get('site')]);
    if (!settings.creditorId || !donation.recipient.trim() || !isValidIban(donation.iban)) throw new AppError('SUPPORTERS_NOT_READY', { field: settings.creditorId ? 'iban' : 'creditorId' });
    return {
      creditor: { name: donation.recipient.trim(), iban: normalizeIban(donation.iban), bic: normalizeBic(donation.bic), id: settings.creditorId },
      site,
    };
  }

  async function exportById(tx: FundingDb, id: number): Promise<ExportRow> {
    const row = await tx.selectFrom('debit_exports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { field: 'id' });
    return row;
  }

  return {
    async exportDebits(caller: FundingCaller, date: unknown): Promise<ExportedFile> {
      const { staff } = requireFinance(caller);
      const collectOn = checkCollectionDay(date, dayOf(now()));
      const { creditor: cdtr, site } = await creditor();
      const at = now();
      const iso = at.toISOString();
      const file = await db.transaction().execute(async (tx) => {
        const mandates = await tx
          .selectFrom('mandates as m')
          .innerJoin('supporters as s', 's.id', 'm.supporter_id')
          .select(['m.id', 'm.supporter_id', 'm.reference', 'm.signed_on', 'm.account_holder', 'm.iban_cipher', 'm.bic', 'm.interval', 'm.next_due', 'm.amount_cents'])
          .where('m.status', '=', 'active')
          .where('m.next_due', '<=', collectOn)
          .where('m.iban_cipher', 'is not', null)
          .orderBy('m.id')
          .execute();
        const messageId = `BW-${collectOn.replaceAll('-', '')}-${randomCode(8, randomBytes)}`;
        const exportRow = await tx
          .insertInto('debit_exports')
          .values({ collect_on: collectOn, message_id: messageId, status: 'exported', count: 0, total_cents: 0, xml: '', created_by: staff.id, created_at: iso, uploaded_at: null, undone_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        const lines: DebitLine[] = [];
        for (const mandate of mandates) {
          const dues = duesThrough(mandate.next_due!, mandate.interval, collectOn);
          for (const due of dues) {
            const amount = (await amountOn(tx, mandate.id, due)) ?? num(mandate.amount_cents);
            const endToEndId = `BWD-${randomCode(16, randomBytes)}`;
            // A racing export inserted this period already: then it is in that file, not this one.
            const debit = await tx
              .insertInto('debits')
              .values({
                mandate_id: mandate.id, supporter_id: mandate.supporter_id, export_id: exportRow.id, due_on: due, collect_on: collectOn,
                amount_cents: amount, end_to_end_id: endToEndId, status: 'exported', return_reason: null, created_at: iso, updated_at: iso,
              })
              .onConflict((oc) => oc.columns(['mandate_id', 'due_on']).doNothing())
              .returning('id')
              .executeTakeFirst();
            if (!debit) continue;
            lines.push({
              id: debit.id, endToEndId, amountCents: amount, mandateReference: mandate.reference, signedOn: mandate.signed_on!,
              debtorName: mandate.account_holder, debtorIban: ctx.box.open(mandate.iban_cipher!), debtorBic: mandate.bic,
              remittance: `${site.title} ${site.language === 'de' ? 'Spende' : 'Donation'} ${formatDate(new Date(`${due}T12:00:00Z`), site.language)} Mandat ${mandate.reference}`,
            });
          }
          if (dues.length > 0) {
            await tx.updateTable('mandates').set({ next_due: nextDue(dues.at(-1)!, mandate.interval), updated_at: iso })
              .where('id', '=', mandate.id).where('next_due', '=', mandate.next_due).execute();
          }
        }
        if (lines.length === 0) throw new AppError('DEBITS_NONE_DUE', { field: 'date' });
        const xml = buildPain008({ messageId, createdAt: at, creditor: cdtr, collections: [{ day: collectOn, debits: lines }] });
        const total = lines.reduce((sum, line) => sum + line.amountCents, 0);
        await tx.updateTable('debit_exports').set({ xml: ctx.box.sealText(xml), count: lines.length, total_cents: total }).where('id', '=', exportRow.id).execute();
        return exportById(tx, exportRow.id);
      });
      await ctx.audit.record(actorOf(staff), 'supporters.export', 'debit_export', file.id, { collectOn, count: file.count, totalCents: file.total_cents });
      return toFile(file);
    },

    /** The newest file for a day that is not undone, as written (the API's GET answers it again). */
    async latestFor(caller: FundingCaller, date: unknown): Promise<ExportedFile | null> {
      requireFinance(caller);
      const day = typeof date === 'string' ? date : '';
      const row = await db.selectFrom('debit_exports').selectAll().where('collect_on', '=', day).where('status', '!=', 'undone').orderBy('id', 'desc').executeTakeFirst();
      return row ? toFile(row) : null;
    },

    async file(caller: FundingCaller, id: number): Promise<ExportedFile> {
      requireFinance(caller);
      return toFile(await exportById(db, id));
    },

    async list(caller: FundingCaller, limit = 50): Promise<ExportedFile[]> {
      requireFinance(caller);
      const rows = await db.selectFrom('debit_exports').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toFile);
    },

    /** Takes a file back: its debits are due again, as if it had never been written. */
    async undo(caller: FundingCaller, id: number): Promise<ExportedFile> {
      const { staff } = requireFinance(caller);
      const iso = now().toISOString();
      const row = await db.transaction().execute(async (tx) => {
        const file = await exportById(tx, id);
        if (file.status === 'uploaded') throw new AppError('EXPORT_LOCKED', { field: 'id' });
        if (file.status === 'undone') return file;
        const debits = await tx.selectFrom('debits').select(['mandate_id', 'due_on', 'status']).where('export_id', '=', id).execute();
        if (debits.some((d) => d.status !== 'exported')) throw new AppError('EXPORT_LOCKED', { field: 'id', detail: 'the bank already booked debits of this file' });
        const earliest = new Map<number, string>();
        for (const debit of debits) {
          const known = earliest.get(debit.mandate_id);
          if (!known || debit.due_on < known) earliest.set(debit.mandate_id, debit.due_on);
        }
        await tx.deleteFrom('debits').where('export_id', '=', id).execute();
        for (const [mandateId, due] of earliest) {
          // Only mandates still running come due again; an ended one stays ended.
          await tx.updateTable('mandates').set({ next_due: due, updated_at: iso }).where('id', '=', mandateId).where('status', 'in', ['active', 'paused']).execute();
        }
        await tx.updateTable('debit_exports').set({ status: 'undone', undone_at: iso }).where('id', '=', id).execute();
        return exportById(tx, id);
      });
      await ctx.audit.record(actorOf(staff), 'supporters.export.undo', 'debit_export', id);
      return toFile(row);
    },

    /** The newsroom uploaded the file to its bank: from now on it cannot be undone. */
    async markUploaded(caller: FundingCaller, id: number): Promise<ExportedFile> {
      const { staff } = requireFinance(caller);
      const file = await exportById(db, id);
      if (file.status === 'undone') throw new AppError('MANDATE_STATE', { field: 'id', detail: 'this file was undone' });
      if (file.status === 'exported') {
        await db.updateTable('debit_exports').set({ status: 'uploaded', uploaded_at: now().toISOString() }).where('id', '=', id).where('status', '=', 'exported').execute();
        await ctx.audit.record(actorOf(staff), 'supporters.export.uploaded', 'debit_export', id);
      }
      return toFile(await exportById(db, id));
    },
  };
}

export type Debits = ReturnType<typeof createDebits>;
