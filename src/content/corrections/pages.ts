/**
 * The server-rendered pages of corrections: the reader's form (the path without
 * JavaScript), the thank-you page and the editors' inbox with one-click forms. Everything
 * a reader typed goes through the escaping `html` template; forms carry the CSRF hole
 * that `sendPage` fills per visitor.
 *
 * @example
 *   const body = suggestFormPage(frame, article, {});
 *   sendPage(pages, request, reply, { status: 200, contentType: 'text/html; charset=utf-8', body });
 */
import { CSRF_HOLE } from '../../platform/csrf.js';
import { html, raw, type SafeHtml } from '../../platform/html.js';
import { AppError, ERROR_STATUS, type ErrorCode } from '../../platform/errors.js';
import { formatDate, translator, type Language } from '../../platform/i18n.js';
import type { Article } from '../types.js';
import { correctionMessages } from './messages.js';
import { placeInWords } from './passage.js';
import { LIMITS, STATUSES } from './service.js';
import type { InboxRow } from './store.js';
import type { SuggestionStatus } from './tables.js';

export interface FormValues {
  passage?: string;
  replacement?: string;
  kind?: string;
  note?: string;
  name?: string;
  email?: string;
}

/**
 * The site's page frame around these pages. Handed in (see routes.ts) because site reads
 * content: content must not import site back.
 */
export interface Frame {
  lang: Language;
  document(page: { title: string; canonicalPath: string; noindex: boolean; main: SafeHtml; bodyClass?: string }): string;
}

const csrfField = () => raw(`<input type="hidden" name="_csrf" value="${CSRF_HOLE}">`);
const renderDocument = (frame: Frame, page: Parameters<Frame['document']>[0]) => frame.document(page);

const tOf = (frame: Pick<Frame, 'lang'>) => translator(frame.lang, correctionMessages);
const invalid = (error: AppError | undefined, field: string) => (error?.field === field ? html` aria-invalid="true"` : '');

/** The form page; with an error, the reader's values come back with the message. */
export function suggestFormPage(frame: Frame, article: Article, values: FormValues, error?: AppError): string {
  const t = tOf(frame);
  const kind = values.kind === 'fact' ? 'fact' : 'typo';
  const message = error && (error.field === 'passage' && error.code === 'VALIDATION' ? t('form.passageMissing') : error.localized(frame.lang));
  const main = html`<div class="correction-page">
<h1 class="page-title">${t('form.title')}</h1>
<p>${t('form.intro', { title: article.title })}</p>
${message ? html`<p class="notice notice-error" role="alert">${message}</p>` : ''}
<form class="correction-form" method="post" action="/${article.slug}/correction/">
${csrfField()}
<p class="field"><label for="correction-passage">${t('form.passage')}</label><textarea id="correction-passage" name="passage" rows="3" maxlength="${LIMITS.passage}" required aria-describedby="correction-passage-note"${invalid(error, 'passage')}>${values.passage ?? ''}</textarea><small id="correction-passage-note" class="field-note">${t('form.passageNote')}</small></p>
<p class="field"><label for="correction-replacement">${t('form.replacement')}</label><textarea id="correction-replacement" name="replacement" rows="3" maxlength="${LIMITS.replacement}" required${invalid(error, 'replacement')}>${values.replacement ?? ''}</textarea></p>
<fieldset class="field correction-kind"><legend>${t('form.kind')}</legend>
<label><input type="radio" name="kind" value="typo"${kind === 'typo' ? html` checked` : ''}> ${t('form.kindTypo')}</label>
<label><input type="radio" name="kind" value="fact"${kind === 'fact' ? html` checked` : ''}> ${t('form.kindFact')}</label>
</fieldset>
<p class="field"><label for="correction-note">${t('form.note')}</label><textarea id="correction-note" name="note" rows="3" maxlength="${LIMITS.note}"${invalid(error, 'note')}>${values.note ?? ''}</textarea></p>
<div class="field-row">
<p class="field"><label for="correction-name">${t('form.name')}</label><input id="correction-name" name="name" type="text" maxlength="${LIMITS.name}" autocomplete="name" value="${values.name ?? ''}"${invalid(error, 'name')}></p>
<p class="field"><label for="correction-email">${t('form.email')}</label><input id="correction-email" name="email" type="email" maxlength="${LIMITS.email}" autocomplete="email" value="${values.email ?? ''}"${invalid(error, 'email')}></p>
</div>
<p><button type="submit">${t('form.submit')}</button></p>
</form>
<p><a href="/${article.slug}/">${t('form.back')}</a></p>
</div>`;
  return renderDocument(frame, { title: `${t('form.title')}: ${article.title}`, canonicalPath: `/${article.slug}/correction/`, noindex: true, main });
}

