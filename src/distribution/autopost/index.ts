/**
 * Channel autopost and WebSub pings: what happens outside the site when an article is
 * published. `connectAutopost` (in `buildServices`) registers the job handlers and
 * turns local `article.published` events into durable jobs; `registerAutopostRoutes`
 * (in `buildApp`) adds the staff listing.
 *
 * @example
 *   connectAutopost(services);
 *   registerAutopostRoutes(app, services);
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { ContentService } from '../../content/index.js';
import type { Site } from '../../site/index.js';
import type { EventMap } from '../../platform/events.js';
import { createAutopostLog } from './log.js';
import { registerAutopostRoutes as registerRoutes } from './routes.js';
import { TELEGRAM_JOB, createTelegramAutopost } from './service.js';
import { WEBSUB_JOB, createWebsubPing } from './websub.js';

/** What this module needs from the composition root. */
export type DistributionAutopostIndexDeps = Pick<PlatformDeps, 'bus' | 'config' | 'csrf' | 'database' | 'jobs' | 'now' | 'settings'> & { content: ContentService; site: Site };

export { TELEGRAM_JOB, createTelegramAutopost, teaserOf, type TelegramJob } from './service.js';
export { WEBSUB_JOB, createWebsubPing, feedTopics } from './websub.js';
export { telegramText, escapeTelegramHtml, classifyTelegramResponse, sendTelegramMessage } from './telegram.js';
export { createAutopostLog, type AutopostLog, type AutopostListing } from './log.js';
export { createAutopostTables } from './migrations.js';

type Deps = Pick<DistributionAutopostIndexDeps, 'bus' | 'jobs' | 'settings' | 'content' | 'database' | 'config' | 'now'>;

/**
 * Registers the autopost and WebSub job handlers and subscribes to `article.published`.
 *
 * @example
 *   connectAutopost({ bus, jobs, settings, content, database, config, now });
 */
export function connectAutopost(services: Deps): void {
  const { bus, jobs, settings, content, database, config, now } = services;
  const common = { settings, articles: content.store, jobs, publicUrl: config.publicUrl, now };
  const telegram = createTelegramAutopost({ ...common, log: createAutopostLog(database.db) });
  const websub = createWebsubPing(common);
  jobs.register(TELEGRAM_JOB, telegram.handle);
  jobs.register(WEBSUB_JOB, websub.handle);
  // Only the node where the article was published enqueues; the jobs reach every worker.
  bus.onAny(async (event, payload, meta) => {
    if (event !== 'article.published' || meta.remote) return;
    const { articleId } = payload as EventMap['article.published'];
    await Promise.all([telegram.onPublished(articleId), websub.onPublished(articleId)]);
  });
}

/**
 * The staff listing of autopost attempts (JSON and HTML).
 *
 * @example
 *   registerAutopostRoutes(http, services);
 */
export function registerAutopostRoutes(app: FastifyInstance, services: Pick<DistributionAutopostIndexDeps, 'database' | 'settings' | 'csrf' | 'site'>): void {
  registerRoutes(app, { log: createAutopostLog(services.database.db), settings: services.settings, csrf: services.csrf, site: services.site });
}
