/**
 * One import run: one database transaction from the first row to the last, so a failure
 * (a broken item, a truncated file, Ctrl-C, `kill -9`) leaves the site exactly as it was.
 * A dry run does all the same work in the same transaction and rolls it back at the end,
 * which makes its report exact (slug clashes, existing items) while writing nothing; it
 * does not process image files, only checks that they exist.
 *
 * With `keepGoing`, each item runs inside a savepoint: a failing item is rolled back alone,
 * reported, and the run goes on.
 *
 * All reads and writes of a run go through `session.tx`. On SQLite the transaction holds
 * the only connection, so anything using the plain database handle meanwhile would wait
 * for the run to end.
 *
 * @example
 *   const report = await runSession(deps, options, 'wordpress:https://old.example.org', 'export.xml', async (s) => {
 *     await s.item('post 12 "Haushalt"', () => importPost(s, item));
 *   });
 */
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Language } from '../platform/i18n.js';
import { createMediaService, type MediaItem, type MediaService } from '../media/index.js';
import { ImportItemError, describe } from './errors.js';
import { silentProgress, type Progress } from './progress.js';
import { ImportReport } from './report.js';
import { importDb, type ImportDatabase } from './tables.js';

export interface ImportDeps {
  db: Kysely<Database>;
  secret: string;
  dataDir: string;
  now: () => Date;
  /** The site's language: comment rendering, and articles whose source names none. */
  lang: Language;
  /** After a real run: caches, feeds and the search index learn about the new content. */
  changed?: () => Promise<void>;
  /** A progress display for one phase of the run ("reading", "importing"). */
  progress?: (label: string) => Progress;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Report failing items and go on, instead of rolling everything back. */
  keepGoing?: boolean;
  /** WordPress's `wp-content/uploads` or Ghost's `content/images` folder. */
  mediaDir?: string;
  /** Download the export's images from their old addresses (prefetch.ts). */
  fetchMedia?: boolean;
  /** Let --fetch-media reach private network addresses (an old site on one's own network). */
  fetchPrivate?: boolean;
  /** Downloads at once (default 4). */
  fetchConcurrency?: number;
}

export interface Session {
  tx: ControlledTransaction<ImportDatabase>;
  /** The same transaction typed as the platform database (for the content store and media). */
  platformTx: Kysely<Database>;
  source: string;
  report: ImportReport;
  deps: ImportDeps;
  options: ImportOptions;
  now: Date;
  /** Starts the progress display of one phase. */
  progress(label: string): Progress;
  /** Stores an image inside the run (null in a dry run: files are only checked). */
  media: Pick<MediaService, 'importImage'> | null;
  /** Runs one item; with keepGoing its failure is reported instead of ending the run. */
  item<T>(label: string, work: () => Promise<T>): Promise<T | null>;
  /** Media files written by this run, deleted again if it is rolled back. */
  written(item: MediaItem): void;
}

export async function runSession(
  deps: ImportDeps,
  options: ImportOptions,
  source: string,
  file: string,
  work: (session: Session, report: ImportReport) => Promise<void>,
): Promise<ImportReport> {
  const dryRun = Boolean(options.dryRun);
  const report = new ImportReport(source.split(':')[0]!, basename(file), dryRun);
  const now = deps.now();
  const tx = await importDb(deps.db).startTransaction().execute();
  const platformTx = tx as unknown as Kysely<Database>;
  const files: string[] = [];
  const mediaService = createMediaService({ db: platformTx, dataDir: deps.dataDir, now: deps.now });
  let savepoints = 0;
  try {
    const run = await tx
      .insertInto('import_runs')
      .values({ source, file: basename(file), report: '{}', started_at: now.toISOString(), finished_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!dryRun) {
      report.onNote = async (note) => {
        await tx
          .insertInto('import_notes')
          .values({ run_id: run.id, kind: note.kind.slice(0, 200), item: note.item.slice(0, 500), article_id: note.articleId ?? null, message: note.message, html: note.html ?? '' })
          .execute();
      };
    }
    const session: Session = {
      tx,
      platformTx,
      source,
      report,
      deps,
      options,
      now,
      progress: (label) => deps.progress?.(label) ?? silentProgress,
      media: dryRun ? null : mediaService,
      written(item) {
        files.push(item.path, ...item.variants.map((v) => v.path));
      },
      async item(label, itemWork) {
        if (!options.keepGoing) {
          try {
            return await itemWork();
          } catch (error) {
            throw error instanceof ImportItemError ? error : new ImportItemError(label, error);
          }
        }
        const name = sql.id(`bw_item_${++savepoints}`);
        await sql`savepoint ${name}`.execute(tx);
        try {
          const result = await itemWork();
          await sql`release savepoint ${name}`.execute(tx);
          return result;
        } catch (error) {
          await sql`rollback to savepoint ${name}`.execute(tx);
          await sql`release savepoint ${name}`.execute(tx);
          report.skip('failed, left out (--keep-going)', `${label}: ${describe(error)}`.slice(0, 500));
          return null;
        }
      },
    };
    await work(session, report);
    await tx
      .updateTable('import_runs')
      .set({ report: JSON.stringify(report.summary()), finished_at: deps.now().toISOString() })
      .where('id', '=', run.id)
      .execute();
    if (dryRun) await tx.rollback().execute();
    else await tx.commit().execute();
  } catch (error) {
    await tx.rollback().execute().catch(() => undefined);
    removeFiles(deps.dataDir, files);
    throw error;
  }
  if (!dryRun) await deps.changed?.();
  return report;
}

function removeFiles(dataDir: string, paths: string[]): void {
  for (const path of paths) rmSync(join(dataDir, 'media', path), { force: true });
}
