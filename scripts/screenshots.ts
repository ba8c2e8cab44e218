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
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

async function signIn(page: Page, site: DemoSite, email: string): Promise<void> {
  await page.goto(`${site.baseUrl}/admin/login/`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/admin/login')), page.click('form[action="/admin/login/"] button[type="submit"]')]);
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const shots: Shot[] = [...PUBLIC, ...NEWSROOM].filter((shot) => filters.length === 0 || filters.some((word) => shot.name.includes(word)));
  mkdirSync(OUT, { recursive: true });
  const site = await startDemoSite();
  let browser: Browser | undefined;
  const made = new Map<Role, number>();
  const offsite: string[] = [];
  try {
    browser = await launchBrowser();
    for (const shot of shots) {
      const who = shot.signIn ? await staffFor(site, shot.signIn, made) : undefined;
      let prepared = false;
      for (const scheme of SCHEMES) {
        const context: BrowserContext = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', colorScheme: scheme, viewport: { width: 1280, height: 800 } });
        try {
          await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
          const page = await context.newPage();
          page.setDefaultTimeout(20_000);
          if (who) await signIn(page, site, who.email);
          const ctx: ShotContext = { site, page, ...(who ? { userId: who.id } : {}) };
          if (shot.setup && !prepared) { await shot.setup(ctx); prepared = true; }
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: width < 600 ? 812 : 800 });
            const path = typeof shot.path === 'function' ? shot.path(ctx) : shot.path;
            await page.goto(`${site.baseUrl}${path}`, { waitUntil: 'load' });
            if (shot.then) await shot.then(page);
            await page.evaluate('document.fonts.ready');
            const file = join(OUT, `${shot.name}-${width}-${scheme}.png`);
            await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
            console.log(`wrote ${file.slice(file.indexOf('docs/'))}`);
          }
        } finally {
          await context.close();
        }
      }
    }
    if (offsite.length) console.warn(`requests kept from leaving the site: ${[...new Set(offsite)].join(', ')}`);
  } finally {
    await browser?.close();
    await site.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
