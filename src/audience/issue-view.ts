/**
 * The composer's pages as markup for the newsroom frame (issue 11): the list of issues on
 * `/admin/newsletter/`, the composer form, the preview at desktop and phone width (the
 * mail in an iframe served on its own, so its inline styles never touch the newsroom's
 * page policy), and the confirmation before a send. Plain forms, no script needed; every
 * value through `html`.
 *
 * @example
 *   renderComposer('de', { issue, form, articles, topics, errors: [], notice: null, email: 'eva@example.org' });
 */
import type { ArticleSummary, Tag } from '../content/index.js';
import { html, type SafeHtml } from '../platform/html.js';
import { formatDate, formatNumber, translator, type Language, type Translate } from '../platform/i18n.js';
import { csrfField } from '../site/index.js';
import { issueMessages, type IssueMessageKey } from './issue-messages.js';
import type { Issue, IssueFieldError } from './issues.js';

type T = Translate<IssueMessageKey>;
export const issueT = (lang: Language): T => translator(lang, issueMessages);

/** The form as typed (strings), so a refused form comes back as it was. */
export interface ComposerForm {
  subject: string;
  preheader: string;
  intro: string;
  articleIds: number[];
  donation: boolean;
  topic: string;
  scheduledAt: string;
}

export interface ComposerView {
  issue: Issue | null;
  form: ComposerForm;
  articles: readonly ArticleSummary[];
  topics: readonly Tag[];
  errors: readonly IssueFieldError[];
  notice: { key: 'issue.saved' | 'issue.tested' | 'issue.scheduled' | 'issue.unscheduled'; params?: Record<string, string> } | null;
  email: string;
}

/** A time as Berlin wall-clock text (`datetime-local` value and display). */
export function berlinLocal(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A `datetime-local` value read as Berlin wall-clock time; null if it is not one. */
export function fromBerlinLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let guess = wall;
  // Two rounds settle the offset, also across a change to or from summer time.
  for (let i = 0; i < 2; i++) {
    const shown = berlinLocal(new Date(guess));
    const sm = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(shown)!;
    const shownUtc = Date.UTC(Number(sm[1]), Number(sm[2]) - 1, Number(sm[3]), Number(sm[4]), Number(sm[5]));
    guess += wall - shownUtc;
  }
  const result = new Date(guess);
  return Number.isNaN(result.getTime()) || berlinLocal(result) !== value.trim() ? null : result;
}

export const whenText = (iso: string, lang: Language) => `${formatDate(new Date(iso), lang, true)}`;

function statusText(t: T, lang: Language, issue: Issue): string {
  return issue.status === 'scheduled' && issue.scheduled_at ? t('status.scheduled', { when: whenText(issue.scheduled_at, lang) }) : t(`status.${issue.status}`);
}

/** The issues section of `/admin/newsletter/`. */
export function renderIssueList(lang: Language, issues: readonly Issue[]): SafeHtml {
  const t = issueT(lang);
  return html`<section aria-labelledby="newsletter-issues-title">
<div class="page-head"><h2 id="newsletter-issues-title">${t('issues.title')}</h2><a class="button" href="/admin/newsletter/issues/new/">${t('issues.compose')}</a></div>
${issues.length === 0
    ? html`<p class="muted">${t('issues.empty')}</p>`
    : html`<div class="table-scroll"><table class="desk-table newsletter-issues">
<thead><tr><th scope="col">${t('issues.subject')}</th><th scope="col">${t('issues.state')}</th><th scope="col">${t('issues.changed')}</th></tr></thead>
<tbody>${issues.map((i) => html`<tr><td><a href="/admin/newsletter/issues/${i.id}/">${i.subject}</a></td><td><span class="state-badge state-${i.status}">${statusText(t, lang, i)}</span></td><td><time datetime="${i.updated_at}">${whenText(i.updated_at, lang)}</time></td></tr>`)}</tbody>
</table></div>`}
</section>`;
}

const invalid = (errors: readonly IssueFieldError[], field: IssueFieldError['field']) =>
  errors.some((e) => e.field === field) ? html` aria-invalid="true"` : '';

