/**
 * The newsroom's view of its supporters and what the privacy rules ask: the list with
 * state, amount, interval, total given and last payment; the figures (supporters, monthly
 * recurring total, new and lost per month); a supporter's data export; erasure that keeps
 * only the payment records and receipts tax law requires.
 *
 * @example
 *   const rows = await people.list(caller);
 *   const figures = await people.figures(caller, 12);
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../platform/errors.js';
import { requireFinance, type FundingCaller } from './caller.js';
import { actorOf, type FundingContext } from './context.js';
import { formatIban } from './epc.js';
import { LIMITS } from './schemas.js';
import { dayOf, monthlyCents } from './schedule.js';
import { randomCode } from './sepa-text.js';
import { givenBy, mandatesOf, num, supporterById, type MandateRow, type SupporterRow } from './store.js';
import type { Interval, MandateStatus } from './types.js';

export interface SupporterListRow {
  id: number;
  name: string;
  /** The state of the supporter's current mandate, or 'transfers' for those who only transfer. */
  state: MandateStatus | 'transfers';
  amountCents: number | null;
  interval: Interval | null;
  totalCents: number;
  lastPayment: string | null;
  mandateId: number | null;
}

export interface Figures {
  supporters: number;
  monthlyCents: number;
  /** One row per month, oldest first: mandates confirmed and ended that month. */
  months: { month: string; new: number; lost: number }[];
}

/** The mandate that speaks for a supporter: a running one before a pending or ended one. */
export function currentMandate(mandates: MandateRow[]): MandateRow | null {
  const rank: Record<MandateStatus, number> = { active: 0, paused: 1, pending: 2, ended: 3 };
  return [...mandates].sort((a, b) => rank[a.status] - rank[b.status] || b.id - a.id)[0] ?? null;
}

function months(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return date.toISOString().slice(0, 7);
  });
}

