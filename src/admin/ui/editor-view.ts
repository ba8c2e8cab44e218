/**
 * The article editor page (`/admin/articles/new/`, `/admin/articles/:id/`): the title and
 * text column with the rich-text editor's mount point and toolbar, the side panel (status
 * and scheduling, address, language, authors, tags, featured image, SEO with a social
 * card, comments, proofreading checklist) and the dialogs (image upload, publish check,
 * preview, history). The server renders every field with its current value, escaped;
 * the editor bundle (client/main.browser.ts) brings it to life and reads the body from
 * the article API.
 *
 * @example
 *   renderEditor(t, { data, user, siteHost: 'example.org', bundle: true });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { LICENCES } from '../../media/index.js';
import type { StaffUser } from '../../platform/sessions.js';
import { formatDate, type Language } from '../../platform/i18n.js';
import { may } from '../../platform/permissions.js';
import type { EditorData } from './data.js';
import type { T } from './layout.js';
import { thumbnailPath } from './media-view.js';
import { toolbar } from './toolbar-view.js';
import type { AdminUiMessageKey } from './messages.js';

export interface EditorView {
  data: EditorData;
  user: StaffUser;
  lang: Language;
  /** The site's host name, shown on the social card. */
  siteHost: string;
  /** False when the editor bundle is missing: the page says so instead of failing. */
  bundle: boolean;
}

const checked = (on: boolean) => (on ? html` checked` : '');
const selected = (on: boolean) => (on ? html` selected` : '');

function publishingSection(t: T, view: EditorView): SafeHtml {
  const article = view.data.article;
  const status = article?.status ?? 'draft';
  const mayPublish = may(view.user.role, 'publishOwn');
  // A contributor may still see (not choose) the status an editor gave the article.
  const statuses = (['draft', 'scheduled', 'published'] as const).filter((s) => s === 'draft' || mayPublish || s === status);
  return html`<section class="panel-section" aria-labelledby="panel-publishing"><h2 id="panel-publishing">${t('panel.publishing')}</h2>
<p class="field"><label for="f-status">${t('panel.status')}</label><select id="f-status" name="status">${statuses.map((s) => html`<option value="${s}"${selected(s === status)}>${t(`status.${s}`)}</option>`)}</select></p>
<p class="field" id="scheduled-field"><label for="f-scheduled">${t('panel.scheduledAt')}</label><input id="f-scheduled" name="scheduledAt" type="datetime-local" data-iso="${article?.scheduledAt?.toISOString() ?? ''}" aria-describedby="scheduled-note"><span class="field-note" id="scheduled-note">${t('panel.scheduledNote')}</span></p>
${mayPublish ? '' : html`<p class="field-note">${t('panel.contributorNote')}</p>`}
</section>`;
}

function addressSection(t: T, view: EditorView): SafeHtml {
  const article = view.data.article;
  return html`<section class="panel-section" aria-labelledby="panel-address"><h2 id="panel-address">${t('panel.address')}</h2>
<p class="field"><label for="f-slug">${t('panel.slug')}</label><input id="f-slug" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" value="${article?.slug ?? ''}" aria-describedby="slug-help slug-redirect"><span class="field-note" id="slug-help" data-fixed="${t('panel.slugFixed')}">${view.data.slugFollows ? t('panel.slugFollows') : t('panel.slugFixed')}</span>
<span class="notice slug-redirect" id="slug-redirect" role="status" hidden data-template="${t('panel.slugRedirect', { old: '{old}' })}"></span></p>
<p class="field"><label for="f-lang">${t('panel.language')}</label><select id="f-lang" name="lang">${(['de', 'en'] as const).map((l) => html`<option value="${l}"${selected((article?.lang ?? view.lang) === l)}>${t(`panel.lang.${l}`)}</option>`)}</select></p>
</section>`;
}

function choices(legend: string, empty: string, name: string, items: readonly { id: number; name: string }[], chosen: ReadonlySet<number>, extra: SafeHtml | '' = ''): SafeHtml {
  return html`<fieldset class="panel-section panel-choices"><legend>${legend}</legend>
${items.length ? html`<ul>${items.map((item) => html`<li><label><input type="checkbox" name="${name}" value="${item.id}"${checked(chosen.has(item.id))}> ${item.name}</label></li>`)}</ul>` : html`<p class="muted">${empty}</p>`}
${extra}</fieldset>`;
}

