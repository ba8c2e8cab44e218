/**
 * The `--fetch-media` step of an import: which files to download (those not imported by
 * an earlier run and not in `--media-dir`), the download itself (fetch-media.ts) into a
 * temporary folder the import then reads, and what the report says about it. A dry run
 * downloads nothing and says how much it would have.
 *
 * @example
 *   const fetched = await prefetch(deps, options, 'wordpress:https://old.example.org', jobs, 'WordPress, downloading media');
 *   // … runSession(…, async (s) => { await fetched?.report(s); … createMediaFiles(s, { dirs: [options.mediaDir, fetched?.dir] }) })
 *   fetched?.cleanup();
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchMedia, type FetchJob, type FetchResult } from './fetch-media.js';
import { silentProgress } from './progress.js';
import type { ImportDeps, ImportOptions, Session } from './session.js';
import { importDb } from './tables.js';

export interface MediaJob extends FetchJob {
  /** The media key the import remembers the file by ('attachment:57'). */
  key: string;
  /** The item it belongs to, for the report. */
  label: string;
}

export interface Prefetched {
  /** Where the downloads are, laid out like the uploads folder; null in a dry run. */
  dir: string | null;
  results: FetchResult[];
  /** Puts the downloads' outcome into the run's report. */
  report(s: Session): Promise<void>;
  cleanup(): void;
}

export async function prefetch(deps: ImportDeps, options: ImportOptions, source: string, jobs: readonly MediaJob[], label: string): Promise<Prefetched | null> {
  if (!options.fetchMedia) return null;
  const known = new Set(
    (await importDb(deps.db).selectFrom('import_items').select('external_id').where('source', '=', source).where('kind', '=', 'media').execute()).map((r) => r.external_id),
  );
  const wanted = jobs.filter((job) => !known.has(job.key) && !(options.mediaDir && existsSync(join(options.mediaDir, job.path))));
  const labels = new Map(wanted.map((job) => [job.path, job.label]));
  if (options.dryRun) {
    return {
      dir: null,
      results: [],
      async report(s) {
        if (wanted.length) await s.report.review('--fetch-media', `${wanted.length} files would be downloaded; a dry run downloads nothing, so their images show as links below`, { kind: 'media not downloaded (dry run)' });
      },
      cleanup() {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bw-fetch-media-'));
  const progress = deps.progress?.(label) ?? silentProgress;
  const results = await fetchMedia(wanted, dir, {
    allowPrivate: Boolean(options.fetchPrivate),
    ...(options.fetchConcurrency ? { concurrency: options.fetchConcurrency } : {}),
    onProgress: (done, total, failed) => progress.update({ done, total, counts: { files: done - failed, failed } }),
  });
  progress.finish();
  return {
    dir,
    results,
    async report(s) {
      const ok = results.filter((r) => r.ok).length;
      if (ok) s.report.added('files downloaded (--fetch-media)', ok);
      for (const failed of results.filter((r) => !r.ok)) {
        await s.report.review(labels.get(failed.path) ?? failed.url, `${failed.url} could not be downloaded (${failed.problem}); the image stays a link to its old address`, { kind: 'image download failed' });
      }
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
