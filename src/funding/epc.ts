/**
 * SEPA bank details and the EPC QR code ("GiroCode", EPC069-12): readers scan it with a
 * banking app and get a filled-in transfer instead of typing a 22-character IBAN.
 * Everything here is pure except `epcQrSvg`, which only draws.
 *
 * @example
 *   const payload = epcPayload({ name: 'Stadtblatt e. V.', iban: 'DE89 3704 0044 0532 0130 00', bic: '', amountEuro: 10, purpose: 'Spende' });
 *   const svg = await epcQrSvg(payload, { label: 'GiroCode für 10 €' });
 */
import QRCode from 'qrcode';
import { AppError } from '../platform/errors.js';
import { escapeHtml } from '../platform/html.js';

/**
 * IBAN lengths of the SEPA scheme's countries. The EPC QR code is only defined for SEPA
 * credit transfers, so an IBAN from elsewhere is refused even when its checksum is right.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AL: 28, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18,
  EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22,
  IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19,
  MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27,
  VA: 22,
};

/** Limits from EPC069-12, version 002. */
export const EPC_LIMITS = {
  name: 70,
  remittance: 140,
  minAmount: 0.01,
  maxAmount: 999_999_999.99,
  /** QR version 13 at level M holds exactly this many bytes. */
  payloadBytes: 331,
} as const;

/**
 * Whether the IBAN's country takes part in the SEPA scheme (credit transfers and direct
 * debits alike); a well-formed IBAN from elsewhere is refused for a different reason than
 * a mistyped one, so the reader is told which.
 *
 * @example
 *   isSepaCountry('DE89370400440532013000'); // true
 *   isSepaCountry('BR1500000000000010932840814P2'); // false
 */
export function isSepaCountry(input: string): boolean {
  return Object.hasOwn(IBAN_LENGTHS, normalizeIban(input).slice(0, 2));
}

/**
 * Removes spaces and upper-cases, as people copy IBANs from letters and statements.
 *
 * @example
 *   normalizeIban('de89 3704 0044 0532 0130 00'); // 'DE89370400440532013000'
 */
export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * ISO 13616: known SEPA country, its exact length, and the mod-97 check digits.
 *
 * @example
 *   isValidIban('AT61 1904 3002 3457 3201'); // true
 *   isValidIban('DE89370400440532013001');   // false (check digits)
 */
export function isValidIban(input: string): boolean {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return false;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Remainder of the letters-as-numbers string, digit by digit so no big integers are needed. */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const value = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder;
}

/**
 * Groups of four, the way IBANs are printed, so readers can compare them at a glance.
 *
 * @example
 *   formatIban('DE89370400440532013000'); // 'DE89 3704 0044 0532 0130 00'
 */
export function formatIban(input: string): string {
  return normalizeIban(input).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * @example
 *   normalizeBic(' cobadeffxxx '); // 'COBADEFFXXX'
 */
export function normalizeBic(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * Bank code, country, location, optional branch: 8 or 11 characters.
 *
 * @example
 *   isValidBic('COBADEFFXXX'); // true
 *   isValidBic('COBADE');      // false
 */
export function isValidBic(input: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(normalizeBic(input));
}

export interface TransferRequest {
  /** Beneficiary name, at most 70 characters. */
  name: string;
  iban: string;
  /** Optional since EPC069-12 version 002; empty string for none. */
  bic: string;
  /** Omitted: the reader types the amount in the banking app. */
  amountEuro?: number;
  /** Unstructured remittance text, at most 140 characters. */
  purpose: string;
}

/**
 * The text encoded in a GiroCode. Throws `AppError('VALIDATION', { field })` naming the
 * first bad field, so the caller can say which setting needs fixing.
 *
 * @example
 *   epcPayload({ name: 'Stadtblatt', iban: 'DE89370400440532013000', bic: '', amountEuro: 5, purpose: 'Spende' });
 *   // 'BCD\n002\n1\nSCT\n\nStadtblatt\nDE89370400440532013000\nEUR5.00\n\n\nSpende'
 */
export function epcPayload(request: TransferRequest): string {
  const name = cleanText(request.name, 'name');
  if (!name || [...name].length > EPC_LIMITS.name) invalid('name');
  const iban = normalizeIban(request.iban);
  if (!isValidIban(iban)) invalid('iban');
  const bic = normalizeBic(request.bic);
  if (bic && !isValidBic(bic)) invalid('bic');
  const purpose = cleanText(request.purpose, 'purpose');
  if ([...purpose].length > EPC_LIMITS.remittance) invalid('purpose');

  const lines = [
    'BCD', // service tag
    '002', // version: BIC optional
    '1', // character set: UTF-8
    'SCT', // SEPA credit transfer
    bic,
    name,
    iban,
    request.amountEuro === undefined ? '' : formatAmount(request.amountEuro),
    '', // purpose code (e.g. CHAR): left to the reader's bank
    '', // structured creditor reference: excluded by the unstructured text below
    purpose,
  ];
  // The standard ends the payload at the last populated element, without a line feed.
  while (lines.at(-1) === '') lines.pop();
  const payload = lines.join('\n');
  if (Buffer.byteLength(payload, 'utf8') > EPC_LIMITS.payloadBytes) invalid('purpose');
  return payload;
}

function formatAmount(amount: number): string {
  const cents = Math.round(amount * 100);
  const wholeCents = Number.isFinite(amount) && Math.abs(amount * 100 - cents) < 1e-6;
  if (!wholeCents || amount < EPC_LIMITS.minAmount || amount > EPC_LIMITS.maxAmount) invalid('amount');
  return `EUR${(cents / 100).toFixed(2)}`;
}

/**
 * Trims and folds white space. A line break inside a field would shift every following
 * line of the payload, so it becomes a space; other control characters are refused.
 */
function cleanText(value: string, field: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) invalid(field);
  return text;
}

function invalid(field: string): never {
  throw new AppError('VALIDATION', { field, detail: `invalid ${field} for the EPC QR code` });
}

export interface QrOptions {
  /** Accessible name, set as `aria-label` on an `role="img"` SVG. */
  label?: string;
  /** Width and height attributes in pixels (for the SVG served on its own). */
  size?: number;
}

/**
 * Draws the payload as an SVG QR code. Error correction level M is what EPC069-12
 * requires; it is also what keeps 331 bytes within QR version 13.
 *
 * @example
 *   const svg = await epcQrSvg(payload, { label: 'GiroCode' }); // '<svg role="img" aria-label="GiroCode" …'
 */
export async function epcQrSvg(payload: string, options: QrOptions = {}): Promise<string> {
  const svg = await QRCode.toString(payload, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    ...(options.size ? { width: options.size } : {}),
  });
  const attributes = options.label ? `role="img" aria-label="${escapeHtml(options.label)}" ` : '';
  return svg.trim().replace(/^<svg /, `<svg ${attributes}class="girocode-image" `);
}
