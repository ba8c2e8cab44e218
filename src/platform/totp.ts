/**
 * Time-based one-time passwords (RFC 6238) for staff, with otplib, and recovery codes.
 * A code is accepted once: the time step it belongs to is remembered, so a code seen by
 * someone looking over a shoulder cannot be replayed within its 30 seconds.
 *
 * @example
 *   const secret = newTotpSecret();
 *   const step = await checkTotp(secret, '123456', lastStep, new Date()); // step number or null
 */
import { createHash, randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

/** The current code (tests and the enrolment check use it). */
export async function totpCode(secret: string, now = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

/** Answers the time step of a valid, unused code, or null. One step either side is allowed. */
export async function checkTotp(secret: string, code: string, lastStep: number, now = new Date()): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  for (const offset of [0, -30, 30]) {
    const result = await verify({ secret, token: code, epoch: epoch + offset });
    if (result.valid) {
      const step = Math.floor((epoch + offset) / 30);
      return step > lastStep ? step : null;
    }
  }
  return null;
}

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const raw = randomBytes(8).toString('hex');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
  });
}

/** Recovery codes are long random strings: a plain SHA-256 is enough to store them. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
