/**
 * The shared machinery a capability may ask for, by name. A capability's registration
 * declares the few pieces it uses (`Pick<PlatformDeps, 'settings' | 'csrf'>` plus the
 * capability services it needs), and the composition root (`app.ts`) hands them in; no
 * capability ever sees the whole set, and none imports `app.ts`.
 *
 * @example
 *   export type SupportDeps = Pick<PlatformDeps, 'settings' | 'pages'> & { site: Pick<Site, 'frame'> };
 *   export function registerSupportRoutes(app: FastifyInstance, deps: SupportDeps): void { … }
 */
import type { Assets } from './assets.js';
import type { Bridge } from './bridge.js';
import type { Config } from './config.js';
import type { Csrf } from './csrf.js';
import type { DatabaseHandle } from './db/index.js';
import type { EventBus } from './events.js';
import type { JobQueue } from './jobs/index.js';
import type { Logger } from './logging.js';
import type { Mailer } from './mail/index.js';
import type { PageSender } from './pages.js';
import type { PageViews } from './pageviews.js';
import type { Limits } from './ratelimit.js';
import type { Sessions } from './sessions.js';
import type { SettingsService } from './settings.js';
import type { SseHub } from './sse.js';

export interface PlatformDeps {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  bus: EventBus;
  settings: SettingsService;
  pages: PageSender;
  csrf: Csrf;
  assets: Assets;
  sessions: Sessions;
  sse: SseHub;
  jobs: JobQueue;
  mailer: Mailer;
  bridge: Bridge;
  views: PageViews;
  limits: Limits;
  /** The site's secret (CSRF tokens, hashes, signed links). */
  secret: string;
  now: () => Date;
}
