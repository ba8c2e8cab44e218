/**
 * The integrations table (`0075_integrations`), written once for both databases. Tokens are
 * looked up by their SHA-256 only; a revoked row is never found, so an unknown and a
 * revoked token take the same path.
 *
 * @example
 *   const store = createIntegrationStore(db);
 *   await store.byTokenHash(sha256(token)); // null when unknown or revoked
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { isScope, type Scope } from '../platform/permissions.js';

export interface IntegrationsTable {
  id: Generated<number>;
  name: string;
  scopes: string;
  token_hash: string;
  token_hint: string;
  content_key: string;
  cors_origins: string;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type IntegrationTables = { integrations: IntegrationsTable };

/** An integration as the newsroom sees it (never its token). */
export interface Integration {
  id: number;
  name: string;
  scopes: Scope[];
  /** The token's last four characters, to tell tokens apart. */
  tokenHint: string;
  /** The public key for the Content API (optional there; raises the rate limits). */
  contentKey: string;
  /** Browser origins allowed to read the Content API with this key (CORS). */
  corsOrigins: string[];
  createdBy: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

type Row = Omit<IntegrationsTable, 'id'> & { id: number };

function list(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const date = (value: string | null) => (value ? new Date(value) : null);

export function toIntegration(row: Row): Integration {
  return {
    id: row.id,
    name: row.name,
    scopes: list(row.scopes).filter(isScope),
    tokenHint: row.token_hint,
    contentKey: row.content_key,
    corsOrigins: list(row.cors_origins),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    lastUsedAt: date(row.last_used_at),
    revokedAt: date(row.revoked_at),
  };
}

export function createIntegrationStore(database: Kysely<Database>) {
  const db = database.withTables<IntegrationTables>();
  return {
    async insert(values: { name: string; scopes: Scope[]; tokenHash: string; tokenHint: string; contentKey: string; corsOrigins: string[]; createdBy: number | null; now: Date }): Promise<Integration> {
      const row = await db
        .insertInto('integrations')
        .values({
          name: values.name, scopes: JSON.stringify(values.scopes), token_hash: values.tokenHash, token_hint: values.tokenHint,
          content_key: values.contentKey, cors_origins: JSON.stringify(values.corsOrigins), created_by: values.createdBy,
          created_at: values.now.toISOString(), last_used_at: null, revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toIntegration(row);
    },

    async all(): Promise<Integration[]> {
      return (await db.selectFrom('integrations').selectAll().orderBy('revoked_at', 'desc').orderBy('id', 'desc').execute()).map(toIntegration);
    },

    async byId(id: number): Promise<Integration | null> {
      const row = await db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toIntegration(row) : null;
    },

    /** The live integration with this token hash (the hash is the unique key), or null. */
    async byTokenHash(hash: string): Promise<(Integration & { tokenHash: string }) | null> {
      const row = await db.selectFrom('integrations').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
      return row ? { ...toIntegration(row), tokenHash: row.token_hash } : null;
    },

    async byContentKey(key: string): Promise<Integration | null> {
      const row = await db.selectFrom('integrations').selectAll().where('content_key', '=', key).where('revoked_at', 'is', null).executeTakeFirst();
      return row ? toIntegration(row) : null;
    },

    /** Whether any live integration lets browsers on `origin` read the Content API (CORS preflight). */
    async originAllowed(origin: string): Promise<boolean> {
      const rows = await db.selectFrom('integrations').select('cors_origins').where('revoked_at', 'is', null).where('cors_origins', '!=', '[]').execute();
      return rows.some((row) => list(row.cors_origins).includes(origin));
    },

    async revoke(id: number, now: Date): Promise<boolean> {
      const result = await db.updateTable('integrations').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async touch(id: number, now: Date): Promise<void> {
      await db.updateTable('integrations').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
    },
  };
}

export type IntegrationStore = ReturnType<typeof createIntegrationStore>;
