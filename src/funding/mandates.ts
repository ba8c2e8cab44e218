/**
 * Signing up and looking after a mandate: the operations every door calls (the form on
 * /support/, the JSON API, the newsroom, the supporter's own page). Each decides who may,
 * checks the input, writes in one transaction and queues the mail that goes with it.
 *
 * @example
 *   await mandates.signUp(caller, { name: 'Lea', email: 'lea@example.org', iban, amount: '10', interval: 'monthly', consent: 'on' });
 *   await mandates.confirm(tokenFromTheMail);
 *   await mandates.changeAmount({ staff: caller }, mandateId, '15');
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../platform/errors.js';
import { emailHash } from '../platform/privacy.js';
import { requireFinance, type FundingCaller, type StaffIdentity } from './caller.js';
import { actorOf, enqueueMail, type FundingContext } from './context.js';
import { formatIban, isValidIban } from './epc.js';
import { maskIban } from './crypto.js';
import { bicFor } from './bic.js';
import { mandateText } from './mandate-text.js';
import { checkAmount, checkMandateInput, InputRefused } from './schemas.js';
import { addDays, dayOf, firstDue, nextDue } from './schedule.js';
import { randomCode } from './sepa-text.js';
import { mandateById, supporterById, type FundingDb, type MandateRow, type SupporterRow } from './store.js';
import { readConfirmToken, readManageToken } from './tokens.js';

/** A pending mandate's data may be replaced by a new sign-up; its mail goes again after this long. */
export const CONFIRM_RESEND_MS = 10 * 60_000;

export type LinkFailure = 'invalid' | 'expired' | 'unknown' | 'notPending';
export type MandateLink = { ok: true; mandate: MandateRow; supporter: SupporterRow } | { ok: false; reason: LinkFailure };
export type SupporterLink = { ok: true; supporter: SupporterRow } | { ok: false; reason: LinkFailure };

/** Who acts on a mandate: finance staff, or the supporter through their own link. */
export type Actor = { staff: FundingCaller } | { supporterId: number };

const random = (n: number) => randomBytes(n);

