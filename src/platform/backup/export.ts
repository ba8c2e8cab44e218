/**
 * `blattwerk export [FILE]`: the site's content as one JSON document (see FORMAT.md and
 * document.ts), read from one consistent snapshot. Written one array item per line: the
 * file is ordinary JSON for any tool, and `import` can read it line by line, so neither
 * side holds a million comments in memory.
 *
 * @example
 *   const counts = await exportSite(handle, 'site.json');   // { articles: 120, comments: 4031, … }
 *   await exportSite(handle, process.stdout);
 */
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DatabaseHandle, Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { appliedMigrations } from './backup.js';
import { EXPORT_FORMAT, EXPORT_VERSION, PRIVATE_SETTINGS, SECTIONS, type ExportHeader, type Section } from './document.js';
import { readArticles, readAuthors, readComments, readMedia, readSubscribers, readTags } from './export-read.js';
import { writeLines } from './files.js';
import { inSnapshot } from './snapshot.js';

export type ExportSummary = Record<Section, number>;

export async function exportSite(
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
  target: string | Writable,
  options: { now?: () => Date } = {},
): Promise<ExportSummary> {
  const now = options.now ?? (() => new Date());
  return inSnapshot(handle, async (db) => {
    const summary = Object.fromEntries(SECTIONS.map((s) => [s, 0])) as ExportSummary;
    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: now().toISOString(),
      source: { dialect: handle.dialect, migrations: await appliedMigrations(db) },
    };
    await writeLines(target, documentLines(db, handle.dialect, header, summary), { gzip: false });
    return summary;
  });
}

async function* documentLines(db: Kysely<Database>, dialect: Dialect, header: ExportHeader, summary: ExportSummary): AsyncGenerator<string> {
  // The header object stays open: the sections below are its remaining members.
  yield `${JSON.stringify(header).slice(0, -1)},\n`;
  yield `"settings":${JSON.stringify(await readSettings(db))},\n`;
  const sources: Record<Section, () => AsyncGenerator<object[]>> = {
    media: () => readMedia(db),
    authors: () => readAuthors(db),
    tags: () => readTags(db),
    articles: () => readArticles(db, 'article'),
    pages: () => readArticles(db, 'page'),
    comments: () => readComments(db),
    subscribers: () => readSubscribers(db, dialect),
  };
  for (const [index, section] of SECTIONS.entries()) {
    yield `${JSON.stringify(section)}:[\n`;
    let chunk = '';
    for await (const items of sources[section]()) {
      for (const item of items) {
        chunk += `${summary[section] === 0 ? '' : ',\n'}${JSON.stringify(item)}`;
        summary[section]++;
      }
      yield chunk;
      chunk = '';
    }
    yield `${summary[section] === 0 ? '' : '\n'}]${index === SECTIONS.length - 1 ? '}' : ','}\n`;
  }
}

async function readSettings(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
  const settings: Record<string, unknown> = {};
  for (const row of rows) {
    if (PRIVATE_SETTINGS.has(row.key)) continue;
    try {
      settings[row.key] = JSON.parse(row.value);
    } catch {
      settings[row.key] = row.value; // not JSON: kept as the text it is
    }
  }
  return settings;
}
