/**
 * The newsletter's newsroom pages as markup for the admin frame: subscriber counts, the
 * send form, the list of sends, one send's progress, CSV export and import. No script:
 * a running send's page is reloaded by the `Refresh` header its route sets. Every value
 * (article titles, subjects, topic names, what a form sent) goes through `html`.
 *
 * @example
 *   renderNewsletterPage('de', { counts, topics, articles, sends, form: {} });
 *   renderSendPage('en', progress, topics);
 */
import type { ArticleSummary, Tag } from '../content/index.js';
import { html, type SafeHtml } from '../platform/html.js';
import { formatDate, formatNumber, translator, type Language, type Translate } from '../platform/i18n.js';
import { csrfField } from '../site/index.js';
import { newsletterAdminMessages, type NewsletterAdminKey } from './admin-messages.js';
import type { SubscriberCounts } from './store.js';
import type { ImportReport } from './transfer.js';
import { SUBSCRIBER_STATUSES, type SendProgress } from './types.js';
import type { Issue } from './issues.js';

type T = Translate<NewsletterAdminKey>;

/** What the send form posted, kept as typed when it comes back with an error. */
export interface SendForm {
  issue?: string;
  topic?: string;
}

/** A refusal shown at its field (`issue`, `topic`) or above the form (`form`). */
export interface FormError {
  field: 'issue' | 'topic' | 'form';
  message: NewsletterAdminKey;
}

export interface NewsletterPageData {
  counts: SubscriberCounts;
  topics: readonly Tag[];
  articles: readonly ArticleSummary[];
  sends: readonly SendProgress[];
  form: SendForm;
  error?: FormError;
  imported?: ImportReport;
  importError?: string;
  /** Composed issues (issue 11), newest first. */
  issues?: readonly Issue[];
}

export const adminT = (lang: Language): T => translator(lang, newsletterAdminMessages);

const invalid = (error: FormError | undefined, field: FormError['field']) =>
  error?.field === field ? html` aria-invalid="true" aria-describedby="newsletter-${field}-error"` : '';

const fieldError = (t: T, error: FormError | undefined, field: FormError['field']) =>
  error?.field === field ? html`<span class="field-error" id="newsletter-${field}-error">${t(error.message)}</span>` : '';

/** An option for a value the lists do not hold, so what was sent stays visible and selected. */
const unknownOption = (t: T, value: string | undefined, known: readonly string[]) =>
  value && !known.includes(value) ? html`<option value="${value}" selected>${t('form.unknownChoice', { value })}</option>` : '';

const selected = (value: string | undefined, option: string) => (value === option ? html` selected` : '');

function audienceOf(t: T, topic: string | null, topics: readonly Tag[]): string {
  if (topic === null) return t('form.everyone');
  return topics.find((tag) => tag.slug === topic)?.name ?? topic;
}

function countsSection(t: T, lang: Language, data: NewsletterPageData): SafeHtml {
  const { counts, topics } = data;
  return html`<section aria-labelledby="newsletter-counts-title"><h2 id="newsletter-counts-title">${t('counts.title')}</h2>
<dl class="admin-stats newsletter-counts">${SUBSCRIBER_STATUSES.map((status) => html`<div><dt>${t(`counts.${status}`)}</dt><dd>${formatNumber(counts.byStatus[status], lang)}</dd></div>`)}</dl>
${topics.length
    ? html`<table class="desk-table newsletter-topics">
<thead><tr><th scope="col">${t('counts.topic')}</th><th scope="col">${t('counts.readers')}</th></tr></thead>
<tbody>${topics.map((tag) => html`<tr><th scope="row">${tag.name}</th><td>${formatNumber(counts.byTopic.get(tag.slug) ?? 0, lang)}</td></tr>`)}
<tr><th scope="row">${t('counts.everything')}</th><td>${formatNumber(counts.withoutTopic, lang)}</td></tr></tbody>
</table>`
    : html`<p class="muted">${t('counts.noTopics')}</p>`}
</section>`;
}

