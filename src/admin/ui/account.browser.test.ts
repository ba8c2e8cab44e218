// A staff member secures their account in Chromium: sign in with the password, set up
// TOTP on /admin/account/ (the code computed here from the secret the page shows), sign
// out, sign in again with password and code, and from the session list end the session
// a second device opened with a recovery code. No request leaves the machine; waits are
// on conditions only. Page code is passed as strings: this file is type-checked without
// the DOM library.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser, keepOnSite } from '../../platform/browser.js';
import { totpCode } from '../../platform/totp.js';
import { createUser } from '../../platform/users.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';

const skip = browserSkip();
const EMAIL = 'sicher@example.org';
const PASSWORD = 'ein-sehr-langes-passwort';
let site: DemoSite;
let browser: Browser;
const contexts: BrowserContext[] = [];
const offsite: string[] = [];
const problems: string[] = [];

async function newPage(userAgent: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', userAgent });
  contexts.push(context);
  await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4(01|22)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return page;
}

async function signIn(page: Page, code: string | null, email = EMAIL): Promise<void> {
  await page.goto(`${site.baseUrl}/admin/login/`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', PASSWORD);
  if (code !== null) await page.fill('#login-code', code);
  // Without a page asked for, signing in leads to the newsroom's overview.
  await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
}

before(async () => {
  if (skip) return;
  site = await startDemoSite();
  await createUser(site.app.services.database.db, { email: EMAIL, password: PASSWORD, role: 'editor', name: 'Sabine Sicher' });
  browser = await launchBrowser();
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await site?.close();
});

test('set up TOTP, sign in with a code, end another device’s session', { skip, timeout: 120_000 }, async () => {
  const page = await newPage('Mozilla/5.0 Schreibtisch');

  // --- Password only, then the second factor ------------------------------------------
  await page.goto(`${site.baseUrl}/admin/account/`);
  assert.match(page.url(), /\/admin\/login\/\?next=%2Fadmin%2Faccount%2F$/, 'without a session the account page sends you to sign in');
  await signIn(page, null);
  await page.goto(`${site.baseUrl}/admin/`);
  await Promise.all([page.waitForURL(/\/admin\/account\/$/), page.click('.admin-nav a[href="/admin/account/"]')]);
  await page.click('form[action="/admin/account/totp/setup"] button');
  await page.locator('#totp-secret').waitFor();
  assert.equal(await page.locator('figure.totp-qr svg').count(), 1, 'the QR code is drawn');
  const secret = (await page.locator('#totp-secret').textContent())!.trim();
  const enabledAt = new Date();
  await page.fill('#totp-code', await totpCode(secret, enabledAt));
  await page.click('form[action="/admin/account/totp/enable"] button');
  await page.locator('.recovery-codes li').first().waitFor();
  const recovery = (await page.locator('.recovery-codes code').allTextContents()).map((c) => c.trim());
  assert.equal(recovery.length, 10);

  // --- Sign out; the password alone no longer signs in --------------------------------
  await Promise.all([page.waitForURL(/\/admin\/login\/$/), page.click('.admin-user form[action="/admin/logout/"] button')]);
  await page.fill('#login-email', EMAIL);
  await page.fill('#login-password', PASSWORD);
  await page.click('form[action="/admin/login/"] button[type="submit"]');
  await page.locator('.notice-error[role="alert"]').waitFor();
  assert.match(page.url(), /\/admin\/login\/$/);
  // The code of the step after the one used to switch TOTP on (a used code is refused).
  await signIn(page, await totpCode(secret, new Date(enabledAt.getTime() + 30_000)));

  // --- A second device signs in with a recovery code ---------------------------------
  const phone = await newPage('Mozilla/5.0 Telefon');
  await signIn(phone, recovery[0]!);
  await phone.goto(`${site.baseUrl}/admin/account/`);
  assert.match(phone.url(), /\/admin\/account\/$/);

  // --- The session list: this one marked, the other ended -----------------------------
  await page.goto(`${site.baseUrl}/admin/account/`);
  const rows = page.locator('table.account-sessions tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match((await page.locator('tr.session-current').textContent()) ?? '', /Schreibtisch[\s\S]*Diese Sitzung/);
  const other = page.locator('tr', { hasText: 'Telefon' });
  await Promise.all([page.waitForURL(/done=revoked/), other.locator('button', { hasText: 'Abmelden' }).click()]);
  await page.locator('p.notice[role="status"]').waitFor();
  assert.equal(await rows.count(), 1);
  await phone.goto(`${site.baseUrl}/admin/account/`);
  assert.match(phone.url(), /\/admin\/login\/\?next=%2Fadmin%2Faccount%2F$/, 'the phone is signed out');

  assert.deepEqual(offsite, [], 'no request left the site');
  assert.deepEqual(problems, []);
});

// axe-core over every newsroom page (this file's list of 18 pages grew into a walk of the
// route table, in German and English at 375 and 1,280 px): axe.browser.test.ts.
