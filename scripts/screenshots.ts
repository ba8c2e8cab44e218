/**
 * `npm run screenshots [-- FILTER …]`: starts the demo site on a temporary SQLite database,
 * signs in as needed, and writes every listed screen at 375 and 1,280 px, light and dark,
 * to `docs/screenshots/NAME-WIDTH-SCHEME.png`. The lists are `screenshots/newsroom.ts` and
 * `screenshots/public.ts`; FILTER words keep only shots whose name contains one of them.
 * Run it under the heavy lock on a shared machine:
 *   flock /tmp/blattwerk-heavy.lock npm run screenshots -- moderation people
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, keepOnSite } from '../src/platform/browser.js';
import { createUser, type Role } from '../src/platform/users.js';
import { startDemoSite, type DemoSite } from '../src/site/fixture.js';
import { NEWSROOM } from './screenshots/newsroom.js';
import { PUBLIC } from './screenshots/public.js';
import type { Shot, ShotContext } from './screenshots/types.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const WIDTHS = [375, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;
const PASSWORD = 'screenshots-passwort-1';

/** The staff member of each role, created on first use; their e-mail names the role. */
async function staffFor(site: DemoSite, role: Role, made: Map<Role, number>): Promise<{ email: string; id: number }> {
  const email = `${role}@screenshots.example`;
  let id = made.get(role);
  if (id === undefined) {
    const names: Record<string, string> = { owner: 'Ida Inhaberin', admin: 'Anton Admin', editor: 'Edda Redakteurin', moderator: 'Mo Moderatorin', author: 'Arne Autor', contributor: 'Carla Gast', finance: 'Fina Kasse' };
    id = (await createUser(site.app.services.database.db, { email, password: PASSWORD, role, name: names[role] ?? role })).id;
    made.set(role, id);
  }
  return { email, id };
}

type Session = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs in once per role and keeps the session's cookies for every later context: signing in
 * for each shot and scheme ran into the sign-in's rate limit after a dozen screens, and the
 * remaining shots timed out on the sign-in page.
 */
async function sessionFor(browser: Browser, site: DemoSite, email: string, sessions: Map<string, Session>): Promise<Session> {
  const kept = sessions.get(email);
  if (kept) return kept;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/admin/login/`);
    await page.fill('#login-email', email);
    await page.fill('#login-password', PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/admin/login')), page.click('form[action="/admin/login/"] button[type="submit"]')]);
    const state = await context.storageState();
    sessions.set(email, state);
    return state;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const shots: Shot[] = [...PUBLIC, ...NEWSROOM].filter((shot) => filters.length === 0 || filters.some((word) => shot.name.includes(word)));
  if (shots.length === 0) throw new Error(`no screen's name contains ${filters.join(' or ')}`);
  mkdirSync(OUT, { recursive: true });
  const site = await startDemoSite();
  let browser: Browser | undefined;
  const made = new Map<Role, number>();
  const sessions = new Map<string, Session>();
  const offsite: string[] = [];
  const failed: string[] = [];
  try {
    browser = await launchBrowser();
    for (const shot of shots) {
      try {
        await takeShot(browser, site, shot, { made, sessions, offsite });
      } catch (error) {
        // One broken screen must not hide the others, nor pass unnoticed: listed at the end, exit code 1.
        failed.push(`${shot.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        console.error(`FAILED ${shot.name}:`, error);
      }
    }
    if (offsite.length) console.warn(`requests kept from leaving the site: ${[...new Set(offsite)].join(', ')}`);
  } finally {
    await browser?.close();
    await site.close();
  }
  if (failed.length) throw new Error(`${failed.length} of ${shots.length} screens were not written:\n  ${failed.join('\n  ')}`);
  console.log(`${shots.length} screens written`);
}

/** One screen at both widths in both schemes (its set-up runs once). */
async function takeShot(
  browser: Browser, site: DemoSite, shot: Shot,
  { made, sessions, offsite }: { made: Map<Role, number>; sessions: Map<string, Session>; offsite: string[] },
): Promise<void> {
  const who = shot.signIn ? await staffFor(site, shot.signIn, made) : undefined;
  const storageState = who ? await sessionFor(browser, site, who.email, sessions) : undefined;
  let prepared = false;
  for (const scheme of SCHEMES) {
    const context: BrowserContext = await browser.newContext({
      locale: 'de-DE', timezoneId: 'Europe/Berlin', colorScheme: scheme, viewport: { width: 1280, height: 800 }, ...(storageState ? { storageState } : {}),
    });
    try {
      await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const ctx: ShotContext = { site, page, ...(who ? { userId: who.id } : {}) };
      if (shot.setup && !prepared) { await shot.setup(ctx); prepared = true; }
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width < 600 ? 812 : 800 });
        const path = typeof shot.path === 'function' ? shot.path(ctx) : shot.path;
        const response = await page.goto(`${site.baseUrl}${path}`, { waitUntil: 'load' });
        // An error page or a bounce to the sign-in would be saved as if it were the screen.
        if (!response || response.status() >= 400) throw new Error(`${path} answered ${response?.status() ?? 'nothing'}`);
        if (who && new URL(page.url()).pathname === '/admin/login/') throw new Error(`${path} sent ${shot.signIn} to the sign-in page`);
        if (shot.then) await shot.then(page);
        await page.evaluate('document.fonts.ready');
        const file = join(OUT, `${shot.name}-${width}-${scheme}.png`);
        const png = await page.screenshot({ fullPage: shot.fullPage ?? false });
        // A 256-colour palette keeps the committed files small (a third of the size) and UI text crisp.
        await sharp(png).png({ palette: true, quality: 90, effort: 8, compressionLevel: 9 }).toFile(file);
        console.log(`wrote ${file.slice(file.indexOf('docs/'))}`);
      }
    } finally {
      await context.close();
    }
  }
}

// If every handle closes while a wait is still pending (a promise nobody will settle), Node
// simply exits with status 0 and the remaining screens are missing without a word: say so.
let settled = false;
process.on('exit', (code) => {
  if (!settled && code === 0) {
    console.error('screenshots: stopped before the last screen (the process ran out of work while a step was still waiting)');
    process.exitCode = 1;
  }
});

main().then(
  () => { settled = true; },
  (error: unknown) => {
    settled = true;
    console.error(error);
    process.exitCode = 1;
  },
);
