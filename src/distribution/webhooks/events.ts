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

export const WEBHOOK_EVENTS = [
  'article.published', 'article.updated', 'comment.approved', 'subscriber.confirmed',
  // issue 17: a comment's life for moderation tools. `comment.published` is `comment.approved`
  // under the bus's name; `comment.held` waits in the queue; `comment.removed` left the page.
  'comment.published', 'comment.held', 'comment.removed',
] as const;
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
export function commentData(comment: { commentId: number; parentId?: number | null; status?: string }, article: Article, publicUrl: string) {
  const url = articleUrl(publicUrl, article.slug);
  return {
    comment: {
      id: comment.commentId, ...(comment.parentId !== undefined ? { parentId: comment.parentId } : {}), url: `${url}#comment-${comment.commentId}`,
      ...(comment.status ? { status: comment.status } : {}),
    },
    article: { id: article.id, title: article.title, url },
  };
}

const articleSchema = {
  type: 'object',
  required: ['article'],
  additionalProperties: false,
  properties: {
    article: {
      type: 'object',
      required: ['id', 'kind', 'slug', 'url', 'title', 'subtitle', 'lang', 'publishedAt', 'updatedAt', 'tags', 'authors'],
      additionalProperties: false,
      properties: {
        id: { type: 'integer' }, kind: { type: 'string', enum: ['article', 'page'] }, slug: { type: 'string' }, url: { type: 'string', format: 'uri' },
        title: { type: 'string' }, subtitle: { type: 'string' }, lang: { type: 'string', enum: ['de', 'en'] },
        publishedAt: { type: ['string', 'null'], format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' }, description: 'Tag slugs.' }, authors: { type: 'array', items: { type: 'string' }, description: 'Author names.' },
      },
    },
  },
} as const;

const commentSchema = (status: string | null, withParent = true) => ({
  type: 'object',
  required: ['comment', 'article'],
  additionalProperties: false,
  properties: {
    comment: {
      type: 'object',
      required: ['id', ...(withParent ? ['parentId'] : []), 'url', ...(status ? ['status'] : [])],
      additionalProperties: false,
      properties: {
        id: { type: 'integer' }, ...(withParent ? { parentId: { type: ['integer', 'null'] } } : {}), url: { type: 'string', format: 'uri' },
        ...(status ? { status: { type: 'string', description: status } } : {}),
      },
    },
    article: { type: 'object', required: ['id', 'title', 'url'], additionalProperties: false, properties: { id: { type: 'integer' }, title: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
  },
});

/** What each event's `data` holds, as JSON Schema (the OpenAPI document's `webhooks` section). */
export const WEBHOOK_DATA: Record<WebhookEvent, { summary: string; schema: object }> = {
  'article.published': { summary: 'An article or page went live (scheduled ones too).', schema: articleSchema },
  'article.updated': { summary: 'A live article was saved again.', schema: articleSchema },
  'comment.approved': { summary: 'A comment became visible (posted directly or approved); the same as comment.published.', schema: commentSchema(null) },
  'comment.published': { summary: 'A comment became visible (posted directly or approved).', schema: commentSchema(null) },
  'comment.held': { summary: 'A comment waits in the moderation queue (its text is in the newsroom, not here).', schema: commentSchema(null, false) },
  'comment.removed': { summary: 'A comment left the page or the queue (rejected, spam, deleted by its writer or on request).', schema: commentSchema('Why: `rejected`, `spam`, `deleted`, …', false) },
  'subscriber.confirmed': {
    summary: 'A newsletter subscriber confirmed the double opt-in (no e-mail address is sent).',
    schema: { type: 'object', required: ['subscriberId'], additionalProperties: true, properties: { subscriberId: { type: 'integer' } } },
  },
};

/** The whole body of a delivery, as a receiver gets it, for one event. */
export function webhookBodySchema(event: WebhookEvent) {
  return {
    type: 'object',
    required: ['id', 'event', 'createdAt', 'data'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Equals X-Blattwerk-Delivery; the same on every retry.' },
      event: { type: 'string', const: event },
      createdAt: { type: 'string', format: 'date-time' },
      data: WEBHOOK_DATA[event].schema,
    },
  };
}

/** The OpenAPI 3.1 `webhooks` section: one POST per event, signed as distribution/webhooks/README.md says. */
export function webhookDocs(): Record<string, unknown> {
  const headers = {
    'X-Blattwerk-Event': { schema: { type: 'string' } },
    'X-Blattwerk-Delivery': { schema: { type: 'string', format: 'uuid' } },
    'X-Blattwerk-Timestamp': { schema: { type: 'string' }, description: 'Unix seconds.' },
    'X-Blattwerk-Signature': { schema: { type: 'string' }, description: '`sha256=` HMAC-SHA256 of `timestamp.body` with the webhook’s secret.' },
  };
  return Object.fromEntries(WEBHOOK_EVENTS.map((event) => [event, {
    post: {
      summary: WEBHOOK_DATA[event].summary,
      parameters: Object.entries(headers).map(([name, header]) => ({ name, in: 'header', required: true, ...header })),
      requestBody: { required: true, content: { 'application/json': { schema: webhookBodySchema(event) } } },
      responses: { '2XX': { description: 'Received. Anything else is retried with backoff (8 attempts).' } },
    },
  }]));
}
