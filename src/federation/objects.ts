/**
 * Our content as ActivityStreams objects: an article is an `Article` (name, summary, the
 * body as HTML with absolute links, url, image, hashtags, attributed to its authors and the
 * site), a comment of the site federated as a reply is a `Note`. The HTML comes from the
 * feed renderer (distribution's `toFeedItems`), which the feeds already ship to readers.
 *
 * @example
 *   const object = articleObject(ctx, item, article);
 */
import type { Context } from '@fedify/fedify';
import { Temporal as Polyfill } from '@js-temporal/polyfill';
import { Article, Document, Hashtag, Note, PUBLIC_COLLECTION } from '@fedify/vocab';
import type { Article as ContentArticle } from '../content/index.js';
import type { FeedItem } from '../distribution/index.js';
import { escapeHtml } from '../platform/html.js';

export const SITE_ACTOR = 'site';
export const authorActor = (authorId: number) => `a${authorId}`;
export const authorIdOf = (identifier: string): number | null => (/^a[1-9][0-9]{0,9}$/.test(identifier) ? Number(identifier.slice(1)) : null);

/**
 * A Temporal instant for Fedify. Node 24 has no Temporal yet: the polyfill Fedify itself uses
 * makes it, and its type is cast to the standard one Fedify's types name (same runtime object).
 */
export const instant = (date: Date): Temporal.Instant => Polyfill.Instant.fromEpochMilliseconds(date.getTime()) as unknown as Temporal.Instant;

/** The actors an article comes from: its authors, then the site. */
export function attributionOf(ctx: Context<unknown>, article: Pick<ContentArticle, 'authors'>): URL[] {
  return [...article.authors.map((a) => ctx.getActorUri(authorActor(a.id))), ctx.getActorUri(SITE_ACTOR)];
}

export function articleObject(ctx: Context<unknown>, item: FeedItem, article: ContentArticle): Article {
  const image = item.image ? new URL(item.image.url) : null;
  return new Article({
    id: ctx.getObjectUri(Article, { id: String(article.id) }),
    attributions: attributionOf(ctx, article),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(SITE_ACTOR),
    name: item.title,
    summary: item.summary ? `<p>${escapeHtml(item.summary)}</p>` : null,
    content: item.contentHtml,
    url: new URL(item.url),
    published: instant(item.published),
    updated: item.modified.getTime() > item.published.getTime() + 1000 ? instant(item.modified) : null,
    image,
    attachments: image && item.image ? [new Document({ mediaType: item.image.type, url: image, name: item.title })] : [],
    tags: item.tags.map((tag) => new Hashtag({ name: `#${tag.name.replace(/\s+/g, '')}`, href: new URL(tag.url) })),
  });
}

/** A comment of the site sent out as a reply (the `federateComments` setting). */
export function commentNote(
  ctx: Context<unknown>,
  comment: { id: number; authorName: string; html: string; createdAt: string; url: string },
  replyTo: URL,
  mention: URL | null,
): Note {
  return new Note({
    id: ctx.getObjectUri(Note, { id: String(comment.id) }),
    attribution: ctx.getActorUri(SITE_ACTOR),
    to: PUBLIC_COLLECTION,
    ccs: [ctx.getFollowersUri(SITE_ACTOR), ...(mention ? [mention] : [])],
    replyTarget: replyTo,
    // The site speaks for its readers: the writer's name leads the text.
    content: `<p><strong>${escapeHtml(comment.authorName)}</strong>:</p>${comment.html}`,
    url: new URL(comment.url),
    published: instant(new Date(comment.createdAt)),
  });
}
