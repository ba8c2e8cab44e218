/**
 * The moderation desk, server-rendered for staff inside the newsroom frame: tabs for held
 * comments, reader reports, DSA notices and spam; one card per comment with its article,
 * the comment it answers, the commenter's record and the reasons it was held; each card
 * with its own forms (approve, reject with a reason, spam, trust, ban, reply), a bulk form
 * over the ticked cards, and the recent decisions as sentences. Works without JavaScript;
 * `desk.js` adds the keyboard, in-place decisions and live arrivals.
 *
 * Everything here came from readers or was typed by staff, so every value goes through
 * the escaping `html` template; comment bodies are shown as escaped source, never as HTML.
 *
 * @example
 *   const main = renderDesk({ lang: 'de', filter: 'held', cards, reports, notices, log, counts, flash: [], publicLog: false });
 */
import { html, join, raw, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language, type Translate } from '../../platform/i18n.js';
import { csrfField } from '../../site/index.js';
import { HOLD_AT, REJECT_AT } from '../spam/rules.js';
import { BAN_DAYS, REJECT_PRESETS } from './desk-actions.js';
import type { DeskCard, DeskFilter, SpamReason } from './desk-data.js';
import { DESK_FILTERS } from './desk-data.js';
import { renderLog, type LogLine } from './desk-log-view.js';
import { deskMessages, type DeskMessageKey } from './desk-messages.js';
import { moderationMessages, type ModerationMessageKey } from './messages.js';
import type { OpenNotice } from './notices.js';
import type { ReportedComment, ReportReason } from './reports.js';
import { reasonText } from './reason-text.js';

export interface DeskData {
  lang: Language;
  filter: DeskFilter;
  cards: DeskCard[];
  /** Reader reports by comment id (the reported tab). */
  reports: Map<number, ReportedComment>;
  notices: OpenNotice[];
  log: LogLine[];
  counts: Record<DeskFilter, number>;
  flash: string[];
  publicLog: boolean;
}

type T = Translate<DeskMessageKey>;

/** Reader text as paragraphs of escaped text: line breaks stay visible, markup stays inert. */
export function plain(text: string): SafeHtml {
  return join(text.split(/\r?\n/).map((line) => html`${line}`), raw('<br>'));
}

function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function when(at: string, lang: Language): SafeHtml {
  return html`<time datetime="${at}">${formatDate(new Date(at), lang, true)}</time>`;
}

function tabs(data: DeskData, t: T): SafeHtml {
  return html`<nav class="desk-tabs" aria-label="${t('desk.tabs')}"><ul>${DESK_FILTERS.map((f) => html`<li><a href="/admin/comments/?filter=${f}"${f === data.filter ? html` aria-current="page"` : ''}>${t(`filter.${f}`)} <span class="count">${data.counts[f]}</span></a></li>`)}</ul></nav>`;
}

function badges(card: DeskCard, t: T): SafeHtml {
  const a = card.author;
  const list: SafeHtml[] = [];
  if (a.staff) list.push(html`<span class="badge badge-staff">${t('card.staff')}</span>`);
  else if (a.firstTime) list.push(html`<span class="badge badge-first">${t('card.firstTime')}</span>`);
  if (a.trusted) list.push(html`<span class="badge badge-trusted">${t('card.trusted')}</span>`);
  if (a.banned) list.push(html`<span class="badge badge-banned">${t('card.banned')}</span>`);
  return join(list, raw(' '));
}

function reasons(card: DeskCard, data: Pick<DeskData, 'lang' | 'filter' | 'reports'>, t: T): SafeHtml {
  if (data.filter === 'reported') return reportList(data.reports.get(card.id), data.lang, t);
  const list = card.spamReasons;
  if (list.length === 0) return html`<p class="card-why"><strong>${t('card.why')}:</strong> ${t('card.policy')}</p>`;
  return html`<div class="card-why"><p><strong>${t('card.why')}:</strong> ${t('card.score', { score: card.spamScore, hold: HOLD_AT, reject: REJECT_AT })}</p>
<ul>${list.map((r: SpamReason) => html`<li>${reasonText(r, data.lang)}${r.weight !== undefined ? html` <span class="weight">+${r.weight}</span>` : ''}</li>`)}</ul></div>`;
}

