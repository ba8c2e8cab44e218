/**
 * The newsroom's supporters pages as HTML, in the newsroom's own components: figure
 * cards like the overview's (`admin-stats`), the overview's chart (`renderDayChart`, one
 * panel for new and one for lost supporters per month, the same numbers as a table under
 * it), the list, and one panel per tool (direct-debit files, statement upload, transfers
 * to assign, receipts); and one supporter with the mandate actions. No script, no inline
 * style; German and English.
 *
 * @example
 *   indexMain(adminT('de'), { figures, rows, files, unmatched, today, lang: 'de', statusText, intervalText });
 */
import { renderDayChart } from '../admin/index.js';
import { html, type SafeHtml } from '../platform/html.js';
import { formatNumber, translator, type Language, type Translate } from '../platform/i18n.js';
import { csrfField } from '../site/index.js';
import { adminMessages } from './admin-messages.js';
import type { ExportedFile } from './debits.js';
import type { Figures, SupporterListRow } from './people.js';
import type { ImportReport } from './statements.js';
import type { EntryRow, MandateRow, SupporterRow } from './store.js';
import { formatEuro } from './support-page.js';

export { adminMessages };
export type AdminT = Translate<keyof (typeof adminMessages)['de']>;
export const adminT = (lang: Language): AdminT => translator(lang, adminMessages);

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(key: string, lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formats.get(`${key}:${lang}`);
  if (!found) formats.set(`${key}:${lang}`, (found = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'UTC' })));
  return found;
}
/** "02.12.2026" / "2 Dec 2026": a day in a table. */
export const shortDay = (day: string | null, lang: Language): string =>
  day ? dateFormat('day', lang, lang === 'de' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${day.slice(0, 10)}T12:00:00Z`)) : '–';
/** "Dez. 26" / "Dec 26": a month on the chart's axis. */
const monthShort = (month: string, lang: Language) => dateFormat('month', lang, { month: 'short', year: '2-digit' }).format(new Date(`${month}-15T12:00:00Z`));
/** "Dezember 2026" / "December 2026": a month in the table and the tooltips. */
const monthLong = (month: string, lang: Language) => dateFormat('monthLong', lang, { month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));
export const money = (cents: number, lang: Language): string => formatEuro(cents / 100, lang, true);

/** New and lost supporters per month: the overview's chart, one panel and scale each. */
export function monthChart(t: AdminT, lang: Language, months: Figures['months']): SafeHtml {
  const newCount = months.reduce((sum, m) => sum + m.new, 0);
  const lostCount = months.reduce((sum, m) => sum + m.lost, 0);
  if (newCount + lostCount === 0) return html`<p class="muted">${t('chartEmpty')}</p>`;
  const chart = renderDayChart({
    id: 'supporters-chart',
    title: t('chartTitle'),
    desc: t('chartDesc', { from: monthLong(months[0]!.month, lang), to: monthLong(months.at(-1)!.month, lang), new: newCount, lost: lostCount }),
    xLabel: t('month'),
    days: months.map((m) => m.month),
    series: [
      { label: t('newColumn'), className: 'chart-views', values: months.map((m) => m.new) },
      { label: t('lostColumn'), className: 'chart-comments', values: months.map((m) => m.lost) },
    ],
    dayLabel: (month) => monthShort(month, lang),
    valueLabel: (value) => formatNumber(value, lang),
  });
  return html`<figure class="admin-chart-figure">${chart}</figure>
<details class="admin-days-details"><summary>${t('chartTable')}</summary>
<table class="desk-table"><thead><tr><th scope="col">${t('month')}</th><th scope="col" class="num">${t('newColumn')}</th><th scope="col" class="num">${t('lostColumn')}</th></tr></thead>
<tbody>${[...months].reverse().map((m) => html`<tr><th scope="row">${monthLong(m.month, lang)}</th><td class="num">${m.new}</td><td class="num">${m.lost}</td></tr>`)}</tbody></table>
</details>`;
}

export interface IndexData {
  figures: Figures;
  rows: SupporterListRow[];
  files: ExportedFile[];
  unmatched: EntryRow[];
  today: string;
  report?: ImportReport;
  issued?: { issued: number; withoutAddress: number };
  error?: string;
  lang: Language;
  statusText: (state: string) => string;
  intervalText: (interval: string) => string;
}

const post = (action: string, label: string, fields: SafeHtml | string = '', className = '') =>
  html`<form method="post" action="${action}" class="tool-form">${csrfField()}${fields}<button type="submit"${className ? html` class="${className}"` : ''}>${label}</button></form>`;

const state = (value: string, text: string) => html`<span class="state state-${value}">${text}</span>`;

function figures(t: AdminT, d: IndexData): SafeHtml {
  const newCount = d.figures.months.reduce((sum, m) => sum + m.new, 0);
  const lostCount = d.figures.months.reduce((sum, m) => sum + m.lost, 0);
  const given = d.rows.reduce((sum, r) => sum + r.totalCents, 0);
  const card = (label: SafeHtml | string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="admin-stats">
${card(t('supporters'), formatNumber(d.figures.supporters, d.lang))}
${card(t('monthly'), money(d.figures.monthlyCents, d.lang))}
${card(t('newYear'), formatNumber(newCount, d.lang))}
${card(t('lostYear'), formatNumber(lostCount, d.lang))}
${card(t('givenAll'), money(given, d.lang))}
${card(d.unmatched.length ? html`<a href="#unmatched-title">${t('unmatched')}</a>` : t('unmatched'), formatNumber(d.unmatched.length, d.lang))}
</dl>`;
}

