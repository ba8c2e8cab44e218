/**
 * Integrations (issue 17): the read-only Content API under `/api/v1/content/`, integration
 * tokens for the Admin API (their caller is `platform/caller.ts`'s `integration` kind; the
 * routes a scope opens are `TOKEN_ROUTES` in platform/permissions.ts) and the newsroom page
 * that manages them. Other capabilities import only from here.
 *
 * @example
 *   const integrations = createIntegrations({ db, now });
 *   installCaller(http, { ...deps, integrations });
 *   registerIntegrations(http, { ...services, integrations, audit });
 */
import type { FastifyInstance } from 'fastify';
import { registerContentApi, type ContentApiDeps } from './content-api.js';
import { registerApiDocs } from './docs-page.js';
import { registerIntegrationPages, type IntegrationPagesDeps } from './pages.js';
import { registerIntegrationRoutes, type IntegrationAudit } from './routes.js';
import type { Integrations } from './service.js';

export { createIntegrations, type Integrations } from './service.js';
export { integrationsMigrations } from './migrations.js';
export type { Integration } from './store.js';
export type { IntegrationAudit } from './routes.js';

export type IntegrationsDeps = Omit<ContentApiDeps, 'integrations'> &
  Omit<IntegrationPagesDeps, 'integrations' | 'audit'> & {
    integrations: Integrations;
    audit: IntegrationAudit;
    /** The OpenAPI document (the root's `app.swagger()`), for the reference page at /api/docs/. */
    document: () => unknown;
  };

/**
 * The Content API, the integrations API and the newsroom page. Register before the admin
 * UI, so its navigation links the page.
 */
export function registerIntegrations(app: FastifyInstance, deps: IntegrationsDeps): void {
  registerContentApi(app, deps);
  registerIntegrationRoutes(app, deps);
  registerIntegrationPages(app, deps);
  registerApiDocs(app, deps);
}
