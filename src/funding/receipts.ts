/**
 * Yearly donation receipts for non-profit publishers: in January (the daily job) or when
 * finance staff ask, one Sammelbestätigung per supporter who gave in the year, numbered,
 * stored as a snapshot (so a later change of address or settings does not alter an issued
 * receipt), mailed with a download link, and downloadable from the supporter's page and
 * the newsroom. Issuing twice adds nothing (one receipt per supporter and year).
 *
 * @example
 *   await receipts.issue(caller, 2026); // { issued: 12, skipped: 1 }
 *   const pdf = await receipts.pdf({ supporterId: 7 }, receiptId);
 */
import { AppError } from '../platform/errors.js';
import { requireFinance, type FundingCaller } from './caller.js';
import { actorOf, enqueueMail, type FundingContext } from './context.js';
import { receiptPdf, type ReceiptSnapshot } from './receipt-pdf.js';
import { dayOf } from './schedule.js';
import { num, retentionEnd, type ReceiptRow } from './store.js';

export interface IssueReport {
  year: number;
  issued: number;
  /** Supporters who gave but left no postal address, which a receipt must name. */
  withoutAddress: number;
}

export function createReceipts(ctx: FundingContext) {
  const { db, now } = ctx;

  /** Each gift of a year that stayed: booked debits not returned since, and transfers. */
  async function giftsOf(year: number): Promise<Map<number, { day: string; cents: number }[]>> {
    const rows = await db
      .selectFrom('statement_entries as e')
      .leftJoin('debits as d', 'd.id', 'e.debit_id')
      .select(['e.supporter_id', 'e.booked_on', 'e.amount_cents', 'e.kind', 'd.status as debit_status'])
      .where('e.supporter_id', 'is not', null)
      .where('e.kind', 'in', ['debit', 'transfer'])
      .where('e.booked_on', '>=', `${year}-01-01`)
      .where('e.booked_on', '<=', `${year}-12-31`)
      .orderBy('e.booked_on')
      .execute();
    const gifts = new Map<number, { day: string; cents: number }[]>();
    for (const row of rows) {
      if (row.kind === 'debit' && row.debit_status === 'returned') continue;
      const id = num(row.supporter_id);
      (gifts.get(id) ?? gifts.set(id, []).get(id)!).push({ day: row.booked_on, cents: num(row.amount_cents) });
    }
    return gifts;
  }

  async function issueFor(year: number, staff: { id: number; name: string } | null): Promise<IssueReport> {
    const settings = await ctx.supporterSettings.get();
    if (!settings.nonProfit) throw new AppError('SUPPORTERS_NOT_READY', { field: 'nonProfit', detail: 'donation receipts are for non-profit publishers (setting)' });
    const gifts = await giftsOf(year);
    const report: IssueReport = { year, issued: 0, withoutAddress: 0 };
    const issuedOn = dayOf(now());
    const iso = now().toISOString();
    for (const [supporterId, list] of gifts) {
      const supporter = await db.selectFrom('supporters').selectAll().where('id', '=', supporterId).executeTakeFirst();
      if (!supporter || supporter.erased_at) continue;
      if (!supporter.street || !supporter.postcode || !supporter.city) {
        report.withoutAddress++;
        continue;
      }
      const total = list.reduce((sum, g) => sum + g.cents, 0);
      if (total <= 0) continue;
      const r = settings.receipt;
      const snapshot: ReceiptSnapshot = {
        number: `${year}-${String(supporterId).padStart(6, '0')}`, year, issuedOn, issuer: r.issuer,
        donor: { name: supporter.name, street: supporter.street, postcode: supporter.postcode, city: supporter.city },
        totalCents: total, gifts: list, purpose: r.purpose, taxOffice: r.taxOffice, taxNumber: r.taxNumber, basis: r.basis,
        noticeDate: r.noticeDate, period: r.period, place: r.place, signatory: r.signatory, machineMade: r.machineMade,
      };
      await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('receipts')
          .values({ supporter_id: supporterId, year, number: snapshot.number, total_cents: total, snapshot: JSON.stringify(snapshot), issued_at: iso, mailed_at: null, retain_until: retentionEnd(issuedOn) })
          .onConflict((oc) => oc.columns(['supporter_id', 'year']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return;
        report.issued++;
        if (supporter.email) await enqueueMail(ctx, tx, { kind: 'receipt', receiptId: row.id }, `supporters.receipt:${row.id}`);
      });
    }
    ctx.jobs.wake();
    await ctx.audit.record(staff, 'supporters.receipts.issue', 'receipts', year, { ...report });
    return report;
  }

  return {
    async issue(caller: FundingCaller, year: unknown): Promise<IssueReport> {
      const { staff } = requireFinance(caller);
      const y = typeof year === 'string' ? Number(year) : year;
      if (typeof y !== 'number' || !Number.isInteger(y) || y < 2000 || y >= Number(dayOf(now()).slice(0, 4)) + 1) {
        throw new AppError('VALIDATION', { field: 'year', detail: 'a past or the current year' });
      }
      return issueFor(y, actorOf(staff));
    },

    /** The January run of the daily job: last year's receipts, once. */
    async issueYearly(): Promise<IssueReport | null> {
      const today = dayOf(now());
      if (today.slice(5, 7) !== '01' || !(await ctx.supporterSettings.get()).nonProfit) return null;
      return issueFor(Number(today.slice(0, 4)) - 1, null);
    },

    async byId(who: { staff: FundingCaller } | { supporterId: number }, id: number): Promise<ReceiptRow> {
      if ('staff' in who) requireFinance(who.staff);
      const row = await db.selectFrom('receipts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || ('supporterId' in who && row.supporter_id !== who.supporterId)) throw new AppError('NOT_FOUND');
      return row;
    },

    async pdf(who: { staff: FundingCaller } | { supporterId: number }, id: number): Promise<{ pdf: Buffer; fileName: string }> {
      const row = await this.byId(who, id);
      const snapshot = JSON.parse(row.snapshot) as ReceiptSnapshot;
      return { pdf: await receiptPdf(snapshot), fileName: `zuwendungsbestaetigung-${snapshot.number}.pdf` };
    },

    async ofSupporter(supporterId: number): Promise<{ id: number; year: number; number: string; totalCents: number }[]> {
      const rows = await db.selectFrom('receipts').select(['id', 'year', 'number', 'total_cents']).where('supporter_id', '=', supporterId).orderBy('year', 'desc').execute();
      return rows.map((r) => ({ id: r.id, year: num(r.year), number: r.number, totalCents: num(r.total_cents) }));
    },
  };
}

export type Receipts = ReturnType<typeof createReceipts>;
