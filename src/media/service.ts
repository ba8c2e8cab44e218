/**
 * The media library: images decoded for real (never trusted by their name), stored
 * without EXIF/GPS data, with responsive AVIF, WebP and JPEG variants, and with the
 * credit, source and licence that the site prints under every image.
 *
 * @example
 *   const media = createMediaService({ db, dataDir });
 *   const item = await media.importImage(buffer, { alt: 'Rathaus', credit: 'Jana Beispiel', licence: 'cc-by-4.0' });
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import { isLicenceCode, type LicenceCode, type MediaItem, type MediaVariant } from './types.js';

export interface ImageMeta {
  alt?: string;
  caption?: string;
  credit?: string;
  sourceUrl?: string | null;
  licence: LicenceCode;
  /** Used in the file name; the content hash keeps names unique. */
  name?: string;
  /** The staff account uploading it (see access.ts). */
  uploadedBy?: number | null;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/**
 * Refuse decompression bombs before decoding: a file's header says how many pixels it
 * will take, and a 57 KB PNG can claim 59 million (about 47 s of work and 150 MB). 50
 * megapixels still take a 45-megapixel camera's photo as it comes.
 */
export const MAX_PIXELS = 50_000_000;
/**
 * The stored original is at most this wide and high (WordPress stops at 2560): every
 * variant is made from it, so the upload is decoded once at full size, not once per variant.
 */
export const MAX_EDGE = 3840;
/** Each decode and encode has this long; an image that takes longer is refused (IMAGE_TOO_LARGE). */
export const DECODE_SECONDS = 20;
const WIDTHS = [480, 960, 1600];
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'heif', 'tiff']);

export function toMediaItem(row: MediaRow): MediaItem {
  let variants: MediaVariant[] = [];
  try {
    variants = JSON.parse(row.variants) as MediaVariant[];
  } catch {
    variants = [];
  }
  return {
    id: row.id,
    path: row.path,
    mime: row.mime,
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    sourceUrl: row.source_url,
    licence: isLicenceCode(row.licence) ? row.licence : 'all-rights-reserved',
    variants,
  };
}

/** An upload decoded and encoded in memory, not yet written. */
interface Prepared {
  files: [string, Buffer][];
  variants: MediaVariant[];
  path: string;
  width: number;
  height: number;
  size: number;
  stamp: Date;
}

