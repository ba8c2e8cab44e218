/**
 * IBAN and BIC: the checks every form that takes bank details uses (the site's donation
 * settings, supporters' mandates, the EPC QR code). ISO 13616 check digits, the SEPA
 * scheme's countries and lengths, ISO 9362 BIC shape.
 *
 * @example
 *   isValidIban('AT61 1904 3002 3457 3201'); // true
 *   formatIban('DE89370400440532013000');     // 'DE89 3704 0044 0532 0130 00'
 */

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

