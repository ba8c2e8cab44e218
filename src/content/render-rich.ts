/**
 * The blocks news needs beyond running text: tables (budgets, results, timetables),
 * code and preformatted text, galleries and collapsible details. Rendered as plain,
 * accessible HTML that works without JavaScript: a table sits in a labelled scroll region
 * (site/assets/rich-blocks.css holds its first column while the rest scrolls on a phone)
 * with `<caption>` and `<th scope>`; each gallery image links to its full-size file.
 *
 * @example
 *   renderTable({ type: 'table', headerRow: true, rows: [['Jahr', 'Euro'], ['2025', '12']] }, state);
 */
import type { CodeBlock, GalleryBlock, TableBlock } from './blocks.js';
import { html, type SafeHtml } from '../platform/html.js';
import type { Translate } from '../platform/i18n.js';
import type { MediaItem } from '../media/index.js';
import { inlineToText, renderInline, stripControls, type FootnoteContext } from './inline.js';
import type { ContentMessageKey } from './messages.js';
import { creditLine, imageCaption, mediaUrl, renderPicture, type RenderContext } from './render.js';

/** What these renderers need of a body render (see render.ts). */
export interface RichState {
  ctx: RenderContext;
  t: Translate<ContentMessageKey>;
  footnotes: FootnoteContext;
}

const ALIGN_CLASS = { left: 'ta-left', center: 'ta-center', right: 'ta-right' } as const;

function cell(tag: 'th' | 'td', text: string, align: TableBlock['align'], column: number, scope: 'col' | 'row' | null, state: RichState): SafeHtml {
  const a = align?.[column];
  const cls = a ? html` class="${ALIGN_CLASS[a]}"` : '';
  const open = tag === 'th' ? html`<th scope="${scope ?? 'col'}"${cls}>` : html`<td${cls}>`;
  return html`${open}${renderInline(text, state.footnotes)}</${tag}>`;
}

/**
 * @example
 *   renderTable({ type: 'table', headerRow: true, headerColumn: true, caption: 'Haushalt', rows: [['', '2025'], ['Kultur', '4,2 Mio.']] }, state);
 *   // <div class="table-block"><div class="table-scroll" role="region" aria-label="Haushalt" tabindex="0"><table><caption>Haushalt</caption><thead>…
 */
export function renderTable(block: TableBlock, state: RichState): SafeHtml {
  const { ctx, t } = state;
  const [first, ...rest] = block.rows;
  if (!first) return html``;
  const head = block.headerRow ? first : null;
  const body = block.headerRow ? rest : block.rows;
  const thead = head ? html`<thead><tr>${head.map((text, c) => cell('th', text, block.align, c, 'col', state))}</tr></thead>` : '';
  const rows = body.map(
    (row) =>
      html`<tr>${row.map((text, c) => (block.headerColumn && c === 0 ? cell('th', text, block.align, c, 'row', state) : cell('td', text, block.align, c, null, state)))}</tr>`,
  );
  const caption = block.caption?.trim() ? html`<caption>${renderInline(block.caption, state.footnotes)}</caption>` : '';
  const label = block.caption?.trim() ? inlineToText(block.caption) : t('body.table');
  // A region a keyboard can reach, so a table wider than the phone can be scrolled without a mouse.
  const region = ctx.plain ? html`<div class="table-scroll">` : html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">`;
  const source = block.source?.trim() ? html`<p class="table-source">${renderInline(block.source, state.footnotes)}</p>` : '';
  return html`<div class="table-block">${region}<table>${caption}${thead}<tbody>${rows}</tbody></table></div>${source}</div>`;
}

/** A CSS class from a language label ('C++' → 'language-c++', 'Shell Script' → 'language-shell-script'). */
function languageClass(language: string): string {
  const slug = language.toLowerCase().replace(/[^a-z0-9+#]+/g, '-').replace(/^-+|-+$/g, '');
  return slug ? ` language-${slug}` : '';
}

/**
 * Code keeps every space and line as typed; the language is a label, not a script.
 *
 * @example
 *   renderCode({ type: 'code', text: 'x = 1\n  y = 2', language: 'Python' }, state);
 *   // <figure class="code-block"><figcaption class="code-language">Python</figcaption><pre tabindex="0"><code class="language-python">x = 1…
 */
export function renderCode(block: CodeBlock, state: RichState): SafeHtml {
  const text = stripControls(block.text.replace(/\r\n?/g, '\n')).replace(/\n+$/, '');
  if (!text.trim()) return html``;
  const focus = state.ctx.plain ? '' : html` tabindex="0"`;
  const pre = block.preformatted
    ? html`<pre class="preformatted"${focus}>${text}</pre>`
    : html`<pre${focus}><code class="${`code${languageClass(block.language ?? '')}`}">${text}</code></pre>`;
  if (!block.language) return block.preformatted ? pre : html`<figure class="code-block">${pre}</figure>`;
  return html`<figure class="code-block"><figcaption class="code-language">${block.language}</figcaption>${pre}</figure>`;
}

/** The file a gallery image opens: the original when browsers show it, else the widest JPEG. */
export function fullSizeUrl(media: MediaItem): string {
  if (/^image\/(jpeg|png|gif|webp|avif)$/.test(media.mime)) return mediaUrl(media.path);
  const widest = media.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width)[0];
  return mediaUrl(widest?.path ?? media.path);
}

/**
 * A grid of library images, each with its caption and credit line, each a link to its
 * full-size file: a plain link opens it in any browser, with or without JavaScript.
 * Images deleted from the library are left out; a gallery with none left renders nothing.
 */
export function renderGallery(block: GalleryBlock, state: RichState): SafeHtml {
  const { ctx, t } = state;
  const items = block.images.flatMap((image, i) => {
    const media = ctx.media.get(image.mediaId);
    if (!media) return [];
    const alt = image.alt ?? media.alt ?? '';
    const caption = (image.caption ?? media.caption ?? '').trim();
    const open = t('body.galleryOpen', { n: i + 1 });
    const picture = renderPicture(media, { alt, sizes: '(min-width: 46rem) 14rem, 50vw' });
    // The link is named by the image's alt text plus what it does; a decorative image still gets a name.
    return [html`<li><figure class="gallery-item"><a class="gallery-open" href="${fullSizeUrl(media)}">${picture}<span class="visually-hidden">${alt ? ` (${open})` : open}</span></a>${imageCaption(caption, creditLine(media, t))}</figure></li>`];
  });
  if (items.length === 0) return html``;
  const caption = block.caption?.trim() ? html`<figcaption class="gallery-caption">${renderInline(block.caption)}</figcaption>` : '';
  return html`<figure class="gallery"><ul class="gallery-grid">${items}</ul>${caption}</figure>`;
}

/** A collapsible part with its summary; its text is paragraphs separated by blank lines. */
export function renderDetails(block: { summary: string; text: string }, state: RichState): SafeHtml {
  const paragraphs = block.text.split(/\n{2,}/).filter((p) => p.trim());
  return html`<details class="details-block"${state.ctx.plain ? ' open' : ''}><summary>${renderInline(block.summary, state.footnotes)}</summary>${paragraphs.map((p) => html`<p>${renderInline(p, state.footnotes)}</p>`)}</details>`;
}
