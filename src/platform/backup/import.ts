/**
 * `blattwerk import FILE`: an export document (see FORMAT.md) into a site, typically an
 * empty one on the other database. One transaction: a file that fails half-way changes
 * nothing. Running it again changes nothing either: everything already there (matched
 * by path, slug, id or address, see import-rows.ts) is left alone.
 *
 * @example
 *   const counts = await importSite(handle, 'site.json', {
 *     migrations: allMigrations, secret: () => loadSecret(handle),
 *     reindex: () => createSearchService(handle).reindexAll(),
 *   });
 *   counts.articles; // { added: 120, existing: 0 }
 */
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { migrateToLatest, type Migration } from '../db/migrate.js';
import { tableExists } from './catalog.js';
import { PRIVATE_SETTINGS, SECTIONS, type ExportedArticle, type ExportedAuthor, type ExportedComment, type ExportedMedia, type ExportedSubscriber, type ExportedTag, type Section } from './document.js';
import { createRowImporter, type ImportCounts } from './import-rows.js';
import { readExport } from './read-export.js';
import { checkItem, ImportError } from './validate.js';

export interface ImportOptions {
  migrations: readonly Migration[];
  /** The site's secret (after migrating: a new site makes its key on first use). */
  secret: () => Promise<string>;
  /** Rebuilds derived data after the rows are in (the search index). */
  reindex?: () => Promise<unknown>;
  now?: () => Date;
}

export type ImportSummary = ImportCounts & { settings: { added: number; existing: number } };

export async function importSite(handle: DatabaseHandle, file: string, options: ImportOptions): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  await migrateToLatest(handle, options.migrations);
  const secret = await options.secret();
  const summary = Object.fromEntries([...SECTIONS, 'settings'].map((s) => [s, { added: 0, existing: 0 }])) as ImportSummary;
  await handle.db.transaction().execute(async (trx) => {
    const rows = createRowImporter({ db: trx, dialect: handle.dialect, secret, counts: summary });
    const hasSubscribers = await tableExists(trx, handle.dialect, 'subscribers');
    let reached = -1;
    for await (const event of readExport(file)) {
      if (event.kind === 'header') continue;
      if (event.kind === 'settings') {
        await importSettings(trx, event.settings, now(), summary.settings);
        continue;
      }
      const { section, index } = event;
      // Articles need their authors, comments their articles: sections come in file order.
      const position = SECTIONS.indexOf(section);
      if (position < reached) throw new ImportError(`"${section}" comes after "${SECTIONS[reached]}"; keep the order ${SECTIONS.join(', ')}`);
      reached = position;
      if (section === 'subscribers' && !hasSubscribers) throw new ImportError('This site has no newsletter tables; upgrade Blattwerk first.');
      await importItem(rows, section, checkItem(section, index, event.item));
    }
    await rows.finish();
  });
  await options.reindex?.();
  return summary;
}

type Rows = ReturnType<typeof createRowImporter>;

/** `item` has passed `checkItem` for its section, so the casts below hold. */
function importItem(rows: Rows, section: Section, item: object): Promise<void> {
  switch (section) {
    case 'media': return rows.media(item as ExportedMedia);
    case 'authors': return rows.author(item as ExportedAuthor);
    case 'tags': return rows.tag(item as ExportedTag);
    case 'articles': return rows.article(item as ExportedArticle, 'article');
    case 'pages': return rows.article(item as ExportedArticle, 'page');
    case 'comments': return rows.comment(item as ExportedComment);
    case 'subscribers': return rows.subscriber(item as ExportedSubscriber);
  }
}

async function importSettings(
  db: Kysely<Database>,
  settings: Record<string, unknown>,
  at: Date,
  counts: { added: number; existing: number },
): Promise<void> {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new ImportError('"settings" must be an object');
  for (const [key, parsed] of Object.entries(settings)) {
    if (PRIVATE_SETTINGS.has(key)) continue;
    const value = typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
    const current = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (current?.value === value) {
      counts.existing++;
      continue;
    }
    const updated_at = at.toISOString();
    if (current) await db.updateTable('settings').set({ value, updated_at }).where('key', '=', key).execute();
    else await db.insertInto('settings').values({ key, value, updated_at }).execute();
    counts.added++;
  }
}
