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

/** Limits from EPC069-12, version 002. */
export const EPC_LIMITS = {
  name: 70,
  remittance: 140,
  minAmount: 0.01,
  maxAmount: 999_999_999.99,
  /** QR version 13 at level M holds exactly this many bytes. */
  payloadBytes: 331,
} as const;

// IBAN and BIC rules are platform's (settings check them too); re-exported for funding's callers.
import { isValidBic, isValidIban, normalizeBic, normalizeIban } from '../platform/iban.js';
export { formatIban, isSepaCountry, isValidBic, isValidIban, normalizeBic, normalizeIban } from '../platform/iban.js';

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
