/**
 * The newsroom's overview page (`/admin/`): what waits for someone, the most read
 * articles of the chosen period (7, 30 or 90 days, plain links), and views and comments
 * per day as a chart drawn on the server (`chart.ts`) with the same numbers as a data
 * table under it. No script, no inline styles: the page keeps to `style-src 'self'`.
 *
 * @example
 *   renderDashboard(t, lang, await dashboardData(services, { days: 30, user }), { mayWrite: true });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatNumber, type Language } from '../../platform/i18n.js';
import { DASHBOARD_PERIODS, type dashboardData } from '../dashboard.js';
import { dayRange, fillDays, renderDayChart } from './chart.js';
import type { T } from './layout.js';

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;

function waiting(data: DashboardData, t: T, lang: Language): SafeHtml {
  const rows = [
    { label: t('dashboard.pendingComments'), count: data.queues.pendingComments, href: '/admin/comments/' },
    { label: t('dashboard.openReports'), count: data.queues.openReports, href: '/admin/comments/' },
    { label: t('dashboard.openNotices'), count: data.queues.openNotices, href: '/admin/comments/#notices' },
    { label: t('dashboard.openCorrections'), count: data.queues.openCorrections, href: '/admin/corrections/' },
    { label: t('dashboard.failedJobs'), count: data.queues.failedJobs, href: null },
  ];
  return html`<dl class="admin-stats">${rows.map((row) => html`<div><dt>${row.href ? html`<a href="${row.href}">${row.label}</a>` : row.label}</dt><dd>${formatNumber(row.count, lang)}</dd></div>`)}</dl>`;
}

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
// Built once per language: a 90-day chart formats a few hundred labels.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function format<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => F): F {
  let found = formats.get(key) as F | undefined;
  if (!found) formats.set(key, (found = build()));
  return found;
}
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
/** "5.3." / "5 Mar": short enough for the axis. */
const shortDay = (day: string, lang: Language) =>
  format(`short:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: lang === 'de' ? 'numeric' : 'short', timeZone: 'UTC' })).format(utc(day));
/** "Do., 5. März 2026" / "Thu 5 Mar 2026": for the table and the tooltips. */
const longDay = (day: string, lang: Language) =>
  format(`long:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })).format(utc(day));
/** "1,2 Mio." / "1.2M": axis ticks stay narrow next to one huge day. */
const compact = (value: number, lang: Language) =>
  format(`compact:${lang}`, () => new Intl.NumberFormat(LOCALES[lang], { notation: 'compact', maximumFractionDigits: 1 })).format(value);

function periods(data: DashboardData, t: T): SafeHtml {
  return html`<nav class="admin-periods" aria-label="${t('dashboard.period')}"><ul>${DASHBOARD_PERIODS.map(
    (days) => html`<li><a href="/admin/?days=${days}"${days === data.days ? html` aria-current="page"` : ''}>${t('dashboard.periodDays', { days })}</a></li>`,
  )}</ul></nav>`;
}

function top(data: DashboardData, t: T, lang: Language): SafeHtml {
  if (data.topArticles.length === 0) return html`<p class="muted">${t('dashboard.noViews')}</p>`;
  return html`<ol class="admin-top">${data.topArticles.map(
    (a) => html`<li><a href="/${a.slug}/">${a.title}</a> <span class="muted">${t('dashboard.views', { count: a.views })}</span>${a.mayEdit
      ? html` <a class="admin-top-edit" href="/admin/articles/${a.id}/" aria-label="${t('dashboard.editLabel', { title: a.title })}">${t('dashboard.edit')}</a>`
      : ''}</li>`,
  )}</ol>`;
}

function perDay(data: DashboardData, t: T, lang: Language): SafeHtml {
  const days = dayRange(data.to, data.days);
  const views = fillDays(days, data.viewsPerDay.map((row) => ({ day: row.day, value: row.views })));
  const comments = fillDays(days, data.commentsPerDay.map((row) => ({ day: row.day, value: row.comments })));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  if (sum(views) + sum(comments) === 0) return html`<p class="muted">${t('dashboard.noViews')}</p>`;
  const peak = views.indexOf(Math.max(...views));
  const chart = renderDayChart({
    id: 'per-day-chart',
    title: t('dashboard.perDay'),
    desc: t('dashboard.chartDesc', {
      from: longDay(days[0]!, lang),
      to: longDay(days.at(-1)!, lang),
      views: formatNumber(sum(views), lang),
      comments: formatNumber(sum(comments), lang),
      peakDay: longDay(days[peak]!, lang),
      peak: formatNumber(views[peak]!, lang),
    }),
    xLabel: t('dashboard.dayAxis'),
    days,
    series: [
      { label: t('dashboard.viewsColumn'), className: 'chart-views', values: views },
      { label: t('dashboard.commentsColumn'), className: 'chart-comments', values: comments },
    ],
    dayLabel: (day) => shortDay(day, lang),
    tickLabel: (value) => compact(value, lang),
    valueLabel: (value) => formatNumber(value, lang),
  });
  // The table holds the same numbers for screen readers and for copying, newest day first.
  const rows = days.map((day, i) => ({ day, views: views[i]!, comments: comments[i]! })).reverse();
  return html`<figure class="admin-chart-figure">${chart}</figure>
<details class="admin-days-details"><summary>${t('dashboard.table')}</summary>
<table class="desk-table admin-days">
<thead><tr><th scope="col">${t('dashboard.day')}</th><th scope="col">${t('dashboard.viewsColumn')}</th><th scope="col">${t('dashboard.commentsColumn')}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><th scope="row"><time datetime="${row.day}">${longDay(row.day, lang)}</time></th><td>${formatNumber(row.views, lang)}</td><td>${formatNumber(row.comments, lang)}</td></tr>`)}</tbody>
</table>
</details>`;
}

export function renderDashboard(t: T, lang: Language, data: DashboardData, options: { mayWrite: boolean }): SafeHtml {
  return html`<h1 class="page-title">${t('dashboard.title')}</h1>
${options.mayWrite ? html`<p><a class="button" href="/admin/articles/new/">${t('dashboard.write')}</a></p>` : ''}
<section aria-labelledby="waiting-title"><h2 id="waiting-title">${t('dashboard.waiting')}</h2>${waiting(data, t, lang)}</section>
${periods(data, t)}
<section aria-labelledby="top-title"><h2 id="top-title">${t('dashboard.top', { days: data.days })}</h2>${top(data, t, lang)}</section>
<section aria-labelledby="days-title"><h2 id="days-title">${t('dashboard.perDay')}</h2>${perDay(data, t, lang)}</section>`;
}
