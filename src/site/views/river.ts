/**
 * The home page as a plain river of headlines (design setting `homeLayout: 'river'`):
 * kicker, headline, teaser and byline per story, newest first, no images. Ghost's
 * "list" home does the same for text-first sites.
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { ArticleSummary } from '../../content/index.js';
import type { Frame } from '../layout.js';
import { articlePath, authorLinks, timeTag } from './parts.js';

export function riverItem(frame: Frame, article: ArticleSummary, commentCount?: number): SafeHtml {
  const kicker = article.tags[0];
  return html`<li class="river-item"${article.lang !== frame.lang ? html` lang="${article.lang}"` : ''}>
${kicker ? html`<p class="kicker"><a href="/tag/${kicker.slug}/">${kicker.name}</a></p>` : ''}
<h2 class="river-title"><a href="${articlePath(article.slug)}">${article.title}</a></h2>
${article.subtitle ? html`<p class="river-teaser">${article.subtitle}</p>` : ''}
<p class="card-meta">${article.authors.length ? html`${authorLinks(frame, article.authors)} · ` : ''}${article.publishedAt ? timeTag(frame, article.publishedAt) : ''}${commentCount ? html` · <a href="${articlePath(article.slug)}#comments">${frame.t('article.commentCount', { count: commentCount })}</a>` : ''}</p>
</li>`;
}

export function river(frame: Frame, items: readonly ArticleSummary[], counts: ReadonlyMap<number, number>, after = 5, insert: SafeHtml | '' = ''): SafeHtml {
  const list = (part: readonly ArticleSummary[]) => html`<ol class="river">${part.map((a) => riverItem(frame, a, counts.get(a.id)))}</ol>`;
  if (!insert || items.length <= after) return html`${list(items)}${insert}`;
  return html`${list(items.slice(0, after))}${insert}${list(items.slice(after))}`;
}