const described = (errors: readonly IssueFieldError[], field: IssueFieldError['field'], note?: string) => {
  const ids = [note ?? '', errors.some((e) => e.field === field) ? `issue-${field}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
};

const errorText = (t: T, errors: readonly IssueFieldError[], field: IssueFieldError['field']) =>
  errors.some((e) => e.field === field) ? html`<span class="field-error" id="issue-${field}-error">${t(`issue.error.${field}`)}</span>` : '';

/** The composer: text, articles, donation, audience; save, preview, test, schedule, send. */
export function renderComposer(lang: Language, view: ComposerView): SafeHtml {
  const t = issueT(lang);
  const { form, errors, issue } = view;
  const action = issue ? `/admin/newsletter/issues/${issue.id}` : '/admin/newsletter/issues/';
  const chosen = new Set(form.articleIds);
  // Chosen articles first, in their order, then the rest as listed.
  const ordered = [...form.articleIds.flatMap((id) => view.articles.filter((a) => a.id === id)), ...view.articles.filter((a) => !chosen.has(a.id))];
  return html`<p class="breadcrumb"><a href="/admin/newsletter/">${t('issue.back')}</a> <span aria-hidden="true">›</span></p>
<h1 class="page-title">${issue ? t('issue.editTitle') : t('issue.newTitle')}</h1>
${issue ? html`<p class="muted"><span class="state-badge state-${issue.status}">${statusText(t, lang, issue)}</span></p>` : ''}
${view.notice ? html`<p class="notice" role="status">${t(view.notice.key, view.notice.params)}</p>` : ''}
${errors.length ? html`<p class="notice notice-error" role="alert">${t('issue.invalid')}</p>` : ''}
<form method="post" action="${action}" class="settings-form issue-form" data-settings-form data-warn="${lang === 'de' ? 'Auf dieser Seite gibt es ungespeicherte Änderungen. Trotzdem verlassen?' : 'This page has unsaved changes. Leave anyway?'}">
${csrfField()}
<button type="submit" class="visually-hidden" name="action" value="save" tabindex="-1" aria-hidden="true">${t('issue.save')}</button>
<p class="field"><label for="issue-subject">${t('issue.subject')}</label>
<input type="text" id="issue-subject" name="subject" value="${form.subject}" maxlength="200" required${invalid(errors, 'subject')}${described(errors, 'subject')}>${errorText(t, errors, 'subject')}</p>
<p class="field"><label for="issue-preheader">${t('issue.preheader')}</label>
<input type="text" id="issue-preheader" name="preheader" value="${form.preheader}" maxlength="200"${invalid(errors, 'preheader')}${described(errors, 'preheader', 'issue-preheader-note')}>
<span class="field-note" id="issue-preheader-note">${t('issue.preheaderNote')}</span>${errorText(t, errors, 'preheader')}</p>
<p class="field"><label for="issue-intro">${t('issue.intro')}</label>
<textarea id="issue-intro" name="intro" rows="8" maxlength="10000" class="issue-intro"${invalid(errors, 'intro')}${described(errors, 'intro', 'issue-intro-note')}>${form.intro}</textarea>
<span class="field-note" id="issue-intro-note">${t('issue.introNote')}</span>${errorText(t, errors, 'intro')}</p>
<fieldset class="field issue-articles"${invalid(errors, 'articleIds')}${described(errors, 'articleIds', 'issue-articles-note')}>
<legend>${t('issue.articles')}</legend>
<p class="field-note" id="issue-articles-note">${t('issue.articlesNote')}</p>
${errorText(t, errors, 'articleIds')}
${ordered.length === 0 ? html`<p class="muted">${t('issue.noArticles')}</p>` : html`<ul class="issue-article-list">${ordered.map((a) => html`<li><label><input type="checkbox" name="articleIds" value="${a.id}"${chosen.has(a.id) ? html` checked` : ''}> <span class="issue-article-title">${a.title}</span>${a.publishedAt ? html` <span class="muted">${formatDate(a.publishedAt, lang)}</span>` : ''}</label></li>`)}</ul>`}
</fieldset>
<p class="field field-check"><label><input type="checkbox" name="donation" value="on"${form.donation ? html` checked` : ''} aria-describedby="issue-donation-note"> ${t('issue.donation')}</label>
<span class="field-note" id="issue-donation-note">${t('issue.donationNote')}</span></p>
<p class="field"><label for="issue-topic">${t('issue.topic')}</label>
<select id="issue-topic" name="topic"${invalid(errors, 'topic')}${described(errors, 'topic')}><option value="">${t('issue.everyone')}</option>
${view.topics.map((tag) => html`<option value="${tag.slug}"${form.topic === tag.slug ? html` selected` : ''}>${tag.name}</option>`)}</select>${errorText(t, errors, 'topic')}</p>
<div class="settings-actions issue-actions">
<button type="submit" name="action" value="save">${t('issue.save')}</button>
<button type="submit" name="action" value="preview" class="button-secondary">${t('issue.preview')}</button>
<button type="submit" name="action" value="test" class="button-secondary" aria-describedby="issue-test-note">${t('issue.test')}</button>
<span class="field-note" id="issue-test-note">${t('issue.testNote', { email: view.email })}</span>
<span class="unsaved-note" data-unsaved-note hidden>${lang === 'de' ? 'Ungespeicherte Änderungen' : 'Unsaved changes'}</span>
</div>
<fieldset class="field issue-schedule">
<legend>${t('issue.scheduleTitle')}</legend>
<p class="field"><label for="issue-scheduledAt">${t('issue.scheduleAt')}</label>
<input type="datetime-local" id="issue-scheduledAt" name="scheduledAt" value="${form.scheduledAt}" class="input-when"${invalid(errors, 'scheduledAt')}${described(errors, 'scheduledAt')}>${errorText(t, errors, 'scheduledAt')}</p>
<p class="issue-send-buttons"><button type="submit" name="action" value="schedule" class="button-secondary">${t('issue.schedule')}</button>
${issue?.status === 'scheduled' ? html`<button type="submit" name="action" value="unschedule" class="button-secondary">${t('issue.unschedule')}</button>` : ''}
<button type="submit" name="action" value="send">${t('issue.sendNow')}</button></p>
</fieldset>
</form>`;
}

/** A sent issue: what went out, and the way to its send's figures. */
export function renderSentIssue(lang: Language, issue: Issue): SafeHtml {
  const t = issueT(lang);
  return html`<p class="breadcrumb"><a href="/admin/newsletter/">${t('issue.back')}</a> <span aria-hidden="true">›</span></p>
<h1 class="page-title">${issue.subject}</h1>
<p><span class="state-badge state-sent">${t('status.sent')}</span></p>
<p>${t('issue.sentNote')} ${issue.newsletter_id ? html`<a href="/admin/newsletter/${issue.newsletter_id}/">${t('issue.toSend')}</a>` : ''}</p>
<p><a href="/admin/newsletter/issues/${issue.id}/preview/">${t('issue.preview')}</a></p>`;
}

/** The preview page: the mail at desktop or phone width, switched by links (no script). */
export function renderPreview(lang: Language, issue: Issue, width: 'desktop' | 'phone'): SafeHtml {
  const t = issueT(lang);
  const link = (w: 'desktop' | 'phone') =>
    html`<a href="/admin/newsletter/issues/${issue.id}/preview/?width=${w}" class="button${w === width ? '' : ' button-secondary'}"${w === width ? html` aria-current="page"` : ''}>${t(`preview.${w}`)}</a>`;
  return html`<p class="breadcrumb"><a href="/admin/newsletter/issues/${issue.id}/">${t('preview.back')}</a> <span aria-hidden="true">›</span></p>
<h1 class="page-title">${t('preview.title', { subject: issue.subject })}</h1>
<nav class="preview-widths" aria-label="${t('preview.widths')}">${link('desktop')} ${link('phone')}</nav>
<div class="mail-preview mail-preview-${width}"><iframe src="/admin/newsletter/issues/${issue.id}/preview.html" title="${t('preview.frame')}" class="mail-preview-frame" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe></div>`;
}

/** The question before a send, with how many readers it reaches. */
export function renderConfirm(lang: Language, issue: Issue, recipients: number): SafeHtml {
  const t = issueT(lang);
  return html`<p class="breadcrumb"><a href="/admin/newsletter/issues/${issue.id}/">${t('confirm.cancel')}</a> <span aria-hidden="true">›</span></p>
<h1 class="page-title">${t('confirm.title')}</h1>
<p class="confirm-question">${t('confirm.question', { subject: issue.subject, count: recipients })}</p>
<p class="field-note">${t('confirm.note')}</p>
<form method="post" action="/admin/newsletter/issues/${issue.id}/send">${csrfField()}
<p class="settings-actions"><button type="submit">${t('confirm.send')}</button> <a href="/admin/newsletter/issues/${issue.id}/">${t('confirm.cancel')}</a></p>
</form>`;
}

/** Figures after a send: delivered, bounced, unsubscribed since; why opens are not shown. */
export function renderAfterFigures(lang: Language, f: { delivered: number; bounced: number; unsubscribed: number }): SafeHtml {
  const t = issueT(lang);
  const items: [IssueMessageKey, number, string][] = [['figures.delivered', f.delivered, 'delivered'], ['figures.bounced', f.bounced, 'bounced'], ['figures.unsubscribed', f.unsubscribed, 'unsubscribed']];
  return html`<section aria-labelledby="newsletter-after-title"><h2 id="newsletter-after-title">${t('figures.title')}</h2>
<dl class="admin-stats newsletter-figures">${items.map(([key, value, name]) => html`<div><dt>${t(key)}</dt><dd data-figure="${name}">${formatNumber(value, lang)}</dd></div>`)}</dl>
<p class="field-note">${t('figures.opensNote')}</p></section>`;
}
