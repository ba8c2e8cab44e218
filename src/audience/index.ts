/**
 * The audience capability: the newsletter (double opt-in, topics, sends, CSV transfer).
 *
 * @example
 *   import { createNewsletter, registerNewsletterRoutes, audienceMigrations } from './audience/index.js';
 */
export { createNewsletter, type Newsletter } from './service.js';
export { registerNewsletterRoutes } from './routes.js';
export { registerNewsletterAdminRoutes } from './admin-routes.js';
export { registerNewsletterAdminPages } from './admin-pages.js';
export { audienceMigrations } from './migrations.js';
export { normaliseEmail } from './address.js'; // funding: supporters' addresses follow the same rules
export type { SendProgress, SubscriberStatus } from './types.js';
