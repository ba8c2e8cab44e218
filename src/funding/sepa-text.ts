/**
 * Text for SEPA files. The EPC's basic character set is what every bank accepts, so names
 * and remittance lines are transliterated (ä → ae, ß → ss) and anything else outside it
 * becomes a space; lengths are counted after that.
 *
 * @example
 *   sepaText('Jürgen Weiß & Söhne', 70); // 'Juergen Weiss + Soehne'
 */
const MAP: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', '&': '+',
};

export function sepaText(input: string, max: number): string {
  const text = input
    .replace(/[äöüÄÖÜß&]/g, (ch) => MAP[ch]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/?:().,'+\- ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.slice(0, max).trim();
}

/** Letters a person can tell apart when reading a code aloud or off a statement (Crockford). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomCode(length: number, random: (n: number) => Buffer): string {
  const bytes = random(length);
  return Array.from(bytes, (b) => ALPHABET[b % 32]).join('');
}
