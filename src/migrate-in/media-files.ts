/**
 * Images of an imported site: from the old uploads folder when one is given, or from the
 * folder `--fetch-media` downloaded them into (processed by the media library like an
 * upload: decoded, EXIF stripped, sizes made), otherwise kept by their remote address,
 * shown as a link rather than loaded from the old server (no third-party request without
 * consent) and listed in the report for a later fetch.
 *
 * A path from the export never leaves its folder (`../../etc/passwd` is refused), and the
 * same file is imported once however often it is used, in this run or the last. Its old
 * addresses redirect to the new file: the address used, the original's, the attachment
 * page and `/?attachment_id=N` (sized variants, `-150x150.jpg`, are matched on lookup).
 *
 * @example
 *   const media = createMediaFiles(session, { dirs: ['/srv/old/wp-content/uploads'], base: 'https://old.example.org' });
 *   await media.resolve({ key: 'attachment:57', path: '2025/02/rathaus.jpg', url, alt: 'Rathaus' }); // { mediaId: 12 }
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { mediaUrl } from '../content/index.js';
import { isLicenceCode, MAX_UPLOAD_BYTES } from '../media/index.js';
import { describe } from './errors.js';
import { own } from './own.js';
import { addRedirect, findItem, remember } from './ledger.js';
import type { Session } from './session.js';

export interface MediaRequest {
  /** Idempotency key: 'attachment:57' or 'upload:2025/02/x.jpg'; null: never imported locally. */
  key: string | null;
  /** Path below the uploads folder. */
  path: string | null;
  /** Where the file was on the old site (absolute or site-relative). */
  url: string;
  /** Other old addresses of the same file (the full size of a resized image). */
  aliases?: string[];
  alt?: string;
  caption?: string;
  /** Credit, licence and source as the old library had them (our own export carries them). */
  credit?: string;
  licence?: string;
  sourceUrl?: string;
  label: string;
}

export type MediaResult = { mediaId: number } | { remote: string } | null;

const IMAGE = /\.(jpe?g|png|gif|webp|avif|heic|heif|tiff?)$/i;

export function createMediaFiles(s: Session, options: { dirs: readonly (string | null | undefined)[]; base: string }) {
  const cache = new Map<string, MediaResult>();
  // The uploads folder first, then the downloads of --fetch-media.
  const roots = options.dirs.filter((d): d is string => Boolean(d)).map((d) => realpathSync(resolve(d)));
  const root = roots[0] ?? null;

  function absolute(url: string): string | null {
    const trimmed = url.trim();
    if (/^https?:\/\//i.test(trimmed)) return trimmed;
    if (trimmed.startsWith('//')) return `https:${trimmed}`;
    if (trimmed.startsWith('/') && /^https?:\/\//i.test(options.base)) return `${options.base.replace(/\/+$/, '')}${trimmed}`;
    return null;
  }

  /** The file below one of the folders, or null (missing, or outside its folder). */
  function localFile(path: string | null): string | null {
    if (!path) return null;
    for (const dir of roots) {
      const candidate = resolve(dir, path.replace(/^\/+/, ''));
      try {
        const real = realpathSync(candidate);
        if (real.startsWith(dir + sep) && statSync(real).isFile()) return real;
      } catch {
        // not in this folder: try the next
      }
    }
    return null;
  }

  async function importLocal(request: MediaRequest, file: string): Promise<MediaResult> {
    const key = request.key!;
    const known = await findItem(s.tx, s.source, 'media', key);
    if (known !== null && (await s.tx.selectFrom('media').select('id').where('id', '=', known).executeTakeFirst())) {
      s.report.existing('images');
      return { mediaId: known };
    }
    let mediaId: number;
    if (!s.media) {
      // Dry run: a stand-in row (rolled back with the rest) instead of processing the file.
      const row = await s.tx
        .insertInto('media')
        .values({ path: `dry-run/${key}`, mime: 'image/jpeg', width: 1, height: 1, size: 0, alt: '', caption: '', credit: '', source_url: null, licence: 'all-rights-reserved', variants: '[]', created_at: s.now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      mediaId = row.id;
    } else {
      if (statSync(file).size > MAX_UPLOAD_BYTES) throw new Error(`larger than ${MAX_UPLOAD_BYTES / 1048576} MB`);
      const licence = request.licence && isLicenceCode(request.licence) ? request.licence : 'all-rights-reserved';
      const item = await s.media.importImage(readFileSync(file), {
        alt: request.alt ?? '',
        caption: request.caption ?? '',
        ...(request.credit ? { credit: request.credit } : {}),
        ...(request.sourceUrl && /^https?:\/\//.test(request.sourceUrl) ? { sourceUrl: request.sourceUrl } : {}),
        licence,
        name: basename(file).replace(/\.[^.]+$/, ''),
      });
      s.written(item);
      mediaId = item.id;
      // Links to the old file (from other sites, old newsletters) reach the new one.
      for (const url of new Set([request.url, ...(request.aliases ?? [])])) {
        if (await addRedirect(s.tx, url, mediaUrl(item.path), s.source, s.now)) s.report.added('old addresses redirected');
      }
    }
    await remember(s.tx, s.source, 'media', key, mediaId, s.now);
    s.report.added('images');
    return { mediaId };
  }

  return {
    async resolve(request: MediaRequest): Promise<MediaResult> {
      const cacheKey = request.key ?? request.url;
      if (cache.has(cacheKey)) return cache.get(cacheKey)!;
      let result: MediaResult = null;
      const file = request.key ? localFile(request.path) : null;
      if (file && IMAGE.test(file)) {
        try {
          result = await importLocal(request, file);
        } catch (error) {
          await s.report.review(request.label, `image ${request.path} could not be imported (${describe(error)}); kept as a link`, { kind: 'image not imported' });
        }
      } else if (root && request.path) {
        await s.report.review(request.label, `image ${request.path} is not in the uploads folder; kept as a link`, { kind: 'image not imported' });
      }
      if (!result) {
        const remote = absolute(request.url);
        if (remote) {
          s.report.remoteMedia(remote);
          result = { remote };
        }
      }
      cache.set(own(cacheKey), result && 'remote' in result ? { remote: own(result.remote) } : result);
      return result;
    },
  };
}

export type MediaFiles = ReturnType<typeof createMediaFiles>;
