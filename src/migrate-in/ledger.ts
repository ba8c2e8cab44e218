/**
 * What was imported from where: `import_items` (old id → our row) and `legacy_redirects`
 * (old address → new address). Every write an importer makes is recorded here in the same
 * transaction, which is what makes a second run find everything and change nothing.
 *
 * @example
 *   const id = await findItem(tx, 'wordpress:https://old.example.org', 'post', '123');
 *   if (id === null) await remember(tx, source, 'post', '123', article.id);
 *   await addRedirect(tx, '/2025/02/13/haushalt/', '/haushalt/', source);
 */
import type { ImportDb } from './tables.js';
import { normaliseLegacyPath } from './redirects.js';

export async function findItem(db: ImportDb, source: string, kind: string, externalId: string): Promise<number | null> {
  const row = await db
    .selectFrom('import_items')
    .select('local_id')
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? Number(row.local_id) : null;
}

const CHUNK = 200;

/** Many lookups at once (a post's comments): old id → our id, for those already imported. */
export async function findItems(db: ImportDb, source: string, kind: string, externalIds: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < externalIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('import_items')
      .select(['external_id', 'local_id'])
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('external_id', 'in', externalIds.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.set(row.external_id, Number(row.local_id));
  }
  return found;
}

/** Many records at once, in chunks small enough for either database's parameter limit. */
export async function rememberMany(db: ImportDb, source: string, kind: string, items: { externalId: string; localId: number }[], now: Date): Promise<void> {
  const created_at = now.toISOString();
  for (let i = 0; i < items.length; i += CHUNK) {
    await db
      .insertInto('import_items')
      .values(items.slice(i, i + CHUNK).map((item) => ({ source, kind, external_id: item.externalId, local_id: item.localId, created_at })))
      .onConflict((oc) => oc.columns(['source', 'kind', 'external_id']).doNothing())
      .execute();
  }
}

/** An item of this kind and id imported from any source (Disqus threads naming WordPress posts). */
export async function findItemAnySource(db: ImportDb, sourcePrefix: string, kind: string, externalId: string): Promise<number | null> {
  const row = await db
    .selectFrom('import_items')
    .select('local_id')
    .where('kind', '=', kind)
    .where('external_id', '=', externalId)
    .where('source', 'like', `${sourcePrefix}%`)
    .orderBy('created_at')
    .executeTakeFirst();
  return row ? Number(row.local_id) : null;
}

export async function remember(db: ImportDb, source: string, kind: string, externalId: string, localId: number, now: Date): Promise<void> {
  await db
    .insertInto('import_items')
    .values({ source, kind, external_id: externalId, local_id: localId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['source', 'kind', 'external_id']).doNothing())
    .execute();
}

/**
 * Records an old address; answers false when there is nothing to record (the address is
 * the new one, or unusable) or an earlier import already claimed it.
 */
export async function addRedirect(db: ImportDb, oldUrl: string, target: string, source: string, now: Date): Promise<boolean> {
  const path = normaliseLegacyPath(oldUrl);
  if (!path || path === '/' || path === target) return false;
  const result = await db
    .insertInto('legacy_redirects')
    .values({ path, target, source, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('path').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Several old addresses of one page in one statement; answers how many were new. */
export async function addRedirects(db: ImportDb, oldUrls: string[], target: string, source: string, now: Date): Promise<number> {
  const paths = [...new Set(oldUrls.map(normaliseLegacyPath))].filter((p): p is string => p !== null && p !== '/' && p !== target);
  if (paths.length === 0) return 0;
  const created_at = now.toISOString();
  const result = await db
    .insertInto('legacy_redirects')
    .values(paths.map((path) => ({ path, target, source, created_at })))
    .onConflict((oc) => oc.column('path').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
