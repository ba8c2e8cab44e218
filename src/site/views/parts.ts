/** Pieces shared by the public pages: article cards, bylines, pagination. */
import { html, httpLink, join, type SafeHtml } from '../../platform/html.js';
import { formatDate } from '../../platform/i18n.js';
import { renderImageFigure } from '../../content/index.js';
import type { ArticleSummary, Author } from '../../content/index.js';
import type { MediaItem } from '../../media/index.js';
import type { Frame } from '../layout.js';

export function articlePath(slug: string): string {
  return `/${slug}/`;
}

export function timeTag(frame: Frame, date: Date, withTime = false): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatDate(date, frame.lang, withTime)}</time>`;
}

export function authorLinks(frame: Frame, authors: readonly Author[]): SafeHtml {
  const links = authors.map((a) => html`<a href="/author/${a.slug}/" rel="author">${a.name}</a>`);
  if (links.length <= 1) return join(links);
  return html`${join(links.slice(0, -1), ', ')} ${frame.t('article.and')} ${links.at(-1)}`;
}

export interface CardOptions {
  media: ReadonlyMap<number, MediaItem>;
  lead?: boolean;
  headingLevel?: 2 | 3;
  commentCount?: number;
}

export function articleCard(frame: Frame, article: ArticleSummary, options: CardOptions): SafeHtml {
  const image = article.featuredMediaId ? options.media.get(article.featuredMediaId) : undefined;
  const kicker = article.tags[0];
  const heading = options.headingLevel === 3
    ? html`<h3 class="card-title"><a href="${articlePath(article.slug)}">${article.title}</a></h3>`
    : html`<h2 class="card-title"><a href="${articlePath(article.slug)}">${article.title}</a></h2>`;
  return html`<article class="card${options.lead ? ' card-lead' : ''}"${article.lang !== frame.lang ? html` lang="${article.lang}"` : ''}>
${image
    ? renderImageFigure(image, {
        lang: frame.lang,
        caption: '',
        alt: '',
        sizes: options.lead ? '(min-width: 64rem) 40rem, 100vw' : '(min-width: 64rem) 20rem, (min-width: 40rem) 50vw, 100vw',
        loading: options.lead ? 'eager' : 'lazy',
        fetchPriority: options.lead ? 'high' : undefined,
        className: 'card-image',
      })
    : ''}
<div class="card-text">
${kicker ? html`<p class="kicker"><a href="/tag/${kicker.slug}/">${kicker.name}</a></p>` : ''}
${heading}
${article.subtitle ? html`<p class="card-teaser">${article.subtitle}</p>` : ''}
<p class="card-meta">${article.authors.length ? html`${authorLinks(frame, article.authors)} · ` : ''}${article.publishedAt ? timeTag(frame, article.publishedAt) : ''} · ${frame.t('article.readingTime', { minutes: article.readingMinutes })}${options.commentCount ? html` · <a href="${articlePath(article.slug)}#comments">${frame.t('article.commentCount', { count: options.commentCount })}</a>` : ''}</p>
</div>
</article>`;
}

/** `query`: what the listing keeps from page to page (`?lang=en`). */
export function pagination(frame: Frame, page: number, pages: number, base: string, query = ''): SafeHtml {
  if (pages <= 1) return html``;
  const href = (n: number) => (n === 1 ? `${base}${query}` : `${base}page/${n}/${query}`);
  return html`<nav class="pagination" aria-label="${frame.t('pagination.label')}">
${page > 1 ? html`<a rel="prev" href="${href(page - 1)}">← ${frame.t('pagination.newer')}</a>` : html`<span></span>`}
<span class="pagination-status">${frame.t('pagination.page', { page, pages })}</span>
${page < pages ? html`<a rel="next" href="${href(page + 1)}">${frame.t('pagination.older')} →</a>` : html`<span></span>`}
</nav>`;
}

export function featuredIds(articles: readonly ArticleSummary[]): number[] {
  return articles.flatMap((a) => (a.featuredMediaId ? [a.featuredMediaId] : []));
}

/**
 * An author's links and books (author page and the box under articles). Only http(s)
 * addresses become links; anything else that reached the database shows as plain text.
 */
export function authorLinksAndBooks(frame: Frame, author: Author, heading: 'h2' | 'h3'): SafeHtml {
  const links = author.links.length
    ? html`<ul class="author-links">${author.links.map((l) => html`<li>${httpLink(l.url, l.label, 'me noopener')}</li>`)}</ul>`
    : '';
  if (!author.books.length) return html`${links}`;
  const title = frame.t('article.books', { name: author.name });
  const books = author.books.map((b) => html`<li>${httpLink(b.url, html`<cite>${b.title}</cite>`, 'noopener')}${b.year ? html` (${b.year})` : ''}</li>`);
  return html`${links}
${heading === 'h2' ? html`<h2 class="books-title">${title}</h2>` : html`<h3 class="books-title">${title}</h3>`}
<ul class="books">${books}</ul>`;
}
