/**
 * The media library pages. `/admin/media/`: an upload area (drag and drop or the file
 * picker, several files at once, progress per file: client/library.browser.ts), search
 * and the filters "unused" and "missing credit" as a plain GET form, and every image with
 * its credit line and where it is used. `/admin/media/:id/`: the image's texts as a plain
 * form (alt text, caption, credit, source, licence chosen from the common CC licences),
 * where it is used, replace the file, delete (refused while in use, with the list).
 * Everything staff typed is escaped by the `html` template.
 *
 * @example
 *   renderMediaLibrary(t, { items, uses, q: '', filter: 'all', notice: null });
 */
import { html, httpLink, type SafeHtml } from '../../platform/html.js';
import { LICENCES, TEXT_LIMITS, isLicenceCode, type MediaFilter, type MediaItem, type MediaUse } from '../../media/index.js';
import { mediaUrl } from '../../content/index.js';
import { csrfField } from '../../site/index.js';
import type { T } from './layout.js';

/** The smallest JPEG or WebP variant: a thumbnail without loading the original. */
export function thumbnailPath(item: MediaItem): string {
  const small = [...item.variants].filter((v) => v.format !== 'avif').sort((a, b) => a.width - b.width)[0];
  return mediaUrl(small?.path ?? item.path);
}

/** A mid-sized JPEG for the detail page. */
function previewPath(item: MediaItem): string {
  const jpegs = item.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  return mediaUrl((jpegs.find((v) => v.width >= 900) ?? jpegs.at(-1))?.path ?? item.path);
}

export function licenceName(code: string): string {
  return isLicenceCode(code) ? LICENCES[code].name : code;
}

export type MediaNotice = 'saved' | 'replaced' | 'deleted';
const NOTICES = { saved: 'media.saved', replaced: 'media.replaced', deleted: 'media.deleted' } as const;

function notice(t: T, which: MediaNotice | null): SafeHtml | '' {
  return which ? html`<p class="notice" role="status">${t(NOTICES[which])}</p>` : '';
}

function usesLabel(t: T, uses: readonly MediaUse[]): string {
  if (uses.length === 0) return t('media.unused');
  return uses.length === 1 ? t('media.usedInOne') : t('media.usedIn', { count: uses.length });
}

function card(t: T, item: MediaItem, uses: readonly MediaUse[]): SafeHtml {
  const label = item.caption || item.alt || `#${item.id}`;
  return html`<li class="media-card" id="media-${item.id}">
<a class="media-card-link" href="/admin/media/${item.id}/" aria-label="${t('media.edit')}: ${label}"><img src="${thumbnailPath(item)}" alt="${item.alt}" width="${item.width}" height="${item.height}" loading="lazy" decoding="async"></a>
<div class="media-card-text">
<p class="media-caption">${item.caption || html`<span class="muted">${t('media.noCaption')}</span>`}</p>
<p class="image-credit">${item.credit ? item.credit : html`<strong class="badge badge-warn">${t('media.missingCredit')}</strong>`} · ${licenceName(item.licence)}</p>
<p class="field-note"><span class="media-uses${uses.length ? '' : ' media-unused'}">${usesLabel(t, uses)}</span> · ${t('media.size', { width: item.width, height: item.height })}</p>
<p class="media-card-actions"><a href="/admin/media/${item.id}/">${t('media.edit')}</a></p>
</div>
</li>`;
}

/** The upload area; the script finds it by id. Without the script it says what is missing. */
function uploader(t: T): SafeHtml {
  const licences = Object.entries(LICENCES) as [string, { name: string }][];
  return html`<section class="admin-panel media-upload-panel" aria-labelledby="upload-title">
<h2 id="upload-title">${t('media.dropTitle')}</h2>
<div class="media-drop" id="media-drop">
<p>${t('media.dropText')} <label class="button-secondary media-choose" for="media-files">${t('media.choose')}</label></p>
<input id="media-files" class="visually-hidden" type="file" multiple accept="image/jpeg,image/png,image/webp,image/avif,image/gif">
<p class="field-note">${t('media.dropNote')}</p>
</div>
<fieldset class="media-defaults"><legend>${t('media.defaults')}</legend>
<div class="field-row"><p class="field"><label for="upload-credit">${t('media.credit')}</label><input id="upload-credit" type="text" maxlength="${TEXT_LIMITS.credit}"></p>
<p class="field"><label for="upload-licence">${t('media.licence')}</label><select id="upload-licence">${licences.map(([code, l]) => html`<option value="${code}"${code === 'all-rights-reserved' ? html` selected` : ''}>${l.name}</option>`)}</select></p></div>
</fieldset>
<noscript><p class="notice notice-error">${t('media.noscript')}</p></noscript>
<ul class="upload-queue" id="upload-queue" aria-live="polite"></ul>
</section>`;
}

