/**
 * The article page: headline, byline, featured image with credit, body, tags, author
 * boxes with books, donation appeal, follow box, related articles and the place where
 * the discussion goes. Static pages use the same frame with less around them.
 */
import { html, httpLink, type SafeHtml } from '../../platform/html.js';
import type { Article, ArticleSummary, Author, TranslationLink } from '../../content/index.js';
import { translator } from '../../platform/i18n.js';
import { siteMessages } from '../messages.js';
import type { MediaItem } from '../../media/index.js';
import { renderBody, renderImageFigure } from '../../content/index.js';
import { latestNoteAt, renderCorrectionNotes, renderSuggestLink, type CorrectionNote } from '../../content/index.js';
import { absoluteUrl, csrfField, renderDocument, type Frame } from '../layout.js'; // csrfField: audience (follow box form)
import { articleHead } from './seo.js';
import { articleCard, authorLinks, authorLinksAndBooks, timeTag } from './parts.js';

export interface ArticleViewData {
  article: Article;
  media: ReadonlyMap<number, MediaItem>;
  related: ArticleSummary[];
  /** Extra sections other capabilities add below the article (the discussion). */
  discussion?: SafeHtml;
  /** Public correction notes, shown at the end of the article (content/corrections). */
  corrections?: readonly CorrectionNote[];
  /** Published comments, for the byline's link to the discussion. */
  commentCount?: number;
  /** The same story in the other language (content/translations): hreflang and a switch. */
  translations?: readonly TranslationLink[];
}

/** `<link rel="alternate" hreflang>` for the article and each translation (both pages carry all). */
function hreflangLinks(frame: Frame, article: Article, translations: readonly TranslationLink[]): SafeHtml {
  if (!translations.length) return html``;
  const all = [{ lang: article.lang, slug: article.slug }, ...translations];
  return html`${all.map((t) => html`<link rel="alternate" hreflang="${t.lang}" href="${absoluteUrl(frame, `/${t.slug}/`)}">
`)}`;
}

/** The visible switch, worded in the language it leads to. */
function translationSwitch(translations: readonly TranslationLink[]): SafeHtml {
  if (!translations.length) return html``;
  return html`<p class="translation-switch">${translations.map((t) => html`<a href="/${t.slug}/" hreflang="${t.lang}" lang="${t.lang}" rel="alternate">${translator(t.lang, siteMessages)('article.readIn')}</a>`)}</p>`;
}

function authorBox(frame: Frame, author: Author, media: ReadonlyMap<number, MediaItem>): SafeHtml {
  const { t } = frame;
  const avatar = author.avatarMediaId ? media.get(author.avatarMediaId) : undefined;
  const avatarSrc = avatar ? avatar.variants.find((v) => v.format === 'webp' && v.width <= 480)?.path ?? avatar.path : null;
  const bio = author.bio[frame.lang] ?? author.bio.de ?? author.bio.en ?? '';
  return html`<section class="author-box" aria-labelledby="author-${author.slug}">
${avatarSrc ? html`<img class="avatar" src="/media/${avatarSrc}" alt="" width="96" height="96" loading="lazy" decoding="async">` : ''}
<div>
<h2 id="author-${author.slug}" class="author-box-title">${t('article.aboutAuthor', { name: author.name })}</h2>
${bio ? html`<p>${bio}</p>` : ''}
${authorLinksAndBooks(frame, author, 'h3')}
<p><a href="/author/${author.slug}/">${t('article.moreByAuthor', { name: author.name })}</a></p>
</div>
</section>`;
}

function donationAppeal(frame: Frame): SafeHtml {
  const { t, settings } = frame;
  if (!settings.donation.enabled) return html``;
  return html`<aside class="support-box" aria-labelledby="support-title">
<h2 id="support-title">${t('donate.title')}</h2>
<p>${settings.donation.appeal || t('donate.text')}</p>
<p><a class="button" href="/support/">${t('donate.button')}</a></p>
</aside>`;
}

function followBox(frame: Frame): SafeHtml {
  const { t, settings } = frame;
  // audience: a plain sign-up form (email only; name and topics on /newsletter/).
  return html`<aside class="follow-box" aria-labelledby="follow-title">
<h2 id="follow-title">${t('follow.title')}</h2>
<p>${settings.site.followText || t('follow.text')}</p>
<form class="follow-form" method="post" action="/newsletter/">${csrfField()}
<p class="field"><label for="follow-email">${t('follow.email')}</label><input id="follow-email" type="email" name="email" required maxlength="254" autocomplete="email"></p>
<p><button type="submit">${t('follow.subscribe')}</button> <a href="/newsletter/">${t('nav.newsletter')}</a></p>
</form>
<p class="follow-links"><a href="/feed.xml">${t('follow.feeds')}</a>${settings.site.social.map((s) => html` · ${httpLink(s.url, s.label, 'noopener')}`)}</p>
</aside>`;
}