function reportList(report: ReportedComment | undefined, lang: Language, t: T): SafeHtml {
  if (!report) return html``;
  const m = translator(lang, moderationMessages);
  return html`<div class="card-why"><p><strong>${t('card.reports', { count: report.count })}:</strong></p>
<ul>${(Object.entries(report.reasons) as [ReportReason, number][]).map(([reason, n]) => html`<li>${m(`reason.${reason}` as ModerationMessageKey)}: ${n}</li>`)}${report.notes.map((note) => html`<li class="desk-note">„${note}“</li>`)}</ul></div>`;
}

function decideForm(card: DeskCard, action: 'approve' | 'spam', label: string, filter: DeskFilter, extra = ''): SafeHtml {
  return html`<form method="post" action="/admin/comments/${card.id}/decide" class="card-form" data-action="${action}">
${csrfField()}<input type="hidden" name="action" value="${action}"><input type="hidden" name="filter" value="${filter}">
<button type="submit" class="${extra}">${label}</button></form>`;
}

function rejectForm(card: DeskCard, filter: DeskFilter, t: T): SafeHtml {
  const id = card.id;
  return html`<details class="card-details card-reject"><summary>${t('action.reject')}</summary>
<form method="post" action="/admin/comments/${id}/decide" class="card-form" data-action="reject">
${csrfField()}<input type="hidden" name="action" value="reject"><input type="hidden" name="filter" value="${filter}">
<fieldset><legend>${t('reject.preset')}</legend>
${REJECT_PRESETS.map((preset, i) => html`<label class="choice"><input type="radio" name="preset" value="${preset}"${i === 0 ? html` checked` : ''}> ${t(`preset.${preset}`)}</label>`)}
</fieldset>
<p class="field"><label for="reason-${id}">${t('reject.text')}</label><textarea id="reason-${id}" name="reason" rows="2" maxlength="2000"></textarea></p>
<p><button type="submit" class="danger">${t('action.rejectSend')}</button></p>
</form></details>`;
}

function moreForms(card: DeskCard, filter: DeskFilter, t: T): SafeHtml {
  const id = card.id;
  const trust = card.author.staff || card.author.trusted ? html`` : html`<form method="post" action="/admin/comments/${id}/trust" class="card-form" data-action="trust">
${csrfField()}<input type="hidden" name="filter" value="${filter}">
<p class="field-note">${t('action.trustHint')}</p><p><button type="submit">${t('action.trust')}</button></p></form>`;
  const ban = card.author.staff ? html`` : html`<form method="post" action="/admin/comments/${id}/ban" class="card-form" data-action="ban">
${csrfField()}<input type="hidden" name="filter" value="${filter}">
<p class="field"><label for="ban-days-${id}">${t('ban.days')}</label><select id="ban-days-${id}" name="days">${BAN_DAYS.map((d) => html`<option value="${d}"${d === 7 ? html` selected` : ''}>${d === 0 ? t('ban.forever') : t('ban.day', { days: d })}</option>`)}</select></p>
<p class="field"><label for="ban-reason-${id}">${t('ban.reason')}</label><input id="ban-reason-${id}" name="reason" type="text" maxlength="2000" required></p>
<p><button type="submit" class="danger">${t('action.banSend')}</button></p></form>`;
  const reply = card.status === 'spam' ? html`` : html`<form method="post" action="/admin/comments/${id}/reply" class="card-form" data-action="reply">
${csrfField()}<input type="hidden" name="filter" value="${filter}">
<p class="field"><label for="reply-${id}">${t('reply.text')}</label><textarea id="reply-${id}" name="body" rows="3" maxlength="20000" required></textarea></p>
<p><button type="submit">${t('action.replySend')}</button></p></form>`;
  return html`<details class="card-details card-more"><summary>${t('card.moreActions')}</summary><div class="card-more-body">${trust}${ban}${reply}</div></details>`;
}

