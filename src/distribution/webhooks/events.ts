/**
 * Which bus events become which webhook events, and what `data` each carries. The
 * webhook names are a public contract, so they are ours and do not follow the bus:
 * `comment.approved` is the bus's `comment.published` (posted directly or approved), and
 * `article.updated` is an `article.saved` of an article that was already live.
 *
 * @example
 *   articleData(article, 'https://z.example'); // { article: { id: 7, url: 'https://z.example/stadtrat/', … } }
 */
import type { Article } from '../../content/index.js';
import { articleUrl } from '../entries.js';

export const WEBHOOK_EVENTS = ['article.published', 'article.updated', 'comment.approved', 'subscriber.confirmed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * @example
 *   isWebhookEvent('comment.approved'); // true
 */
export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/**
 * What receivers learn of an article: enough to show or fetch it, not the body.
 *
 * @example
 *   articleData(article, 'https://z.example').article.url; // 'https://z.example/stadtrat/'
 */
export function articleData(article: Article, publicUrl: string) {
  return {
    article: {
      id: article.id,
      kind: article.kind,
      slug: article.slug,
      url: articleUrl(publicUrl, article.slug),
      title: article.title,
      subtitle: article.subtitle,
      lang: article.lang,
      publishedAt: article.publishedAt?.toISOString() ?? null,
      updatedAt: article.updatedAt.toISOString(),
      tags: article.tags.map((t) => t.slug),
      authors: article.authors.map((a) => a.name),
    },
  };
}

/**
 * A comment by its ids and permalink; its text stays on the site, where moderation can still change it.
 *
 * @example
 *   commentData({ commentId: 41, parentId: null }, article, 'https://z.example').comment.url; // 'https://z.example/stadtrat/#comment-41'
 */
export function commentData(comment: { commentId: number; parentId: number | null }, article: Article, publicUrl: string) {
  const url = articleUrl(publicUrl, article.slug);
  return {
    comment: { id: comment.commentId, parentId: comment.parentId, url: `${url}#comment-${comment.commentId}` },
    article: { id: article.id, title: article.title, url },
  };
}
