/**
 * Logos and app icons from an upload. Only raster images that sharp reads as PNG, JPEG or
 * WebP are taken (an SVG could carry script when opened on its own); anything else is
 * `THEME_NOT_IMAGE`, and a file over 2 MB or 4,000 px a side `THEME_IMAGE_TOO_LARGE`.
 * A logo is scaled to at most 160 px high (twice the masthead's height, for sharp
 * screens) and kept as PNG; an icon is cropped square and made in the sizes browsers ask
 * for (32 px favicon, 180 px Apple touch icon, 192 and 512 px for the web app manifest).
 *
 * @example
 *   const logo = await makeLogo(upload);            // { ext: 'png', contentType: 'image/png', body }
 *   const icons = await makeIcons(upload);          // { png32, png180, png192, png512 }
 */
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../platform/errors.js';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const MAX_SIDE = 4000;
const ACCEPTED = new Set(['png', 'jpeg', 'webp']);

export interface MadeImage {
  ext: 'png';
  contentType: 'image/png';
  body: Buffer;
}

export type IconSize = 'png32' | 'png180' | 'png192' | 'png512';
export const ICON_SIZES: Record<IconSize, number> = { png32: 32, png180: 180, png192: 192, png512: 512 };

async function checked(input: Buffer, field: string): Promise<Sharp> {
  if (input.length > MAX_UPLOAD_BYTES) throw new AppError('THEME_IMAGE_TOO_LARGE', { field });
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    ({ format, width = 0, height = 0 } = meta);
  } catch {
    throw new AppError('THEME_NOT_IMAGE', { field });
  }
  if (!format || !ACCEPTED.has(format)) throw new AppError('THEME_NOT_IMAGE', { field });
  if (width > MAX_SIDE || height > MAX_SIDE) throw new AppError('THEME_IMAGE_TOO_LARGE', { field });
  return sharp(input, { limitInputPixels: MAX_SIDE * MAX_SIDE }).rotate();
}

function png(body: Buffer): MadeImage {
  return { ext: 'png', contentType: 'image/png', body };
}

export async function makeLogo(input: Buffer, field = 'logo'): Promise<MadeImage> {
  const image = await checked(input, field);
  try {
    return png(await image.resize({ height: 160, withoutEnlargement: true }).png({ compressionLevel: 9 }).toBuffer());
  } catch {
    throw new AppError('THEME_NOT_IMAGE', { field });
  }
}

export async function makeIcons(input: Buffer, field = 'icon'): Promise<Record<IconSize, MadeImage>> {
  const image = await checked(input, field);
  try {
    const square = await image.resize({ width: 512, height: 512, fit: 'cover' }).png().toBuffer();
    const made = {} as Record<IconSize, MadeImage>;
    for (const [size, px] of Object.entries(ICON_SIZES) as [IconSize, number][]) {
      made[size] = png(await sharp(square).resize(px, px).png({ compressionLevel: 9 }).toBuffer());
    }
    return made;
  } catch {
    throw new AppError('THEME_NOT_IMAGE', { field });
  }
}