export interface MediaLibraryPage {
  items: readonly MediaItem[];
  uses: ReadonlyMap<number, readonly MediaUse[]>;
  q: string;
  filter: MediaFilter;
  notice: MediaNotice | null;
}

export function renderMediaLibrary(t: T, page: MediaLibraryPage): SafeHtml {
  const filters: MediaFilter[] = ['all', 'unused', 'uncredited'];
  const count = page.items.length === 1 ? t('media.countOne') : t('media.count', { count: page.items.length });
  return html`<div class="admin-media" id="media-library-page" data-edit-label="${t('media.editLink')}" data-uploading="${t('media.uploading', { name: '{name}' })}" data-uploaded="${t('media.uploaded', { name: '{name}' })}" data-failed="${t('media.failed', { name: '{name}' })}">
<h1 class="page-title">${t('media.title')}</h1>
${notice(t, page.notice)}
<p class="field-note">${t('media.libraryHint')}</p>
${uploader(t)}
<form class="media-search tool-form" method="get" action="/admin/media/" role="search">
<p class="field"><label for="media-q">${t('media.searchLabel')}</label><input id="media-q" name="q" type="search" maxlength="200" value="${page.q}"></p>
<p class="field"><label for="media-filter">${t('media.filter')}</label><select id="media-filter" name="filter">${filters.map((f) => html`<option value="${f}"${f === page.filter ? html` selected` : ''}>${t(`media.filter.${f}`)}</option>`)}</select></p>
<p><button type="submit">${t('media.search')}</button></p>
</form>
<p class="field-note" role="status">${count}</p>
${page.items.length
    ? html`<ul class="media-grid" id="media-grid">${page.items.map((item) => card(t, item, page.uses.get(item.id) ?? []))}</ul>`
    : html`<ul class="media-grid" id="media-grid"></ul><p class="muted">${page.q || page.filter !== 'all' ? t('media.none') : t('media.empty')}</p>`}
</div>`;
}

/** Where an image is used, each with a link to open it. */
function usesList(t: T, uses: readonly MediaUse[]): SafeHtml {
  if (uses.length === 0) return html`<p class="muted">${t('media.usesNone')}</p>`;
  return html`<ul class="media-uses-list">${uses.map((use) =>
    use.kind === 'article'
      ? html`<li><a href="/admin/articles/${use.id}/">${use.title}</a> <span class="badge">${t(`status.${use.status as 'draft'}`)}</span></li>`
      : html`<li><a href="/admin/authors/${use.id}/">${t('media.useAuthor', { name: use.title })}</a></li>`,
  )}</ul>`;
}

export interface MediaEditPage {
  item: MediaItem;
  uses: readonly MediaUse[];
  /** What was typed, when a save was refused. */
  values?: Record<'alt' | 'caption' | 'credit' | 'sourceUrl' | 'licence', string>;
  errors?: Record<string, string>;
  notice: MediaNotice | null;
  /** A refused deletion: the uses are listed in the alert. */
  inUse?: boolean;
}

function field(t: T, page: MediaEditPage, name: 'alt' | 'caption' | 'credit' | 'sourceUrl', label: string, type: 'text' | 'url' | 'textarea' = 'text'): SafeHtml {
  const id = `media-${name}`;
  const error = page.errors?.[name];
  const value = page.values?.[name] ?? (name === 'sourceUrl' ? page.item.sourceUrl ?? '' : page.item[name]);
  const attrs = html`id="${id}" name="${name}" maxlength="${TEXT_LIMITS[name]}"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}`;
  const control = type === 'textarea' ? html`<textarea ${attrs} rows="3">${value}</textarea>` : html`<input ${attrs} type="${type}" value="${value}">`;
  return html`<p class="field"><label for="${id}">${label}</label>${control}${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : ''}</p>`;
}