/**
 * The main tag, chosen among the ticked tags (the first of them until one is chosen); the
 * script keeps the options in step with the ticks. Sent as `mainTagId`.
 */
function mainTagField(t: T, view: EditorView): SafeHtml | '' {
  if (view.data.tags.length === 0) return '';
  const chosen = view.data.article?.tags ?? [];
  return html`<p class="field main-tag-field"><label for="f-main-tag">${t('panel.mainTag')}</label><select id="f-main-tag" name="mainTagId" data-none="${t('panel.mainTagNone')}"${chosen.length ? '' : html` disabled`}>
${chosen.length ? chosen.map((tag, i) => html`<option value="${tag.id}"${selected(i === 0)}>${tag.name}</option>`) : html`<option value="">${t('panel.mainTagNone')}</option>`}
</select></p>`;
}

function featuredSection(t: T, view: EditorView): SafeHtml {
  const { article, featured } = view.data;
  return html`<section class="panel-section" aria-labelledby="panel-featured"><h2 id="panel-featured">${t('panel.featured')}</h2>
<input type="hidden" id="f-featured" name="featuredMediaId" value="${featured?.id ?? ''}">
<div id="featured-preview" class="featured-preview" data-none="${t('panel.featuredNone')}">${featured ? html`<img src="${thumbnailPath(featured)}" alt="${featured.alt}">` : html`<p class="muted">${t('panel.featuredNone')}</p>`}</div>
<p class="panel-buttons"><button type="button" class="button-secondary" id="btn-featured-choose">${t('panel.featuredChoose')}</button> <button type="button" class="button-secondary" id="btn-featured-remove"${featured ? '' : html` hidden`}>${t('panel.featuredRemove')}</button></p>
<p class="field"><label for="f-featured-caption">${t('panel.featuredCaption')}</label><input id="f-featured-caption" name="featuredCaption" type="text" maxlength="2000" value="${article?.featuredCaption ?? ''}"></p>
</section>`;
}

function seoSection(t: T, view: EditorView): SafeHtml {
  const { article, featured } = view.data;
  const title = article?.seoTitle || article?.title || '';
  const description = article?.seoDescription || article?.subtitle || '';
  return html`<section class="panel-section" aria-labelledby="panel-seo"><h2 id="panel-seo">${t('panel.seo')}</h2>
<p class="field"><label for="f-seo-title">${t('panel.seoTitle')}</label><input id="f-seo-title" name="seoTitle" type="text" maxlength="300" value="${article?.seoTitle ?? ''}" aria-describedby="seo-note"></p>
<p class="field"><label for="f-seo-description">${t('panel.seoDescription')}</label><textarea id="f-seo-description" name="seoDescription" rows="3" maxlength="2000" aria-describedby="seo-note">${article?.seoDescription ?? ''}</textarea><span class="field-note" id="seo-note">${t('panel.seoNote')}</span></p>
<figure class="social-card" aria-labelledby="card-label">
<figcaption id="card-label" class="field-note">${t('panel.card')}</figcaption>
<div class="social-card-image" id="card-image">${featured ? html`<img src="${thumbnailPath(featured)}" alt="">` : ''}</div>
<div class="social-card-text"><p class="social-card-host" id="card-host">${view.siteHost}</p><p class="social-card-title" id="card-title">${title}</p><p class="social-card-description" id="card-description">${description}</p></div>
</figure>
</section>`;
}

