/**
 * Machine-readable head tags: Open Graph, Twitter card and JSON-LD `NewsArticle`.
 * JSON inside `<script type="application/ld+json">` has `<` escaped, so no value can
 * close the script element.
 */
import { html, raw, type SafeHtml } from '../../platform/html.js';
import type { Article } from '../../content/index.js';
import type { MediaItem } from '../../media/index.js';
import { mediaUrl } from '../../content/index.js';
import { absoluteUrl, type Frame } from '../layout.js';

export function jsonLd(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return raw(`<script type="application/ld+json">${json}</script>`);
}

export function articleHead(frame: Frame, article: Article, image: MediaItem | undefined, description: string): SafeHtml {
  const url = absoluteUrl(frame, `/${article.slug}/`);
  const jpeg = image ? (image.variants.filter((v) => v.format === 'jpeg').at(-1)?.path ?? image.path) : null;
  const imageUrl = jpeg ? absoluteUrl(frame, mediaUrl(jpeg)) : null;
  const title = article.seoTitle || article.title;
  const modified = article.revisedAt ?? article.updatedAt;
  const data = {
    '@context': 'https://schema.org',
    '@type': article.kind === 'page' ? 'WebPage' : 'NewsArticle',
    headline: article.title.slice(0, 110),
    description,
    inLanguage: article.lang,
    mainEntityOfPage: url,
    url,
    datePublished: article.publishedAt?.toISOString(),
    dateModified: modified.toISOString(),
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: absoluteUrl(frame, `/author/${a.slug}/`) })),
    publisher: { '@type': 'Organization', name: frame.settings.site.title, url: frame.publicUrl },
    ...(imageUrl && image ? { image: [{ '@type': 'ImageObject', url: imageUrl, width: image.width, height: image.height }] } : {}),
    keywords: article.tags.map((t) => t.name).join(', ') || undefined,
    isAccessibleForFree: true,
  };
  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${frame.settings.site.title}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:locale" content="${article.lang === 'de' ? 'de_DE' : 'en_GB'}">
${imageUrl ? html`<meta property="og:image" content="${imageUrl}">
<meta property="og:image:width" content="${image!.width}">
<meta property="og:image:height" content="${image!.height}">
<meta property="og:image:alt" content="${image!.alt}">` : ''}
${article.publishedAt ? html`<meta property="article:published_time" content="${article.publishedAt.toISOString()}">` : ''}
<meta property="article:modified_time" content="${modified.toISOString()}">
${article.authors.map((a) => html`<meta property="article:author" content="${absoluteUrl(frame, `/author/${a.slug}/`)}">`)}
${article.tags.map((t) => html`<meta property="article:tag" content="${t.name}">`)}
<meta name="twitter:card" content="${imageUrl ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
${imageUrl ? html`<meta name="twitter:image" content="${imageUrl}">` : ''}
${jsonLd(data)}`;
}
