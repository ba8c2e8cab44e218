// The settings pages in Chromium (issue 11): an owner types on one page and tries to
// leave — the browser asks first, and staying keeps what was typed; saving then leaves
// without a question. Links are added, moved with the keyboard and removed in place and
// saved in that order; the Austrian imprint fields appear when Austria is chosen. axe-core
// finds nothing serious or critical on the settings pages and the notification choice.
// No request leaves the machine; waits are on conditions only. Page code is passed as
// strings: this file is type-checked without the DOM library.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, keepOnSite, launchBrowser } from '../../platform/browser.js';
import { createUser } from '../../platform/users.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const EMAIL = 'inhaberin@example.org';
const PASSWORD = 'ein-sehr-langes-passwort';
let site: DemoSite;
let browser: Browser;
let context: BrowserContext;
const offsite: string[] = [];
const problems: string[] = [];

async function newPage(width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4(01|22)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return page;
}

before(async () => {
  if (skip) return;
  site = await startDemoSite();
  await createUser(site.app.services.database.db, { email: EMAIL, password: PASSWORD, role: 'owner', name: 'Ida Inhaberin' });
  browser = await launchBrowser();
  // bypassCSP only lets axe's own script in; the pages are served with their usual policy.
  context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', bypassCSP: true });
  await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
  const page = await newPage();
  await page.goto(`${site.baseUrl}/admin/login/`);
  await page.fill('#login-email', EMAIL);
  await page.fill('#login-password', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
  await page.close();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

test('leaving a settings page with unsaved edits asks first; staying keeps them; saving leaves without asking', { skip, timeout: 120_000 }, async () => {
  const page = await newPage();
  await page.goto(`${site.baseUrl}/admin/settings/`);
  await page.getByRole('link', { name: /^Allgemein/ }).click();
  await page.waitForURL(/\/admin\/settings\/general\/$/);
  const before = (await site.app.services.settings.get('site')).tagline;
  await page.locator('#s-site-tagline').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' – jeden Tag');
  await page.locator('[data-unsaved-note]').waitFor({ state: 'visible' });

  // Leaving by the breadcrumb: the browser asks; "stay" keeps the page and what was typed.
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  // noWaitAfter: the navigation this click starts is the one "stay" cancels.
  await page.getByRole('link', { name: 'Einstellungen', exact: true }).first().click({ noWaitAfter: true });
  await assertEventually(() => asked.length === 1, 'the leave question');
  assert.deepEqual(asked, ['beforeunload']);
  assert.match(page.url(), /\/admin\/settings\/general\/$/);
  assert.equal(await page.inputValue('#s-site-tagline'), `${before} – jeden Tag`);
  assert.equal((await site.app.services.settings.get('site')).tagline, before, 'nothing saved by leaving');

  // Saving goes through without a question and keeps the edit.
  page.on('dialog', (dialog) => {
    asked.push(`unexpected ${dialog.type()}`);
    void dialog.dismiss();
  });
  await Promise.all([page.waitForURL(/\/admin\/settings\/general\/\?saved=1$/), page.getByRole('button', { name: 'Speichern' }).click()]);
  assert.equal((await site.app.services.settings.get('site')).tagline, `${before} – jeden Tag`);
  await page.getByRole('status').filter({ hasText: 'Gespeichert: Allgemein.' }).waitFor();
  await page.getByRole('link', { name: 'Einstellungen', exact: true }).first().click();
  await page.waitForURL(/\/admin\/settings\/$/);
  assert.deepEqual(asked, ['beforeunload'], 'no question after saving');
  await page.close();
});

test('links: add, move with the keyboard and remove in place, saved in that order; Austrian fields appear for Austria', { skip, timeout: 120_000 }, async () => {
  const page = await newPage(375);
  await site.app.services.settings.update('site', { social: [{ label: 'Mastodon', url: 'https://social.example.org/@lb' }] });
  await page.goto(`${site.baseUrl}/admin/settings/navigation/`);
  const social = page.locator('fieldset[data-links="social"]');
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await social.getByRole('button', { name: 'Link hinzufügen' }).click();
  await social.locator('[data-row]').nth(1).locator('input').first().waitFor();
  assert.deepEqual(posts, [], 'added in place, no round trip');
  // The new row's label field has focus: type it, tab to the address.
  await page.keyboard.type('Telegram');
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://t.me/lindenauer');
  await social.getByRole('button', { name: 'Link hinzufügen' }).click();
  await page.keyboard.type('Alt');
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://alt.example.org/');
  // Move Telegram up with the keyboard: focus its button, press Enter.
  await social.getByRole('button', { name: '„Telegram“ nach oben' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await social.locator('[data-row]').first().locator('.link-label input').inputValue(), 'Telegram');
  await social.getByRole('button', { name: '„Alt“ entfernen' }).click();
  assert.equal(await social.locator('[data-row]').count(), 2);
  await Promise.all([page.waitForURL(/\?saved=1$/), page.getByRole('button', { name: 'Speichern' }).click()]);
  assert.deepEqual((await site.app.services.settings.get('site')).social, [
    { label: 'Telegram', url: 'https://t.me/lindenauer' },
    { label: 'Mastodon', url: 'https://social.example.org/@lb' },
  ]);

  await site.app.services.settings.update('legal', { country: 'de' });
  await page.goto(`${site.baseUrl}/admin/settings/legal/`);
  assert.equal(await page.locator('#s-legal-mediaOwner').isVisible(), false, 'not for a German imprint');
  await page.selectOption('#s-legal-country', 'at');
  await page.locator('#s-legal-mediaOwner').waitFor({ state: 'visible' });
  await page.fill('#s-legal-mediaOwner', 'Verein Lindenauer Blatt, Wien');
  await Promise.all([page.waitForURL(/\?saved=1$/), page.getByRole('button', { name: 'Speichern' }).click()]);
  const legal = await site.app.services.settings.get('legal');
  assert.equal(legal.country, 'at');
  assert.equal(legal.mediaOwner, 'Verein Lindenauer Blatt, Wien');
  await site.app.services.settings.update('legal', { country: 'de' });
  await page.close();
});

test('axe-core: nothing serious or critical on the settings pages and the notification choice, at 375 and 1,280 px', { skip, timeout: 180_000 }, async () => {
  const found: string[] = [];
  for (const width of [375, 1280]) {
    const page = await newPage(width);
    for (const path of ['/admin/settings/', '/admin/settings/general/', '/admin/settings/navigation/', '/admin/settings/legal/', '/admin/settings/donation/', '/admin/settings/newsletter/', '/admin/settings/telegram/', '/admin/account/notifications/', '/admin/supporters/settings/']) {
      await page.goto(site.baseUrl + path);
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>(`axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${width} ${path} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('; ')}`);
      }
    }
    await page.close();
  }
  assert.deepEqual(found, []);
  assert.deepEqual(offsite, [], 'no request left the site');
  assert.deepEqual(problems, []);
});

async function assertEventually(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((resolve) => setImmediate(resolve));
  // A dialog event arrives over the browser's connection: give it real turns of the loop.
  for (let i = 0; i < 100 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(ready(), `waited for ${what}`);
}
