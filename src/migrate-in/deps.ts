/**
 * The importers' dependencies taken from the composition root's services: the database,
 * the site secret (identities of imported commenters), the data folder (media files),
 * the site language, and what must happen after a run (caches dropped, search reindexed:
 * `taxonomy.changed` does both, without the per-article events that would autopost old
 * articles or mail old commenters).
 *
 * @example
 *   const services = await buildServices(config);
 *   const report = await importWordPress(await importDepsFrom(services), 'export.xml');
 */
import type { PlatformDeps } from '../platform/deps.js';
import type { Progress } from './progress.js';
import type { ImportDeps } from './session.js';

/** What this module needs from the composition root. */
export type MigrateInDepsDeps = Pick<PlatformDeps, 'bus' | 'config' | 'database' | 'now' | 'secret' | 'settings'>;

export async function importDepsFrom(
  services: Pick<MigrateInDepsDeps, 'database' | 'secret' | 'config' | 'now' | 'settings' | 'bus'>,
  progress?: (label: string) => Progress,
): Promise<ImportDeps> {
  const site = await services.settings.get('site');
  return {
    db: services.database.db,
    secret: services.secret,
    dataDir: services.config.dataDir,
    now: services.now,
    lang: site.language,
    changed: () => services.bus.emit('taxonomy.changed', { kind: 'tag' }),
    ...(progress ? { progress } : {}),
  };
}
