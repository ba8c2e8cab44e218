/**
 * The bank's BIC from an IBAN where the bank directories allow it (Germany, Austria,
 * Belgium, Spain, France, Luxembourg, the Netherlands: the `iban-to-bic` package keeps the
 * central banks' lists). Elsewhere the file says "not provided", which SEPA allows.
 *
 * @example
 *   bicFor('DE89370400440532013000'); // 'COBADEFFXXX'
 *   bicFor('IT60X0542811101000000123456'); // ''
 */
import { createRequire } from 'node:module';
import { isValidBic } from './epc.js';

const require = createRequire(import.meta.url);
// A CommonJS package without types: one function, typed here.
const { ibanToBic } = require('iban-to-bic') as { ibanToBic(iban: string): string | undefined };

export function bicFor(iban: string): string {
  const bic = ibanToBic(iban);
  return typeof bic === 'string' && isValidBic(bic) ? bic : '';
}