/** One comment as a card; also sent alone when a held comment arrives live. */
export function renderCard(card: DeskCard, data: Pick<DeskData, 'lang' | 'filter' | 'reports'>): SafeHtml {
  const t = translator(data.lang, deskMessages);
  const a = card.author;
  const approveLabel = data.filter === 'spam' ? t('action.notSpam') : data.filter === 'reported' ? t('action.keep') : t('action.approve');
  return html`<li><article class="desk-card" id="card-${card.id}" data-id="${card.id}" tabindex="-1" aria-labelledby="card-${card.id}-who">
<header class="card-head">
<input type="checkbox" form="bulk" name="ids" value="${card.id}" class="card-select" aria-label="${t('card.select', { name: a.name })}">
<div class="card-who"><h3 id="card-${card.id}-who">${a.name} ${badges(card, t)}</h3>
<p class="card-meta">${a.email ? html`<a href="mailto:${a.email}">${a.email}</a> · ` : ''}${t('card.history', { earlier: a.earlier, approved: a.approved, rejected: a.rejected })} · ${when(card.createdAt, data.lang)}</p></div>
</header>
<p class="card-article">${t('card.onArticle')} <a href="/${card.article.slug}/">${card.article.title}</a></p>
${card.parent ? html`<blockquote class="card-parent"><p class="card-parent-who">${t('card.answers', { name: card.parent.authorName })}</p><p>${excerpt(card.parent.body)}</p></blockquote>` : ''}
${card.edit ? html`<p class="card-label">${t('card.edit')}</p>` : ''}
<div class="card-body">${plain(card.body)}</div>
${card.edit && card.approvedBody !== null ? html`<details class="card-details"><summary>${t('card.approvedText')}</summary><div class="card-body">${plain(card.approvedBody)}</div></details>` : ''}
${reasons(card, data, t)}
<div class="card-actions">
${decideForm(card, 'approve', approveLabel, data.filter, 'primary')}
${data.filter === 'spam' ? '' : decideForm(card, 'spam', t('action.spam'), data.filter)}
${rejectForm(card, data.filter, t)}
${moreForms(card, data.filter, t)}
</div>
</article></li>`;
}

function bulkBar(data: DeskData, t: T): SafeHtml {
  return html`<form method="post" action="/admin/comments/bulk" id="bulk" class="desk-bulk" aria-label="${t('bulk.label')}">
${csrfField()}<input type="hidden" name="filter" value="${data.filter}">
<label class="choice"><input type="checkbox" class="select-all"> ${t('bulk.all')}</label>
<span class="bulk-count" aria-live="polite"></span>
<button type="submit" name="action" value="approve">${data.filter === 'spam' ? t('action.notSpam') : t('bulk.approve')}</button>
<button type="submit" name="action" value="reject">${t('bulk.reject')}</button>
${data.filter === 'spam' ? '' : html`<button type="submit" name="action" value="spam">${t('bulk.spam')}</button>`}
</form>`;
}