function list(t: AdminT, d: IndexData): SafeHtml {
  if (d.rows.length === 0) return html`<p class="muted">${t('none')}</p>`;
  return html`<div class="table-scroll"><table class="desk-table supporters-table"><thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('state')}</th><th scope="col" class="num">${t('amount')}</th><th scope="col">${t('interval')}</th><th scope="col" class="num">${t('total')}</th><th scope="col">${t('last')}</th></tr></thead><tbody>
${d.rows.map((r) => html`<tr><th scope="row"><a href="/admin/supporters/${r.id}/">${r.name}</a></th><td>${state(r.state, d.statusText(r.state))}</td><td class="num">${r.amountCents === null ? '–' : money(r.amountCents, d.lang)}</td><td>${r.interval ? d.intervalText(r.interval) : '–'}</td><td class="num">${money(r.totalCents, d.lang)}</td><td>${shortDay(r.lastPayment, d.lang)}</td></tr>`)}
</tbody></table></div>`;
}

function debits(t: AdminT, d: IndexData): SafeHtml {
  return html`<section class="admin-panel" aria-labelledby="debits-title"><h2 id="debits-title">${t('debits')}</h2>
<p class="field-note">${t('debitsNote')}</p>
<form method="post" action="/admin/supporters/export" class="tool-form">${csrfField()}<p class="field"><label for="export-date">${t('exportDate')}</label><input id="export-date" type="date" name="date" required min="${d.today}" value="${d.today}"></p><button type="submit">${t('exportButton')}</button></form>
${d.files.length ? html`<div class="table-scroll"><table class="desk-table"><thead><tr><th scope="col">${t('file')}</th><th scope="col">${t('exportDate')}</th><th scope="col" class="num">${t('count')}</th><th scope="col" class="num">${t('sum')}</th><th scope="col">${t('state')}</th><th scope="col"><span class="visually-hidden">${t('actions')}</span></th></tr></thead><tbody>
${d.files.map((f) => html`<tr><td>${f.id}</td><td>${shortDay(f.collectOn, d.lang)}</td><td class="num">${f.count}</td><td class="num">${money(f.totalCents, d.lang)}</td><td>${state(f.status, t(`status.${f.status}`))}</td><td class="row-actions">
${f.status !== 'undone' ? html`<a href="/admin/supporters/files/${f.id}.xml" download>${t('download')}</a>` : ''}
${f.status === 'exported' ? html`${post(`/admin/supporters/files/${f.id}/uploaded`, t('uploaded'))} ${post(`/admin/supporters/files/${f.id}/undo`, t('undo'), '', 'button-secondary')}` : ''}</td></tr>`)}
</tbody></table></div>` : html`<p class="muted">${t('noFiles')}</p>`}
</section>`;
}