function sendForm(t: T, lang: Language, data: NewsletterPageData): SafeHtml {
  const { form, error, articles, topics } = data;
  const knownIssues = ['digest', ...articles.map((a) => String(a.id))];
  const knownTopics = ['', ...topics.map((tag) => tag.slug)];
  return html`<section aria-labelledby="newsletter-send-title"><h2 id="newsletter-send-title">${t('form.title')}</h2>
${error ? html`<p class="notice notice-error" role="alert">${t('form.errorTitle')} ${error.field === 'form' ? t(error.message) : ''}</p>` : ''}
<form method="post" action="/admin/newsletter/send" class="newsletter-send">
${csrfField()}
<p class="field"><label for="newsletter-issue">${t('form.issue')}</label>
<select id="newsletter-issue" name="issue" required${invalid(error, 'issue')}>
<option value="digest"${selected(form.issue, 'digest')}>${t('form.digest')}</option>
<optgroup label="${t('form.articles')}">${articles.map((a) => html`<option value="${a.id}"${selected(form.issue, String(a.id))}>${a.title}${a.publishedAt ? html` (${formatDate(a.publishedAt, lang)})` : ''}</option>`)}</optgroup>
${unknownOption(t, form.issue, knownIssues)}
</select>
${fieldError(t, error, 'issue')}</p>
<p class="field"><label for="newsletter-topic">${t('form.topic')}</label>
<select id="newsletter-topic" name="topic" aria-describedby="newsletter-topic-note"${invalid(error, 'topic')}>
<option value=""${selected(form.topic ?? '', '')}>${t('form.everyone')}</option>
${topics.map((tag) => html`<option value="${tag.slug}"${selected(form.topic, tag.slug)}>${tag.name}</option>`)}
${unknownOption(t, form.topic, knownTopics)}
</select>
${fieldError(t, error, 'topic')}<small id="newsletter-topic-note" class="field-note">${t('form.topicNote')}</small></p>
<p><button type="submit">${t('form.submit')}</button></p>
</form>
</section>`;
}

function handled(p: SendProgress): number {
  return p.sent + p.failed + p.skipped;
}

function sendsSection(t: T, lang: Language, data: NewsletterPageData): SafeHtml {
  if (data.sends.length === 0) {
    return html`<section aria-labelledby="newsletter-sends-title"><h2 id="newsletter-sends-title">${t('sends.title')}</h2><p class="muted">${t('sends.empty')}</p></section>`;
  }
  return html`<section aria-labelledby="newsletter-sends-title"><h2 id="newsletter-sends-title">${t('sends.title')}</h2>
<table class="desk-table newsletter-sends">
<thead><tr><th scope="col">${t('sends.when')}</th><th scope="col">${t('sends.subject')}</th><th scope="col">${t('sends.audience')}</th><th scope="col">${t('sends.progress')}</th><th scope="col">${t('send.failed')}</th><th scope="col">${t('sends.state')}</th></tr></thead>
<tbody>${data.sends.map((p) => html`<tr class="newsletter-send-${p.status}">
<td><time datetime="${p.createdAt}">${formatDate(new Date(p.createdAt), lang, true)}</time></td>
<td><a href="/admin/newsletter/${p.id}/">${p.subject}</a></td>
<td>${audienceOf(t, p.topic, data.topics)}</td>
<td>${formatNumber(p.sent, lang)}/${formatNumber(p.total, lang)}</td>
<td>${formatNumber(p.failed, lang)}</td>
<td>${t(`state.${p.status}`)}</td>
</tr>`)}</tbody>
</table>
</section>`;
}