export function renderArticlePage(frame: Frame, data: ArticleViewData): string {
  const { article, media } = data;
  const { t } = frame;
  const featured = article.featuredMediaId ? media.get(article.featuredMediaId) : undefined;
  const description = article.seoDescription || article.subtitle || frame.settings.site.description;
  const isPage = article.kind === 'page';
  const body = renderBody(article.body, {
    lang: article.lang,
    media,
    supportUrl: '/support/',
    donationText: frame.settings.donation.appeal || t('donate.text'),
  });
  const notes = data.corrections ?? [];
  // A correction note is a change readers should see as "updated", even without a text change.
  const noteAt = latestNoteAt(notes);
  const changed = noteAt && (!article.revisedAt || noteAt > article.revisedAt) ? noteAt : article.revisedAt;
  const updated = changed && article.publishedAt && changed > article.publishedAt ? changed : null;
  const main = html`<article class="article${isPage ? ' static-page' : ''}"${article.lang !== frame.lang ? html` lang="${article.lang}"` : ''}>
<header class="article-header">
${!isPage && article.tags[0] ? html`<p class="kicker"><a href="/tag/${article.tags[0].slug}/">${article.tags[0].name}</a></p>` : ''}
<h1>${article.title}</h1>
${article.subtitle ? html`<p class="standfirst">${article.subtitle}</p>` : ''}
${isPage ? '' : html`<p class="byline">
${article.authors.length ? html`<span>${t('article.by')} ${authorLinks(frame, article.authors)}</span>` : ''}
${article.publishedAt ? html`<span>${timeTag(frame, article.publishedAt, true)}</span>` : ''}
${updated ? html`<span class="updated">${t('article.updated', { date: '' })}${timeTag(frame, updated, true)}</span>` : ''}
<span>${t('article.readingTime', { minutes: article.readingMinutes })}</span>
${data.discussion ? html`<span><a class="byline-comments" href="#comments">${t('article.commentCount', { count: data.commentCount ?? 0 })}</a></span>` : ''}
</p>`}
${translationSwitch(data.translations ?? [])}
</header>
${featured ? renderImageFigure(featured, {
    lang: frame.lang,
    caption: article.featuredCaption || undefined,
    loading: 'eager',
    fetchPriority: 'high',
    sizes: '(min-width: 50rem) 48rem, 100vw',
    className: 'featured-image',
  }) : ''}
<div class="article-body">
${body}
</div>
${renderCorrectionNotes(notes, article.lang)}
${isPage ? '' : renderSuggestLink(article.slug, article.lang)}
${!isPage && article.tags.length ? html`<nav class="article-tags" aria-label="${t('article.tags')}"><h2 class="visually-hidden">${t('article.tags')}</h2><ul>${article.tags.map((tag) => html`<li><a href="/tag/${tag.slug}/" rel="tag">${tag.name}</a></li>`)}</ul></nav>` : ''}
${isPage ? '' : article.authors.map((author) => authorBox(frame, author, media))}
</article>
${isPage ? '' : html`<div class="after-article">
${article.body.some((b) => b.type === 'donation') ? '' : donationAppeal(frame)}
${followBox(frame)}
</div>
${data.related.length ? html`<section class="related" aria-labelledby="related-title">
<h2 id="related-title">${t('article.related')}</h2>
<div class="card-grid related-list">${data.related.map((r) => articleCard(frame, r, { media, headingLevel: 3 }))}</div>
</section>` : ''}
<section id="comments" class="comments" aria-labelledby="comments-title">
<h2 id="comments-title">${t('article.comments')}</h2>
${data.discussion ?? html`<p class="muted">${article.commentsOpen ? t('article.commentsSoon') : t('article.commentsClosed')}</p>`}
</section>`}`;
  return renderDocument(frame, {
    title: article.seoTitle || article.title,
    description,
    canonicalPath: `/${article.slug}/`,
    contentLang: article.lang,
    head: isPage ? undefined : html`${articleHead(frame, article, featured, description)}${hreflangLinks(frame, article, data.translations ?? [])}`,
    main,
    scripts: [...(article.body.some((b) => b.type === 'embed') ? ['embeds.js'] : []), ...(data.discussion ? ['discussion.js'] : []), ...(isPage ? [] : ['corrections.js'])],
    bodyClass: isPage ? 'page' : 'article-page',
  });
}
