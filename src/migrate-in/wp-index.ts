/**
 * The first pass over a WordPress export. WordPress writes items in id order, and images
 * are usually uploaded after the post that uses them was created, so a post's images can
 * come after the post. This pass collects what later passes look up (the site, authors,
 * terms, attachments, reusable blocks) and, by reading the whole file, finds a truncated
 * or malformed file before anything is written or any image is processed.
 *
 * Memory: a few hundred bytes per attachment and term, nothing per post or comment.
 *
 * @example
 *   const index = await indexWxr('export.xml', { onProgress: (done, total, items) => progress.update({ done, total, counts: { items } }) });
 *   index.attachments.get('57')?.file; // '2025/02/rathaus.jpg'
 */
import { ImportFileError } from './errors.js';
import { readAuthor, readItem, readTerm, type WxrAuthor, type WxrTerm } from './wxr-records.js';
import { childText, streamXml } from './xml-stream.js';

export interface WxrAttachment {
  id: string;
  url: string;
  /** The attachment page (`/2025/02/13/post/rathaus/`); it redirects to the image. */
  link: string;
  /** Path below the uploads folder, e.g. '2025/02/rathaus.jpg'. */
  file: string;
  alt: string;
  caption: string;
  title: string;
  parent: string;
  /** Credit, licence and source link, from our own export's metas (`_blattwerk_credit`, …). */
  credit: string;
  licence: string;
  sourceUrl: string;
}

export interface WxrChannel {
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  language: string;
  version: string;
}

export interface WxrIndex {
  channel: WxrChannel;
  authors: WxrAuthor[];
  terms: WxrTerm[];
  attachments: Map<string, WxrAttachment>;
  /** Upload path without size suffix ('2025/02/rathaus.jpg') → attachment id. */
  byPath: Map<string, string>;
  /** Post id → its attachments, in file order (a `[gallery]` without ids shows these). */
  children: Map<string, string[]>;
  /** Reusable blocks (`wp_block`) by id, spliced in where a post references one. */
  reusable: Map<string, string>;
  items: number;
  removedControls: number;
  /** With --keep-going: where the file stopped being readable. */
  error: ImportFileError | null;
}

/**
 * '2025/02/rathaus.jpg' for any address of the upload or its sizes, from any host:
 * 'https://old.example.org/wp-content/uploads/2025/02/rathaus-1024x768.jpg', '…/rathaus-scaled.jpg',
 * WordPress.com's 'https://x.files.wordpress.com/2025/02/rathaus.jpg?w=300', its proxy
 * 'https://i0.wp.com/x.files.wordpress.com/2025/02/rathaus.jpg', a CDN's copy, or the
 * attachment's own '2025/02/rathaus.jpg'.
 */
export function uploadPath(url: string): string | null {
  const path = url.replace(/[?#].*$/, '');
  const at = path.indexOf('/uploads/');
  // Otherwise the last year/month/name of the address, wherever it is hosted.
  const dated = /(?:^|\/)(\d{4}\/\d{2}\/[^/]+)$/.exec(path)?.[1];
  const rel = at >= 0 ? path.slice(at + '/uploads/'.length) : dated ?? null;
  if (!rel) return null;
  let decoded = rel;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    decoded = rel;
  }
  return decoded.replace(/-(?:\d{1,5}x\d{1,5}|scaled|rotated)(?=\.[a-z0-9]{2,5}$)/i, '');
}

export async function indexWxr(file: string, options: { keepGoing?: boolean; onProgress?: (done: number, total: number, items: number) => void } = {}): Promise<WxrIndex> {
  const index: WxrIndex = {
    channel: { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', language: '', version: '' },
    authors: [],
    terms: [],
    attachments: new Map(),
    byPath: new Map(),
    children: new Map(),
    reusable: new Map(),
    items: 0,
    removedControls: 0,
    error: null,
  };
  const channelFields: Record<string, keyof WxrChannel> = {
    title: 'title', link: 'link', 'wp:base_site_url': 'baseSiteUrl', 'wp:base_blog_url': 'baseBlogUrl', language: 'language', 'wp:wxr_version': 'version',
  };
  try {
    const result = await streamXml({
      file,
      recordDepth: 2,
      onProgress: (done, total) => options.onProgress?.(done, total, index.items),
      onRoot(name, attrs) {
        if (name !== 'rss' || !Object.values(attrs).some((v) => /wordpress\.org\/export\//.test(v))) {
          throw new ImportFileError(file.split('/').pop()!, `line 1: not a WordPress export: the root element is <${name}>, not <rss> with the WordPress export namespace`);
        }
      },
      onRecord(node) {
        const field = channelFields[node.name];
        if (field) index.channel[field] = node.text.trim();
        else if (node.name === 'wp:author') index.authors.push(readAuthor(node));
        else if (node.name === 'item') {
          index.items++;
          const type = childText(node, 'wp:post_type');
          if (type === 'attachment') {
            const item = readItem(node);
            const attachment: WxrAttachment = {
              id: item.postId,
              url: item.attachmentUrl || item.guid,
              link: item.link,
              file: item.meta.get('_wp_attached_file')?.[0]?.trim() ?? '',
              alt: item.meta.get('_wp_attachment_image_alt')?.[0]?.trim() ?? '',
              caption: item.excerpt.trim(),
              title: item.title.trim(),
              parent: item.parent,
              credit: item.meta.get('_blattwerk_credit')?.[0]?.trim() ?? '',
              licence: item.meta.get('_blattwerk_licence')?.[0]?.trim() ?? '',
              sourceUrl: item.meta.get('_blattwerk_source_url')?.[0]?.trim() ?? '',
            };
            index.attachments.set(attachment.id, attachment);
            for (const key of [uploadPath(attachment.file), uploadPath(attachment.url)]) if (key) index.byPath.set(key, attachment.id);
            if (attachment.parent && attachment.parent !== '0') {
              (index.children.get(attachment.parent) ?? index.children.set(attachment.parent, []).get(attachment.parent)!).push(attachment.id);
            }
          } else if (type === 'wp_block') {
            index.reusable.set(childText(node, 'wp:post_id'), readItem(node).content);
          }
        } else {
          const term = readTerm(node);
          if (term) index.terms.push(term);
        }
      },
    });
    index.removedControls = result.removedControls;
  } catch (error) {
    if (!(options.keepGoing && error instanceof ImportFileError)) throw error;
    index.error = error;
  }
  return index;
}
