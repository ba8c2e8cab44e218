// An owner invites an editor in Chromium: the invitation form on /admin/people/, the mail
// through a real SMTP server in this process, the link opened in a second browser, a
// password chosen there, and the newcomer signing in and landing in the newsroom as an
// editor. Then a refused invitation (the address exists) shows its message at the field.
// axe-core finds nothing serious or critical on the people page (also with the refusal),
// the welcome page and the sign-in page, at 1,280 and 375 px. Waits are on conditions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, keepOnSite, launchBrowser } from '../../platform/browser.js';
import { createUser } from '../../platform/users.js';
import type { AuditTables } from '../audit.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';
import { startSmtpSink, type SmtpSink } from '../../audience/testkit.js';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const OWNER = { email: 'ida@example.org', password: 'inhaberin-sicher-1', name: 'Ida Inhaberin' };
let site: DemoSite;
let smtp: SmtpSink;
let browser: Browser;

before(async () => {
  if (skip) return;
  smtp = await startSmtpSink();
  site = await startDemoSite({ smtpUrl: smtp.url });
  await createUser(site.app.services.database.db, { ...OWNER, role: 'owner' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await smtp?.close();
});

async function axeFindings(page: Page, where: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>(
    `axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin', bypassCSP: true });
  await keepOnSite(context, site.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function signIn(page: Page, email: string, password: string, landing: RegExp) {
  await page.goto(`${site.baseUrl}/admin/login/`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await Promise.all([page.waitForURL(landing), page.click('form[action="/admin/login/"] button[type="submit"]')]);
}

test('an owner invites an editor, who sets a password and signs in', { skip, timeout: 180_000 }, async () => {
  const found: string[] = [];
  const owner = await newPage(1280);
  await owner.goto(`${site.baseUrl}/admin/login/`);
  found.push(...(await axeFindings(owner, 'sign-in 1280')));
  await signIn(owner, OWNER.email, OWNER.password, /\/admin\/$/);
  await Promise.all([owner.waitForURL(/\/admin\/people\/$/), owner.click('.admin-nav a[href="/admin/people/"]')]);
  found.push(...(await axeFindings(owner, 'people 1280')));

  await owner.fill('#invite-name', 'Nora Neu');
  await owner.fill('#invite-email', 'nora@example.org');
  await owner.selectOption('#invite-role', 'editor');
  await Promise.all([owner.waitForURL(/done=invited/), owner.click('form[action="/admin/people/invite"] button[type="submit"]')]);
  await owner.locator('.notice:has-text("Einladung verschickt")').waitFor();
  const row = owner.locator('.person', { hasText: 'Nora Neu' });
  await row.locator('.state-invited').waitFor();

  // The mail goes out through the job queue (workers are off in the demo fixture).
  const toNora = () => smtp.mails.find((m) => m.to.includes('nora@example.org'));
  for (let round = 0; round < 20 && (await site.app.services.jobs.runOnce()) > 0 && !toNora(); round++);
  await smtp.waitFor(() => Boolean(toNora()));
  const mail = toNora();
  const link = /(http:\/\/127\.0\.0\.1:\d+\/admin\/reset\/\?token=[A-Za-z0-9_-]+&welcome=1)/.exec(mail!.text)![1]!;

  // The newcomer, on a phone: welcome page, a password, then sign in.
  const nora = await newPage(375);
  await nora.goto(link);
  await nora.locator('h1:has-text("Willkommen in der Redaktion")').waitFor();
  found.push(...(await axeFindings(nora, 'welcome 375')));
  assert.ok(await nora.evaluate<boolean>('document.documentElement.scrollWidth <= 375'), 'the welcome page fits a phone');
  await nora.fill('#reset-password', 'noras-eigenes-passwort');
  await nora.click('form[action="/admin/reset/"] button[type="submit"]');
  await nora.locator('.notice:has-text("Passwort ist geändert")').waitFor();
  found.push(...(await axeFindings(nora, 'password set 375')));
  await signIn(nora, 'nora@example.org', 'noras-eigenes-passwort', /\/admin\/$/);
  const who = await nora.locator('.admin-user').textContent();
  assert.match(who ?? '', /Nora Neu \(Redaktion\)/, 'signed in as an editor');
  assert.equal(await nora.locator('.admin-nav a[href="/admin/people/"]').count(), 0, 'an editor has no people page');

  // The owner's list shows her as active now; inviting the address again is refused at the field.
  await owner.reload();
  await row.locator('.state-active').waitFor();
  await owner.fill('#invite-name', 'Nora Nochmal');
  await owner.fill('#invite-email', 'NORA@example.org');
  await owner.click('form[action="/admin/people/invite"] button[type="submit"]');
  await owner.locator('#invite-email-error:has-text("gibt es schon ein Konto")').waitFor();
  assert.equal(await owner.locator('#invite-email').getAttribute('aria-invalid'), 'true');
  assert.equal(await owner.inputValue('#invite-name'), 'Nora Nochmal', 'what was typed stays');
  found.push(...(await axeFindings(owner, 'people refused 1280')));
  await owner.setViewportSize({ width: 375, height: 812 });
  await owner.goto(`${site.baseUrl}/admin/people/`);
  assert.ok(await owner.evaluate<boolean>('document.documentElement.scrollWidth <= 375'), 'the people page fits a phone');
  found.push(...(await axeFindings(owner, 'people 375')));
  const audit = await site.app.services.database.db.withTables<AuditTables>().selectFrom('audit_log').select('action').where('action', '=', 'people.invite').execute();
  assert.equal(audit.length, 1);
  assert.deepEqual(found, [], 'axe: nothing serious or critical');
});