function statements(t: AdminT, d: IndexData): SafeHtml {
  return html`<section class="admin-panel" aria-labelledby="statement-title"><h2 id="statement-title">${t('statement')}</h2>
<p class="field-note">${t('statementNote')}</p>
<form method="post" action="/admin/supporters/statements" enctype="multipart/form-data" class="tool-form">${csrfField()}<p class="field"><label for="statement-file">${t('statementFile')}</label><input id="statement-file" type="file" name="file" accept=".xml,application/xml,text/xml" required></p><button type="submit">${t('statementButton')}</button></form>
${d.unmatched.length ? html`<h3 id="unmatched-title">${t('unmatched')}</h3><div class="table-scroll"><table class="desk-table"><thead><tr><th scope="col">${t('booked')}</th><th scope="col" class="num">${t('amount')}</th><th scope="col">${t('payer')}</th><th scope="col">${t('reference')}</th><th scope="col">${t('assign')}</th></tr></thead><tbody>
${d.unmatched.map((e) => html`<tr><td>${shortDay(e.booked_on, d.lang)}</td><td class="num">${money(Number(e.amount_cents), d.lang)}</td><td>${e.payer_name}</td><td>${e.remittance}</td><td>${post(`/admin/supporters/transfers/${e.id}/assign`, t('assign'), html`<label class="visually-hidden" for="assign-${e.id}">${t('supporterId')}</label><select id="assign-${e.id}" name="supporter">${d.rows.map((r) => html`<option value="${r.id}">${r.name}</option>`)}</select> `)}</td></tr>`)}
</tbody></table></div>` : ''}
</section>`;
}

export function indexMain(t: AdminT, d: IndexData): SafeHtml {
  return html`<div class="page-head"><h1 class="page-title">${t('title')}</h1><a class="button button-secondary" href="/admin/supporters/settings/">${t('settings')}</a></div>
${d.error ? html`<p class="notice notice-error" role="alert">${d.error}</p>` : ''}
${d.report ? html`<p class="notice" role="status">${t('report', { ...d.report })}</p>` : ''}
${d.issued ? html`<p class="notice" role="status">${t('issued', { ...d.issued })}</p>` : ''}
<section aria-labelledby="figures-title"><h2 id="figures-title">${t('figures')}</h2>${figures(t, d)}</section>
<section aria-labelledby="chart-title"><h2 id="chart-title">${t('chartTitle')}</h2>${monthChart(t, d.lang, d.figures.months)}</section>
<section aria-labelledby="list-title"><h2 id="list-title">${t('list')}</h2>${list(t, d)}</section>
${debits(t, d)}
${statements(t, d)}
<section class="admin-panel" aria-labelledby="receipts-title"><h2 id="receipts-title">${t('receipts')}</h2>
<p class="field-note">${t('receiptsNote')}</p>
${post('/admin/supporters/receipts', t('issue'), html`<p class="field field-year"><label for="receipt-year">${t('year')}</label><input id="receipt-year" type="text" name="year" inputmode="numeric" maxlength="4" value="${Number(d.today.slice(0, 4)) - 1}" size="6"></p>`)}
</section>`;
}

export interface DetailData {
  supporter: SupporterRow;
  mandates: MandateRow[];
  entries: { booked_on: string; amount_cents: number; kind: string; return_reason: string | null }[];
  receipts: { id: number; year: number; number: string; total_cents: number | string }[];
  totalCents: number;
  iban?: { mandateId: number; iban: string };
  done?: boolean;
  error?: string;
  lang: Language;
  statusText: (s: string) => string;
  intervalText: (i: string) => string;
}

