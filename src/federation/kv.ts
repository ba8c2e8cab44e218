/**
 * Fedify's `KvStore` over our own table (`fed_kv`), so that caches and inbox idempotence
 * live in the site's database: the same on SQLite and PostgreSQL, and shared by every node
 * of a cluster. Keys are stored as their JSON text; a prefix lists with LIKE on that text.
 * Expired entries read as missing and are deleted on the way.
 *
 * @example
 *   const kv = createKvStore(handle, () => new Date());
 *   await kv.set(['_fedify', 'remoteDocument', url], doc, { ttl: Temporal.Duration.from({ minutes: 5 }) });
 */
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../platform/db/index.js';
import type { FederationTables } from './tables.js';

const keyText = (key: KvKey): string => JSON.stringify(key);
/** `["a","b"]` → `["a","b",` : what every longer key with this prefix starts with. */
const prefixText = (prefix: KvKey): string => `${keyText(prefix).slice(0, -1)},`;
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function expiry(now: Date, options?: KvStoreSetOptions): string | null {
  if (!options?.ttl) return null;
  return new Date(now.getTime() + options.ttl.total({ unit: 'millisecond' })).toISOString();
}

export function createKvStore(handle: Pick<DatabaseHandle, 'db' | 'dialect'>, now: () => Date): KvStore {
  const db = handle.db.withTables<FederationTables>() as unknown as Kysely<FederationTables>;
  const live = (expiresAt: string | null) => expiresAt === null || expiresAt > now().toISOString();

  async function write(target: Kysely<FederationTables>, key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const row = { key: keyText(key), value: JSON.stringify(value ?? null), expires_at: expiry(now(), options) };
    await target
      .insertInto('fed_kv')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, expires_at: row.expires_at }))
      .execute();
  }

  return {
    async get<T = unknown>(key: KvKey): Promise<T | undefined> {
      const row = await db.selectFrom('fed_kv').select(['value', 'expires_at']).where('key', '=', keyText(key)).executeTakeFirst();
      if (!row) return undefined;
      if (!live(row.expires_at)) {
        await db.deleteFrom('fed_kv').where('key', '=', keyText(key)).where('expires_at', '<=', now().toISOString()).execute();
        return undefined;
      }
      return JSON.parse(row.value) as T;
    },
    set: (key, value, options) => write(db, key, value, options),
    async delete(key) {
      await db.deleteFrom('fed_kv').where('key', '=', keyText(key)).execute();
    },
    async cas(key, expected, value, options) {
      return db.transaction().execute(async (tx) => {
        const read = tx.selectFrom('fed_kv').select(['value', 'expires_at']).where('key', '=', keyText(key));
        // SQLite runs one writer at a time; PostgreSQL locks the row until the end of the transaction.
        const row = await (handle.dialect === 'postgres' ? read.forUpdate() : read).executeTakeFirst();
        const current = row && live(row.expires_at) ? (JSON.parse(row.value) as unknown) : undefined;
        if (JSON.stringify(current) !== JSON.stringify(expected)) return false;
        if (value === undefined) await tx.deleteFrom('fed_kv').where('key', '=', keyText(key)).execute();
        else if (row) await write(tx, key, value, options);
        else {
          // Absent a row there is nothing to lock: the insert itself decides who was first.
          const inserted = await tx
            .insertInto('fed_kv')
            .values({ key: keyText(key), value: JSON.stringify(value), expires_at: expiry(now(), options) })
            .onConflict((oc) => oc.column('key').doNothing())
            .executeTakeFirst();
          return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
        }
        return true;
      });
    },
    async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
      let query = db.selectFrom('fed_kv').select(['key', 'value', 'expires_at']).orderBy('key');
      if (prefix) {
        const exact = keyText(prefix);
        const pattern = `${escapeLike(prefixText(prefix))}%`;
        query = query.where((eb) => eb.or([eb('key', '=', exact), sql<boolean>`${sql.ref('key')} like ${pattern} escape '\\'`]));
      }
      for (const row of await query.execute()) {
        if (!live(row.expires_at)) continue;
        yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) as unknown };
      }
    },
  };
}
