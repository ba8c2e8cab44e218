/**
 * Turns full articles into feed items: absolute URLs, a stable id, a plain-text summary
 * and the body rendered by the same `renderBody` the article page uses, with every
 * site-relative link made absolute (a feed reader has no page to resolve them against).
 */
import type { Article } from '../content/index.js';
import { bodyToText, renderBody, renderImageFigure } from '../content/index.js';
import { latestNoteAt, renderCorrectionNotes, type CorrectionNote } from '../content/index.js';
import type { MediaItem } from '../media/index.js';
import { escapeHtml, html, type SafeHtml } from '../platform/html.js';
import type { Language } from '../platform/i18n.js';

/** What every feed format needs of one article. All URLs are absolute. */
export interface FeedItem {
  /** Never changes, even when the slug or the site's address do not stay the same (RFC 4151 tag URI). */
  id: string;
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  contentHtml: string;
  published: Date;
  modified: Date;
  language: Language;
  authors: { name: string; url: string }[];
  tags: { name: string; url: string }[];
  image: FeedImage | null;
}

export interface FeedImage {
  url: string;
  type: string;
  /** Bytes; 0 when unknown (RSS 2.0 asks for the attribute either way). */
  length: number;
}

export interface ItemContext {
  /** The site's public origin (and base path), without a trailing slash. */
  publicUrl: string;
  media: ReadonlyMap<number, MediaItem>;
  /** File size per media path (see `feedImagePath`), for enclosure lengths. */
  sizes?: ReadonlyMap<string, number>;
  /** The appeal shown by donation blocks without their own text. */
  donationText: string;
  /** Leaves out articles dated after this instant (published with a future date). */
  now?: Date;
  /** Public correction notes per article id: appended to the content, and they date the item's update. */
  corrections?: ReadonlyMap<number, readonly CorrectionNote[]>;
}

/** How many items a feed carries: the newest twenty. */
export const FEED_LENGTH = 20;
const SUMMARY_LENGTH = 280;

/**
 * The file a feed points to for an image: the widest JPEG variant (every reader shows
 * JPEG; the original may be a 6000-pixel camera file), or the original when there is none.
 *
 * @example
 *   feedImagePath(media); // { path: '2026/11/rathaus-1a2b3c-1600.jpg', type: 'image/jpeg' }
 */
export function feedImagePath(media: MediaItem): { path: string; type: string } {
  const jpegs = media.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  const widest = jpegs.at(-1);
  return widest ? { path: widest.path, type: 'image/jpeg' } : { path: media.path, type: media.mime };
}

/** Same encoding as the site's own `mediaUrl`, so feed and page point at one file. */
function mediaPath(path: string): string {
  return path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..').map(encodeURIComponent).join('/');
}

/**
 * `${publicUrl}/${slug}/`, the article's address.
 *
 * @example
 *   articleUrl('https://zeitung.example', 'stadtrat'); // 'https://zeitung.example/stadtrat/'
 */
export function articleUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/${encodeURIComponent(slug)}/`;
}

/**
 * Makes the links of HTML rendered for the site absolute. Only attributes our own
 * escaping templates wrote can match: a quote typed by a writer is `&quot;` by now.
 *
 * @example
 *   absolutize('<a href="/support/">x</a> <a href="#fn-1">1</a>', 'https://z.example', 'https://z.example/a/');
 *   // '<a href="https://z.example/support/">x</a> <a href="https://z.example/a/#fn-1">1</a>'
 */
export function absolutize(markup: string, publicUrl: string, pageUrl: string): string {
  const base = escapeHtml(publicUrl);
  const page = escapeHtml(pageUrl);
  return markup
    .replace(/(\s(?:href|src|cite|poster))="\/(?!\/)/g, (_, attr: string) => `${attr}="${base}/`)
    .replace(/(\shref)="#/g, (_, attr: string) => `${attr}="${page}#`)
    .replace(/(\ssrcset)="([^"]*)"/g, (_, attr: string, list: string) => {
      const parts = list.split(',').map((part) => part.trim().replace(/^\/(?!\/)/, `${base}/`));
      return `${attr}="${parts.join(', ')}"`;
    });
}

