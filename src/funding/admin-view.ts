/**
 * The newsroom's supporters pages as HTML: figures with a chart of new and lost
 * supporters per month (inline SVG, classes only, as the admin's CSP wants), the list,
 * the direct-debit files, the statement upload, transfers to assign; and one supporter
 * with the mandate actions. German and English.
 */
import { html, type SafeHtml } from '../platform/html.js';
import { defineMessages, translator, type Language, type Translate } from '../platform/i18n.js';
import { csrfField } from '../site/index.js';
import type { ExportedFile } from './debits.js';
import type { Figures, SupporterListRow } from './people.js';
import { euro } from './receipt-pdf.js';
import type { ImportReport } from './statements.js';
import type { EntryRow, MandateRow, SupporterRow } from './store.js';

export const adminMessages = defineMessages({
  de: {
    title: 'Unterstützer:innen', figures: 'Kennzahlen', supporters: 'Unterstützer:innen mit laufendem Mandat', monthly: 'Monatlich wiederkehrend',
    chartTitle: 'Neue und verlorene Unterstützer:innen pro Monat', new: 'neu', lost: 'verloren', list: 'Liste', name: 'Name', state: 'Status',
    amount: 'Betrag', interval: 'Intervall', total: 'Gegeben insgesamt', last: 'Letzte Zahlung', none: 'Noch niemand.',
    debits: 'Lastschriften', exportDate: 'Fälligkeitsdatum', exportButton: 'Datei erstellen (pain.008)', files: 'Dateien', file: 'Datei',
    count: 'Anzahl', sum: 'Summe', download: 'Herunterladen', undo: 'Zurücknehmen', uploaded: 'Bei der Bank eingereicht',
    'status.exported': 'erstellt', 'status.uploaded': 'eingereicht', 'status.undone': 'zurückgenommen',
    statement: 'Kontoauszug einlesen (camt.053)', statementFile: 'Datei', statementButton: 'Einlesen',
    report: '{lines} Buchungen gelesen, {added} neu: {booked} Lastschriften gebucht, {returned} zurückgekommen, {transfers} Überweisungen ({unmatched} nicht zugeordnet).',
    unmatched: 'Nicht zugeordnete Überweisungen', payer: 'Von', reference: 'Verwendungszweck', assign: 'Zuordnen', supporterId: 'Unterstützer:in',
    receipts: 'Zuwendungsbestätigungen', year: 'Jahr', issue: 'Ausstellen', issued: '{issued} ausgestellt, {withoutAddress} ohne Anschrift übersprungen.',
    detail: 'Unterstützer:in', mandate: 'Mandat', showIban: 'Vollständige IBAN anzeigen (wird protokolliert)', pause: 'Pausieren', resume: 'Fortsetzen',
    end: 'Beenden', change: 'Betrag ändern', note: 'Notiz', save: 'Speichern', payments: 'Zahlungen', exportData: 'Daten exportieren (JSON)', erase: 'Löschen',
    'kind.debit': 'Lastschrift', 'kind.transfer': 'Überweisung', 'kind.return': 'Rücklastschrift', 'kind.other': 'andere',
    back: 'Zurück zur Liste', done: 'Erledigt.',
  },
  en: {
    title: 'Supporters', figures: 'Figures', supporters: 'Supporters with a running mandate', monthly: 'Monthly recurring',
    chartTitle: 'New and lost supporters per month', new: 'new', lost: 'lost', list: 'List', name: 'Name', state: 'State',
    amount: 'Amount', interval: 'Interval', total: 'Given in total', last: 'Last payment', none: 'Nobody yet.',
    debits: 'Direct debits', exportDate: 'Collection date', exportButton: 'Create file (pain.008)', files: 'Files', file: 'File',
    count: 'Count', sum: 'Total', download: 'Download', undo: 'Undo', uploaded: 'Uploaded to the bank',
    'status.exported': 'created', 'status.uploaded': 'uploaded', 'status.undone': 'undone',
    statement: 'Import a bank statement (camt.053)', statementFile: 'File', statementButton: 'Import',
    report: '{lines} lines read, {added} new: {booked} debits booked, {returned} returned, {transfers} transfers ({unmatched} unassigned).',
    unmatched: 'Unassigned transfers', payer: 'From', reference: 'Reference', assign: 'Assign', supporterId: 'Supporter',
    receipts: 'Donation receipts', year: 'Year', issue: 'Issue', issued: '{issued} issued, {withoutAddress} skipped without address.',
    detail: 'Supporter', mandate: 'Mandate', showIban: 'Show the full IBAN (logged)', pause: 'Pause', resume: 'Resume',
    end: 'End', change: 'Change amount', note: 'Note', save: 'Save', payments: 'Payments', exportData: 'Export data (JSON)', erase: 'Erase',
    'kind.debit': 'Direct debit', 'kind.transfer': 'Transfer', 'kind.return': 'Returned debit', 'kind.other': 'other',
    back: 'Back to the list', done: 'Done.',
  },
});

