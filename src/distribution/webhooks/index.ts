/**
 * Webhooks: signed HTTP callbacks for `article.published`, `article.updated`,
 * `comment.approved` and `subscriber.confirmed`. `connectWebhooks` (in `buildServices`)
 * registers the delivery job and turns local bus events into deliveries;
 * `registerWebhookRoutes` (in `buildApp`) adds the admin API. See README.md for the
 * signature and how receivers verify it.
 *
 * @example
 *   connectWebhooks(services);
 *   registerWebhookRoutes(app, services);
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { ContentService } from '../../content/index.js';
import type { Site } from '../../site/index.js';
import type { EventMap } from '../../platform/events.js';
import { articleData, commentData } from './events.js';
import { registerWebhookPages as registerPages } from './pages.js';
import { registerWebhookRoutes as registerRoutes } from './routes.js';
import { DELIVERY_JOB, createWebhookService } from './service.js';
import { createWebhookStore } from './store.js';
import { cachedReceivers } from './receivers.js';

/** What this module needs from the composition root. */
export type DistributionWebhooksIndexDeps = Pick<PlatformDeps, 'bus' | 'config' | 'csrf' | 'database' | 'jobs' | 'now' | 'settings'> & { content: ContentService; site: Site };

export { WEBHOOK_EVENTS, WEBHOOK_DATA, isWebhookEvent, webhookBodySchema, webhookDocs, type WebhookEvent } from './events.js';
export { signWebhook, verifyWebhook, generateSecret } from './signature.js';
export { DELIVERY_JOB, createWebhookService, type WebhookService } from './service.js';
export { createWebhookStore } from './store.js';
export { createWebhookTables } from './migrations.js';

type Deps = Pick<DistributionWebhooksIndexDeps, 'bus' | 'jobs' | 'settings' | 'content' | 'database' | 'config' | 'now'>;

function serviceFor({ bus, jobs, settings, database, now }: Deps) {
  return createWebhookService({ store: createWebhookStore(database.db), jobs, settings, now, bus });
}

/**
 * Registers the delivery job and turns local bus events into webhook deliveries.
 *
 * @example
 *   connectWebhooks({ bus, jobs, settings, content, database, config, now });
 */
export function connectWebhooks(services: Deps): void {
  const { bus, jobs, content, database, config, now } = services;
  const store = createWebhookStore(database.db);
  // Every published comment dispatches; who receives what is kept here, not read each time.
  const webhooks = createWebhookService({ ...services, store, receivers: cachedReceivers(store, bus, now) });
  const publicUrl = config.publicUrl;
  const article = async (id: number) => {
    const found = await content.store.findBy('id', id);
    return found && articleData(found, publicUrl);
  };
  jobs.register(DELIVERY_JOB, webhooks.handle);

  // Only the node where something happened dispatches; remote copies of the event are
  // for caches and live streams, and would deliver everything once per node.
  bus.onAny(async (event, payload, meta) => {
    if (meta.remote) return;
    if (event === 'article.saved') {
      const { articleId, status } = payload as EventMap['article.saved'];
      if (status !== 'published') return store.forgetPublished(articleId);
      // The first save that publishes is followed by `article.published`; only later ones are updates.
      if (!(await store.markPublished(articleId, now()))) await webhooks.dispatch('article.updated', () => article(articleId));
    } else if (event === 'article.published') {
      const { articleId } = payload as EventMap['article.published'];
      await store.markPublished(articleId, now());
      await webhooks.dispatch('article.published', () => article(articleId));
    } else if (event === 'comment.published') {
      const comment = payload as EventMap['comment.published'];
      const data = async () => {
        const found = await content.store.findBy('id', comment.articleId);
        return found && commentData(comment, found, publicUrl);
      };
      await webhooks.dispatch('comment.approved', data);
      await webhooks.dispatch('comment.published', data); // issue 17: the same under the bus's name
    } else if (event === 'comment.pending' || event === 'comment.updated') {
      // issue 17: held for moderation, or gone from the page (an edit or approval is not a removal).
      const comment = payload as EventMap['comment.updated'] | EventMap['comment.pending'];
      const status = 'status' in comment ? comment.status : 'pending';
      if (event === 'comment.updated' && ['published', 'pending', 'held'].includes(status)) return;
      await webhooks.dispatch(event === 'comment.pending' ? 'comment.held' : 'comment.removed', async () => {
        const found = await content.store.findBy('id', comment.articleId);
        return found && commentData({ commentId: comment.commentId, ...(event === 'comment.updated' ? { status } : {}) }, found, publicUrl);
      });
    } else if ((event as string) === 'subscriber.confirmed') {
      // Emitted by audience/ (newsletter); passed on as it comes.
      await webhooks.dispatch('subscriber.confirmed', async () => payload);
    }
  });
}

/**
 * The webhook admin API (owners and admins).
 *
 * @example
 *   registerWebhookRoutes(http, services);
 */
export function registerWebhookRoutes(app: FastifyInstance, services: Deps): void {
  registerRoutes(app, serviceFor(services));
}

/**
 * The webhook pages of the newsroom, `/admin/webhooks/…` (owners and admins). Register
 * before the admin UI, so its navigation links here.
 *
 * @example
 *   registerWebhookPages(http, services);
 */
export function registerWebhookPages(app: FastifyInstance, services: Deps & Pick<DistributionWebhooksIndexDeps, 'csrf' | 'site'>): void {
  registerPages(app, { webhooks: serviceFor(services), csrf: services.csrf, site: services.site });
}