function panel(t: T, view: EditorView): SafeHtml {
  const { article, authors, tags, ownAuthorIds } = view.data;
  const chosenAuthors = new Set(article ? article.authors.map((a) => a.id) : ownAuthorIds);
  const chosenTags = new Set(article?.tags.map((tag) => tag.id) ?? []);
  return html`<aside class="editor-panel" id="editor-panel" aria-label="${t('panel.label')}">
${publishingSection(t, view)}
${addressSection(t, view)}
${choices(t('panel.authors'), t('panel.noAuthors'), 'authorIds', authors, chosenAuthors)}
${choices(t('panel.tags'), t('panel.noTags'), 'tagIds', tags, chosenTags, mainTagField(t, view))}
${featuredSection(t, view)}
${seoSection(t, view)}
<fieldset class="panel-section"><legend>${t('panel.comments')}</legend><label><input type="checkbox" id="f-comments" name="commentsOpen"${checked(article?.commentsOpen ?? true)}> ${t('panel.commentsOpen')}</label></fieldset>
<section class="panel-section" id="proofread-panel" aria-labelledby="panel-proofread"><h2 id="panel-proofread">${t('panel.proofread')}</h2>
<p id="proofread-summary" class="field-note" role="status">${t('panel.proofreadIdle')}</p>
<ul id="proofread-list" class="proofread-list"></ul>
</section>
</aside>`;
}

function mediaDialog(t: T): SafeHtml {
  const licences = Object.entries(LICENCES) as [string, { name: string }][];
  return html`<dialog id="media-dialog" class="admin-dialog" aria-labelledby="media-dialog-title">
<h2 id="media-dialog-title">${t('media.dialogTitle')}</h2>
<form id="media-upload" class="media-upload" novalidate>
<h3>${t('media.upload')}</h3>
<p class="field"><label for="m-file">${t('media.file')}</label><input id="m-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required></p>
<p class="field"><label for="m-alt">${t('media.alt')}</label><input id="m-alt" name="alt" type="text" maxlength="500"></p>
<p class="field"><label for="m-caption">${t('media.caption')}</label><input id="m-caption" name="caption" type="text" maxlength="2000"></p>
<div class="field-row"><p class="field"><label for="m-credit">${t('media.credit')}</label><input id="m-credit" name="credit" type="text" maxlength="300"></p>
<p class="field"><label for="m-licence">${t('media.licence')}</label><select id="m-licence" name="licence">${licences.map(([code, l]) => html`<option value="${code}"${selected(code === 'all-rights-reserved')}>${l.name}</option>`)}</select></p></div>
<p class="field"><label for="m-source">${t('media.sourceUrl')}</label><input id="m-source" name="sourceUrl" type="url" maxlength="2000"></p>
<p class="notice notice-error" id="media-error" role="alert" hidden></p>
<p><button type="submit" id="m-submit">${t('media.submit')}</button></p>
</form>
<h3>${t('media.library')}</h3>
<ul id="media-library" class="media-grid media-pick"></ul>
<p><button type="button" class="button-secondary" data-close>${t('media.cancel')}</button></p>
</dialog>`;
}

function otherDialogs(t: T): SafeHtml {
  // One dialog for "publish" and "schedule": the script shows the wording of what was asked.
  return html`<dialog id="publish-dialog" class="admin-dialog" aria-labelledby="publish-dialog-title">
<h2 id="publish-dialog-title" data-publish="${t('publish.title')}" data-schedule="${t('schedule.title')}">${t('publish.title')}</h2>
<p id="publish-dialog-intro" data-publish="${t('publish.intro')}" data-schedule="${t('schedule.intro')}">${t('publish.intro')}</p>
<ul id="publish-findings" class="proofread-list"></ul>
<p class="panel-buttons"><button type="button" id="btn-publish-confirm" data-publish="${t('publish.confirm')}" data-schedule="${t('schedule.confirm')}">${t('publish.confirm')}</button> <button type="button" class="button-secondary" id="btn-publish-cancel">${t('publish.cancel')}</button></p>
</dialog>
<dialog id="embed-dialog" class="admin-dialog" aria-labelledby="embed-dialog-title">
<form id="embed-form" method="dialog" novalidate>
<h2 id="embed-dialog-title" data-video="${t('embed.dialogTitle.video')}" data-social="${t('embed.dialogTitle.social')}" data-link-card="${t('embed.dialogTitle.linkCard')}">${t('embed.dialogTitle.video')}</h2>
<p class="field"><label for="embed-url">${t('embed.url')}</label><input id="embed-url" name="url" type="url" maxlength="2000" aria-describedby="embed-note embed-error"><span class="field-note" id="embed-note">${t('embed.note')}</span></p>
<p class="notice notice-error" id="embed-error" role="alert" hidden></p>
<p class="panel-buttons"><button type="submit" id="embed-insert">${t('embed.insert')}</button> <button type="button" class="button-secondary" data-close>${t('embed.cancel')}</button></p>
</form>
</dialog>
<dialog id="preview-dialog" class="admin-dialog preview-dialog" aria-labelledby="preview-dialog-title">
<p class="preview-bar"><span id="preview-dialog-title">${t('preview.title')}</span> <button type="button" class="button-secondary" data-close>${t('preview.close')}</button></p>
<div id="preview-content" class="preview-content"></div>
</dialog>
<dialog id="history-dialog" class="admin-dialog" aria-labelledby="history-dialog-title">
<h2 id="history-dialog-title">${t('history.title')}</h2>
<p class="field-note">${t('history.intro')}</p>
<div class="history-layout"><ol id="history-list" class="history-list"></ol>
<div><div id="history-diff" class="history-diff" aria-live="polite"></div>
<p><button type="button" id="btn-restore" hidden>${t('history.restore')}</button></p></div></div>
<p><button type="button" class="button-secondary" data-close>${t('history.close')}</button></p>
</dialog>`;
}

