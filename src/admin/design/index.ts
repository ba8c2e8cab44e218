/** The newsroom's design settings page and API (see routes.ts). */
export { registerDesignRoutes, type DesignRoutesDeps } from './routes.js';
