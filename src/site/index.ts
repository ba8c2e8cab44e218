export { createSite, type Site } from './service.js';
export { registerSiteRoutes } from './routes.js';
export { renderDocument, createFrame, csrfField, type Frame } from './layout.js';
