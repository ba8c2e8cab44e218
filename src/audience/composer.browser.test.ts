// The newsletter composer in Chromium (issue 11), against the demo newsroom whose mail goes
// to a real SMTP server in this process: an editor writes an issue (subject, preview line,
// intro, two articles as cards, the donation block), previews it at desktop and phone
// width, sends a test to herself, and sends it after the question with the recipient count;
// the readers get it once each and the send's page counts them. axe-core finds nothing
// serious or critical on the composer's pages. No request leaves the machine; waits are on
// conditions. Page code is passed as strings: this file is type-checked without the DOM library.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, keepOnSite, launchBrowser } from '../platform/browser.js';
import { createUser } from '../platform/users.js';
import { startDemoSite, type DemoSite } from '../site/fixture.js';
import { startSmtpSink, type SmtpSink } from './testkit.js';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const EMAIL = 'eva.editor@example.org';
const PASSWORD = 'ein-sehr-langes-passwort';
const READERS = ['anna@example.org', 'bert@example.org', 'carla@example.org'];
let site: DemoSite;
let sink: SmtpSink;
let browser: Browser;
let context: BrowserContext;
const offsite: string[] = [];
const problems: string[] = [];
const visited: string[] = [];

async function runJobs(): Promise<void> {
  while ((await site.app.services.jobs.runOnce(50)) > 0);
}

async function newPage(width: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return page;
}

before(async () => {
  if (skip) return;
  browser = await launchBrowser();
  sink = await startSmtpSink();
  site = await startDemoSite({ smtpUrl: sink.url });
  const db = site.app.services.database.db;
  await createUser(db, { email: EMAIL, password: PASSWORD, role: 'editor', name: 'Eva Editor' });
  const at = new Date().toISOString();
  for (const [i, email] of READERS.entries()) {
    await db.insertInto('subscribers' as never).values({ email, email_hash: `journey-${i}`, name: '', status: 'active', source: 'import', subscribed_at: at, confirmed_at: at, updated_at: at } as never).execute();
  }
  context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
  const page = await newPage(1280);
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
  await sink?.close();
});

