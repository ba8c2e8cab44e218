/**
 * The reader-facing form pages: report a comment to the moderators, and send a notice of
 * illegal content (Art. 16 DSA). Plain forms with a CSRF field; they work without
 * JavaScript and show the comment they are about, with its address.
 *
 * @example
 *   const main = renderReportForm({ lang: 'de', slug: 'stadtrat-tagt', comment, error: null, values: {} });
 */
import { html, raw, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language } from '../../platform/i18n.js';
import { csrfField } from '../../site/index.js';
import { moderationMessages, type ModerationMessageKey } from './messages.js';
import { NOTICE_CATEGORIES } from './notices.js';
import { REPORT_REASONS } from './reports.js';

export interface FormComment {
  id: number;
  authorName: string;
  /** Sanitised HTML as readers see it under the article. */
  html: string;
  createdAt: string;
}

export interface FormData {
  lang: Language;
  slug: string;
  comment: FormComment;
  /** A message to show above the form, and the field it is about. */
  error: { message: string; field?: string | undefined } | null;
  values: Record<string, string | undefined>;
}

function shownComment(data: FormData): SafeHtml {
  const c = data.comment;
  return html`<figure class="moderated-comment">
<blockquote class="comment-text">${raw(c.html)}</blockquote>
<figcaption>— ${c.authorName}, <time datetime="${c.createdAt}">${formatDate(new Date(c.createdAt), data.lang, true)}</time></figcaption>
</figure>`;
}

function errorNote(data: FormData): SafeHtml | '' {
  return data.error ? html`<p class="notice notice-error" role="alert">${data.error.message}</p>` : '';
}

const invalid = (data: FormData, field: string) => (data.error?.field === field ? html` aria-invalid="true"` : '');

export function renderReportForm(data: FormData): SafeHtml {
  const t = translator(data.lang, moderationMessages);
  const base = `/${data.slug}/comment/${data.comment.id}`;
  return html`<div class="moderation-form-page">
<h1 class="page-title">${t('report.title')}</h1>
<p>${t('report.intro')}</p>
${shownComment(data)}
${errorNote(data)}
<form class="moderation-form" method="post" action="${base}/report/">
${csrfField()}
<fieldset${invalid(data, 'reason')}><legend>${t('report.reason')}</legend>
${REPORT_REASONS.map((reason) => html`<p class="field-choice"><input type="radio" id="report-${reason}" name="reason" value="${reason}" required${data.values.reason === reason ? html` checked` : ''}> <label for="report-${reason}">${t(`reason.${reason}`)}</label></p>`)}
</fieldset>
<p class="field"><label for="report-note">${t('report.note')}</label><textarea id="report-note" name="note" rows="4" maxlength="1000"${invalid(data, 'note')}>${data.values.note ?? ''}</textarea></p>
<p><button type="submit">${t('report.submit')}</button></p>
</form>
<p class="field-note">${t('report.illegal')} <a href="${base}/notice/" rel="nofollow">${t('link.notice')}</a></p>
<p><a href="${base}/">${t('form.back')}</a></p>
</div>`;
}

export function renderNoticeForm(data: FormData & { hours: number; commentUrl: string }): SafeHtml {
  const t = translator(data.lang, moderationMessages);
  const base = `/${data.slug}/comment/${data.comment.id}`;
  const v = data.values;
  return html`<div class="moderation-form-page">
<h1 class="page-title">${t('notice.title')}</h1>
<p>${t('notice.intro', { hours: data.hours })}</p>
<h2>${t('notice.comment')}</h2>
${shownComment(data)}
${errorNote(data)}
<form class="moderation-form" method="post" action="${base}/notice/">
${csrfField()}
<p class="field"><label for="notice-url">${t('notice.url')}</label><input id="notice-url" type="url" value="${data.commentUrl}" readonly></p>
<p class="field"><label for="notice-category">${t('notice.category')}</label><select id="notice-category" name="category" required${invalid(data, 'category')}>
<option value="">${t('form.choose')}</option>
${NOTICE_CATEGORIES.map((c) => html`<option value="${c}"${v.category === c ? html` selected` : ''}>${t(`category.${c}` as ModerationMessageKey)}</option>`)}
</select></p>
<p class="field"><label for="notice-explanation">${t('notice.explanation')}</label><textarea id="notice-explanation" name="explanation" rows="6" minlength="10" maxlength="5000" required${invalid(data, 'explanation')}>${v.explanation ?? ''}</textarea></p>
<div class="field-row">
<p class="field"><label for="notice-name">${t('notice.name')}</label><input id="notice-name" name="name" type="text" autocomplete="name" maxlength="200" value="${v.name ?? ''}" aria-describedby="notice-contact-note"${invalid(data, 'name')}></p>
<p class="field"><label for="notice-email">${t('notice.email')}</label><input id="notice-email" name="email" type="email" autocomplete="email" maxlength="254" value="${v.email ?? ''}" aria-describedby="notice-contact-note"${invalid(data, 'email')}></p>
</div>
<p id="notice-contact-note" class="field-note">${t('notice.contactNote')}</p>
<p class="field-choice"><input type="checkbox" id="notice-good-faith" name="goodFaith" value="yes" required${v.goodFaith === 'yes' ? html` checked` : ''}${invalid(data, 'goodFaith')}> <label for="notice-good-faith">${t('notice.goodFaith')}</label></p>
<p><button type="submit">${t('notice.submit')}</button></p>
</form>
<p><a href="${base}/">${t('form.back')}</a></p>
</div>`;
}

export function renderThanks(lang: Language, backHref: string, lines: string[]): SafeHtml {
  const t = translator(lang, moderationMessages);
  return html`<div class="moderation-form-page">
${lines.map((line, i) => (i === 0 ? html`<p class="notice" role="status">${line}</p>` : html`<p>${line}</p>`))}
<p><a href="${backHref}">${t('form.back')}</a></p>
</div>`;
}
