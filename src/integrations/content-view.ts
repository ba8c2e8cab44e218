/**
 * How the Content API shows content (issue 17): only what the site shows readers anyway.
 * An author's account link and e-mail, an article's status, SEO fields and anything a
 * newsroom keeps for itself have no property here, so they cannot leak by a new column.
 *
 * @example
 *   publicItem(summary, { publicUrl, media }); // { id, slug, url, title, … }
 */
import type { Article, ArticleSummary, Author, Tag } from '../content/index.js';
import { mediaUrl } from '../content/index.js';
import type { MediaItem } from '../media/index.js';
import type { ItemField } from './content-schemas.js';

export interface ViewContext {
  publicUrl: string;
  media: ReadonlyMap<number, MediaItem>;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const tagUrl = (publicUrl: string, slug: string) => `${publicUrl}/tag/${encodeURIComponent(slug)}/`;
export const authorUrl = (publicUrl: string, slug: string) => `${publicUrl}/author/${encodeURIComponent(slug)}/`;

export function publicTag(tag: Tag, publicUrl: string) {
  return { id: tag.id, slug: tag.slug, name: tag.name, description: tag.description, url: tagUrl(publicUrl, tag.slug) };
}

export function publicAuthor(author: Author, ctx: ViewContext) {
  const avatar = author.avatarMediaId !== null ? ctx.media.get(author.avatarMediaId) : undefined;
  return {
    id: author.id, slug: author.slug, name: author.name, url: authorUrl(ctx.publicUrl, author.slug), bio: author.bio,
    links: author.links.map(({ label, url }) => ({ label, url })),
    books: author.books.map((book) => ({ title: book.title, url: book.url, ...(book.year !== undefined ? { year: book.year } : {}) })),
    avatar: avatar ? mediaUrl(avatar.path) : null,
  };
}

/** Every list field of an article or page. */
export function publicItem(item: ArticleSummary, ctx: ViewContext): Record<ItemField, unknown> & object {
  const image = item.featuredMediaId !== null ? ctx.media.get(item.featuredMediaId) : undefined;
  return {
    id: item.id,
    slug: item.slug,
    url: `${ctx.publicUrl}/${encodeURIComponent(item.slug)}/`,
    title: item.title,
    subtitle: item.subtitle,
    excerpt: item.seoDescription || item.subtitle,
    language: item.lang,
    publishedAt: iso(item.publishedAt),
    updatedAt: iso(item.updatedAt),
    revisedAt: iso(item.revisedAt),
    readingMinutes: item.readingMinutes,
    wordCount: item.wordCount,
    commentsOpen: item.commentsOpen,
    featureImage: image
      ? { url: mediaUrl(image.path), alt: image.alt, caption: item.featuredCaption || image.caption, credit: image.credit, licence: image.licence, width: image.width, height: image.height }
      : null,
    authors: item.authors.map((a) => ({ id: a.id, slug: a.slug, name: a.name, url: authorUrl(ctx.publicUrl, a.slug) })),
    tags: item.tags.map((t) => ({ id: t.id, slug: t.slug, name: t.name, url: tagUrl(ctx.publicUrl, t.slug) })),
    html: undefined,
    blocks: undefined,
  };
}

/** One article with its body, as HTML and as blocks. */
export function publicArticle(article: Article, ctx: ViewContext, html: string) {
  return { ...publicItem(article, ctx), html, blocks: article.body };
}

/** Only the fields asked for (all when none were). */
export function pick(item: Record<string, unknown>, fields: readonly string[] | null): Record<string, unknown> {
  const keep = fields ?? Object.keys(item);
  return Object.fromEntries(keep.filter((field) => item[field] !== undefined).map((field) => [field, item[field]]));
}