export function createMandates(ctx: FundingContext) {
  const { db, now } = ctx;

  async function ready() {
    const [settings, donation] = await Promise.all([ctx.supporterSettings.get(), ctx.siteSettings.get('donation')]);
    if (!settings.enabled || !settings.creditorId || !donation.recipient.trim() || !isValidIban(donation.iban)) {
      throw new AppError('SUPPORTERS_NOT_READY');
    }
    return { settings, donation };
  }

  /** The mandate the actor may act on, or NOT_FOUND/FORBIDDEN. */
  async function mandateFor(actor: Actor, mandateId: number): Promise<{ mandate: MandateRow; staff: StaffIdentity | null }> {
    const staff = 'staff' in actor ? requireFinance(actor.staff).staff : null;
    const mandate = await mandateById(db, mandateId);
    if (!mandate || ('supporterId' in actor && mandate.supporter_id !== actor.supporterId)) throw new AppError('NOT_FOUND', { field: 'mandate' });
    return { mandate, staff };
  }

  /** The first due day of the schedule that still leaves the full notice period. */
  async function noticedDue(mandate: MandateRow): Promise<string> {
    const { settings } = await ready();
    const earliest = addDays(dayOf(now()), settings.leadDays);
    if (!mandate.next_due) return firstDue(dayOf(now()), settings.leadDays, settings.collectionDay);
    let day = mandate.next_due;
    while (day < earliest) day = nextDue(day, mandate.interval);
    return day;
  }

  async function record(staff: StaffIdentity | null, action: string, mandate: MandateRow, detail: Record<string, unknown> = {}) {
    await ctx.audit.record(actorOf(staff), action, 'mandate', mandate.id, staff ? detail : { ...detail, by: 'supporter' });
  }

  async function setStatus(tx: FundingDb, mandate: MandateRow, from: MandateRow['status'][], patch: Partial<MandateRow>): Promise<void> {
    const result = await tx
      .updateTable('mandates')
      .set({ ...patch, updated_at: now().toISOString() })
      .where('id', '=', mandate.id)
      .where('status', 'in', from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('MANDATE_STATE', { field: 'status' });
  }

  return {
    /**
     * A reader asks to give regularly. Every answer is the same "check your inbox", whether
     * the address is new or known; the mandate waits for the double opt-in.
     */
    async signUp(caller: FundingCaller, raw: Record<string, unknown>): Promise<void> {
      if (caller.kind !== 'staff') await ctx.limit(caller.ipHash);
      const { settings, donation } = await ready();
      const checked = checkMandateInput(raw, { amountCap: settings.amountCap });
      if (!checked.ok) throw new InputRefused(checked.errors);
      const input = checked.value;
      const at = now();
      const iso = at.toISOString();
      const consent = mandateText(input.lang, { creditor: donation.recipient.trim(), creditorId: settings.creditorId });
      const hash = emailHash(input.email, ctx.secret);
      const mandate = {
        account_holder: input.name,
        iban_cipher: ctx.box.seal(input.iban),
        iban_hash: ctx.box.hash(input.iban),
        iban_masked: maskIban(input.iban),
        bic: bicFor(input.iban),
        amount_cents: input.amountCents,
        interval: input.interval,
        consent_text: consent,
        consent_ip_hash: caller.ipHash,
        updated_at: iso,
      };
      const mailed = await db.transaction().execute(async (tx) => {
        let supporter = await tx.selectFrom('supporters').selectAll().where('email_hash', '=', hash).executeTakeFirst();
        if (!supporter) {
          supporter = await tx
            .insertInto('supporters')
            .values({
              email: input.email, email_hash: hash, name: input.name, street: input.street, postcode: input.postcode, city: input.city,
              lang: input.lang, reference: `SUP-${randomCode(6, random)}`, note: '', link_version: 1, created_at: iso, updated_at: iso, erased_at: null,
            })
            .onConflict((oc) => oc.column('email_hash').doNothing())
            .returningAll()
            .executeTakeFirst();
          supporter ??= await tx.selectFrom('supporters').selectAll().where('email_hash', '=', hash).executeTakeFirstOrThrow();
        }
        // One mandate waits per supporter: a second sign-up replaces what the first said.
        const pending = await tx.selectFrom('mandates').selectAll().where('supporter_id', '=', supporter.id).where('status', '=', 'pending').executeTakeFirst();
        let mandateId: number;
        let lastMail: string | null = null;
        if (pending) {
          await tx.updateTable('mandates').set(mandate).where('id', '=', pending.id).execute();
          mandateId = pending.id;
          lastMail = pending.confirm_sent_at;
        } else {
          const row = await tx
            .insertInto('mandates')
            .values({
              ...mandate, supporter_id: supporter.id, reference: `BW-${randomCode(12, random)}`, status: 'pending', created_at: iso,
              confirmed_at: null, signed_on: null, next_due: null, returns: 0, pause_reason: null, ended_at: null, confirm_sent_at: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          mandateId = row.id;
        }
        if (lastMail && at.getTime() - Date.parse(lastMail) < CONFIRM_RESEND_MS) return false;
        await tx.updateTable('mandates').set({ confirm_sent_at: iso }).where('id', '=', mandateId).execute();
        await enqueueMail(ctx, tx, { kind: 'confirm', mandateId });
        return true;
      });
      if (mailed) ctx.jobs.wake();
    },

    /** What the confirmation page shows before the reader presses the button. */
    async confirmation(token: unknown): Promise<MandateLink> {
      const check = readConfirmToken(ctx.secret, token, now());
      if (!check.ok) return check;
      const mandate = await mandateById(db, check.id);
      const supporter = mandate ? await supporterById(db, mandate.supporter_id) : null;
      if (!mandate || !supporter || supporter.erased_at) return { ok: false, reason: 'unknown' };
      if (mandate.status !== 'pending' && !mandate.confirmed_at) return { ok: false, reason: 'notPending' };
      return { ok: true, mandate, supporter };
    },

    /**
     * The double opt-in's second step: the mandate is signed today, its first debit falls
     * on the first collection day after the notice period, and the pre-notification goes out.
     * A repeat answers the same and changes nothing.
     */
    async confirm(token: unknown): Promise<MandateLink> {
      const found = await this.confirmation(token);
      if (!found.ok || found.mandate.status !== 'pending') return found;
      const { settings } = await ready();
      const today = dayOf(now());
      const due = firstDue(today, settings.leadDays, settings.collectionDay);
      const iso = now().toISOString();
      const confirmed = await db.transaction().execute(async (tx) => {
        const result = await tx
          .updateTable('mandates')
          .set({ status: 'active', confirmed_at: iso, signed_on: today, next_due: due, updated_at: iso })
          .where('id', '=', found.mandate.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await tx.insertInto('mandate_amounts').values({ mandate_id: found.mandate.id, from_day: due, amount_cents: found.mandate.amount_cents, created_at: iso }).execute();
        await enqueueMail(ctx, tx, { kind: 'prenotify', mandateId: found.mandate.id, change: 'new' }, `supporters.prenotify.new:${found.mandate.id}`);
        return true;
      });
      if (confirmed) ctx.jobs.wake();
      return { ok: true, supporter: found.supporter, mandate: (await mandateById(db, found.mandate.id))! };
    },

    /** The supporter behind a self-service link (any mail carries one). */
    async bySupporterLink(token: unknown): Promise<SupporterLink> {
      const check = readManageToken(ctx.secret, token);
      if (!check.ok) return check;
      const supporter = await supporterById(db, check.id);
      if (!supporter || supporter.erased_at || supporter.link_version !== check.version) return { ok: false, reason: 'unknown' };
      return { ok: true, supporter };
    },

    async pause(actor: Actor, mandateId: number): Promise<MandateRow> {
      const { mandate, staff } = await mandateFor(actor, mandateId);
      await setStatus(db, mandate, ['active'], { status: 'paused', pause_reason: staff ? 'staff' : 'supporter' });
      await record(staff, 'supporters.mandate.pause', mandate);
      return (await mandateById(db, mandateId))!;
    },

    /** Back to active: the next debit keeps the full notice period, and the supporter is told when it is. */
    async resume(actor: Actor, mandateId: number): Promise<MandateRow> {
      const { mandate, staff } = await mandateFor(actor, mandateId);
      const due = await noticedDue(mandate);
      await db.transaction().execute(async (tx) => {
        await setStatus(tx, mandate, ['paused'], { status: 'active', pause_reason: null, next_due: due, returns: 0 });
        await enqueueMail(ctx, tx, { kind: 'prenotify', mandateId, change: 'resumed' });
      });
      ctx.jobs.wake();
      await record(staff, 'supporters.mandate.resume', mandate, { nextDue: due });
      return (await mandateById(db, mandateId))!;
    },

    /** A new amount applies from the first due day that still leaves the notice period. */
    async changeAmount(actor: Actor, mandateId: number, amount: unknown): Promise<MandateRow> {
      const { mandate, staff } = await mandateFor(actor, mandateId);
      const { settings } = await ready();
      const checked = checkAmount(amount, settings.amountCap);
      if (!checked.ok) throw new InputRefused([checked.error]);
      if (mandate.status !== 'active' && mandate.status !== 'paused') throw new AppError('MANDATE_STATE', { field: 'status' });
      const from = await noticedDue(mandate);
      const iso = now().toISOString();
      await db.transaction().execute(async (tx) => {
        await setStatus(tx, mandate, ['active', 'paused'], { amount_cents: checked.cents });
        await tx.insertInto('mandate_amounts').values({ mandate_id: mandateId, from_day: from, amount_cents: checked.cents, created_at: iso }).execute();
        await enqueueMail(ctx, tx, { kind: 'prenotify', mandateId, change: 'amount' });
      });
      ctx.jobs.wake();
      await record(staff, 'supporters.mandate.amount', mandate, { from: mandate.amount_cents, to: checked.cents, fromDay: from });
      return (await mandateById(db, mandateId))!;
    },

    /** Ends the mandate: no debit after this. Debits already in a file stay. */
    async end(actor: Actor, mandateId: number): Promise<MandateRow> {
      const { mandate, staff } = await mandateFor(actor, mandateId);
      await db.transaction().execute(async (tx) => {
        await setStatus(tx, mandate, ['pending', 'active', 'paused'], { status: 'ended', ended_at: now().toISOString(), next_due: null });
        if (mandate.status !== 'pending') await enqueueMail(ctx, tx, { kind: 'ended', mandateId });
      });
      ctx.jobs.wake();
      await record(staff, 'supporters.mandate.end', mandate);
      return (await mandateById(db, mandateId))!;
    },

    async note(caller: FundingCaller, supporterId: number, note: unknown): Promise<void> {
      const { staff } = requireFinance(caller);
      if (typeof note !== 'string' || [...note].length > 2000) throw new AppError('VALIDATION', { field: 'note', detail: 'at most 2000 characters' });
      const result = await db.updateTable('supporters').set({ note: note.trim(), updated_at: now().toISOString() }).where('id', '=', supporterId).where('erased_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', { field: 'supporter' });
      await ctx.audit.record(actorOf(staff), 'supporters.note', 'supporter', supporterId);
    },

    /** The full IBAN, for finance staff only, and every look is in the audit log. */
    async revealIban(caller: FundingCaller, mandateId: number): Promise<string> {
      const { staff } = requireFinance(caller);
      const mandate = await mandateById(db, mandateId);
      if (!mandate) throw new AppError('NOT_FOUND', { field: 'mandate' });
      if (!mandate.iban_cipher) throw new AppError('NOT_FOUND', { field: 'iban', detail: 'erased' });
      await ctx.audit.record(actorOf(staff), 'supporters.iban.view', 'mandate', mandate.id, { masked: mandate.iban_masked });
      return formatIban(ctx.box.open(mandate.iban_cipher));
    },
  };
}

export type Mandates = ReturnType<typeof createMandates>;