function noticeItem(n: OpenNotice, lang: Language, t: T): SafeHtml {
  const m = translator(lang, moderationMessages);
  return html`<li><article class="desk-card desk-notice${n.overdue ? ' desk-overdue' : ''}" id="notice-${n.id}" tabindex="-1" aria-labelledby="notice-${n.id}-title">
<h3 id="notice-${n.id}-title">${m(`category.${n.category}` as ModerationMessageKey)}</h3>
<p class="card-meta"><strong>${t('desk.deadline')}:</strong> ${when(n.deadline_at, lang)}${n.overdue ? html` <strong class="badge badge-banned">${t('desk.overdue')}</strong>` : ''}</p>
<p class="card-article">${n.articleSlug ? html`${t('card.onArticle')} <a href="/${n.articleSlug}/">${n.articleTitle}</a> · <a href="/${n.articleSlug}/comment/${n.comment_id}/">${t('card.open')}</a>` : ''}</p>
${n.commentBody ? html`<p class="card-who"><strong>${n.commentAuthor}</strong></p><div class="card-body">${plain(n.commentBody)}</div>` : html`<p class="muted">${t('desk.gone')}</p>`}
<p><strong>${t('desk.explanation')}:</strong> ${plain(n.explanation)}</p>
<p class="card-meta"><strong>${t('desk.notifier')}:</strong> ${n.notifier_name || t('desk.anonymous')}${n.notifier_email ? html` &lt;${n.notifier_email}&gt;` : ''}</p>
<form method="post" action="/admin/notices/${n.id}/decide">
${csrfField()}
<p class="field"><label for="decide-reason-${n.id}">${t('desk.decisionReason')}</label><textarea id="decide-reason-${n.id}" name="reason" rows="3" maxlength="2000" required></textarea></p>
<p class="field"><label for="decide-ground-${n.id}">${t('desk.ground')}</label><input id="decide-ground-${n.id}" name="ground" type="text" maxlength="500"></p>
<p class="card-actions"><button type="submit" name="action" value="remove" class="danger">${t('desk.remove')}</button> <button type="submit" name="action" value="keep">${t('desk.keep')}</button></p>
</form>
</article></li>`;
}

function empty(filter: DeskFilter, t: T): string {
  return { held: t('desk.queueEmpty'), reported: t('desk.reportedEmpty'), notices: t('desk.noticesEmpty'), spam: t('desk.spamEmpty') }[filter];
}

export function renderDesk(data: DeskData): SafeHtml {
  const t = translator(data.lang, deskMessages);
  const items = data.filter === 'notices' ? data.notices.length : data.cards.length;
  const list = data.filter === 'notices'
    ? html`<ol class="desk-cards" id="notices">${data.notices.map((n) => noticeItem(n, data.lang, t))}</ol>`
    : html`${bulkBar(data, t)}<ol class="desk-cards" id="cards" data-filter="${data.filter}">${data.cards.map((card) => renderCard(card, data))}</ol>`;
  // Words the desk script needs, with # for the number (German and English have one/other).
  const one = (key: 'live.new' | 'bulk.selected') => t(key, { count: 1 }).replace('1', '#');
  const other = (key: 'live.new' | 'bulk.selected') => t(key, { count: 2 }).replace('2', '#');
  return html`<div class="moderation-desk" data-filter="${data.filter}" data-new-one="${one('live.new')}" data-new-other="${other('live.new')}" data-selected-one="${one('bulk.selected')}" data-selected-other="${other('bulk.selected')}" data-empty="${empty(data.filter, t)}">
<h1 class="page-title">${t('desk.title')}</h1>
${tabs(data, t)}
<div class="desk-flash" role="status">${data.flash.map((line) => html`<p class="notice">${line}</p>`)}</div>
<p class="desk-live" hidden><a href="/admin/comments/?filter=held"></a></p>
${data.publicLog ? html`<p class="field-note">${t('desk.publicOn')}</p>` : ''}
<section class="desk-list" aria-labelledby="list-title"><h2 id="list-title" class="visually-hidden">${t(`filter.${data.filter}`)}</h2>
${items === 0 ? html`<p class="muted desk-empty">${empty(data.filter, t)}</p>` : list}
<p class="field-note desk-keys">${t('desk.keys')}</p>
</section>
<section class="desk-log" aria-labelledby="log-title"><h2 id="log-title">${t('desk.log')}</h2>
${renderLog(data.log, data.lang)}</section>
</div>`;
}
