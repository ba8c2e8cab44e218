/**
 * IBANs at rest: AES-256-GCM under the funding key (`BLATTWERK_FUNDING_KEY`, 32 bytes as
 * 64 hex digits or base64), a keyed hash to match a statement's payer without decrypting
 * anything, and the masked form people see (`DE02 •••• •••• 3000`).
 *
 * Without a configured key, one is derived from the site secret (HKDF) so a demo works;
 * that secret lives in the same database, so such a key does not protect a stolen
 * database. The README says to set the variable in production; the app logs a warning.
 *
 * @example
 *   const box = createIbanBox(fundingKeyFrom(config.fundingKey, secret));
 *   const sealed = box.seal('DE02120300000000202051'); // 'v1.3f9a0c1e.…'
 *   box.open(sealed);                                  // 'DE02120300000000202051'
 *   box.hash('DE02 1203 0000 0000 2020 51') === box.hash('DE02120300000000202051'); // true
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { normalizeIban } from './epc.js';

const AAD = Buffer.from('blattwerk:iban:v1');
const FILE_AAD = Buffer.from('blattwerk:file:v1');

export interface FundingKey {
  key: Buffer;
  /** Whether it came from the site secret (demo) rather than the configuration. */
  derived: boolean;
}

/** Parses a configured key; throws a plain Error naming the problem (config.ts wraps it). */
export function parseFundingKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('expected 32 bytes: 64 hex digits or base64');
  return key;
}

export function fundingKeyFrom(configured: string | null, siteSecret: string): FundingKey {
  if (configured) return { key: parseFundingKey(configured), derived: false };
  const key = Buffer.from(hkdfSync('sha256', siteSecret, 'blattwerk-funding', 'iban-encryption', 32));
  return { key, derived: true };
}

export interface IbanBox {
  seal(iban: string): string;
  open(sealed: string): string;
  /** The same for a whole text that holds IBANs (a stored pain.008 file). */
  sealText(text: string): string;
  openText(sealed: string): string;
  /** Keyed hash of the normalised IBAN (hex), for equality lookups. */
  hash(iban: string): string;
}

export function createIbanBox(fundingKey: FundingKey): IbanBox {
  const encryption = fundingKey.key;
  const matching = Buffer.from(hkdfSync('sha256', encryption, 'blattwerk-funding', 'iban-matching', 32));
  // Names the key a value was sealed with, so a wrong or rotated key is reported as such.
  const keyId = createHash('sha256').update(encryption).digest('hex').slice(0, 8);
  const seal = (text: string, aad: Buffer) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', encryption, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `v1.${keyId}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  };
  const open = (sealed: string, aad: Buffer) => {
    const [version, id, data] = sealed.split('.');
    if (version !== 'v1' || !data) throw new Error('not a sealed value');
    if (id !== keyId) throw new Error(`sealed with another funding key (${id}); is BLATTWERK_FUNDING_KEY the one it was written with?`);
    const raw = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', encryption, raw.subarray(0, 12));
    decipher.setAAD(aad);
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  };
  return {
    seal: (iban) => seal(normalizeIban(iban), AAD),
    open: (sealed) => open(sealed, AAD),
    sealText: (text) => seal(text, FILE_AAD),
    openText: (sealed) => open(sealed, FILE_AAD),
    hash(iban) {
      return createHmac('sha256', matching).update(normalizeIban(iban)).digest('hex').slice(0, 40);
    },
  };
}

/**
 * Country, check digits and the last four, in groups: enough to recognise one's account,
 * too little to use it.
 *
 * @example
 *   maskIban('DE02120300000000203000'); // 'DE02 •••• •••• 3000'
 */
export function maskIban(input: string): string {
  const iban = normalizeIban(input);
  return `${iban.slice(0, 4)} •••• •••• ${iban.slice(-4)}`;
}