function transferSection(t: T, data: NewsletterPageData): SafeHtml {
  const report = data.imported;
  return html`<section aria-labelledby="newsletter-transfer-title" id="import"><h2 id="newsletter-transfer-title">${t('transfer.title')}</h2>
<p><a href="/api/v1/admin/subscribers.csv" download>${t('transfer.export')}</a></p>
${report
    ? html`<div class="notice" role="status"><p>${t('transfer.report', { imported: report.imported, existing: report.existing, errors: report.errors.length })}</p>
${report.errors.length ? html`<ul class="newsletter-import-errors">${report.errors.map((e) => html`<li>${t('transfer.row', { row: e.row })}: ${e.reason}</li>`)}</ul>` : ''}</div>`
    : ''}
${data.importError ? html`<p class="notice notice-error" role="alert" id="newsletter-csv-error">${data.importError}</p>` : ''}
<form method="post" action="/admin/newsletter/import" enctype="multipart/form-data" class="newsletter-import">
${csrfField()}
<h3>${t('transfer.import')}</h3>
<p class="field"><label for="newsletter-csv">${t('transfer.file')}</label>
<input id="newsletter-csv" name="csv" type="file" accept=".csv,text/csv" required aria-describedby="newsletter-csv-note"${data.importError ? html` aria-invalid="true"` : ''}>
<small id="newsletter-csv-note" class="field-note">${t('transfer.note')}</small></p>
<p><button type="submit">${t('transfer.submit')}</button></p>
</form>
</section>`;
}

/** `/admin/newsletter/`: counts, the send form, the sends so far, CSV transfer. */
export function renderNewsletterPage(lang: Language, data: NewsletterPageData, issues: SafeHtml | '' = ''): SafeHtml {
  const t = adminT(lang);
  return html`<h1 class="page-title">${t('title')}</h1>
${issues}
${countsSection(t, lang, data)}
${sendForm(t, lang, data)}
${sendsSection(t, lang, data)}
${transferSection(t, data)}`;
}

/** `/admin/newsletter/:id/`: one send's progress as a `<progress>` bar and its figures. */
export function renderSendPage(lang: Language, p: SendProgress, topics: readonly Tag[]): SafeHtml {
  const t = adminT(lang);
  const done = handled(p);
  // Until recipients are counted the bar has no value: browsers show it as indeterminate.
  const bar = p.status === 'preparing'
    ? html`<progress class="newsletter-progress" aria-labelledby="newsletter-progress-label"></progress>`
    : html`<progress class="newsletter-progress" max="${Math.max(1, p.total)}" value="${p.total === 0 ? 1 : done}" aria-labelledby="newsletter-progress-label"></progress>`;
  const figures: [NewsletterAdminKey, number][] = [['send.total', p.total], ['send.sent', p.sent], ['send.failed', p.failed], ['send.skipped', p.skipped], ['send.queued', p.queued]];
  return html`<h1 class="page-title">${t('send.title', { id: p.id })}</h1>
<p class="newsletter-subject"><strong>${p.subject}</strong></p>
<p class="muted">${t('send.kind')}: ${p.kind === 'issue' ? t('send.composed') : t(p.kind === 'digest' ? 'send.digest' : 'send.article')} · ${t('sends.audience')}: ${audienceOf(t, p.topic, topics)} · ${t('sends.when')}: <time datetime="${p.createdAt}">${formatDate(new Date(p.createdAt), lang, true)}</time></p>
<p class="newsletter-state newsletter-send-${p.status}">${t('sends.state')}: <strong>${t(`state.${p.status}`)}</strong></p>
<p><span id="newsletter-progress-label">${t('send.progress', { done: formatNumber(done, lang), total: formatNumber(p.total, lang) })}</span><br>${bar}</p>
<dl class="admin-stats newsletter-figures">${figures.map(([key, value]) => html`<div><dt>${t(key)}</dt><dd data-figure="${key.slice(5)}">${formatNumber(value, lang)}</dd></div>`)}</dl>
${p.status === 'done' ? '' : html`<p class="muted">${t('send.refreshing')} <a href="/admin/newsletter/${p.id}/">${t('send.reload')}</a></p>`}
<p><a href="/admin/newsletter/">${t('send.back')}</a></p>`;
}
