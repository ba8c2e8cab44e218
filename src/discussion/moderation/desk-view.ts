/**
 * The moderation desk, server-rendered for staff: the queue with bulk approve / remove /
 * spam, comments readers reported, open DSA notices with their deadlines and a decision
 * form each, and the last log entries. Works without JavaScript. Everything here came
 * from readers or was typed by staff, so every value goes through the escaping `html`
 * template; comment bodies are shown as their escaped source, never as rendered HTML.
 *
 * @example
 *   const main = renderDesk({ lang: 'de', queue, reported, notices, log, flash: [], publicLog: false, now });
 */
import { html, join, raw, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language, type Translate } from '../../platform/i18n.js';
import { csrfField } from '../../site/index.js';
import { deskMessages, type DeskMessageKey } from './desk-messages.js';
import type { DeskLogEntry } from './log.js';
import { moderationMessages, type ModerationMessageKey } from './messages.js';
import type { OpenNotice } from './notices.js';
import type { ReportedComment, ReportReason } from './reports.js';

export interface QueueItem {
  id: number;
  articleSlug: string;
  articleTitle: string;
  authorName: string;
  body: string;
  createdAt: string;
  spamScore: number;
  spamReasons: { code: string; detail: string; weight?: number }[];
  reports: number;
}

export interface DeskData {
  lang: Language;
  queue: QueueItem[];
  reported: ReportedComment[];
  notices: OpenNotice[];
  log: DeskLogEntry[];
  flash: string[];
  publicLog: boolean;
}

type T = Translate<DeskMessageKey>;

/** Reader text as lines of escaped text: line breaks stay visible, markup stays inert. */
function plain(text: string): SafeHtml {
  return join(text.split(/\r?\n/).map((line) => html`${line}`), raw('<br>'));
}

function when(at: string, lang: Language): SafeHtml {
  return html`<time datetime="${at}">${formatDate(new Date(at), lang, true)}</time>`;
}

function articleLink(slug: string, title: string): SafeHtml {
  return html`<a href="/${slug}/">${title}</a>`;
}

function reasonsCell(item: QueueItem, t: T): SafeHtml {
  if (item.spamReasons.length === 0) return html`<span class="muted">${t('desk.policyHold')}</span>`;
  return html`<ul class="desk-reasons">${item.spamReasons.map((r) => html`<li><code>${r.code}</code> ${r.detail}${r.weight !== undefined ? html` (${r.weight})` : ''}</li>`)}</ul>`;
}

function checkbox(id: number, t: T): SafeHtml {
  return html`<input type="checkbox" name="ids" value="${id}" id="select-${id}" aria-label="${t('desk.select')} #${id}">`;
}

function queueTable(data: DeskData, t: T): SafeHtml {
  if (data.queue.length === 0) return html`<p class="muted">${t('desk.queueEmpty')}</p>`;
  return html`<table class="desk-table">
<thead><tr><th scope="col">${t('desk.select')}</th><th scope="col">${t('desk.article')}</th><th scope="col">${t('desk.author')}</th><th scope="col">${t('desk.text')}</th><th scope="col">${t('desk.score')}</th><th scope="col">${t('desk.reasons')}</th><th scope="col">${t('desk.reports')}</th><th scope="col">${t('desk.date')}</th></tr></thead>
<tbody>${data.queue.map((c) => html`<tr id="queue-${c.id}">
<td>${checkbox(c.id, t)}</td><td>${articleLink(c.articleSlug, c.articleTitle)}</td><td class="desk-author">${c.authorName}</td>
<td class="desk-text">${plain(c.body)}</td><td>${c.spamScore}</td><td>${reasonsCell(c, t)}</td><td>${c.reports}</td><td>${when(c.createdAt, data.lang)}</td>
</tr>`)}</tbody>
</table>`;
}

function reportedTable(data: DeskData, t: T): SafeHtml {
  if (data.reported.length === 0) return html`<p class="muted">${t('desk.reportedEmpty')}</p>`;
  const m = translator(data.lang, moderationMessages);
  return html`<table class="desk-table">
<thead><tr><th scope="col">${t('desk.select')}</th><th scope="col">${t('desk.article')}</th><th scope="col">${t('desk.author')}</th><th scope="col">${t('desk.text')}</th><th scope="col">${t('desk.reports')}</th><th scope="col">${t('desk.reasons')}</th></tr></thead>
<tbody>${data.reported.map((r) => html`<tr id="reported-${r.commentId}">
<td>${checkbox(r.commentId, t)}</td><td>${articleLink(r.articleSlug, r.articleTitle)}</td><td class="desk-author">${r.authorName}</td>
<td class="desk-text">${plain(r.body)}</td><td>${r.count}</td>
<td><ul class="desk-reasons">${(Object.entries(r.reasons) as [ReportReason, number][]).map(([reason, n]) => html`<li>${m(`reason.${reason}`)}: ${n}</li>`)}${r.notes.map((note) => html`<li class="desk-note">„${note}“</li>`)}</ul></td>
</tr>`)}</tbody>
</table>`;
}

