/**
 * Renders the structured article body (see `blocks.ts`) to HTML, and derives its plain
 * text and reading time. Every value goes through the escaping `html` template or
 * `renderInline`; the only `raw` markup comes from markdown-it with HTML switched off.
 * A deleted image, an unknown block type or a URL that fails our checks is left out rather
 * than failing the page; `validateBlocks` keeps malformed bodies out of the database.
 */
import type { Block } from './blocks.js';
import { html, join, safeUrl, type SafeHtml } from '../platform/html.js';
import { translator, type Language, type Translate } from '../platform/i18n.js';
import { LICENCES, isLicenceCode, type MediaItem, type MediaVariant } from '../media/index.js';
import { footnoteContext, footnoteRefId, inlineToText, renderInline, type FootnoteContext } from './inline.js';
import { escapeInline } from './inline-rules.js';
import { parseHttpUrl, renderEmbed } from './embed.js';
import { contentMessages, type ContentMessageKey } from './messages.js';
import { renderCode, renderDetails, renderGallery, renderTable, type RichState } from './render-rich.js';

// Validation lives in validate.ts; these names stay importable from here.
export { BlockValidationError, validateBlocks, BODY_LIMITS, type BlockErrorCode } from './validate.js';

export interface RenderContext {
  lang: Language;
  media: ReadonlyMap<number, MediaItem>;
  /** Where the donation appeal links to, e.g. '/support/'. */
  supportUrl: string;
  /** The site's default appeal, used when a donation block has no text of its own. */
  donationText: string;
  /**
   * Plain HTML for feeds and e-mail, where no stylesheet applies: collapsible parts are
   * open, and scroll regions carry no keyboard focus of their own.
   */
  plain?: boolean;
}

type T = Translate<ContentMessageKey>;

/** Everything one body render shares: translations, footnote numbering, used anchors. */
interface BodyState extends RichState {
  ctx: RenderContext;
  t: T;
  footnotes: FootnoteContext;
  ids: Set<string>;
}

/**
 * @example
 *   renderBody([{ type: 'heading', level: 2, text: 'Worum es geht' }, { type: 'paragraph', text: 'Hallo **Welt**' }], ctx).toString();
 *   // '<h2 id="worum-es-geht">Worum es geht</h2>\n<p>Hallo <strong>Welt</strong></p>'
 */
export function renderBody(blocks: readonly Block[], ctx: RenderContext): SafeHtml {
  const footnoteIds = blocks.flatMap((b) => (b.type === 'footnotes' ? b.items.map((i) => i.id) : []));
  const state: BodyState = {
    ctx,
    t: translator(ctx.lang, contentMessages),
    footnotes: footnoteContext(footnoteIds),
    // Reserve the footnote anchors so a heading called "fn-1" cannot take one.
    ids: new Set(footnoteIds.flatMap((id) => [`fn-${id}`, footnoteRefId(id)])),
  };
  // Footnote lists are rendered last, so they know which references exist to link back to.
  const parts: (SafeHtml | null)[] = blocks.map((b) => (b.type === 'footnotes' ? null : renderBlock(b, state)));
  const rendered = new Set<string>();
  blocks.forEach((b, i) => {
    if (b.type === 'footnotes') parts[i] = renderFootnotes(b.items, state, rendered);
  });
  return join(parts.filter((p): p is SafeHtml => p !== null && p.value !== ''), '\n');
}