function licencePicker(t: T, page: MediaEditPage): SafeHtml {
  const chosen = page.values?.licence ?? page.item.licence;
  const entries = Object.entries(LICENCES) as [string, { name: string; url: string | null }][];
  const option = ([code, l]: [string, { name: string }]) => html`<option value="${code}"${code === chosen ? html` selected` : ''}>${l.name}</option>`;
  const error = page.errors?.licence;
  return html`<p class="field"><label for="media-licence">${t('media.licence')}</label><select id="media-licence" name="licence" aria-describedby="media-licence-help${error ? ' media-licence-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
<optgroup label="${t('media.licence.group.cc')}">${entries.filter(([c]) => c.startsWith('cc')).map(option)}</optgroup>
<optgroup label="${t('media.licence.group.other')}">${entries.filter(([c]) => !c.startsWith('cc')).map(option)}</optgroup>
</select><span class="field-note" id="media-licence-help">${t('media.licenceHelp')}</span>${error ? html`<span class="field-error" id="media-licence-error">${error}</span>` : ''}</p>`;
}

export function renderMediaEdit(t: T, page: MediaEditPage): SafeHtml {
  const { item } = page;
  const invalid = page.errors && Object.keys(page.errors).length > 0;
  return html`<div class="admin-media-edit" id="media-edit-page" data-media-id="${item.id}" data-uploading="${t('media.uploading', { name: '{name}' })}" data-uploaded="${t('media.uploaded', { name: '{name}' })}" data-failed="${t('media.failed', { name: '{name}' })}">
<p><a href="/admin/media/">← ${t('media.back')}</a></p>
<h1 class="page-title">${t('media.editTitle')}</h1>
${notice(t, page.notice)}
${page.inUse ? html`<div class="notice notice-error" role="alert"><p>${t('media.inUse')}</p>${usesList(t, page.uses)}</div>` : ''}
<div class="media-edit-layout">
<figure class="media-edit-figure"><img src="${previewPath(item)}" alt="${item.alt}" width="${item.width}" height="${item.height}">
<figcaption class="field-note">${t('media.file.info', { id: item.id, width: item.width, height: item.height })}${item.sourceUrl ? html` · ${httpLink(item.sourceUrl, t('media.source'), 'noopener')}` : ''}</figcaption></figure>
<div>
<form method="post" action="/admin/media/${item.id}/" class="admin-panel" aria-labelledby="media-details-title" novalidate>${csrfField()}
<h2 id="media-details-title">${t('media.details')}</h2>
${invalid ? html`<p class="notice notice-error" role="alert">${t('media.invalid')}</p>` : ''}
${field(t, page, 'alt', t('media.alt'))}
${field(t, page, 'caption', t('media.caption'), 'textarea')}
<div class="field-row">${field(t, page, 'credit', t('media.credit'))}${licencePicker(t, page)}</div>
${field(t, page, 'sourceUrl', t('media.sourceUrl'), 'url')}
<p><button type="submit">${t('media.save')}</button></p>
</form>
<section class="admin-panel" aria-labelledby="media-uses-title"><h2 id="media-uses-title">${t('media.uses')}</h2>${usesList(t, page.uses)}</section>
<section class="admin-panel" aria-labelledby="media-replace-title"><h2 id="media-replace-title">${t('media.replace')}</h2>
<form id="media-replace" data-media-id="${item.id}" novalidate>
<p class="field-note">${t('media.replaceNote')}</p>
<p class="field"><label for="media-replace-file">${t('media.replaceFile')}</label><input id="media-replace-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" required></p>
<p><button type="submit" class="button-secondary">${t('media.replaceSubmit')}</button></p>
<ul class="upload-queue" id="upload-queue" aria-live="polite"></ul>
</form></section>
<section class="admin-panel" aria-labelledby="media-delete-title"><h2 id="media-delete-title">${t('media.delete')}</h2>
<form method="post" action="/admin/media/${item.id}/delete">${csrfField()}
<p class="field-note">${t('media.deleteNote')}</p>
<p class="field field-check"><label><input type="checkbox" name="confirm" value="yes" required> ${t('media.deleteConfirm')}</label></p>
<p><button type="submit" class="button-secondary button-danger">${t('media.deleteSubmit')}</button></p>
</form></section>
</div>
</div>
</div>`;
}