/** The block inserter's menu ("+" and "/"): every block the body knows, grouped; the script filters and runs them. */
const INSERTER: { group: 'text' | 'media' | 'embed' | 'more'; items: { cmd: string; key: AdminUiMessageKey; hint?: AdminUiMessageKey; words: string }[] }[] = [
  { group: 'text', items: [
    { cmd: 'paragraph', key: 'insert.paragraph', words: 'text absatz paragraph p' },
    { cmd: 'h2', key: 'insert.h2', words: 'h2 heading überschrift zwischentitel titel' },
    { cmd: 'h3', key: 'insert.h3', words: 'h3 heading überschrift zwischentitel' },
    { cmd: 'h4', key: 'insert.h4', words: 'h4 heading überschrift' },
    { cmd: 'bulletList', key: 'insert.bulletList', words: 'liste list ul aufzählung bullet' },
    { cmd: 'orderedList', key: 'insert.orderedList', words: 'nummeriert numbered ol list liste' },
    { cmd: 'quote', key: 'insert.quote', words: 'zitat quote blockquote' },
  ] },
  { group: 'media', items: [
    { cmd: 'image', key: 'insert.image', words: 'bild image foto photo img' },
    { cmd: 'gallery', key: 'insert.gallery', words: 'galerie gallery bilder images' },
  ] },
  { group: 'embed', items: [
    { cmd: 'video', key: 'insert.video', hint: 'insert.hint.video', words: 'video youtube vimeo film embed' },
    { cmd: 'social', key: 'insert.social', hint: 'insert.hint.social', words: 'social post mastodon bluesky tweet beitrag embed iframe' },
    { cmd: 'linkCard', key: 'insert.linkCard', hint: 'insert.hint.linkCard', words: 'link karte card bookmark embed url' },
  ] },
  { group: 'more', items: [
    { cmd: 'donation', key: 'insert.donation', hint: 'insert.hint.donation', words: 'spende donation aufruf support unterstützen' },
    { cmd: 'table', key: 'insert.table', words: 'tabelle table' },
    { cmd: 'code', key: 'insert.code', words: 'code pre preformatted' },
    { cmd: 'details', key: 'insert.details', words: 'details ausklappbar collapsible toggle' },
    { cmd: 'separator', key: 'insert.separator', words: 'trennlinie separator divider hr linie' },
    { cmd: 'footnotes', key: 'insert.footnotes', words: 'fußnoten footnotes quellen sources' },
  ] },
];