export function createPeople(ctx: FundingContext) {
  const { db, now } = ctx;

  return {
    async list(caller: FundingCaller): Promise<SupporterListRow[]> {
      requireFinance(caller);
      const supporters = await db.selectFrom('supporters').select(['id', 'name']).where('erased_at', 'is', null).orderBy('name').orderBy('id').execute();
      const ids = supporters.map((s) => s.id);
      const mandates = ids.length ? await db.selectFrom('mandates').selectAll().where('supporter_id', 'in', ids).execute() : [];
      const given = await givenBy(db, ids);
      return supporters.map((s) => {
        const mandate = currentMandate(mandates.filter((m) => m.supporter_id === s.id));
        const money = given.get(s.id);
        return {
          id: s.id, name: s.name, state: mandate?.status ?? 'transfers', amountCents: mandate ? num(mandate.amount_cents) : null,
          interval: mandate?.interval ?? null, totalCents: money?.totalCents ?? 0, lastPayment: money?.lastDay ?? null, mandateId: mandate?.id ?? null,
        };
      });
    },

    async figures(caller: FundingCaller, count = 12): Promise<Figures> {
      requireFinance(caller);
      const mandates = await db.selectFrom('mandates').select(['status', 'amount_cents', 'interval', 'confirmed_at', 'ended_at', 'supporter_id']).execute();
      const running = mandates.filter((m) => m.status === 'active' || m.status === 'paused');
      const active = mandates.filter((m) => m.status === 'active');
      const list = months(dayOf(now()), count).map((month) => ({
        month,
        new: mandates.filter((m) => m.confirmed_at?.slice(0, 7) === month).length,
        lost: mandates.filter((m) => m.confirmed_at && m.ended_at?.slice(0, 7) === month).length,
      }));
      return {
        supporters: new Set(running.map((m) => m.supporter_id)).size,
        monthlyCents: active.reduce((sum, m) => sum + monthlyCents(num(m.amount_cents), m.interval), 0),
        months: list,
      };
    },

    async detail(caller: FundingCaller, id: number) {
      requireFinance(caller);
      const supporter = await supporterById(db, id);
      if (!supporter || supporter.erased_at) throw new AppError('NOT_FOUND', { field: 'supporter' });
      const [mandates, entries, receipts, given] = await Promise.all([
        mandatesOf(db, id),
        db.selectFrom('statement_entries').select(['id', 'booked_on', 'amount_cents', 'kind', 'return_reason', 'matched_by']).where('supporter_id', '=', id).orderBy('booked_on', 'desc').limit(200).execute(),
        db.selectFrom('receipts').select(['id', 'year', 'number', 'total_cents', 'issued_at']).where('supporter_id', '=', id).orderBy('year', 'desc').execute(),
        givenBy(db, [id]),
      ]);
      return { supporter, mandates, entries, receipts, totalCents: given.get(id)?.totalCents ?? 0 };
    },

    /** A supporter for transfers only (a person assigns an unmatched transfer to them). */
    async create(caller: FundingCaller, input: { name?: unknown; email?: unknown }): Promise<SupporterRow> {
      const { staff } = requireFinance(caller);
      const name = typeof input.name === 'string' ? input.name.replace(/\s+/g, ' ').trim() : '';
      if (!name || [...name].length > LIMITS.name) throw new AppError('NAME_REQUIRED', { field: 'name' });
      const iso = now().toISOString();
      const row = await db
        .insertInto('supporters')
        .values({ email: null, email_hash: null, name, street: '', postcode: '', city: '', lang: (await ctx.siteSettings.get('site')).language, reference: `SUP-${randomCode(6, randomBytes)}`, note: '', link_version: 1, created_at: iso, updated_at: iso, erased_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.audit.record(actorOf(staff), 'supporters.create', 'supporter', row.id);
      return row;
    },

    /**
     * Everything stored about one supporter, for them (self-service) or for finance staff
     * answering a request. It holds the full IBAN, so each export is in the audit log.
     */
    async exportData(who: { staff: FundingCaller } | { supporterId: number }, id: number) {
      const staff = 'staff' in who ? requireFinance(who.staff).staff : null;
      if (!staff && 'supporterId' in who && who.supporterId !== id) throw new AppError('NOT_FOUND');
      const supporter = await supporterById(db, id);
      if (!supporter || supporter.erased_at) throw new AppError('NOT_FOUND', { field: 'supporter' });
      const mandates = await mandatesOf(db, id);
      const [debits, payments, receipts] = await Promise.all([
        db.selectFrom('debits').select(['due_on', 'collect_on', 'amount_cents', 'status', 'return_reason', 'end_to_end_id']).where('supporter_id', '=', id).orderBy('due_on').execute(),
        db.selectFrom('statement_entries').select(['booked_on', 'amount_cents', 'kind', 'payer_name', 'remittance']).where('supporter_id', '=', id).orderBy('booked_on').execute(),
        db.selectFrom('receipts').select(['year', 'number', 'total_cents', 'issued_at']).where('supporter_id', '=', id).orderBy('year').execute(),
      ]);
      await ctx.audit.record(actorOf(staff), 'supporters.iban.view', 'supporter', id, { reason: 'data export', by: staff ? 'staff' : 'supporter' });
      return {
        exportedAt: now().toISOString(),
        supporter: { name: supporter.name, email: supporter.email, street: supporter.street, postcode: supporter.postcode, city: supporter.city, language: supporter.lang, reference: supporter.reference, since: supporter.created_at },
        mandates: mandates.map((m) => ({
          reference: m.reference, status: m.status, accountHolder: m.account_holder, iban: m.iban_cipher ? formatIban(ctx.box.open(m.iban_cipher)) : null,
          bic: m.bic, amountCents: num(m.amount_cents), interval: m.interval, signedOn: m.signed_on, nextDue: m.next_due, endedAt: m.ended_at, mandateText: m.consent_text,
        })),
        debits: debits.map((d) => ({ ...d, amount_cents: num(d.amount_cents) })),
        payments: payments.map((p) => ({ ...p, amount_cents: num(p.amount_cents) })),
        receipts: receipts.map((r) => ({ ...r, total_cents: num(r.total_cents) })),
      };
    },

    /**
     * Erases a supporter: address, e-mail, note and the encrypted IBANs go at once; every
     * link stops working; running mandates end. What tax and scheme rules require stays
     * until its `retain_until`: payment records (statement lines), receipts, and the
     * mandate's reference, date and masked account, which a refund claim may ask about.
     */
    async erase(who: { staff: FundingCaller } | { supporterId: number }, id: number): Promise<void> {
      const staff = 'staff' in who ? requireFinance(who.staff).staff : null;
      if (!staff && 'supporterId' in who && who.supporterId !== id) throw new AppError('NOT_FOUND');
      const iso = now().toISOString();
      await db.transaction().execute(async (tx) => {
        const supporter = await tx.selectFrom('supporters').select(['id', 'link_version', 'erased_at']).where('id', '=', id).executeTakeFirst();
        if (!supporter || supporter.erased_at) throw new AppError('NOT_FOUND', { field: 'supporter' });
        await tx.updateTable('mandates').set({ status: 'ended', ended_at: iso, next_due: null, updated_at: iso }).where('supporter_id', '=', id).where('status', '!=', 'ended').execute();
        await tx.updateTable('mandates').set({ iban_cipher: null, consent_ip_hash: '' }).where('supporter_id', '=', id).execute();
        await tx.deleteFrom('supporter_accounts').where('supporter_id', '=', id).execute();
        await tx.updateTable('statement_entries').set({ remittance: '', payer_iban_hash: null }).where('supporter_id', '=', id).execute();
        await tx
          .updateTable('supporters')
          .set({ email: null, email_hash: null, street: '', postcode: '', city: '', note: '', link_version: supporter.link_version + 1, erased_at: iso, updated_at: iso })
          .where('id', '=', id)
          .execute();
      });
      await ctx.audit.record(actorOf(staff), 'supporters.erase', 'supporter', id, staff ? {} : { by: 'supporter' });
    },
  };
}

export type People = ReturnType<typeof createPeople>;
