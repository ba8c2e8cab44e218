/**
 * Moving in and out: imports from WordPress (WXR), Ghost (JSON) and Disqus (XML), a
 * WordPress-compatible export, and the old addresses of imported sites. See README.md.
 *
 * @example
 *   import { runImportCommand, runWxrExport, findLegacyRedirect, importMigrations } from './migrate-in/index.js';
 */
export { findLegacyRedirect, normaliseLegacyPath } from './redirects.js';
export { importMigrations } from './migrations.js';
export { runImportCommand, runWxrExport, IMPORT_HELP, EXPORT_HELP } from './cli.js';
export { importWordPress } from './wordpress.js';
export { importGhost } from './ghost.js';
export { importDisqus } from './disqus.js';
export { exportWxr } from './wxr-export.js';
export { importDepsFrom } from './deps.js';
export { ImportFileError, ImportItemError } from './errors.js';
export type { ImportReport } from './report.js';
