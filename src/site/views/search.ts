/** The search page: a plain GET form, results with highlighted snippets, pagination. */
import { html, type SafeHtml } from '../../platform/html.js';
import { renderDocument, type Frame } from '../layout.js';
import { timeTag } from './parts.js';

export interface SearchViewData {
  q: string;
  page: number;
  pages: number;
  total: number;
  /** More hits exist than were counted: show "more than". */
  totalIsLowerBound?: boolean;
  items: { slug: string; title: string; snippet: SafeHtml; publishedAt: Date }[];
}

export function renderSearchPage(frame: Frame, data: SearchViewData): string {
  const { t } = frame;
  const href = (n: number) => `/search?q=${encodeURIComponent(data.q)}${n > 1 ? `&page=${n}` : ''}`;
  const main = html`<h1 class="page-title">${t('search.title')}</h1>
<form class="search-form" action="/search" method="get" role="search">
<label for="search-q">${t('search.label')}</label>
<div class="search-row"><input id="search-q" type="search" name="q" value="${data.q}" maxlength="200" required>
<button type="submit">${t('search.button')}</button></div>
</form>
${data.q
    ? html`<p class="search-summary" role="status">${data.total ? t(data.totalIsLowerBound ? 'search.resultsMany' : 'search.results', { count: data.total, q: data.q }) : t('search.none', { q: data.q })}</p>
<ol class="search-results">${data.items.map(
        (item) => html`<li><h2><a href="/${item.slug}/">${item.title}</a></h2>
<p class="snippet">${item.snippet}</p>
<p class="card-meta">${timeTag(frame, item.publishedAt)}</p></li>`,
      )}</ol>
${data.pages > 1 ? html`<nav class="pagination" aria-label="${t('pagination.label')}">
${data.page > 1 ? html`<a rel="prev" href="${href(data.page - 1)}">← ${t('pagination.newer')}</a>` : html`<span></span>`}
<span class="pagination-status">${t('pagination.page', { page: data.page, pages: data.pages })}</span>
${data.page < data.pages ? html`<a rel="next" href="${href(data.page + 1)}">${t('pagination.older')} →</a>` : html`<span></span>`}
</nav>` : ''}`
    : html`<p class="muted">${t('search.hint')}</p>`}`;
  return renderDocument(frame, {
    title: data.q ? `${t('search.title')}: ${data.q}` : t('search.title'),
    canonicalPath: '/search',
    noindex: true,
    main,
  });
}
