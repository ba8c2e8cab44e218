/**
 * Staff accounts. Passwords are hashed with argon2id (OWASP parameters: 19 MiB, 2 passes).
 * The newsroom admin (sign-in, sessions, TOTP) builds on this.
 *
 * @example
 *   await createUser(db, { email: 'chefin@example.org', password: 'lang-und-geheim', role: 'owner' });
 */
import { hash, verify, Algorithm } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { AppError } from './errors.js';
import { cleanPersonName } from './names.js';

// finance (issue 18): supporters, mandates, debits and statements; nothing editorial.
export const ROLES = ['owner', 'admin', 'editor', 'author', 'contributor', 'moderator', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD = 10;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export async function createUser(
  db: Kysely<Database>,
  input: { email: string; password: string; role: string; name?: string },
  now = new Date(),
): Promise<{ id: number; email: string; role: Role }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    throw new AppError('VALIDATION', { field: 'email', detail: 'not an e-mail address' });
  }
  if (typeof input.password !== 'string' || input.password.length < MIN_PASSWORD) {
    throw new AppError('VALIDATION', { field: 'password', detail: `at least ${MIN_PASSWORD} characters` });
  }
  if (!isRole(input.role)) {
    throw new AppError('VALIDATION', { field: 'role', detail: `one of ${ROLES.join(', ')}` });
  }
  const taken = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new AppError('VALIDATION', { field: 'email', detail: 'an account with this e-mail exists' });
  const row = await db
    .insertInto('users')
    .values({
      email,
      name: cleanPersonName(input.name) ?? email.split('@')[0]!,
      password_hash: await hashPassword(input.password),
      role: input.role,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, role: input.role };
}

/**
 * The names staff accounts show: guests may not comment under them (discussion's post
 * operation reads them through a short cache).
 *
 * @example
 *   const names = await createUserNames(db)(); // ['Lea Sommer', 'Redaktion']
 */
export function createUserNames(db: Kysely<Database>): () => Promise<string[]> {
  return async () => (await db.selectFrom('users').select('name').execute()).map((row) => row.name);
}
