/**
 * Theme assets in the database (`theme_assets`, 0055): put by name, read by name, and
 * the ones the design no longer names removed. Names are content-hashed, so a row never
 * changes and any node may keep what it read.
 *
 * @example
 *   const store = createThemeStore(handle.db);
 *   await store.put({ name: 'logo-light.3f2a9c1b.png', contentType: 'image/png', body });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export type ThemeAssetsTable = {
  name: string;
  content_type: string;
  body: string;
  created_at: string;
};

export type ThemeTables = {
  theme_assets: ThemeAssetsTable;
};

export interface ThemeAsset {
  name: string;
  contentType: string;
  body: Buffer;
}

export interface ThemeStore {
  put(asset: ThemeAsset): Promise<void>;
  get(name: string): Promise<ThemeAsset | undefined>;
  /** Removes every asset whose name is not in `keep`; answers how many went. */
  prune(keep: readonly string[]): Promise<number>;
}

export function createThemeStore(database: Kysely<Database>, now: () => Date = () => new Date()): ThemeStore {
  const db = database.withTables<ThemeTables>();
  return {
    async put(asset) {
      await db
        .insertInto('theme_assets')
        .values({ name: asset.name, content_type: asset.contentType, body: asset.body.toString('base64'), created_at: now().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    },
    async get(name) {
      const row = await db.selectFrom('theme_assets').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? { name: row.name, contentType: row.content_type, body: Buffer.from(row.body, 'base64') } : undefined;
    },
    async prune(keep) {
      let query = db.deleteFrom('theme_assets');
      if (keep.length) query = query.where('name', 'not in', [...keep]);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
