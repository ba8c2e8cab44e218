/**
 * The four CLI commands over this folder. The CLI hands in what lives above `platform/`
 * (the migration list, the search index, the site key), so this folder never imports a
 * capability. Messages go to stderr when the export itself goes to stdout.
 *
 * @example
 *   await runBackupCommand('backup', config, 'nightly.jsonl.gz', deps); // 0
 */
import type { Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/index.js';
import type { Migration } from '../db/migrate.js';
import { createBackup } from './backup.js';
import { exportSite } from './export.js';
import { importSite } from './import.js';
import { restoreBackup } from './restore.js';

export type BackupCommand = 'backup' | 'restore' | 'export' | 'import';

export interface CommandDeps {
  migrations: readonly Migration[];
  reindex(handle: DatabaseHandle): Promise<number>;
  loadSecret(handle: DatabaseHandle): Promise<string>;
}

export async function runBackupCommand(command: BackupCommand, config: Config, file: string | undefined, deps: CommandDeps): Promise<number> {
  const handle = await openDatabase(config.databaseUrl);
  const reindex = () => deps.reindex(handle);
  try {
    switch (command) {
      case 'backup': {
        const summary = await createBackup(handle, file!);
        console.log(`Backed up ${summary.rows} rows of ${Object.keys(summary.tables).length} tables (${handle.dialect}) to ${file}.`);
        return 0;
      }
      case 'restore': {
        const summary = await restoreBackup(handle, file!, { migrations: deps.migrations, reindex });
        console.log(`Restored ${summary.rows} rows of ${Object.keys(summary.tables).length} tables into ${handle.dialect}; search index rebuilt.`);
        return 0;
      }
      case 'export': {
        const counts = await exportSite(handle, file ?? process.stdout);
        const line = Object.entries(counts).map(([section, n]) => `${n} ${section}`).join(', ');
        (file ? console.log : console.error)(`Exported ${line}${file ? ` to ${file}` : ''}.`);
        return 0;
      }
      case 'import': {
        const summary = await importSite(handle, file!, { migrations: deps.migrations, secret: () => deps.loadSecret(handle), reindex });
        const line = Object.entries(summary).map(([section, c]) => `${section} ${c.added} new, ${c.existing} already there`).join('; ');
        console.log(`Imported: ${line}.`);
        return 0;
      }
    }
  } finally {
    await handle.close();
  }
}
