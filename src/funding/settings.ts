/**
 * The supporters' settings, kept by this capability in `supporter_settings` (one JSON
 * row): creditor identifier, notice period, collection day, amount cap, the non-profit
 * facts a donation receipt states, the thank-you mail per language and appeal codes.
 * The newsroom's bank account (IBAN, name) stays where it is, in the donation settings.
 *
 * @example
 *   const settings = createSupporterSettings(db, now);
 *   await settings.update({ creditorId: 'DE98ZZZ09999999999', leadDays: 14 });
 */
import { validateCreditorID } from 'sepa';
import { AppError } from '../platform/errors.js';
import type { FundingDb } from './store.js';

export interface ThankYouText {
  subject: string;
  /** Placeholders: {name}, {amount}, {site}. Blank lines separate paragraphs. */
  body: string;
}

export interface SupporterSettings {
  /** Offer the direct-debit sign-up on /support/. */
  enabled: boolean;
  /** Gläubiger-Identifikationsnummer (SEPA creditor identifier). */
  creditorId: string;
  /** Days of notice between the pre-notification and the first (or a changed) debit. */
  leadDays: number;
  /** Day of the month debits are due (1–28, so every month has it). */
  collectionDay: number;
  /** Largest amount per debit, in euro. */
  amountCap: number;
  /** Non-profit publisher: yearly donation receipts (Sammelbestätigung). */
  nonProfit: boolean;
  receipt: {
    /** The purpose the tax office recognised ("Förderung der Bildung"). */
    purpose: string;
    taxOffice: string;
    taxNumber: string;
    /** 'exemption': Freistellungsbescheid; 'statutes': Feststellung nach § 60a AO. */
    basis: 'exemption' | 'statutes';
    /** Date of that notice (ISO day). */
    noticeDate: string;
    /** Freistellungsbescheid only: the assessment period it covers ("2024"). */
    period: string;
    /** Issuer's name and address as printed at the top. */
    issuer: string;
    /** Place printed before the date ("Leipzig"). */
    place: string;
    /** Name of the person signing, or empty with `machineMade`. */
    signatory: string;
    /** The tax office was told that receipts are made by machine (no signature needed). */
    machineMade: boolean;
  };
  thanks: { de: ThankYouText; en: ThankYouText };
  /** Codes in a transfer's reference that tie it to an appeal. */
  appeals: { code: string; label: string }[];
}

export const DEFAULT_SUPPORTER_SETTINGS: SupporterSettings = {
  enabled: true,
  creditorId: '',
  leadDays: 14,
  collectionDay: 1,
  amountCap: 1000,
  nonProfit: false,
  receipt: {
    purpose: '', taxOffice: '', taxNumber: '', basis: 'exemption', noticeDate: '', period: '', issuer: '', place: '', signatory: '', machineMade: false,
  },
  thanks: {
    de: {
      subject: 'Danke für Ihre Unterstützung, {name}!',
      body: 'Liebe Leserin, lieber Leser,\n\nIhre Zahlung über {amount} ist bei uns angekommen. Damit tragen Sie unabhängigen Journalismus – ohne Werbung und ohne Bezahlschranke.\n\nHerzlichen Dank!\nIhre Redaktion von {site}',
    },
    en: {
      subject: 'Thank you for your support, {name}!',
      body: 'Dear reader,\n\nyour payment of {amount} has reached us. You are funding independent journalism – no ads, no paywall.\n\nThank you!\nThe {site} newsroom',
    },
  },
  appeals: [],
};

const KEY = 'supporters';

/**
 * ISO 13616-style check of a creditor identifier: country, check digits, a business code
 * the check ignores, and the national identifier.
 *
 * @example
 *   isValidCreditorId('DE98ZZZ09999999999'); // true
 */
export function isValidCreditorId(input: string): boolean {
  const id = input.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(id) && validateCreditorID(id);
}

function invalid(field: string, code: 'VALIDATION' | 'CREDITOR_ID_INVALID' = 'VALIDATION'): never {
  throw new AppError(code, { field, detail: `invalid ${field}` });
}