/**
 * The first sentences of a text, cut at a word boundary.
 *
 * @example
 *   excerpt('Der Stadtrat hat gestern lange gestritten.', 20); // 'Der Stadtrat hat…'
 */
export function excerpt(text: string, max = SUMMARY_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

function tagUri(publicUrl: string, article: Article): string {
  // RFC 4151: a domain and a day it was ours; the creation day of the article never moves.
  const host = new URL(publicUrl).hostname;
  return `tag:${host},${article.createdAt.toISOString().slice(0, 10)}:article:${article.id}`;
}

/**
 * One feed item. Articles without a publication date (drafts) answer null.
 *
 * @example
 *   toFeedItem(article, { publicUrl: 'https://zeitung.example', media: new Map(), donationText: '' })?.url;
 *   // 'https://zeitung.example/stadtrat/'
 */
export function toFeedItem(article: Article, ctx: ItemContext): FeedItem | null {
  if (!article.publishedAt) return null;
  const { publicUrl } = ctx;
  const url = articleUrl(publicUrl, article.slug);
  const featured = article.featuredMediaId === null ? undefined : ctx.media.get(article.featuredMediaId);
  const parts: SafeHtml[] = [];
  // The featured image leads, with its credit line: CC BY asks for attribution wherever it appears.
  if (featured) {
    parts.push(renderImageFigure(featured, { lang: article.lang, caption: article.featuredCaption || undefined }));
  }
  if (article.subtitle) parts.push(html`<p><strong>${article.subtitle}</strong></p>`);
  // Plain HTML: a feed reader has no stylesheet or script, so collapsible parts come open.
  parts.push(renderBody(article.body, { lang: article.lang, media: ctx.media, supportUrl: '/support/', donationText: ctx.donationText, plain: true }));
  // Correction notes go with the text, as on the page; a new note is an update of the item.
  const notes = ctx.corrections?.get(article.id) ?? [];
  if (notes.length) parts.push(renderCorrectionNotes(notes, article.lang));
  const image = featured ? feedImagePath(featured) : null;
  const revised = article.revisedAt && article.revisedAt > article.publishedAt ? article.revisedAt : article.publishedAt;
  const noteAt = latestNoteAt(notes);
  const modified = noteAt && noteAt > revised ? noteAt : revised;
  return {
    id: tagUri(publicUrl, article),
    url,
    title: article.title,
    summary: article.subtitle || article.seoDescription || excerpt(bodyToText(article.body.filter((b) => b.type !== 'footnotes'))),
    contentHtml: absolutize(parts.map(String).join('\n'), publicUrl, url),
    published: article.publishedAt,
    modified,
    language: article.lang,
    authors: article.authors.map((a) => ({ name: a.name, url: `${publicUrl}/author/${encodeURIComponent(a.slug)}/` })),
    tags: article.tags.map((t) => ({ name: t.name, url: `${publicUrl}/tag/${encodeURIComponent(t.slug)}/` })),
    image: image && {
      url: `${publicUrl}/media/${mediaPath(image.path)}`,
      type: image.type,
      length: ctx.sizes?.get(image.path) ?? 0,
    },
  };
}

/**
 * The newest `FEED_LENGTH` published articles as feed items, newest first.
 *
 * @example
 *   toFeedItems(articles, ctx).map((i) => i.title);
 */
export function toFeedItems(articles: readonly Article[], ctx: ItemContext): FeedItem[] {
  return articles
    .filter((a) => a.status === 'published' && !(ctx.now && a.publishedAt && a.publishedAt > ctx.now))
    .map((a) => toFeedItem(a, ctx))
    .filter((item): item is FeedItem => item !== null)
    .sort((a, b) => b.published.getTime() - a.published.getTime())
    .slice(0, FEED_LENGTH);
}
