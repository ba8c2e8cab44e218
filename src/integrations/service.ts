/**
 * Integrations: a named connection of another tool to the newsroom, with scopes, an admin
 * token (`Authorization: Bearer`, shown once, stored as its SHA-256) and a public content
 * key with the browser origins allowed to use it. Every check of an input is here, before
 * anything is written; owners and admins reach it through the routes and the newsroom page.
 *
 * @example
 *   const integrations = createIntegrations({ db, now });
 *   const { integration, token } = await integrations.create({ name: 'n8n', scopes: ['content:read'], corsOrigins: [] }, userId);
 *   await integrations.byToken(token); // { id, name, scopes }, or null once revoked
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ActingIntegration } from '../platform/caller.js';
import type { Database } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import { isScope, SCOPES, type Scope } from '../platform/permissions.js';
import { createIntegrationStore, type Integration } from './store.js';

export const INTEGRATION_LIMITS = { name: 80, origins: 10, origin: 200 } as const;

/** Last use is written at most this often per integration (not one write per request). */
const TOUCH_MS = 60_000;

export interface IntegrationInput {
  name: string;
  scopes: readonly string[];
  corsOrigins?: readonly string[];
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** An origin as browsers send it: scheme, host and port only. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
    if (url.pathname !== '/' || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}

function checked(input: IntegrationInput): { name: string; scopes: Scope[]; corsOrigins: string[] } {
  const name = typeof input.name === 'string' ? input.name.trim().replace(/\s+/g, ' ') : '';
  if (!name || name.length > INTEGRATION_LIMITS.name) throw new AppError('VALIDATION', { field: 'name' });
  const scopes = [...new Set(Array.isArray(input.scopes) ? input.scopes : [])];
  if (scopes.length === 0 || !scopes.every(isScope)) throw new AppError('VALIDATION', { field: 'scopes' });
  const origins = [...new Set(input.corsOrigins ?? [])];
  if (origins.length > INTEGRATION_LIMITS.origins) throw new AppError('VALIDATION', { field: 'corsOrigins' });
  const corsOrigins: string[] = [];
  for (const origin of origins) {
    const normal = typeof origin === 'string' && origin.length <= INTEGRATION_LIMITS.origin ? normaliseOrigin(origin) : null;
    if (!normal) throw new AppError('URL_INVALID', { field: 'corsOrigins' });
    corsOrigins.push(normal);
  }
  // In the order of the catalogue, whatever order they were given in.
  return { name, scopes: SCOPES.filter((scope) => scopes.includes(scope)), corsOrigins };
}

// Compared against when no row matched, so both outcomes do the same work.
const NO_MATCH = sha256('no integration has this token');

export function createIntegrations(deps: { db: Kysely<Database>; now: () => Date }) {
  const store = createIntegrationStore(deps.db);
  const touched = new Map<number, number>();
  return {
    store,

    async create(input: IntegrationInput, createdBy: number | null): Promise<{ integration: Integration; token: string }> {
      const values = checked(input);
      const token = `bwi_${randomBytes(32).toString('base64url')}`;
      const integration = await store.insert({
        ...values, tokenHash: sha256(token), tokenHint: token.slice(-4), contentKey: `bwc_${randomBytes(16).toString('hex')}`,
        createdBy, now: deps.now(),
      });
      return { integration, token };
    },

    list: () => store.all(),
    find: (id: number) => store.byId(id),

    async revoke(id: number): Promise<Integration> {
      const found = await store.byId(id);
      if (!found) throw new AppError('NOT_FOUND', { field: 'id' });
      await store.revoke(id, deps.now());
      touched.delete(id);
      return (await store.byId(id))!;
    },

    /**
     * The live integration a token belongs to, or null. One indexed lookup by the token's
     * hash for every token, then a constant-time comparison: an unknown and a revoked token
     * are the same miss, so nothing in the answer's timing tells them apart.
     */
    async byToken(token: string): Promise<ActingIntegration | null> {
      if (token.length > 200) return null;
      const hash = sha256(token);
      const row = await store.byTokenHash(hash);
      const same = timingSafeEqual(Buffer.from(row?.tokenHash ?? NO_MATCH), Buffer.from(hash));
      if (!row || !same) return null;
      const at = deps.now().getTime();
      if ((touched.get(row.id) ?? 0) + TOUCH_MS <= at) {
        touched.set(row.id, at);
        await store.touch(row.id, deps.now());
      }
      return { id: row.id, name: row.name, scopes: row.scopes };
    },

    /** The live integration holding a content key, or null (unknown keys are simply not used). */
    byContentKey: (key: string) => (key.length <= 100 ? store.byContentKey(key) : Promise.resolve(null)),
    originAllowed: (origin: string) => (origin.length <= 200 ? store.originAllowed(origin) : Promise.resolve(false)),
  };
}

export type Integrations = ReturnType<typeof createIntegrations>;
