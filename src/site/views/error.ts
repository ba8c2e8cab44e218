/** Error pages; the 404 offers search and the newest articles instead of a dead end. */
import { html } from '../../platform/html.js';
import type { ArticleSummary } from '../../content/index.js';
import type { AppError } from '../../platform/errors.js';
import { renderDocument, type Frame } from '../layout.js';

export function renderErrorView(frame: Frame, error: AppError, latest: ArticleSummary[]): string {
  const { t } = frame;
  const notFound = error.status === 404;
  const title = notFound ? t('error.notFoundTitle') : t('error.title', { status: error.status });
  const main = html`<div class="error-page">
<h1 class="page-title">${title}</h1>
<p>${error.localized(frame.lang)}${notFound ? html` ${t('error.notFoundText')}` : ''}</p>
${notFound ? html`<form class="search-form" action="/search" method="get" role="search">
<label for="search-q">${t('search.label')}</label>
<div class="search-row"><input id="search-q" type="search" name="q" maxlength="200" required><button type="submit">${t('search.button')}</button></div>
</form>
${latest.length ? html`<h2 class="section-title">${t('error.latest')}</h2>
<ul class="plain-list">${latest.map((a) => html`<li><a href="/${a.slug}/">${a.title}</a></li>`)}</ul>` : ''}` : ''}
<p><a href="/">${t('error.back')}</a></p>
</div>`;
  return renderDocument(frame, { title, canonicalPath: '/', noindex: true, main });
}
