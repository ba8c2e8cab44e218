/** Home, tag and author pages: lists of article cards with pagination. */
import { html, type SafeHtml } from '../../platform/html.js';
import type { ArticleSummary, Author, Page, Tag } from '../../content/index.js';
import type { MediaItem } from '../../media/index.js';
import { renderDocument, type Frame } from '../layout.js';
import { articleCard, authorLinksAndBooks, pagination } from './parts.js';
import { river } from './river.js';
import { homeBoxes } from '../theme/parts.js';

export type CommentCounts = ReadonlyMap<number, number>;

/** `insert` (the home page's boxes) goes after the lead story. */
function cards(frame: Frame, items: ArticleSummary[], media: ReadonlyMap<number, MediaItem>, leadFirst: boolean, counts: CommentCounts = new Map(), insert: SafeHtml | '' = ''): SafeHtml {
  if (items.length === 0) return html`<p class="muted">${frame.t('home.empty')}</p>${insert}`;
  const [first, ...rest] = items;
  const card = (a: ArticleSummary, lead = false) => articleCard(frame, a, { media, lead, commentCount: counts.get(a.id) });
  if (!leadFirst || !first) return html`<div class="card-grid">${items.map((a) => card(a))}</div>${insert}`;
  return html`${card(first, true)}${insert}
<div class="card-grid">${rest.map((a) => card(a))}</div>`;
}

/**
 * `base`: `/` for every article, `/en/` or `/de/` for one language's (issue 12); the
 * language links let a reader choose.
 */
export function renderHomePage(frame: Frame, list: Page<ArticleSummary>, media: ReadonlyMap<number, MediaItem>, counts?: CommentCounts, base = '/'): string {
  const { t, settings } = frame;
  const first = list.page === 1;
  const languages = html`<nav class="language-filter" aria-label="${t('home.languages')}"><ul>${[['/', t('home.allLanguages'), frame.lang], ['/de/', 'Deutsch', 'de'], ['/en/', 'English', 'en']].map(([href, label, lang]) => html`<li><a href="${href}" lang="${lang}"${href === base ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>`;
  const main = html`<h1 class="${first ? 'visually-hidden' : 'page-title'}">${first ? settings.site.title : t('pagination.page', { page: list.page, pages: list.pages })}</h1>
${languages}
<section class="listing" aria-label="${t('home.title')}">
${frame.settings.design.homeLayout === 'river'
    ? river(frame, list.items, counts ?? new Map(), 5, first ? homeBoxes(frame) : '')
    : cards(frame, list.items, media, first, counts, first ? homeBoxes(frame) : '')}
</section>
${pagination(frame, list.page, list.pages, base)}`;
  return renderDocument(frame, {
    title: first ? settings.site.title : `${t('home.title')} – ${t('pagination.page', { page: list.page, pages: list.pages })}`,
    canonicalPath: first ? base : `${base}page/${list.page}/`,
    main,
    bodyClass: 'home',
  });
}

/** `lang`: the listing shows one language's articles (`?lang=en`), and its pages keep it. */
export function renderTagPage(frame: Frame, tag: Tag, list: Page<ArticleSummary>, media: ReadonlyMap<number, MediaItem>, counts?: CommentCounts, lang?: string): string {
  const { t } = frame;
  const base = `/tag/${tag.slug}/`;
  const main = html`<header class="listing-header">
<h1 class="page-title">${t('tag.title', { name: tag.name })}</h1>
${tag.description ? html`<p class="listing-description">${tag.description}</p>` : ''}
<p class="feed-link"><a href="${base}feed.xml">${t('tag.feed')}</a></p>
</header>
${cards(frame, list.items, media, false, counts)}
${pagination(frame, list.page, list.pages, base, lang ? `?lang=${lang}` : '')}`;
  return renderDocument(frame, {
    title: t('tag.title', { name: tag.name }),
    description: tag.description || undefined,
    canonicalPath: list.page === 1 ? base : `${base}page/${list.page}/`,
    head: html`<link rel="alternate" type="application/rss+xml" title="${tag.name}" href="${base}feed.xml">`,
    main,
  });
}

export function renderAuthorPage(
  frame: Frame,
  author: Author,
  list: Page<ArticleSummary>,
  media: ReadonlyMap<number, MediaItem>,
  counts?: CommentCounts,
  lang?: string,
): string {
  const { t } = frame;
  const base = `/author/${author.slug}/`;
  const avatar = author.avatarMediaId ? media.get(author.avatarMediaId) : undefined;
  const avatarSrc = avatar ? avatar.variants.find((v) => v.format === 'webp')?.path ?? avatar.path : null;
  const bio = author.bio[frame.lang] ?? author.bio.de ?? author.bio.en ?? '';
  const main = html`<header class="listing-header author-header">
${avatarSrc ? html`<img class="avatar avatar-large" src="/media/${avatarSrc}" alt="" width="128" height="128">` : ''}
<div>
<h1 class="page-title">${author.name}</h1>
${bio ? html`<p class="listing-description">${bio}</p>` : ''}
${authorLinksAndBooks(frame, author, 'h2')}
<p class="feed-link"><a href="${base}feed.xml">${t('author.feed')}</a></p>
</div>
</header>
<h2 class="section-title">${t('author.articles', { name: author.name })}</h2>
${cards(frame, list.items, media, false, counts)}
${pagination(frame, list.page, list.pages, base, lang ? `?lang=${lang}` : '')}`;
  return renderDocument(frame, {
    title: author.name,
    description: bio.slice(0, 300) || undefined,
    canonicalPath: list.page === 1 ? base : `${base}page/${list.page}/`,
    head: html`<link rel="alternate" type="application/rss+xml" title="${author.name}" href="${base}feed.xml">`,
    main,
  });
}