const text = (value: unknown, max: number, field: string): string => {
  if (typeof value !== 'string' || [...value].length > max) invalid(field);
  return value.trim();
};

/** The whole section, checked; throws AppError naming the first bad field. */
export function checkSupporterSettings(next: SupporterSettings): SupporterSettings {
  const creditorId = text(next.creditorId, 35, 'creditorId').replace(/\s+/g, '').toUpperCase();
  if (creditorId && !isValidCreditorId(creditorId)) invalid('creditorId', 'CREDITOR_ID_INVALID');
  const whole = (value: unknown, min: number, max: number, field: string) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) invalid(field);
    return value;
  };
  const receipt = next.receipt;
  if (receipt.basis !== 'exemption' && receipt.basis !== 'statutes') invalid('receipt.basis');
  if (receipt.noticeDate && !/^\d{4}-\d{2}-\d{2}$/.test(receipt.noticeDate)) invalid('receipt.noticeDate');
  const thanks = (lang: 'de' | 'en') => ({
    subject: text(next.thanks[lang].subject, 200, `thanks.${lang}.subject`),
    body: text(next.thanks[lang].body, 5000, `thanks.${lang}.body`),
  });
  const appeals = next.appeals.map((appeal, i) => {
    const code = text(appeal.code, 20, `appeals.${i}.code`).toUpperCase();
    if (!/^[A-Z0-9-]{3,20}$/.test(code)) invalid(`appeals.${i}.code`);
    return { code, label: text(appeal.label, 100, `appeals.${i}.label`) };
  });
  return {
    enabled: Boolean(next.enabled),
    creditorId,
    leadDays: whole(next.leadDays, 1, 60, 'leadDays'),
    collectionDay: whole(next.collectionDay, 1, 28, 'collectionDay'),
    amountCap: whole(next.amountCap, 1, 100_000, 'amountCap'),
    nonProfit: Boolean(next.nonProfit),
    receipt: {
      purpose: text(receipt.purpose, 300, 'receipt.purpose'),
      taxOffice: text(receipt.taxOffice, 100, 'receipt.taxOffice'),
      taxNumber: text(receipt.taxNumber, 40, 'receipt.taxNumber'),
      basis: receipt.basis,
      noticeDate: receipt.noticeDate,
      period: text(receipt.period, 40, 'receipt.period'),
      issuer: text(receipt.issuer, 300, 'receipt.issuer'),
      place: text(receipt.place, 60, 'receipt.place'),
      signatory: text(receipt.signatory, 100, 'receipt.signatory'),
      machineMade: Boolean(receipt.machineMade),
    },
    thanks: { de: thanks('de'), en: thanks('en') },
    appeals,
  };
}

export interface SupporterSettingsService {
  get(): Promise<SupporterSettings>;
  update(patch: Partial<SupporterSettings>): Promise<SupporterSettings>;
}

export function createSupporterSettings(db: FundingDb, now: () => Date): SupporterSettingsService {
  const service: SupporterSettingsService = {
    async get() {
      const row = await db.selectFrom('supporter_settings').select('value').where('key', '=', KEY).executeTakeFirst();
      const stored = row ? (JSON.parse(row.value) as Partial<SupporterSettings>) : {};
      const merged = structuredClone(DEFAULT_SUPPORTER_SETTINGS);
      return {
        ...merged,
        ...stored,
        receipt: { ...merged.receipt, ...stored.receipt },
        thanks: { de: { ...merged.thanks.de, ...stored.thanks?.de }, en: { ...merged.thanks.en, ...stored.thanks?.en } },
      };
    },
    async update(patch) {
      const current = await service.get();
      const next = checkSupporterSettings({
        ...current,
        ...patch,
        receipt: { ...current.receipt, ...patch.receipt },
        thanks: { de: { ...current.thanks.de, ...patch.thanks?.de }, en: { ...current.thanks.en, ...patch.thanks?.en } },
      });
      const value = JSON.stringify(next);
      const at = now().toISOString();
      await db
        .insertInto('supporter_settings')
        .values({ key: KEY, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
      return next;
    },
  };
  return service;
}
