export { createSite, type Site } from './service.js';
export { registerSiteRoutes } from './routes.js';
export { renderDocument, createFrame, csrfField, type Frame } from './layout.js';
// design settings (issue 12): theme stylesheet, logos, icons, dark mode
export * from './theme/index.js';
