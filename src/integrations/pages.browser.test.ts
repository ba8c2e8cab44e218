// The integrations page in Chromium (issue 17): an owner creates an integration on a 375 px
// phone and on a 1,280 px screen, light and dark, copies the token shown once, revokes it;
// axe-core finds nothing serious on the list, the refused form and the token page; the API
// reference page too. Screenshots go to the system's temporary folder for people to look at.
// Page code is passed as strings: this file is type-checked without the DOM library.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, keepOnSite, launchBrowser } from '../platform/browser.js';
import { createUser } from '../platform/users.js';
import { startDemoSite, type DemoSite } from '../site/fixture.js';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(tmpdir(), 'blattwerk-integrations-shots');
let site: DemoSite;
let browser: Browser;
const offsite: string[] = [];

before(async () => {
  if (skip) return;
  site = await startDemoSite();
  await createUser(site.app.services.database.db, { email: 'chefin@example.org', password: 'ein-sehr-langes-passwort', role: 'owner', name: 'Clara Chefin' });
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

async function axe(page: Page, label: string, found: string[]) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
  for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    found.push(`${label} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  }
}

test('an owner creates and revokes an integration; nothing serious for axe, at 375 and 1,280 px, light and dark', { skip }, async () => {
  const found: string[] = [];
  for (const [width, scheme] of [[375, 'light'], [1280, 'dark'], [1280, 'light']] as const) {
    // bypassCSP only lets axe's own script in; the pages are audited as served.
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 900 }, colorScheme: scheme, bypassCSP: true });
    await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${site.baseUrl}/admin/login/`);
    await page.fill('#login-email', 'chefin@example.org');
    await page.fill('#login-password', 'ein-sehr-langes-passwort');
    await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
    await page.goto(`${site.baseUrl}/admin/integrations/`);
    assert.equal(await page.locator('h1').textContent(), 'Integrationen');
    await axe(page, `${width} ${scheme} list`, found);
    // Refused: no permission ticked.
    await page.fill('#integration-name', `Frontend ${width} ${scheme}`);
    await page.uncheck('input[name="scopes"][value="content:read"]');
    await page.click('form.integration-form button[type="submit"]');
    await page.locator('#integration-scopes-error').waitFor();
    await axe(page, `${width} ${scheme} refused`, found);
    await page.screenshot({ path: join(SHOTS, `refused-${width}-${scheme}.png`), fullPage: true });
    await page.check('input[name="scopes"][value="content:read"]');
    await page.check('input[name="scopes"][value="comments:moderate"]');
    await page.fill('#integration-origins', 'https://app.example.org');
    await page.click('form.integration-form button[type="submit"]');
    const token = await page.locator('#integration-token').inputValue();
    assert.match(token, /^bwi_/);
    await axe(page, `${width} ${scheme} created`, found);
    await page.screenshot({ path: join(SHOTS, `created-${width}-${scheme}.png`), fullPage: true });
    // The token works, then the list shows its use; revoking stops it.
    const used = await page.evaluate<number>(`fetch('/api/v1/admin/comments', { headers: { authorization: 'Bearer ${token}' } }).then((r) => r.status)`);
    assert.equal(used, 200);
    await page.goto(`${site.baseUrl}/admin/integrations/`);
    await page.screenshot({ path: join(SHOTS, `list-${width}-${scheme}.png`), fullPage: true });
    await page.locator(`tr:has-text("Frontend ${width} ${scheme}") button`).click();
    await page.waitForURL(/revoked=1/);
    const refused = await page.evaluate<number>(`fetch('/api/v1/admin/comments', { headers: { authorization: 'Bearer ${token}' } }).then((r) => r.status)`);
    assert.equal(refused, 401);
    await page.goto(`${site.baseUrl}/api/docs/`);
    await axe(page, `${width} ${scheme} api docs`, found);
    await page.screenshot({ path: join(SHOTS, `docs-${width}-${scheme}.png`) });
    await context.close();
  }
  assert.deepEqual(found, []);
  assert.deepEqual(offsite, []);
});