function inserter(t: T): SafeHtml {
  return html`<button type="button" class="block-plus" id="block-plus" tabindex="-1" aria-label="${t('insert.plus')}" aria-haspopup="listbox" aria-controls="block-menu" hidden>+</button>
<div class="block-menu" id="block-menu" hidden>
<p class="block-menu-filter"><label class="visually-hidden" for="block-filter">${t('insert.filter')}</label><input id="block-filter" type="text" role="combobox" aria-expanded="true" aria-controls="block-list" aria-autocomplete="list" autocomplete="off" placeholder="${t('insert.filter')}"></p>
<ul id="block-list" role="listbox" aria-label="${t('insert.list')}">
${INSERTER.map((group) => html`<li role="presentation" class="block-group">${t(`insert.group.${group.group}`)}</li>
${group.items.map((item) => html`<li role="option" id="insert-${item.cmd}" class="block-option" data-cmd="${item.cmd}" data-words="${item.words} ${t(item.key).toLowerCase()}" aria-selected="false"><span class="block-option-name">${t(item.key)}</span>${item.hint ? html`<span class="block-option-hint">${t(item.hint)}</span>` : ''}</li>`)}`)}
</ul>
<p class="block-menu-empty field-note" id="block-empty" role="status" hidden></p>
</div>`;
}

export function renderEditor(t: T, view: EditorView): SafeHtml {
  const { article, autosavedAt } = view.data;
  const mayPublish = may(view.user.role, 'publishOwn');
  return html`<div class="editor-page" id="article-editor" data-article-id="${article?.id ?? ''}" data-status="${article?.status ?? 'draft'}" data-slug="${article?.slug ?? ''}" data-slug-follows="${view.data.slugFollows ? 'true' : 'false'}" data-may-publish="${mayPublish ? 'true' : 'false'}" data-ui-lang="${view.lang}">
<div class="editor-topbar" id="editor-topbar">
<h1 class="editor-topbar-title">${article ? t('editor.editTitle') : t('editor.newTitle')}</h1>
<span class="editor-status" id="editor-status" role="status" aria-live="polite"></span>
<div class="editor-actions" role="group" aria-label="${t('editor.actions')}">
<button type="button" class="button-secondary" id="btn-preview">${t('editor.preview')}</button>
<button type="button" class="button-secondary" id="btn-history"${article ? '' : html` disabled`}>${t('editor.history')}</button>
<button type="button" class="button-secondary" id="btn-save">${t('editor.save')}</button>
${mayPublish ? html`<button type="button" id="btn-publish" data-publish="${t('editor.publish')}" data-schedule="${t('schedule.button')}"${article?.status === 'published' ? html` hidden` : ''}>${t('editor.publish')}</button>` : ''}
<button type="button" class="button-secondary panel-toggle" id="btn-panel" aria-expanded="true" aria-controls="editor-panel" data-show="${t('editor.settingsShow')}" data-hide="${t('editor.settingsHide')}" aria-label="${t('editor.settingsHide')}">${t('editor.settings')}</button>
</div>
${toolbar(t)}
</div>
<noscript><p class="notice notice-error">${t('editor.noscript')}</p></noscript>
${view.bundle ? '' : html`<p class="notice notice-error" role="alert">${t('editor.noBundle')}</p>`}
${autosavedAt ? html`<p class="notice" id="autosave-notice">${t('editor.autosaveFound', { time: formatDate(new Date(autosavedAt), view.lang, true) })} <button type="button" class="button-secondary" id="btn-autosave-restore">${t('editor.autosaveRestore')}</button></p>` : ''}
<p class="notice notice-error" id="editor-error" role="alert" hidden></p>
<div class="editor-layout" id="editor-layout">
<div class="editor-column">
<p class="field editor-title-field"><label for="f-title" class="visually-hidden">${t('editor.title')}</label><textarea id="f-title" name="title" rows="1" maxlength="300" required class="editor-title" placeholder="${t('editor.titlePlaceholder')}">${article?.title ?? ''}</textarea></p>
<p class="field editor-subtitle-field"><label for="f-subtitle">${t('editor.subtitle')}</label><textarea id="f-subtitle" name="subtitle" rows="2" maxlength="2000">${article?.subtitle ?? ''}</textarea></p>
<p class="editor-label visually-hidden" id="editor-body-label">${t('editor.body')}</p>
<div class="editor-body-wrap">
${inserter(t)}
<div id="editor-body" class="editor-body" aria-labelledby="editor-body-label" aria-describedby="editor-shortcuts"></div>
</div>
<p class="field-note" id="editor-shortcuts">${t('editor.shortcutsShort')}</p>
</div>
${panel(t, view)}
</div>
${mediaDialog(t)}
${otherDialogs(t)}
</div>`;
}