export function thanksPage(frame: Frame, article: Article): string {
  const t = tOf(frame);
  const main = html`<div class="correction-page">
<h1 class="page-title">${t('thanks.title')}</h1>
<p class="notice" role="status">${t('thanks.text')}</p>
<p><a href="/${article.slug}/">${t('form.back')}</a></p>
</div>`;
  return renderDocument(frame, { title: t('thanks.title'), canonicalPath: `/${article.slug}/correction/`, noindex: true, main });
}

function inboxItem(frame: Pick<Frame, 'lang'>, row: InboxRow): SafeHtml {
  const t = tOf(frame);
  const decided = row.status !== 'open';
  return html`<li class="correction-item" id="suggestion-${row.id}">
<p class="correction-meta"><a href="/${row.article_slug}/">${row.article_title}</a> · ${t(row.kind === 'fact' ? 'form.kindFact' : 'form.kindTypo')} · ${formatDate(new Date(row.created_at), frame.lang, true)} · ${t('inbox.from')} ${row.reader_name || t('inbox.anonymous')}${row.reader_email ? html` &lt;${row.reader_email}&gt;` : ''} · ${t('inbox.place')} ${placeInWords({ block: row.block_index, field: row.field }, frame.lang)}</p>
<dl class="correction-diff">
<dt>${t('inbox.passage')}</dt><dd><del>${row.passage}</del></dd>
<dt>${t('inbox.replacement')}</dt><dd><ins>${row.replacement}</ins></dd>
${row.note ? html`<dt>${t('inbox.readerNote')}</dt><dd>${row.note}</dd>` : ''}
</dl>
${decided
    ? html`<p class="muted">${t('inbox.decidedBy', { name: row.decided_by ?? '' })}${row.decided_at ? html`, ${formatDate(new Date(row.decided_at), frame.lang, true)}` : ''}</p>`
    : html`<form method="post" action="/admin/corrections/${row.id}/apply" class="correction-decide">
${csrfField()}
<p class="field"><label for="note-${row.id}">${t('inbox.publicNote')}</label><input id="note-${row.id}" name="note" type="text" maxlength="${LIMITS.publicNote}"></p>
<p class="field"><label for="reason-${row.id}">${t('inbox.reason')}</label><input id="reason-${row.id}" name="reason" type="text" maxlength="${LIMITS.note}"></p>
<p><button type="submit">${t('inbox.apply')}</button> <button type="submit" class="button-secondary" formaction="/admin/corrections/${row.id}/dismiss">${t('inbox.dismiss')}</button></p>
</form>`}
</li>`;
}

/** Only messages from our own catalogue are shown for `?error=`, never the query's text. */
function errorText(frame: Pick<Frame, 'lang'>, code: string | undefined): string | null {
  if (!code || !Object.hasOwn(ERROR_STATUS, code)) return null;
  return new AppError(code as ErrorCode).localized(frame.lang);
}

/** The editors' inbox: tabs by status, one-click apply and dismiss forms. */
export function inboxPage(frame: Frame, rows: readonly InboxRow[], status: SuggestionStatus, flash: { done?: string; error?: string }): string {
  const { title, main } = inboxMain(frame, rows, status, flash);
  return renderDocument(frame, { title, canonicalPath: '/admin/corrections/', noindex: true, main, bodyClass: 'admin-page' });
}

/** The inbox's content alone, for the newsroom's frame (navigation, who is signed in). */
export function inboxMain(frame: Pick<Frame, 'lang'>, rows: readonly InboxRow[], status: SuggestionStatus, flash: { done?: string; error?: string }): { title: string; main: SafeHtml } {
  const t = tOf(frame);
  const problem = errorText(frame, flash.error);
  const done = flash.done === 'applied' || flash.done === 'dismissed' ? t(`inbox.done.${flash.done}`) : null;
  const main = html`<div class="corrections-inbox">
<h1 class="page-title">${t('inbox.title')}</h1>
<nav class="inbox-tabs" aria-label="${t('inbox.title')}"><ul>${STATUSES.map((s) => html`<li><a href="/admin/corrections/?status=${s}"${s === status ? html` aria-current="page"` : ''}>${t(`inbox.${s}`)}</a></li>`)}</ul></nav>
${done ? html`<p class="notice" role="status">${done}</p>` : ''}
${problem ? html`<p class="notice notice-error" role="alert">${problem}</p>` : ''}
${rows.length ? html`<ol class="correction-list">${rows.map((row) => inboxItem(frame, row))}</ol>` : html`<p class="muted">${t('inbox.empty')}</p>`}
</div>`;
  return { title: t('inbox.title'), main };
}
