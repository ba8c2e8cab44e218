/**
 * Backups and exports (see FORMAT.md). A backup is every row of every table in one
 * gzip-compressed JSON Lines file, the same for SQLite and PostgreSQL, restored into an
 * empty database; an export is the site's content as documented JSON, imported
 * idempotently. The CLI (`blattwerk backup|restore|export|import`) is the transport.
 *
 * @example
 *   await createBackup(handle, 'nightly.jsonl.gz');
 *   await restoreBackup(emptyHandle, 'nightly.jsonl.gz', { migrations: allMigrations, reindex });
 *   await exportSite(handle, 'site.json');
 *   await importSite(otherHandle, 'site.json', { migrations: allMigrations, secret, reindex });
 */
export { createBackup } from './backup.js';
export { restoreBackup, type RestoreOptions } from './restore.js';
export { exportSite, type ExportSummary } from './export.js';
export { importSite, type ImportOptions, type ImportSummary } from './import.js';
export { BackupError, BackupFormatError, type BackupSummary } from './format.js';
export { NotEmptyError } from './empty.js';
export { ImportError } from './validate.js';
export type { ExportDocument } from './document.js';
