/**
 * `--fetch-media`: the images of an export downloaded from their original addresses into
 * a folder laid out like the old uploads folder (`2025/02/rathaus.jpg`), which the import
 * then reads as it reads `--media-dir`. Every request goes through the platform's one
 * outbound helper (platform/outbound.ts): no private or loopback targets (unless the old
 * site is on one's own network and `allowPrivate` says so), redirects re-checked, one
 * deadline per file, at most MAX_UPLOAD_BYTES read. Only answers that say they are an
 * image are kept; a few downloads run at once, never more.
 *
 * Downloads happen before the import's transaction, so a slow old server never holds
 * the database.
 *
 * @example
 *   const results = await fetchMedia([{ path: '2025/02/rathaus.jpg', url: 'https://old.example.org/wp-content/uploads/2025/02/rathaus.jpg' }], dir);
 *   results[0]; // { path: '2025/02/rathaus.jpg', url: '…', ok: true, bytes: 48213 }
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { MAX_UPLOAD_BYTES } from '../media/index.js';
import { OutboundError, outboundRequest } from '../platform/outbound.js';

export interface FetchJob {
  /** Where the file goes below the download folder (an upload path). */
  path: string;
  url: string;
}

export interface FetchResult extends FetchJob {
  ok: boolean;
  bytes?: number;
  /** Why it was not kept: '404', 'larger than 20 MB', 'not an image (text/html)', 'private address', … */
  problem?: string;
}

export interface FetchOptions {
  /** Downloads at once; default 4. */
  concurrency?: number;
  /** Let addresses in private networks through (an old site on the newsroom's own network). */
  allowPrivate?: boolean;
  maxBytes?: number;
  /** Per file, redirects included; default 60 s. */
  timeoutMs?: number;
  onProgress?(done: number, total: number, failed: number): void;
}

/** Image types the media library decodes; anything else is refused before it is written. */
const IMAGE_TYPES = /^image\/(jpeg|pjpeg|png|gif|webp|avif|heic|heif|tiff)$/i;

/** The folder path of a job, refused when it would leave the folder (`../../etc`). */
function target(dir: string, path: string): string | null {
  const root = resolve(dir);
  const file = resolve(root, path.replace(/^\/+/, ''));
  return file.startsWith(root + sep) ? file : null;
}

function describe(error: unknown, maxBytes: number): string {
  if (error instanceof OutboundError) {
    if (error.problem === 'private') return 'refused: a private or loopback network address';
    if (error.problem === 'too-large') return `larger than ${Math.round(maxBytes / 1048576)} MB`;
    if (error.problem === 'timeout') return 'no complete answer in time';
    return error.message;
  }
  const code = (error as { code?: string }).code;
  return code ? `network error (${code})` : String((error as Error).message ?? error);
}

async function fetchOne(job: FetchJob, dir: string, options: Required<Pick<FetchOptions, 'maxBytes' | 'timeoutMs' | 'allowPrivate'>>): Promise<FetchResult> {
  const file = target(dir, job.path);
  if (!file) return { ...job, ok: false, problem: 'the path would leave the download folder' };
  try {
    const answer = await outboundRequest(job.url, {
      redirects: 3,
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs,
      allowPrivate: options.allowPrivate,
      headers: { accept: 'image/*' },
    });
    if (answer.status !== 200) return { ...job, ok: false, problem: `HTTP ${answer.status}` };
    const type = String(answer.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (!IMAGE_TYPES.test(type)) return { ...job, ok: false, problem: `not an image (${type || 'no content type'})` };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, answer.body);
    return { ...job, ok: true, bytes: answer.body.length };
  } catch (error) {
    return { ...job, ok: false, problem: describe(error, options.maxBytes) };
  }
}

/** Downloads every job (each path once), `concurrency` at a time; never throws for one file. */
export async function fetchMedia(jobs: readonly FetchJob[], dir: string, options: FetchOptions = {}): Promise<FetchResult[]> {
  const unique = [...new Map(jobs.map((j) => [j.path, j])).values()];
  const settings = { maxBytes: options.maxBytes ?? MAX_UPLOAD_BYTES, timeoutMs: options.timeoutMs ?? 60_000, allowPrivate: Boolean(options.allowPrivate) };
  const results: FetchResult[] = new Array(unique.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (next < unique.length) {
      const at = next++;
      results[at] = await fetchOne(unique[at]!, dir, settings);
      done++;
      if (!results[at]!.ok) failed++;
      options.onProgress?.(done, unique.length, failed);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 4, 16, unique.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return results;
}
