/**
 * The newsroom rule "credit and licence before an image goes public" (setting
 * `editorial.requireImageCredit`): an article that would be public (published, or
 * scheduled to be) may not show an image, featured or in the body, whose library entry
 * lacks a credit line or a known licence. Checked before saving; nothing is half-saved.
 *
 * @example
 *   await assertImagesCredited(services, { status: 'published', featuredMediaId: 7, body });
 *   // throws AppError('IMAGE_CREDIT_MISSING', { field: 'featuredMediaId' }) when #7 has no credit
 */
import type { PlatformDeps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { isLicenceCode } from '../media/index.js';

export type ImageCreditDeps = { settings: Pick<PlatformDeps['settings'], 'get'>; database: { db: Pick<PlatformDeps['database']['db'], 'selectFrom'> } };

interface Publishable {
  status: string;
  featuredMediaId?: number | null;
  /** Not yet validated here: the content service checks the blocks themselves. */
  body: readonly unknown[];
}

/** Every image the article shows, with the field that names it. */
export function imagesOf(article: Publishable): { mediaId: number; field: string }[] {
  const images: { mediaId: number; field: string }[] = [];
  if (typeof article.featuredMediaId === 'number') images.push({ mediaId: article.featuredMediaId, field: 'featuredMediaId' });
  article.body.forEach((block, i) => {
    const b = block as { type?: unknown; mediaId?: unknown; images?: unknown } | null;
    if (b && b.type === 'image' && typeof b.mediaId === 'number') images.push({ mediaId: b.mediaId, field: `body[${i}].mediaId` });
    // Every image of a gallery is shown with its credit line too.
    if (b && b.type === 'gallery' && Array.isArray(b.images)) {
      b.images.forEach((image: { mediaId?: unknown } | null, j) => {
        if (image && typeof image.mediaId === 'number') images.push({ mediaId: image.mediaId, field: `body[${i}].images[${j}].mediaId` });
      });
    }
  });
  return images;
}

export async function assertImagesCredited(services: ImageCreditDeps, article: Publishable): Promise<void> {
  if (article.status !== 'published' && article.status !== 'scheduled') return;
  if (!(await services.settings.get('editorial')).requireImageCredit) return;
  const images = imagesOf(article);
  if (images.length === 0) return;
  const ids = [...new Set(images.map((image) => image.mediaId))];
  // The raw rows: the media service maps an unknown licence to "all rights reserved".
  const rows = await services.database.db.selectFrom('media').select(['id', 'credit', 'licence']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const image of images) {
    const row = byId.get(image.mediaId);
    if (!row) continue; // an unknown image is the content service's to refuse
    const missing = [row.credit.trim() === '' ? 'credit' : null, isLicenceCode(row.licence) ? null : 'licence'].filter(Boolean);
    if (missing.length) {
      throw new AppError('IMAGE_CREDIT_MISSING', { field: image.field, detail: `image #${row.id} has no ${missing.join(' and ')}` });
    }
  }
}
