/**
 * What the HTML converter hands over (blocks, plus images still to be found), and turning
 * it into final blocks: each pending image becomes an image block (imported file) or a
 * link card to its old address (kept remote); a gallery becomes a gallery block of the
 * images that came into the library, the others follow it as link cards (noted). The
 * importer says how an image reference maps to a file (`lookup`).
 *
 * @example
 *   const blocks = await resolveDrafts(drafts, { media, lookup: (img) => ({ key: null, path: null, url: img.src }), gallery: () => [], label, note });
 */
import type { Block, GalleryImage } from '../content/index.js';
import { embedBlock } from './embeds.js';
import type { MediaFiles, MediaRequest } from './media-files.js';

export interface PendingImage {
  type: 'pending-image';
  src: string;
  attachmentId: number | null;
  caption?: string;
  alt?: string;
}

/**
 * A gallery: its images as found in the HTML (block editor, Ghost), or for a `[gallery]`
 * shortcode the listed attachment ids, or (neither) the post's own attachments.
 */
export interface PendingGallery {
  type: 'pending-gallery';
  ids: number[];
  images: PendingImage[];
  caption?: string;
}

export type Draft = Block | PendingImage | PendingGallery;

export interface ConversionNote {
  /** What sort of note ('table approximated'); the report groups by it. */
  kind: string;
  message: string;
  html?: string;
}

export interface Conversion {
  blocks: Draft[];
  notes: ConversionNote[];
}

const MAX_BLOCKS = 2000;

/** Too many blocks for one article: neighbouring paragraphs are merged until it fits. */
export function fit(blocks: Draft[], notes: ConversionNote[]): Draft[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const merged: Draft[] = [];
  for (const block of blocks) {
    const last = merged.at(-1);
    if (block.type === 'paragraph' && last?.type === 'paragraph' && last.text.length + block.text.length < 20_000) {
      last.text += `\n\n${block.text}`;
    } else merged.push(block);
  }
  notes.push({ kind: 'body shortened', message: `the body had ${blocks.length} blocks; paragraphs were merged to stay within ${MAX_BLOCKS}` });
  return merged.slice(0, MAX_BLOCKS);
}

export interface DraftContext {
  media: MediaFiles;
  /** Where an image reference lives: attachment, upload path, address. */
  lookup(image: PendingImage): Omit<MediaRequest, 'label'>;
  /** The images of a gallery without ids (WordPress: the post's attachments). */
  gallery(ids: number[]): PendingImage[];
  label: string;
  /** Where notes about this body go (they name the article once it exists). */
  note(note: ConversionNote): void;
}

function fileName(url: string): string {
  return decodeURIComponent(url.replace(/[?#].*$/, '').split('/').pop() ?? url).slice(0, 200);
}

export async function resolveImage(image: PendingImage, ctx: DraftContext): Promise<Block | null> {
  const request = { ...ctx.lookup(image), label: ctx.label };
  // The library item takes the library's own alt and caption when the export has them; the block keeps its own.
  const result = await ctx.media.resolve({ ...request, alt: request.alt || image.alt, caption: request.caption || image.caption });
  if (!result) return null;
  if ('mediaId' in result) {
    return { type: 'image', mediaId: result.mediaId, ...(image.caption ? { caption: image.caption } : {}), ...(image.alt ? { alt: image.alt } : {}) };
  }
  const title = image.alt || request.alt || fileName(result.remote);
  return embedBlock(result.remote, { title, ...(image.caption ? { caption: image.caption } : {}) });
}

/** A gallery of the images that came into the library; the rest follow as link cards. */
async function resolveGallery(draft: PendingGallery, ctx: DraftContext): Promise<Block[]> {
  const pending = draft.images.length ? draft.images : ctx.gallery(draft.ids);
  const images: GalleryImage[] = [];
  const remote: Block[] = [];
  for (const image of pending) {
    const block = await resolveImage(image, ctx);
    if (block?.type === 'image') images.push({ mediaId: block.mediaId, ...(block.caption ? { caption: block.caption } : {}), ...(block.alt ? { alt: block.alt } : {}) });
    else if (block) remote.push(block);
  }
  if (remote.length) {
    ctx.note({ kind: 'gallery image not imported', message: `${remote.length} of ${pending.length} gallery images are not in the library and follow the gallery as links to their old address` });
  }
  if (pending.length === 0) ctx.note({ kind: 'gallery empty', message: 'a gallery without any image was left out' });
  const gallery: Block[] = images.length ? [{ type: 'gallery', images, ...(draft.caption ? { caption: draft.caption } : {}) }] : [];
  if (!images.length && draft.caption && remote.length) remote.push({ type: 'paragraph', text: `*${draft.caption}*` });
  return [...gallery, ...remote];
}

export async function resolveDrafts(drafts: Draft[], ctx: DraftContext): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const draft of drafts) {
    if (draft.type === 'pending-image') {
      const block = await resolveImage(draft, ctx);
      if (block) blocks.push(block);
    } else if (draft.type === 'pending-gallery') {
      blocks.push(...(await resolveGallery(draft, ctx)));
    } else blocks.push(draft);
  }
  return blocks;
}
