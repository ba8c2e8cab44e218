/**
 * The newsroom's overview page (`/admin/`): what waits for someone, the most read
 * articles, and views and comments per day as a table with meters (no inline styles,
 * so the page keeps to `style-src 'self'`).
 *
 * @example
 *   renderDashboard(t, lang, await dashboardData(services), { mayWrite: true });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatNumber, type Language } from '../../platform/i18n.js';
import type { dashboardData } from '../dashboard.js';
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

function perDay(data: DashboardData, t: T, lang: Language): SafeHtml {
  const days = new Map<string, { views: number; comments: number }>();
  for (const row of data.viewsPerDay) days.set(row.day, { views: row.views, comments: 0 });
  for (const row of data.commentsPerDay) days.set(row.day, { views: days.get(row.day)?.views ?? 0, comments: row.comments });
  if (days.size === 0) return html`<p class="muted">${t('dashboard.noViews')}</p>`;
  const sorted = [...days.entries()].sort(([a], [b]) => b.localeCompare(a)).slice(0, 14);
  const most = Math.max(1, ...sorted.map(([, v]) => v.views));
  return html`<table class="desk-table admin-days">
<thead><tr><th scope="col">${t('dashboard.day')}</th><th scope="col">${t('dashboard.viewsColumn')}</th><th scope="col">${t('dashboard.commentsColumn')}</th></tr></thead>
<tbody>${sorted.map(([day, v]) => html`<tr><th scope="row"><time datetime="${day}">${day}</time></th>
<td><meter min="0" max="${most}" value="${v.views}"></meter> ${formatNumber(v.views, lang)}</td><td>${formatNumber(v.comments, lang)}</td></tr>`)}</tbody>
</table>`;
}

export function renderDashboard(t: T, lang: Language, data: DashboardData, options: { mayWrite: boolean }): SafeHtml {
  return html`<h1 class="page-title">${t('dashboard.title')}</h1>
${options.mayWrite ? html`<p><a class="button" href="/admin/articles/new/">${t('dashboard.write')}</a></p>` : ''}
<section aria-labelledby="waiting-title"><h2 id="waiting-title">${t('dashboard.waiting')}</h2>${waiting(data, t, lang)}</section>
<section aria-labelledby="top-title"><h2 id="top-title">${t('dashboard.top')}</h2>
${data.topArticles.length
    ? html`<ol class="admin-top">${data.topArticles.map((a) => html`<li><a href="/${a.slug}/">${a.title}</a> <span class="muted">${t('dashboard.views', { count: formatNumber(a.views, lang) })}</span></li>`)}</ol>`
    : html`<p class="muted">${t('dashboard.noViews')}</p>`}
</section>
<section aria-labelledby="days-title"><h2 id="days-title">${t('dashboard.perDay')}</h2>${perDay(data, t, lang)}</section>`;
}