export type AdminT = Translate<keyof (typeof adminMessages)['de']>;
export const adminT = (lang: Language): AdminT => translator(lang, adminMessages);

/** Bars per month, new above the axis, lost below: one scale, whole numbers. */
export function monthChart(t: AdminT, months: Figures['months']): SafeHtml {
  const max = Math.max(1, ...months.flatMap((m) => [m.new, m.lost]));
  const w = 40;
  const h = 60;
  const bars = months.map((m, i) => {
    const x = 30 + i * w;
    const up = (m.new / max) * h;
    const down = (m.lost / max) * h;
    return html`<g><title>${m.month}: ${m.new} ${t('new')}, ${m.lost} ${t('lost')}</title>
<rect class="chart-views" x="${x}" y="${h + 10 - up}" width="${w - 12}" height="${up}"></rect>
<rect class="chart-comments" x="${x}" y="${h + 10}" width="${w - 12}" height="${down}"></rect>
<text x="${x}" y="${2 * h + 30}">${m.month.slice(2)}</text></g>`;
  });
  return html`<figure class="admin-chart-figure"><svg class="admin-chart" viewBox="0 0 ${40 + months.length * w} ${2 * h + 40}" role="img" aria-labelledby="supporters-chart-title">
<title id="supporters-chart-title">${t('chartTitle')}</title>
<line class="chart-axis" x1="30" x2="${30 + months.length * w}" y1="${h + 10}" y2="${h + 10}"></line>
${bars}
</svg><figcaption>${t('chartTitle')}: <span class="chart-legend-new">■ ${t('new')}</span> <span class="chart-legend-lost">■ ${t('lost')}</span></figcaption></figure>`;
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

const post = (action: string, label: string, fields: SafeHtml | string = '') =>
  html`<form method="post" action="${action}" class="inline-form">${csrfField()}${fields}<button type="submit">${label}</button></form>`;

export function indexMain(t: AdminT, d: IndexData): SafeHtml {
  const date = (day: string | null) => day ?? '–';
  return html`<h1>${t('title')}</h1>
${d.error ? html`<p class="form-error" role="alert">${d.error}</p>` : ''}
${d.report ? html`<p class="notice" role="status">${t('report', { ...d.report })}</p>` : ''}
${d.issued ? html`<p class="notice" role="status">${t('issued', { ...d.issued })}</p>` : ''}
<section aria-labelledby="figures"><h2 id="figures">${t('figures')}</h2>
<dl class="admin-figures"><div><dt>${t('supporters')}</dt><dd>${d.figures.supporters}</dd></div><div><dt>${t('monthly')}</dt><dd>${euro(d.figures.monthlyCents)}</dd></div></dl>
${monthChart(t, d.figures.months)}
</section>
<section aria-labelledby="list"><h2 id="list">${t('list')}</h2>
${d.rows.length === 0 ? html`<p>${t('none')}</p>` : html`<table class="admin-table"><thead><tr><th>${t('name')}</th><th>${t('state')}</th><th>${t('amount')}</th><th>${t('interval')}</th><th>${t('total')}</th><th>${t('last')}</th></tr></thead><tbody>
${d.rows.map((r) => html`<tr><td><a href="/admin/supporters/${r.id}/">${r.name}</a></td><td>${d.statusText(r.state)}</td><td>${r.amountCents === null ? '–' : euro(r.amountCents)}</td><td>${r.interval ? d.intervalText(r.interval) : '–'}</td><td>${euro(r.totalCents)}</td><td>${date(r.lastPayment)}</td></tr>`)}
</tbody></table>`}
</section>
<section aria-labelledby="debits"><h2 id="debits">${t('debits')}</h2>
<form method="post" action="/admin/supporters/export" class="inline-form">${csrfField()}<label for="export-date">${t('exportDate')}</label> <input id="export-date" type="date" name="date" required min="${d.today}" value="${d.today}"> <button type="submit">${t('exportButton')}</button></form>
${d.files.length ? html`<table class="admin-table"><thead><tr><th>${t('file')}</th><th>${t('exportDate')}</th><th>${t('count')}</th><th>${t('sum')}</th><th>${t('state')}</th><th></th></tr></thead><tbody>
${d.files.map((f) => html`<tr><td>${f.id}</td><td>${f.collectOn}</td><td>${f.count}</td><td>${euro(f.totalCents)}</td><td>${t(`status.${f.status}`)}</td><td>
${f.status !== 'undone' ? html`<a href="/admin/supporters/files/${f.id}.xml" download>${t('download')}</a>` : ''}
${f.status === 'exported' ? html`${post(`/admin/supporters/files/${f.id}/uploaded`, t('uploaded'))} ${post(`/admin/supporters/files/${f.id}/undo`, t('undo'))}` : ''}</td></tr>`)}
</tbody></table>` : ''}
</section>
<section aria-labelledby="statement"><h2 id="statement">${t('statement')}</h2>
<form method="post" action="/admin/supporters/statements" enctype="multipart/form-data" class="inline-form">${csrfField()}<label for="statement-file">${t('statementFile')}</label> <input id="statement-file" type="file" name="file" accept=".xml,application/xml,text/xml" required> <button type="submit">${t('statementButton')}</button></form>
${d.unmatched.length ? html`<h3>${t('unmatched')}</h3><table class="admin-table"><thead><tr><th>${t('last')}</th><th>${t('amount')}</th><th>${t('payer')}</th><th>${t('reference')}</th><th>${t('assign')}</th></tr></thead><tbody>
${d.unmatched.map((e) => html`<tr><td>${e.booked_on}</td><td>${euro(Number(e.amount_cents))}</td><td>${e.payer_name}</td><td>${e.remittance}</td><td>${post(`/admin/supporters/transfers/${e.id}/assign`, t('assign'), html`<label class="visually-hidden" for="assign-${e.id}">${t('supporterId')}</label><select id="assign-${e.id}" name="supporter">${d.rows.map((r) => html`<option value="${r.id}">${r.name}</option>`)}</select> `)}</td></tr>`)}
</tbody></table>` : ''}
</section>
<section aria-labelledby="receipts"><h2 id="receipts">${t('receipts')}</h2>
${post('/admin/supporters/receipts', t('issue'), html`<label for="receipt-year">${t('year')}</label> <input id="receipt-year" name="year" inputmode="numeric" maxlength="4" value="${Number(d.today.slice(0, 4)) - 1}"> `)}
</section>`;
}

export function detailMain(t: AdminT, d: { supporter: SupporterRow; mandates: MandateRow[]; entries: { booked_on: string; amount_cents: number; kind: string; return_reason: string | null }[]; totalCents: number; iban?: { mandateId: number; iban: string }; done?: boolean; error?: string; statusText: (s: string) => string; intervalText: (i: string) => string }): SafeHtml {
  const s = d.supporter;
  const base = `/admin/supporters/${s.id}`;
  return html`<p><a href="/admin/supporters/">${t('back')}</a></p>
<h1>${s.name}</h1>
${d.done ? html`<p class="notice" role="status">${t('done')}</p>` : ''}
${d.error ? html`<p class="form-error" role="alert">${d.error}</p>` : ''}
<p>${s.email ?? ''} · ${s.reference} · ${t('total')}: ${euro(d.totalCents)}</p>
${d.mandates.map((m) => html`<section class="admin-card"><h2>${t('mandate')} ${m.reference}</h2>
<p>${d.statusText(m.status)} · ${euro(Number(m.amount_cents))} ${d.intervalText(m.interval)} · ${d.iban?.mandateId === m.id ? html`<strong>${d.iban.iban}</strong>` : m.iban_masked}</p>
${m.iban_cipher && d.iban?.mandateId !== m.id ? post(`${base}/mandates/${m.id}/iban`, t('showIban')) : ''}
${m.status === 'active' ? post(`${base}/mandates/${m.id}/pause`, t('pause')) : ''}
${m.status === 'paused' ? post(`${base}/mandates/${m.id}/resume`, t('resume')) : ''}
${m.status === 'active' || m.status === 'paused' ? html`${post(`${base}/mandates/${m.id}/amount`, t('change'), html`<label for="amount-${m.id}">${t('amount')}</label> <input id="amount-${m.id}" name="amount" inputmode="decimal" maxlength="10" required> `)}
${post(`${base}/mandates/${m.id}/end`, t('end'))}` : ''}
</section>`)}
${post(`${base}/note`, t('save'), html`<label for="note">${t('note')}</label><br><textarea id="note" name="note" maxlength="2000" rows="3">${s.note}</textarea><br>`)}
<h2>${t('payments')}</h2>
<table class="admin-table"><tbody>${d.entries.map((e) => html`<tr><td>${e.booked_on}</td><td>${t(`kind.${e.kind}` as 'kind.debit')}${e.return_reason ? ` (${e.return_reason})` : ''}</td><td>${euro(Number(e.amount_cents))}</td></tr>`)}</tbody></table>
<p><a href="/api/v1/admin/supporters/${s.id}/export">${t('exportData')}</a></p>`;
}
