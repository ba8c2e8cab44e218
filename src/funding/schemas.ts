/**
 * One schema per input: the field limits the plain forms print as `maxlength`, the JSON
 * schema Fastify validates the API with (and the OpenAPI document shows), and the check
 * the operation runs on whatever door the input came through. The check reports every
 * wrong field at once, each with its coded error, so a form can mark them all.
 *
 * @example
 *   const checked = checkMandateInput(body, { amountCap: 1000 });
 *   if (!checked.ok) throw new InputRefused(checked.errors);
 */
import { normaliseEmail } from '../audience/index.js';
import { AppError, type ErrorCode } from '../platform/errors.js';
import { isSepaCountry, isValidIban, normalizeIban } from './epc.js';
import { parseDay } from './schedule.js';
import { INTERVALS, type Interval } from './types.js';

export const MIN_AMOUNT_CENTS = 100;

/** Lengths from pain.008 (names 70) and what a German address needs. */
export const LIMITS = {
  name: 70,
  email: 254,
  iban: 42,
  amount: 10,
  street: 70,
  postcode: 10,
  city: 35,
  note: 2000,
} as const;

export interface FieldError {
  field: string;
  code: ErrorCode;
}

/** Every wrong field of one input; the first decides the code and field of the answer. */
export class InputRefused extends AppError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    const first = errors[0]!;
    super(first.code, { field: first.field, detail: errors.map((e) => `${e.field}: ${e.code}`).join('; ') });
    this.errors = errors;
  }
}

export interface MandateInput {
  name: string;
  email: string;
  iban: string;
  amountCents: number;
  interval: Interval;
  street: string;
  postcode: string;
  city: string;
  lang: 'de' | 'en';
}

/** Euro as people type them: `10`, `10,50`, `10.5`, `€ 25`. Null when it is no amount. */
export function parseEuroCents(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6 ? Math.round(value * 100) : null;
  if (typeof value !== 'string') return null;
  const text = value.replace(/[€\s]/g, '').replace(/^EUR/i, '');
  const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

const clean = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim() : '';

/** The amount rule alone (the change-amount forms use it too). */
export function checkAmount(value: unknown, amountCap: number): { ok: true; cents: number } | { ok: false; error: FieldError } {
  const cents = parseEuroCents(value);
  if (cents === null || cents < MIN_AMOUNT_CENTS || cents > amountCap * 100) return { ok: false, error: { field: 'amount', code: 'AMOUNT_INVALID' } };
  return { ok: true, cents };
}

export function checkMandateInput(
  raw: Record<string, unknown>,
  rules: { amountCap: number },
): { ok: true; value: MandateInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = clean(raw.name);
  if (!name) errors.push({ field: 'name', code: 'NAME_REQUIRED' });
  else if ([...name].length > LIMITS.name) errors.push({ field: 'name', code: 'VALIDATION' });
  const email = typeof raw.email === 'string' && raw.email.length <= LIMITS.email ? normaliseEmail(raw.email) : null;
  if (!email) errors.push({ field: 'email', code: 'EMAIL_INVALID' });
  const iban = typeof raw.iban === 'string' && raw.iban.length <= LIMITS.iban ? normalizeIban(raw.iban) : '';
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}$/.test(iban)) errors.push({ field: 'iban', code: 'IBAN_INVALID' });
  else if (!isSepaCountry(iban)) errors.push({ field: 'iban', code: 'IBAN_COUNTRY' });
  else if (!isValidIban(iban)) errors.push({ field: 'iban', code: 'IBAN_INVALID' });
  const amount = checkAmount(raw.amount, rules.amountCap);
  if (!amount.ok) errors.push(amount.error);
  const interval = INTERVALS.find((i) => i === raw.interval);
  if (!interval) errors.push({ field: 'interval', code: 'VALIDATION' });
  // A form sends "on"/"yes", the API `true`; anything else is no agreement.
  if (raw.consent !== true && raw.consent !== 'on' && raw.consent !== 'yes') errors.push({ field: 'consent', code: 'MANDATE_CONSENT' });
  const address = { street: clean(raw.street), postcode: clean(raw.postcode), city: clean(raw.city) };
  for (const field of ['street', 'postcode', 'city'] as const) {
    if ([...address[field]].length > LIMITS[field]) errors.push({ field, code: 'VALIDATION' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { name, email: email!, iban, amountCents: (amount as { cents: number }).cents, interval: interval!, ...address, lang: raw.lang === 'en' ? 'en' : 'de' },
  };
}

/** `POST /api/v1/supporters/mandates`: the same fields, typed for JSON clients. */
export const mandateApiBody = {
  type: 'object',
  required: ['name', 'email', 'iban', 'amount', 'interval', 'consent'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: LIMITS.name },
    email: { type: 'string', maxLength: LIMITS.email },
    iban: { type: 'string', maxLength: LIMITS.iban },
    amount: { type: 'number', description: 'Euro per debit, at most two decimals' },
    interval: { type: 'string', enum: [...INTERVALS] },
    consent: { type: 'boolean', description: 'The reader agrees to the SEPA mandate text shown with the form (GET /support/)' },
    street: { type: 'string', maxLength: LIMITS.street },
    postcode: { type: 'string', maxLength: LIMITS.postcode },
    city: { type: 'string', maxLength: LIMITS.city },
    lang: { type: 'string', enum: ['de', 'en'] },
  },
} as const;

/** The collection day of an export: a real day, not in the past. */
export function checkCollectionDay(value: unknown, today: string): string {
  const day = parseDay(value);
  if (!day || day < today) throw new AppError('VALIDATION', { field: 'date', detail: 'a collection day YYYY-MM-DD, today or later' });
  return day;
}