function mandatePanel(t: AdminT, d: DetailData, m: MandateRow): SafeHtml {
  const base = `/admin/supporters/${d.supporter.id}/mandates/${m.id}`;
  const running = m.status === 'active' || m.status === 'paused';
  const fact = (label: string, value: SafeHtml | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const shown = d.iban?.mandateId === m.id;
  return html`<section class="admin-panel" aria-labelledby="mandate-${m.id}-title"><h2 id="mandate-${m.id}-title">${t('mandate')} <span translate="no">${m.reference}</span></h2>
<dl class="facts">
${fact(t('state'), state(m.status, d.statusText(m.status)))}
${fact(t('amount'), html`${money(Number(m.amount_cents), d.lang)} ${d.intervalText(m.interval)}`)}
${fact(t('account'), html`<span translate="no"${shown ? html` class="iban-full"` : ''}>${shown ? d.iban!.iban : m.iban_masked}</span>`)}
${fact(t('signedOn'), shortDay(m.signed_on, d.lang))}
${m.status === 'active' && m.next_due ? fact(t('nextDue'), shortDay(m.next_due, d.lang)) : ''}
${m.ended_at ? fact(t('endedOn'), shortDay(m.ended_at, d.lang)) : ''}
</dl>
<div class="tool-row">
${m.iban_cipher && !shown ? post(`${base}/iban`, t('showIban'), '', 'button-secondary') : ''}
${m.status === 'active' ? post(`${base}/pause`, t('pause'), '', 'button-secondary') : ''}
${m.status === 'paused' ? post(`${base}/resume`, t('resume')) : ''}
${running ? post(`${base}/end`, t('end'), '', 'button-secondary button-danger') : ''}
</div>
${running ? post(`${base}/amount`, t('change'), html`<p class="field field-amount"><label for="amount-${m.id}">${t('newAmount')}</label><input id="amount-${m.id}" type="text" name="amount" inputmode="decimal" maxlength="10" size="10" required></p>`) : ''}
</section>`;
}

export function detailMain(t: AdminT, d: DetailData): SafeHtml {
  const s = d.supporter;
  const card = (label: string, value: SafeHtml | string, text = false) => html`<div><dt>${label}</dt><dd${text ? html` class="stat-text"` : ''}>${value}</dd></div>`;
  return html`<p class="back-link"><a href="/admin/supporters/">← ${t('back')}</a></p>
<h1 class="page-title">${s.name}</h1>
${d.done ? html`<p class="notice" role="status">${t('done')}</p>` : ''}
${d.error ? html`<p class="notice notice-error" role="alert">${d.error}</p>` : ''}
<dl class="admin-stats">
${card(t('total'), money(d.totalCents, d.lang))}
${card(t('transferReference'), html`<span translate="no">${s.reference}</span>`)}
${card(t('email'), s.email ?? '–', true)}
${card(t('since'), shortDay(s.created_at, d.lang), true)}
</dl>
${d.mandates.map((m) => mandatePanel(t, d, m))}
<section class="admin-panel" aria-labelledby="note-title"><h2 id="note-title">${t('note')}</h2>
<form method="post" action="/admin/supporters/${s.id}/note">${csrfField()}<p class="field"><label class="visually-hidden" for="note">${t('note')}</label><textarea id="note" name="note" maxlength="2000" rows="3">${s.note}</textarea></p><p><button type="submit">${t('save')}</button></p></form>
</section>
<section aria-labelledby="payments-title"><h2 id="payments-title">${t('payments')}</h2>
${d.entries.length ? html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="payments-title"><table class="desk-table"><thead><tr><th scope="col">${t('booked')}</th><th scope="col">${t('kind')}</th><th scope="col" class="num">${t('amount')}</th></tr></thead><tbody>${d.entries.map((e) => html`<tr${e.kind === 'return' ? html` class="row-return"` : ''}><td>${shortDay(e.booked_on, d.lang)}</td><td>${t(`kind.${e.kind}` as 'kind.debit')}${e.return_reason ? ` (${e.return_reason})` : ''}</td><td class="num">${e.kind === 'return' ? '−' : ''}${money(Number(e.amount_cents), d.lang)}</td></tr>`)}</tbody></table></div>` : html`<p class="muted">${t('noPayments')}</p>`}
</section>
${d.receipts.length ? html`<section aria-labelledby="receipts-title"><h2 id="receipts-title">${t('receipts')}</h2><ul>${d.receipts.map((r) => html`<li>${r.year}: ${r.number} · ${money(Number(r.total_cents), d.lang)}</li>`)}</ul></section>` : ''}
<p><a href="/api/v1/admin/supporters/${s.id}/export">${t('exportData')}</a></p>`;
}
