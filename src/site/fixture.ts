/**
 * The demo newsroom running on a real loopback port, for tests that need a browser or
 * other HTTP clients: a fresh data folder, the demo content, and a public URL that
 * matches the port, so canonical links, feeds and robots.txt name the address in use.
 *
 * @example
 *   let site: DemoSite;
 *   before(async () => { site = await startDemoSite(); });
 *   after(() => site.close());
 *   // fetch(`${site.baseUrl}/haushaltsdebatte-im-stadtrat/`)
 *
 *   // A clock the test moves instead of sleeping:
 *   let skew = 0;
 *   const site = await startDemoSite({ now: () => new Date(Date.now() + skew) });
 *   skew += 5_000; // five seconds later, as far as the app can tell
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { seedDemo, seedDemoImages } from '../demo/seed.js';
import { DEMO_SHOWCASE_SLUG } from '../demo/content.js';

export interface DemoSite {
  /** e.g. 'http://127.0.0.1:40123', without a trailing slash. */
  baseUrl: string;
  app: App;
  close(): Promise<void>;
}

/** The demo's showcase article: featured image with credit and licence, a two-click video, related articles. */
export const SHOWCASE_PATH = `/${DEMO_SHOWCASE_SLUG}/`;

const HOST = '127.0.0.1';

/** A port free right now; another process could take it before we listen, hence the retries below. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DemoSiteOptions {
  /**
   * The app's clock (form stamps, rate limits, sessions, comment times), for tests that
   * control time instead of waiting. Defaults to the real clock.
   */
  now?: () => Date;
  /**
   * Where the site's mail goes (`smtp://host:port`, e.g. an in-process SMTP server of the
   * test). Without it, mail is written to the data folder's outbox, as on a fresh install.
   */
  smtpUrl?: string;
}

/**
 * `BLATTWERK_TEST_DEMO_MEDIA` (set by scripts/test.mjs to a folder of its own for the run):
 * the demo's images are encoded once per test run, in a data folder made for that, and each
 * demo site starts from a copy of it. Encoding them takes most of a demo seeding (some 20 s
 * of CPU), and two dozen files start a demo site. seedDemo reuses images it finds by name and
 * seeds everything else (settings, authors, articles, discussion) on the site's own clock,
 * as before. Without the variable every site encodes its own images.
 */
const DEMO_MEDIA = process.env.BLATTWERK_TEST_DEMO_MEDIA;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The run's data folder holding only the demo images; the first caller makes it, the others wait for it. */
async function demoMediaFolder(root: string): Promise<string> {
  const ready = join(root, 'data');
  const lock = join(root, 'lock');
  mkdirSync(root, { recursive: true });
  for (;;) {
    if (existsSync(ready)) return ready;
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another test file is making it; take over only if that process is gone.
      const holder = Number((() => { try { return readFileSync(join(lock, 'pid'), 'utf8'); } catch { return '0'; } })());
      if (holder && !pidAlive(holder)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (existsSync(ready)) return ready;
      const making = mkdtempSync(join(root, 'making-'));
      const app = await buildApp(loadConfig({ flags: { data: making, 'log-level': 'silent', workers: false }, env: {} }));
      try {
        await seedDemoImages(app.services, (await app.services.settings.get('site')).language);
        // What this boot queued for itself (the supporters' daily run, on today's date), and
        // its id: each site's own boot queues its own, on its own clock.
        await sql`delete from jobs`.execute(app.services.database.db);
        await sql`delete from sqlite_sequence where name = 'jobs'`.execute(app.services.database.db);
      } finally {
        await app.close();
      }
      renameSync(making, ready);
      return ready;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export async function startDemoSite(options: DemoSiteOptions = {}): Promise<DemoSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'blattwerk-site-'));
  try {
    if (DEMO_MEDIA) cpSync(await demoMediaFolder(DEMO_MEDIA), dataDir, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const baseUrl = `http://${HOST}:${port}`;
      const app = await buildApp(
        loadConfig({
          flags: { data: dataDir, 'log-level': 'silent', port: String(port), host: HOST, 'public-url': baseUrl, workers: false, ...(options.smtpUrl ? { 'smtp-url': options.smtpUrl } : {}) },
          env: {},
        }),
        { now: options.now },
      );
      try {
        await seedDemo(app.services);
        await app.http.listen({ port, host: HOST });
      } catch (error) {
        await app.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
        throw error;
      }
      return {
        baseUrl,
        app,
        async close() {
          await app.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
