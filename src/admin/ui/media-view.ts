/**
 * The media library page (`/admin/media/`): every image with its caption, alt text,
 * credit, source and licence, as they will be credited on the site. Uploading happens in
 * the editor's image dialog. Captions and credits are typed by staff: escaped here.
 *
 * @example
 *   renderMediaLibrary(t, items);
 */
import { html, httpLink, type SafeHtml } from '../../platform/html.js';
import { LICENCES, isLicenceCode, type MediaItem } from '../../media/index.js';
import { mediaUrl } from '../../content/index.js';
import type { T } from './layout.js';

/** The smallest JPEG or WebP variant: a thumbnail without loading the original. */
export function thumbnailPath(item: MediaItem): string {
  const small = [...item.variants].filter((v) => v.format !== 'avif').sort((a, b) => a.width - b.width)[0];
  return mediaUrl(small?.path ?? item.path);
}

export function licenceName(code: string): string {
  return isLicenceCode(code) ? LICENCES[code].name : code;
}

function card(t: T, item: MediaItem): SafeHtml {
  return html`<li class="media-card" id="media-${item.id}">
<img src="${thumbnailPath(item)}" alt="${item.alt}" width="${item.width}" height="${item.height}" loading="lazy" decoding="async">
<div class="media-card-text">
<p class="media-caption">${item.caption || html`<span class="muted">${t('media.noCaption')}</span>`}</p>
<p class="image-credit">${item.credit || t('media.noCredit')} · ${licenceName(item.licence)}${item.sourceUrl ? html` · ${httpLink(item.sourceUrl, t('media.source'), 'noopener')}` : ''}</p>
<p class="field-note">#${item.id} · ${t('media.size', { width: item.width, height: item.height })}</p>
</div>
</li>`;
}

export function renderMediaLibrary(t: T, items: readonly MediaItem[]): SafeHtml {
  return html`<div class="admin-media">
<h1 class="page-title">${t('media.title')}</h1>
<p class="field-note">${t('media.hint')}</p>
${items.length ? html`<ul class="media-grid">${items.map((item) => card(t, item))}</ul>` : html`<p class="muted">${t('media.empty')}</p>`}
</div>`;
}