function bulkButtons(t: T, suffix: string): SafeHtml {
  return html`<p class="field"><label for="bulk-reason-${suffix}">${t('desk.reason')}</label><input id="bulk-reason-${suffix}" name="reason" type="text" maxlength="2000"></p>
<p class="desk-actions"><button type="submit" name="action" value="approve">${t('desk.approve')}</button>
<button type="submit" name="action" value="reject">${t('desk.reject')}</button>
<button type="submit" name="action" value="spam">${t('desk.spam')}</button></p>`;
}

function noticeItem(n: OpenNotice, data: DeskData, t: T): SafeHtml {
  const m = translator(data.lang, moderationMessages);
  return html`<li class="desk-notice${n.overdue ? ' desk-overdue' : ''}" id="notice-${n.id}">
<h3>#${n.id} · ${m(`category.${n.category}` as ModerationMessageKey)}</h3>
<p><strong>${t('desk.deadline')}:</strong> ${when(n.deadline_at, data.lang)}${n.overdue ? html` <strong class="badge">${t('desk.overdue')}</strong>` : ''}</p>
<p><strong>${t('desk.comment')}:</strong> ${n.articleSlug ? html`<a href="/${n.articleSlug}/comment/${n.comment_id}/">#${n.comment_id}</a> (${n.articleTitle})` : html`#${n.comment_id}`}
${n.commentBody ? html`— <span class="desk-author">${n.commentAuthor}</span>: <span class="desk-text">${plain(n.commentBody)}</span>` : html`<span class="muted">${t('desk.gone')}</span>`}</p>
<p><strong>${t('desk.explanation')}:</strong> <span class="desk-text">${plain(n.explanation)}</span></p>
<p><strong>${t('desk.notifier')}:</strong> ${n.notifier_name || t('desk.anonymous')}${n.notifier_email ? html` &lt;${n.notifier_email}&gt;` : ''}</p>
<form method="post" action="/admin/notices/${n.id}/decide">
${csrfField()}
<p class="field"><label for="decide-reason-${n.id}">${t('desk.decisionReason')}</label><textarea id="decide-reason-${n.id}" name="reason" rows="3" maxlength="2000" required></textarea></p>
<p class="field"><label for="decide-ground-${n.id}">${t('desk.ground')}</label><input id="decide-ground-${n.id}" name="ground" type="text" maxlength="500"></p>
<p class="desk-actions"><button type="submit" name="action" value="remove">${t('desk.remove')}</button> <button type="submit" name="action" value="keep">${t('desk.keep')}</button></p>
</form>
</li>`;
}

function logTable(data: DeskData, t: T): SafeHtml {
  if (data.log.length === 0) return html`<p class="muted">${t('desk.logEmpty')}</p>`;
  return html`<table class="desk-table desk-log">
<thead><tr><th scope="col">${t('desk.date')}</th><th scope="col">${t('desk.actor')}</th><th scope="col">${t('desk.action')}</th><th scope="col">${t('desk.target')}</th><th scope="col">${t('desk.why')}</th></tr></thead>
<tbody>${data.log.map((e) => html`<tr>
<td>${when(e.at, data.lang)}</td><td>${e.actor}</td><td><code>${e.action}</code></td>
<td>${e.commentId ? html`#${e.commentId} ` : ''}${e.target ?? ''}${e.detail ? html`<br><small>${e.detail}</small>` : ''}</td><td>${e.reason}</td>
</tr>`)}</tbody>
</table>`;
}

export function renderDesk(data: DeskData): SafeHtml {
  const t = translator(data.lang, deskMessages);
  return html`<div class="moderation-desk">
<h1 class="page-title">${t('desk.title')}</h1>
${data.flash.map((line) => html`<p class="notice" role="status">${line}</p>`)}
${data.publicLog ? html`<p class="field-note">${t('desk.publicOn')}</p>` : ''}
<form method="post" action="/admin/comments/bulk">
${csrfField()}
<section aria-labelledby="queue-title"><h2 id="queue-title">${t('desk.queue')} (${data.queue.length})</h2>
${queueTable(data, t)}</section>
<section aria-labelledby="reported-title"><h2 id="reported-title">${t('desk.reported')} (${data.reported.length})</h2>
${reportedTable(data, t)}</section>
${data.queue.length + data.reported.length > 0 ? bulkButtons(t, 'all') : ''}
</form>
<section id="notices" aria-labelledby="notices-title"><h2 id="notices-title">${t('desk.notices')} (${data.notices.length})</h2>
${data.notices.length ? html`<ol class="desk-notices">${data.notices.map((n) => noticeItem(n, data, t))}</ol>` : html`<p class="muted">${t('desk.noticesEmpty')}</p>`}
</section>
<section aria-labelledby="log-title"><h2 id="log-title">${t('desk.log')}</h2>
${logTable(data, t)}</section>
</div>`;
}

