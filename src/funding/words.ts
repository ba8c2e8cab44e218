/**
 * An amount in German words, as the donation receipt's "in Buchstaben" line wants it.
 * Pure; up to 999 999 999 euro.
 *
 * @example
 *   euroInWords(12050); // 'einhundertzwanzig Euro und fünfzig Cent'
 *   euroInWords(100);   // 'ein Euro'
 */
const ONES = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf', 'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
const TENS = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];

/** 1–999; `prefix` gives "ein" instead of "eins" where another word follows (einhundert, einundzwanzig). */
function small(n: number, prefix: boolean): string {
  if (n === 0) return '';
  if (n >= 100) return `${small(Math.floor(n / 100), true)}hundert${small(n % 100, false)}`;
  if (n === 1) return prefix ? 'ein' : 'eins';
  if (n < 20) return ONES[n]!;
  const unit = n % 10;
  return unit === 0 ? TENS[Math.floor(n / 10)]! : `${unit === 1 ? 'ein' : ONES[unit]}und${TENS[Math.floor(n / 10)]}`;
}

export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError(`out of range: ${n}`);
  if (n === 0) return 'null';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (millions) parts.push(millions === 1 ? 'eine Million ' : `${small(millions, true)} Millionen `);
  if (thousands) parts.push(`${small(thousands, true)}tausend`);
  parts.push(small(rest, false));
  return parts.join('').trim();
}

export function euroInWords(cents: number): string {
  const euro = Math.floor(cents / 100);
  const rest = cents % 100;
  const euroText = euro === 1 ? 'ein Euro' : `${numberInWords(euro)} Euro`;
  return rest ? `${euroText} und ${numberInWords(rest)} Cent` : euroText;
}