export function createMediaService({
  db,
  dataDir,
  now = () => new Date(),
  decodeSeconds = DECODE_SECONDS,
}: {
  db: Kysely<Database>;
  dataDir: string;
  now?: () => Date;
  /** Seconds each decode may take (tests set 1 to see a slow image refused). */
  decodeSeconds?: number;
}) {
  const root = join(dataDir, 'media');

  function write(relative: string, data: Buffer) {
    const target = join(root, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }

  /**
   * Decodes an upload once at full size and makes its variants, in memory: nothing is
   * written until every step has passed, so a refused image leaves no file behind.
   */
  async function prepare(input: Buffer, name: string | undefined): Promise<Prepared> {
    if (input.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file' });
    let info: Metadata;
    try {
      // Only the header is read here, so no limit yet: the pixel count is checked below
      // and a bomb is refused as too large, before anything decodes it.
      info = await sharp(input, { limitInputPixels: false }).metadata();
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { field: 'file', detail: 'not an image we can decode' });
    }
    if (!info.format || !ACCEPTED.has(info.format) || !info.width || !info.height) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { field: 'file', detail: `format ${info.format ?? 'unknown'}` });
    }
    // From the header alone, before anything is decoded (sharp's limit below is the second line).
    if (info.width * info.height > MAX_PIXELS) {
      throw new AppError('IMAGE_TOO_LARGE', { field: 'file', detail: `${info.width} × ${info.height} pixels, at most ${MAX_PIXELS / 1_000_000} megapixels` });
    }
    const hash = createHash('sha256').update(input).digest('hex').slice(0, 10);
    const stamp = now();
    const folder = `${stamp.getUTCFullYear()}/${String(stamp.getUTCMonth() + 1).padStart(2, '0')}`;
    const base = `${folder}/${(name ?? 'bild').replace(/[^a-z0-9-]/gi, '').toLowerCase().slice(0, 40) || 'bild'}-${hash}`;
    // Decoding the whole image (not only its header) proves it is one; rotate() applies
    // the EXIF orientation before the metadata is dropped (sharp drops it by default).
    // Decoded once at full size; the variants are made from the stored original.
    let original: { data: Buffer; info: OutputInfo };
    try {
      original = await sharp(input, { limitInputPixels: MAX_PIXELS })
        .timeout({ seconds: decodeSeconds })
        .rotate()
        .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 85, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      if (/timeout|pixel limit/i.test(String((error as Error)?.message))) {
        throw new AppError('IMAGE_TOO_LARGE', { field: 'file', detail: 'the image takes too long to decode' });
      }
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { field: 'file', detail: 'the image data is damaged' });
    }
    const resized = (width: number) => sharp(original.data).timeout({ seconds: decodeSeconds }).resize({ width, withoutEnlargement: true });
    const files: [string, Buffer][] = [[`${base}.jpg`, original.data]];
    const variants: MediaVariant[] = [];
    for (const width of WIDTHS.filter((w) => w < original.info.width).concat(original.info.width).slice(0, 3)) {
      const outputs: [MediaVariant['format'], Promise<Buffer>][] = [
        ['avif', resized(width).avif({ quality: 50, effort: 2 }).toBuffer()],
        ['webp', resized(width).webp({ quality: 72 }).toBuffer()],
        ['jpeg', resized(width).jpeg({ quality: 78, mozjpeg: true }).toBuffer()],
      ];
      for (const [format, promise] of outputs) {
        const path = `${base}-${width}.${format === 'jpeg' ? 'jpg' : format}`;
        files.push([path, await promise]);
        variants.push({ path, width, format });
      }
    }
    return { files, variants, path: `${base}.jpg`, width: original.info.width, height: original.info.height, size: original.data.length, stamp };
  }

  /** Removes an image's stored files (the original and its variants); a missing one is no error. */
  function removeFiles(row: Pick<MediaRow, 'path' | 'variants'>) {
    let variants: MediaVariant[] = [];
    try {
      variants = JSON.parse(row.variants) as MediaVariant[];
    } catch {
      variants = [];
    }
    const paths = [row.path, ...variants.map((v) => v.path)];
    for (const path of paths) rmSync(join(root, path), { force: true });
  }

  return {
    root,

    async importImage(input: Buffer, meta: ImageMeta): Promise<MediaItem> {
      if (input.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file' });
      if (!isLicenceCode(meta.licence)) throw new AppError('VALIDATION', { field: 'licence', detail: 'unknown licence' });
      const image = await prepare(input, meta.name);
      for (const [path, data] of image.files) write(path, data);
      const row = await db
        .insertInto('media')
        .values({
          path: image.path,
          mime: 'image/jpeg',
          width: image.width,
          height: image.height,
          size: image.size,
          alt: (meta.alt ?? '').slice(0, 500),
          caption: (meta.caption ?? '').slice(0, 2000),
          credit: (meta.credit ?? '').slice(0, 300),
          source_url: meta.sourceUrl ?? null,
          licence: meta.licence,
          variants: JSON.stringify(image.variants),
          created_at: image.stamp.toISOString(),
          uploaded_by: meta.uploadedBy ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const saved = await db.selectFrom('media').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      return toMediaItem(saved);
    },

    /**
     * Puts a new file behind an existing image: its id, texts and every use stay, so each
     * article showing it shows the new picture. The old files go once the row points at
     * the new ones. Refused files change nothing (the same checks as an upload).
     */
    async replaceImage(id: number, input: Buffer, name?: string): Promise<MediaItem> {
      const before = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', { field: 'id' });
      const image = await prepare(input, name);
      if (image.path === before.path) return toMediaItem(before);
      for (const [path, data] of image.files) write(path, data);
      await db
        .updateTable('media')
        .set({ path: image.path, mime: 'image/jpeg', width: image.width, height: image.height, size: image.size, variants: JSON.stringify(image.variants) })
        .where('id', '=', id)
        .execute();
      removeFiles(before);
      return toMediaItem(await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    },

    /** Deletes an image's row and files. Whether it may go (not in use) is the caller's check (library.ts). */
    async deleteImage(id: number): Promise<void> {
      const row = await db.selectFrom('media').select(['path', 'variants']).where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', { field: 'id' });
      await db.deleteFrom('media').where('id', '=', id).execute();
      removeFiles(row);
    },

    async getMany(ids: Iterable<number>): Promise<Map<number, MediaItem>> {
      const list = [...new Set(ids)].filter((id) => Number.isInteger(id) && id > 0);
      if (list.length === 0) return new Map();
      const rows = await db.selectFrom('media').selectAll().where('id', 'in', list).execute();
      return new Map(rows.map((row) => [row.id, toMediaItem(row)]));
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
