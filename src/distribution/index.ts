/**
 * Distribution: how published work leaves the site. Feeds (RSS, Atom, JSON Feed, per
 * site, tag and author), the sitemap and robots.txt; later fediverse, autopost, webhooks.
 *
 * @example
 *   registerDistributionRoutes(app, services);
 */
export { registerDistributionRoutes } from './routes.js';
export { createDistributionService, type DistributionService, type FeedScope } from './service.js';
export { rss2, atom1, jsonFeed, type FeedInfo } from './feeds.js';
export { toFeedItems, type FeedItem } from './entries.js';