test('compose an issue, preview it at desktop and phone width, send a test to oneself, then send it', { skip, timeout: 180_000 }, async () => {
  const page = await newPage(1280);
  await page.goto(`${site.baseUrl}/admin/newsletter/`);
  await page.getByRole('link', { name: 'Neue Ausgabe schreiben' }).click();
  await page.waitForURL(/\/admin\/newsletter\/issues\/new\/$/);

  await page.getByLabel('Betreff').fill('Die Woche in Lindenau');
  await page.getByLabel('Vorschauzeile').fill('Haushalt, Freibad und was sonst geschah');
  await page.getByLabel('Einleitung').fill('Liebe Leserinnen und Leser,\n\ndiese Woche war **viel** los.');
  const boxes = page.locator('.issue-article-list input[type="checkbox"]');
  const titles = await page.locator('.issue-article-title').allTextContents();
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByLabel('Spendenaufruf anhängen').check();

  // Preview: saves the draft, then shows the mail in a frame.
  await Promise.all([page.waitForURL(/\/preview\/$/), page.getByRole('button', { name: 'Vorschau' }).click()]);
  visited.push(new URL(page.url()).pathname);
  const frame = page.frameLocator('iframe.mail-preview-frame');
  await frame.locator('h1', { hasText: 'Die Woche in Lindenau' }).waitFor();
  await frame.getByText(titles[0]!.trim()).first().waitFor();
  await frame.getByText('Unterstützen Sie unsere Arbeit').waitFor();
  assert.equal(await frame.locator('strong', { hasText: 'viel' }).count(), 1, 'Markdown in the intro');
  const desktop = await page.locator('iframe.mail-preview-frame').boundingBox();
  assert.ok(desktop && desktop.width > 600, `desktop preview ${desktop?.width}`);
  await page.getByRole('link', { name: 'Telefon (375 px)' }).click();
  await page.waitForURL(/width=phone$/);
  await page.frameLocator('iframe.mail-preview-frame').locator('h1').waitFor();
  const phone = await page.locator('iframe.mail-preview-frame').boundingBox();
  assert.equal(Math.round(phone!.width), 375, 'phone width');
  // In the phone frame the mail fits: nothing scrolls sideways.
  const overflow = await page.frameLocator('iframe.mail-preview-frame').locator('html').evaluate((h: { scrollWidth: number; clientWidth: number }) => h.scrollWidth - h.clientWidth);
  assert.ok(Number(overflow) <= 0, `the mail is ${overflow} px wider than the 375 px frame`);
  visited.push(new URL(page.url()).pathname + '?width=phone');

  // Back to the issue; a test to oneself.
  await page.getByRole('link', { name: 'Zurück zur Ausgabe' }).click();
  await page.waitForURL(/\/admin\/newsletter\/issues\/\d+\/$/);
  visited.push(new URL(page.url()).pathname);
  await Promise.all([page.waitForURL(/done=tested$/), page.getByRole('button', { name: 'Test an mich senden' }).click()]);
  await page.getByRole('status').filter({ hasText: `Testmail an ${EMAIL} verschickt.` }).waitFor();
  await sink.waitFor((mails) => mails.some((m) => m.to.includes(EMAIL)), 10_000);
  const test = sink.mails.find((m) => m.to.includes(EMAIL))!;
  assert.equal(test.header('subject'), '[Test] Die Woche in Lindenau');
  assert.match(test.html, /Unterstützen Sie unsere Arbeit/);
  assert.ok(!sink.mails.some((m) => READERS.some((r) => m.to.includes(r))), 'no reader got the test');

  // Send: the question names how many it reaches.
  await Promise.all([page.waitForURL(/\/send$/), page.getByRole('button', { name: 'Jetzt versenden …' }).click()]);
  visited.push(new URL(page.url()).pathname);
  const active = (await site.app.services.newsletter.counts()).byStatus.active;
  assert.ok(active >= READERS.length);
  await page.getByText(`„Die Woche in Lindenau“ jetzt an ${active.toLocaleString('de-DE')} Empfängerinnen und Empfänger versenden?`).waitFor();
  await Promise.all([page.waitForURL(/\/admin\/newsletter\/\d+\/$/), page.getByRole('button', { name: 'Ja, jetzt versenden' }).click()]);
  await runJobs();
  await sink.waitFor((mails) => READERS.every((r) => mails.filter((m) => m.to.includes(r)).length === 1), 10_000);
  const issue = sink.mails.find((m) => m.to.includes('anna@example.org'))!;
  assert.equal(issue.header('subject'), 'Die Woche in Lindenau');
  assert.match(issue.header('list-unsubscribe') ?? '', /\/newsletter\/unsubscribe\?token=/);
  await page.reload();
  visited.push(new URL(page.url()).pathname);
  await runJobs();
  await page.reload();
  assert.equal((await page.locator('dd[data-figure="delivered"]').textContent())?.trim(), active.toLocaleString('de-DE'));
  await page.close();
  assert.deepEqual(offsite, [], 'no request left the site');
  assert.deepEqual(problems, []);
});

test('axe-core: nothing serious or critical on the composer, preview, question and send pages at 375 and 1,280 px', { skip, timeout: 180_000 }, async () => {
  // A context that lets axe's own script in; the pages keep their policy otherwise.
  const axeContext = await browser.newContext({ locale: 'de-DE', bypassCSP: true, storageState: await context.storageState() });
  const found: string[] = [];
  const pages = ['/admin/newsletter/', '/admin/newsletter/issues/new/', ...visited];
  // A draft to ask the send question about (the journey's issue is sent by now).
  const draft = await site.app.services.newsletter.issues.save(null, { subject: 'Entwurf', preheader: '', intro: 'Text', articleIds: [], donation: true, topic: null }, null);
  pages.push(`/admin/newsletter/issues/${draft}/`, `/admin/newsletter/issues/${draft}/send`);
  try {
    for (const width of [375, 1280]) {
      const page = await axeContext.newPage();
      await page.setViewportSize({ width, height: 900 });
      for (const path of [...new Set(pages)]) {
        await page.goto(site.baseUrl + path);
        await page.addScriptTag({ content: AXE_SOURCE });
        const result = await page.evaluate<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>(`axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
        for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          found.push(`${width} ${path} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('; ')}`);
        }
      }
      await page.close();
    }
  } finally {
    await axeContext.close();
  }
  assert.deepEqual(found, []);
});
