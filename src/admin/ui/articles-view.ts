/**
 * The article list (`/admin/articles/`): a status filter, "new article", and per article
 * its title (linking to the editor), authors, status and last change. Titles and names
 * are whatever staff typed, so all of it goes through the escaping template.
 *
 * @example
 *   renderArticleList(t, 'de', rows, 'draft');
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatDate, type Language } from '../../platform/i18n.js';
import type { ArticleSummary } from '../../content/index.js';
import { STATUSES, type Status } from './data.js';
import type { T } from './layout.js';

function filter(t: T, current: Status | null): SafeHtml {
  const options: { value: Status | null; label: string }[] = [{ value: null, label: t('articles.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))];
  return html`<nav class="inbox-tabs" aria-label="${t('articles.filter')}"><ul>${options.map((o) => html`<li><a href="/admin/articles/${o.value ? `?status=${o.value}` : ''}"${o.value === current ? html` aria-current="page"` : ''}>${o.label}</a></li>`)}</ul></nav>`;
}

function row(t: T, lang: Language, article: ArticleSummary): SafeHtml {
  const title = article.title.trim() || t('articles.untitled');
  const live = article.status === 'published';
  return html`<tr>
<td><a href="/admin/articles/${article.id}/" aria-label="${t('articles.edit', { title })}">${title}</a>${article.kind === 'page' ? html` <span class="badge">${t('articles.page')}</span>` : ''}</td>
<td>${article.authors.map((a) => a.name).join(', ')}</td>
<td><span class="status status-${article.status}">${t(`status.${article.status}`)}</span>${article.status === 'scheduled' && article.scheduledAt ? html`<br><small><time datetime="${article.scheduledAt.toISOString()}">${formatDate(article.scheduledAt, lang, true)}</time></small>` : ''}</td>
<td><time datetime="${article.updatedAt.toISOString()}">${formatDate(article.updatedAt, lang, true)}</time></td>
<td>${live ? html`<a href="/${article.slug}/">${t('articles.view')}</a>` : ''}</td>
</tr>`;
}

export function renderArticleList(t: T, lang: Language, articles: readonly ArticleSummary[], status: Status | null): SafeHtml {
  return html`<div class="admin-articles">
<h1 class="page-title">${t('articles.title')}</h1>
<p><a class="button" href="/admin/articles/new/">${t('articles.new')}</a></p>
${filter(t, status)}
${articles.length
    ? html`<table class="desk-table admin-article-list">
<thead><tr><th scope="col">${t('articles.headline')}</th><th scope="col">${t('articles.authors')}</th><th scope="col">${t('articles.status')}</th><th scope="col">${t('articles.updated')}</th><th scope="col"><span class="visually-hidden">${t('articles.view')}</span></th></tr></thead>
<tbody>${articles.map((a) => row(t, lang, a))}</tbody>
</table>`
    : html`<p class="muted">${t('articles.empty')}</p>`}
</div>`;
}
