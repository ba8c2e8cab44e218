/**
 * Federation (issue 13): the site on the fediverse with Fedify. See README.md.
 *
 * @example
 *   const federation = createFederationService(deps);
 *   registerFederationRoutes(app, { federation, database, publicUrl, now });
 */
export { createFederationService, ARTICLE_JOB, type FederationService, type FederationDeps } from './service.js';
export { registerFederationRoutes, MAX_INBOX_BYTES, INBOX_RATE, type FederationRouteDeps } from './routes.js';
export { registerFederationPages, type FederationPageDeps } from './pages.js';
export { federationMigrations } from './migrations.js';
export { FEDERATION_JOB } from './queue.js';
export { noteToCommentText } from './remote-html.js';
export type { FederationSettings } from './settings.js';
