/**
 * From the donation settings and a requested amount to what the support page and the
 * GiroCode route show. Both routes go through here, so the page never shows a QR code
 * that the SVG route would refuse, and vice versa.
 *
 * @example
 *   const amount = parseAmount(request.query.amount); // 25, or undefined
 *   const result = resolveTransfer(await settings.get('donation'), amount);
 *   if (result.ok) reply.send(await epcQrSvg(result.transfer.payload));
 */
import { AppError } from '../platform/errors.js';
import type { Link, SiteSettings } from '../platform/settings.js';
import { epcPayload, formatIban, normalizeBic } from './epc.js';

export type DonationSettings = SiteSettings['donation'];

export const MIN_AMOUNT = 1;
export const MAX_AMOUNT = 10_000;

export interface Transfer {
  recipient: string;
  /** Printed in groups of four. */
  iban: string;
  bic: string;
  purpose: string;
  amount: number | undefined;
  payload: string;
}

export type TransferResult =
  | { ok: true; transfer: Transfer }
  /** `field` names the setting that is missing or invalid; `disabled` when switched off. */
  | { ok: false; reason: 'disabled' | 'incomplete'; field?: string };

/**
 * The `amount` query parameter: absent, or a whole number of euro from 1 to 10 000.
 * Anything else is a 400, so a typo in a shared link is noticed rather than ignored.
 *
 * @example
 *   parseAmount('25');   // 25
 *   parseAmount(undefined); // undefined
 *   parseAmount('2.50'); // throws AppError VALIDATION (field 'amount')
 */
export function parseAmount(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,4}$/.test(raw)) {
    throw new AppError('VALIDATION', { field: 'amount', detail: 'amount must be a whole number of euro from 1 to 10000' });
  }
  const amount = Number(raw);
  if (amount < MIN_AMOUNT || amount > MAX_AMOUNT) {
    throw new AppError('VALIDATION', { field: 'amount', detail: 'amount must be a whole number of euro from 1 to 10000' });
  }
  return amount;
}

/**
 * The suggested amounts worth showing as buttons: whole euro in range, no duplicates.
 * A 0 in the settings means "reader decides", which the page always offers anyway.
 *
 * @example
 *   suggestedAmounts([5, 0, 10, 10, -3, 2.5]); // [5, 10]
 */
export function suggestedAmounts(amounts: readonly number[]): number[] {
  const valid = amounts.filter((n) => Number.isInteger(n) && n >= MIN_AMOUNT && n <= MAX_AMOUNT);
  return [...new Set(valid)];
}

/**
 * @example
 *   resolveTransfer({ ...donation, iban: '' }, undefined); // { ok: false, reason: 'incomplete', field: 'iban' }
 */
export function resolveTransfer(donation: DonationSettings, amount: number | undefined): TransferResult {
  if (!donation.enabled) return { ok: false, reason: 'disabled' };
  const recipient = donation.recipient.trim();
  if (!recipient) return { ok: false, reason: 'incomplete', field: 'recipient' };
  if (!donation.iban.trim()) return { ok: false, reason: 'incomplete', field: 'iban' };
  try {
    const purpose = donation.purpose.replace(/\s+/g, ' ').trim();
    const payload = epcPayload({ name: recipient, iban: donation.iban, bic: donation.bic, amountEuro: amount, purpose });
    return {
      ok: true,
      transfer: { recipient, iban: formatIban(donation.iban), bic: normalizeBic(donation.bic), purpose, amount, payload },
    };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, reason: 'incomplete', ...(error.field ? { field: error.field } : {}) };
    throw error;
  }
}

/**
 * Provider links readers may follow: https only and without credentials, because these
 * are pages where people enter payment data.
 *
 * @example
 *   safeProviders([{ label: 'PayPal', url: 'https://paypal.me/x' }, { label: 'x', url: 'javascript:0' }]);
 *   // [{ label: 'PayPal', url: 'https://paypal.me/x' }]
 */
export function safeProviders(providers: readonly Link[]): Link[] {
  return providers.flatMap((link) => {
    const label = link.label?.trim();
    if (!label || typeof link.url !== 'string' || /[\u0000-\u0020\u007f-\u009f\\]/.test(link.url)) return [];
    try {
      const url = new URL(link.url);
      if (url.protocol !== 'https:' || url.username || url.password) return [];
      return [{ label, url: url.href }];
    } catch {
      return [];
    }
  });
}