function renderBlock(block: Exclude<Block, { type: 'footnotes' }>, state: BodyState): SafeHtml {
  const { ctx, t, footnotes } = state;
  switch (block.type) {
    case 'paragraph':
      return block.text.trim() ? html`<p>${renderInline(block.text, footnotes)}</p>` : html``;
    case 'heading': {
      const tag = `h${[2, 3, 4].includes(block.level) ? block.level : 2}`;
      const open = html`<${tag} id="${uniqueId(slugify(block.text), state.ids)}">`;
      return html`${open}${renderInline(block.text, footnotes)}</${tag}>`;
    }
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderInline(item, footnotes)}</li>`);
      return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'quote':
      return renderQuote(block, footnotes);
    case 'image': {
      const media = ctx.media.get(block.mediaId);
      if (!media) return html``;
      return renderImageFigure(media, { lang: ctx.lang, alt: block.alt, caption: block.caption });
    }
    case 'embed':
      return renderEmbed(block, ctx);
    case 'donation': {
      const text = block.text?.trim() || ctx.donationText;
      return html`<aside class="donation-appeal" aria-label="${t('body.donationLabel')}"><p>${renderInline(text)}</p><p><a class="donation-link" href="${siteUrl(ctx.supportUrl)}">${t('body.donationLink')}</a></p></aside>`;
    }
    case 'table':
      return renderTable(block, state);
    case 'code':
      return renderCode(block, state);
    case 'gallery':
      return renderGallery(block, state);
    case 'details':
      return renderDetails(block, state);
    case 'separator':
      return html`<hr class="separator">`;
    default:
      return html``; // an unknown type from an old or foreign row: leave it out
  }
}

/** `safeUrl` lets `/\host` through, which browsers read as `//host`: refuse backslashes too. */
function siteUrl(url: string): string {
  const safe = safeUrl(url);
  return /[\\\u0000-\u001f]/.test(safe) ? '#' : safe;
}

function renderQuote(block: Extract<Block, { type: 'quote' }>, footnotes: FootnoteContext): SafeHtml {
  const source = parseHttpUrl(block.sourceUrl);
  const paragraphs = block.text.split(/\n{2,}/).filter((p) => p.trim());
  const cite = source
    ? html`<cite><a href="${source.href}" rel="noopener">${block.sourceTitle || source.hostname.replace(/^www\./, '')}</a></cite>`
    : block.sourceTitle && html`<cite>${block.sourceTitle}</cite>`;
  const who = block.attribution?.trim();
  const caption = who || cite ? html`<figcaption>— ${who}${who && cite ? ', ' : ''}${cite}</figcaption>` : '';
  return html`<figure class="quote"><blockquote${source ? html` cite="${source.href}"` : ''}>${paragraphs.map((p) => html`<p>${renderInline(p, footnotes)}</p>`)}</blockquote>${caption}</figure>`;
}

function renderFootnotes(items: readonly { id: string; text: string }[], state: BodyState, rendered: Set<string>): SafeHtml {
  const { t, footnotes } = state;
  // Each footnote once, at its first list: a repeated id would make two identical anchors.
  const fresh = items.filter((item) => !rendered.has(item.id) && footnotes.numbers.has(item.id) && rendered.add(item.id));
  if (fresh.length === 0) return html``;
  const start = footnotes.numbers.get(fresh[0]!.id) ?? 1;
  const lis = fresh.map((item) => {
    const n = footnotes.numbers.get(item.id) ?? 0;
    const back = footnotes.refs.has(item.id)
      ? html` <a class="footnote-back" href="#${footnoteRefId(item.id)}" aria-label="${t('body.footnoteBack', { n })}">↩\uFE0E</a>`
      : '';
    return html`<li id="fn-${item.id}"><p>${renderInline(item.text, footnotes)}${back}</p></li>`;
  });
  return html`<section class="footnotes-section" aria-label="${t('body.footnotes')}"><ol class="footnotes"${start > 1 ? html` start="${start}"` : ''}>${lis}</ol></section>`;
}

/** A readable, stable anchor: German letters transliterated, other scripts kept. */
export function slugify(text: string): string {
  const slug = inlineToText(text)
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^(.{60}).+$/su, '$1') // by code point, so no half surrogate pair is left
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

export interface ImageFigureOptions {
  lang: Language;
  /** Overrides the media item's alt text; '' marks the image as decorative. */
  alt?: string;
  /** Overrides the media item's caption. */
  caption?: string;
  /** 'eager' for the featured image above the fold. */
  loading?: 'lazy' | 'eager';
  fetchPriority?: 'high' | 'low' | 'auto';
  /** The `sizes` attribute; the default fits the article column. */
  sizes?: string;
  /** Extra class on the figure, e.g. 'featured-image'. */
  className?: string;
}

const DEFAULT_SIZES = '(min-width: 46rem) 44rem, 100vw';

/** '/media/' + path, each segment encoded so a comma or space cannot split a srcset. */
export function mediaUrl(path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return '/media/' + segments.map(encodeURIComponent).join('/');
}

function srcset(variants: readonly MediaVariant[], format: MediaVariant['format']): MediaVariant[] {
  const seen = new Set<number>();
  return variants
    .filter((v) => v.format === format && v.width > 0 && !seen.has(v.width) && seen.add(v.width))
    .sort((a, b) => a.width - b.width);
}

const srcsetAttr = (vs: readonly MediaVariant[]) => vs.map((v) => `${mediaUrl(v.path)} ${v.width}w`).join(', ');

/**
 * An image with its sources, caption and credit line ("Foto: Jane Doe, CC BY 4.0").
 *
 * @example
 *   renderImageFigure(media, { lang: 'de', loading: 'eager', fetchPriority: 'high', className: 'featured-image' });
 */
export function renderImageFigure(media: MediaItem, opts: ImageFigureOptions): SafeHtml {
  const t = translator(opts.lang, contentMessages);
  const caption = (opts.caption ?? media.caption ?? '').trim();
  return html`<figure class="image${opts.className ? ` ${opts.className}` : ''}">${renderPicture(media, opts)}${imageCaption(caption, creditLine(media, t))}</figure>`;
}

/** `<picture>` with AVIF and WebP sources and a JPEG `srcset`, as every image block has. */
export function renderPicture(media: MediaItem, opts: Omit<ImageFigureOptions, 'caption' | 'className' | 'lang'>): SafeHtml {
  const sizes = opts.sizes ?? DEFAULT_SIZES;
  const sources = (['avif', 'webp'] as const).map((format) => {
    const vs = srcset(media.variants ?? [], format);
    return vs.length ? html`<source type="image/${format}" srcset="${srcsetAttr(vs)}" sizes="${sizes}">` : '';
  });
  const jpegs = srcset(media.variants ?? [], 'jpeg');
  const src = mediaUrl(jpegs.at(-1)?.path ?? media.path);
  const dims = media.width > 0 && media.height > 0 ? html` width="${media.width}" height="${media.height}"` : '';
  const img = html`<img src="${src}"${jpegs.length ? html` srcset="${srcsetAttr(jpegs)}" sizes="${sizes}"` : ''}${dims} alt="${opts.alt ?? media.alt ?? ''}" loading="${opts.loading ?? 'lazy'}" decoding="async"${opts.fetchPriority ? html` fetchpriority="${opts.fetchPriority}"` : ''}>`;
  return html`<picture>${sources}${img}</picture>`;
}

/** The figcaption of an image: its caption (inline text) and credit line; '' for neither. */
export function imageCaption(caption: string, credit: SafeHtml): SafeHtml | '' {
  return caption || credit.value
    ? html`<figcaption>${caption ? html`<span class="image-caption">${renderInline(caption)}</span>` : ''}${caption && credit.value ? ' ' : ''}${credit}</figcaption>`
    : '';
}

/** "Foto: credit, licence": the credit links to the source, the licence to its deed. */
export function creditLine(media: MediaItem, t: T): SafeHtml {
  const source = parseHttpUrl(media.sourceUrl);
  const who = media.credit?.trim();
  const parts: SafeHtml[] = [];
  if (who) parts.push(source ? html`<a href="${source.href}" rel="noopener">${who}</a>` : html`${who}`);
  else if (source) parts.push(html`<a href="${source.href}" rel="noopener">${t('body.creditSource')}</a>`);
  if (isLicenceCode(media.licence)) {
    const licence = LICENCES[media.licence];
    if (licence.url) parts.push(html`<a href="${licence.url}" rel="license noopener">${licence.name}</a>`);
    else parts.push(html`${t(media.licence === 'public-domain' ? 'body.licencePublicDomain' : 'body.licenceAllRightsReserved')}`);
  }
  if (parts.length === 0) return html``;
  return html`<small class="image-credit">${t('body.creditPhoto')} ${join(parts, ', ')}</small>`;
}

/**
 * The body as plain text, one block per paragraph; for search, feeds and reading time.
 * Donation appeals are boilerplate and left out; code is taken as typed (it is not inline
 * text), or left out with `{ code: false }` (the proofreader's vocabulary).
 *
 * @example
 *   bodyToText([{ type: 'paragraph', text: 'Hallo **Welt**' }]); // 'Hallo Welt'
 */
export function bodyToText(blocks: readonly Block[], options: { code?: boolean } = {}): string {
  const texts = blocks.flatMap((b): (string | undefined)[] => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return [b.text];
      case 'list':
        return b.items;
      case 'quote':
        return [b.text, b.attribution];
      case 'image':
        return [b.caption];
      case 'embed':
        return [b.title, b.caption];
      case 'footnotes':
        return b.items.map((i) => i.text);
      case 'table':
        return [b.caption, ...b.rows.map((row) => row.map(inlineToText).filter(Boolean).join(' · ')), b.source].map((s) => s && escapeInline(s));
      case 'gallery':
        return [...b.images.map((i) => i.caption), b.caption];
      case 'details':
        return [b.summary, ...b.text.split(/\n{2,}/)];
      case 'code':
        return options.code === false ? [] : [escapeInline(b.text)];
      default:
        return [];
    }
  });
  return texts.map((s) => (s ? inlineToText(s) : '')).filter(Boolean).join('\n\n');
}

/**
 * Minutes to read at about 200 words a minute, never less than one.
 *
 * @example
 *   readingTimeMinutes([{ type: 'paragraph', text: 'kurz' }]); // 1
 */
export function readingTimeMinutes(blocks: readonly Block[]): number {
  const words = bodyToText(blocks).split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 200));
}
