// An editor's day in Chromium: sign in at /admin/login/, write an article with Markdown
// shortcuts, a deliberate typo, an image uploaded through the dialog and a pasted YouTube
// address; see the proofreading finding; publish (confirming the open finding); find the
// article on the site (credit line, two-click placeholder), in the feed and in search;
// edit and save it, then restore the published version from the history.
// No request leaves the machine: the browser is fenced to the demo site's origin.
// Waits are on conditions only. Page code is passed as strings: this file is
// type-checked without the DOM library.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser, keepOnSite } from '../../platform/browser.js';
import { createUser } from '../../platform/users.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';
import { buildEditorBundle, editorBundleMissing } from './build.mjs';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const EMAIL = 'redakteurin@example.org';
const PASSWORD = 'ein-langes-passwort';
const TITLE = 'Neuer Busfahrplan für Lindenau';
const VIDEO = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
let site: DemoSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const offsite: string[] = [];
const problems: string[] = [];

before(async () => {
  if (skip) return;
  if (editorBundleMissing()) await buildEditorBundle({ quiet: true });
  site = await startDemoSite();
  await createUser(site.app.services.database.db, { email: EMAIL, password: PASSWORD, role: 'editor', name: 'Rita Redakteurin' });
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 40[49]/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** Polls a condition (a fetch, a database read) until it holds; never a fixed sleep. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openEditor(path: string): Promise<void> {
  await page.goto(site.baseUrl + path);
  await page.locator('#article-editor[data-ready="true"]').waitFor();
}

/** A page as an anonymous reader's HTTP client gets it. */
async function read(path: string): Promise<string> {
  const response = await fetch(site.baseUrl + path).catch((error: unknown) => assert.fail(`GET ${path}: ${String((error as Error).cause ?? error)}`));
  assert.equal(response.status, 200, path);
  return response.text().catch((error: unknown) => assert.fail(`GET ${path} body: ${String((error as Error).cause ?? error)}`));
}

const prose = () => page.locator('#editor-body .ProseMirror');

test('sign in, write, publish, find it everywhere, edit and restore', { skip, timeout: 180_000 }, async () => {
  // --- Sign in through the form ----------------------------------------------------
  await page.goto(`${site.baseUrl}/admin/articles/new/`);
  assert.match(page.url(), /\/admin\/login\/\?next=%2Fadmin%2Farticles%2Fnew%2F$/, 'without a session the editor sends you to sign in');
  await page.fill('#login-email', EMAIL);
  await page.fill('#login-password', PASSWORD);
  // Signing in returns to the page that was asked for; the navigation leads there as well.
  await Promise.all([page.waitForURL(/\/admin\/articles\/new\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
  await page.locator('#article-editor[data-ready="true"]').waitFor();
  await page.goto(`${site.baseUrl}/admin/`);
  await page.click('.admin-nav a[href="/admin/articles/"]');
  await page.click('a.button[href="/admin/articles/new/"]');
  await page.locator('#article-editor[data-ready="true"]').waitFor();

  // --- Write: Markdown shortcuts, a typo ---------------------------------------------
  await page.fill('#f-title', TITLE);
  await page.fill('#f-subtitle', 'Ab Montag fahren die Busse öfter.');
  await prose().click();
  await page.keyboard.type('## Was sich ändert');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Die Busse fahren künftig alle 20 Minnuten, sagt die **Stadt**.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- Linie 1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Linie *7*');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('> Wir fahren öfter.');
  await prose().locator('.editor-quote input[data-attr="attribution"]').fill('Ulrike Kessler');
  await prose().locator('.editor-quote blockquote').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  assert.equal(await prose().locator('h2').textContent(), 'Was sich ändert');
  assert.equal(await prose().locator('p strong').textContent(), 'Stadt');
  assert.deepEqual(await prose().locator('ul li').allTextContents(), ['Linie 1', 'Linie 7']);
  assert.equal(await prose().locator('ul li em').textContent(), '7');
  assert.equal(await prose().locator('.editor-quote blockquote').textContent(), 'Wir fahren öfter.');

  // --- An image through the upload dialog ---------------------------------------------
  const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2b6ca3' } }).jpeg({ quality: 80 }).toBuffer();
  await page.click('#editor-toolbar button[data-cmd="insert"]');
  await page.click('#block-menu [data-cmd="image"]');
  const dialog = page.locator('#media-dialog');
  await dialog.waitFor({ state: 'visible' });
  await page.setInputFiles('#m-file', { name: 'haltestelle.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.fill('#m-alt', 'Ein Bus an der Haltestelle');
  await page.fill('#m-caption', 'Die neue Haltestelle am Markt');
  await page.fill('#m-credit', 'Jana Beispiel');
  await page.selectOption('#m-licence', 'cc-by-4.0');
  await page.click('#m-submit');
  await dialog.waitFor({ state: 'hidden' });
  await prose().locator('.editor-image img').waitFor();
  assert.match((await prose().locator('.editor-image .image-credit').textContent()) ?? '', /Jana Beispiel, CC BY 4\.0/);
  // The caption is editable in place.
  await prose().locator('.editor-image input[data-attr="caption"]').fill('Die neue Haltestelle am Marktplatz');

  // --- A YouTube address pasted on an empty line ---------------------------------------
  // The empty line the editor keeps after the last block.
  await prose().locator(':scope > p').last().click();
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(VIDEO)});
    document.querySelector('#editor-body .ProseMirror').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
  const embed = prose().locator('.editor-embed[data-provider="youtube"]');
  await embed.waitFor();
  assert.match((await embed.textContent()) ?? '', /Video bei YouTube/);
  assert.equal(await page.locator('iframe').count(), 0, 'the editor shows a placeholder, not the player');

  // --- Panel: an author, a tag, the social card -----------------------------------------
  await page.locator('input[name="authorIds"]').first().check();
  await page.locator('input[name="tagIds"]').first().check();
  await page.fill('#f-seo-description', 'Was sich am Fahrplan ändert.');
  assert.equal(await page.textContent('#card-title'), TITLE);
  assert.equal(await page.textContent('#card-description'), 'Was sich am Fahrplan ändert.');

  // --- Proofreading: the typo is underlined and on the checklist -------------------------
  await page.locator('#proofread-list li', { hasText: 'Minnuten' }).waitFor({ timeout: 20_000 });
  assert.equal(await prose().locator('.proof-mark', { hasText: 'Minnuten' }).count(), 1);
  assert.match((await page.textContent('#proofread-list')) ?? '', /Minuten/, 'with a suggestion');

  // --- Preview looks like the article ----------------------------------------------------
  await page.click('#btn-preview');
  const preview = page.locator('#preview-content article.article');
  await preview.locator('.article-body h2').waitFor();
  assert.equal(await preview.locator('h1').textContent(), TITLE);
  assert.equal(await preview.locator('figure.embed[data-provider="youtube"]').count(), 1);
  await page.click('#preview-dialog [data-close]');

  // --- Publish: one more click because of the open finding ---------------------------------
  await page.click('#btn-publish');
  const check = page.locator('#publish-dialog');
  await check.waitFor({ state: 'visible' });
  assert.match((await check.locator('#publish-findings').textContent()) ?? '', /Minnuten/);
  await page.click('#btn-publish-confirm');
  await page.locator('#editor-status', { hasText: 'Veröffentlicht' }).waitFor();
  assert.match(page.url(), /\/admin\/articles\/\d+\/$/);
  const slug = await page.inputValue('#f-slug');
  assert.equal(slug, 'neuer-busfahrplan-fuer-lindenau');
  assert.ok(await page.locator('#btn-publish').isHidden(), 'published: Save is the button now');
  // A new address for a published article: the editor says the old one will redirect.
  await page.fill('#f-slug', 'busfahrplan-neu');
  assert.match((await page.locator('#slug-redirect').textContent()) ?? '', /\/neuer-busfahrplan-fuer-lindenau\//);
  await page.fill('#f-slug', slug);
  assert.ok(await page.locator('#slug-redirect').isHidden());

  // --- On the site: text, image credit, two-click placeholder ------------------------------
  const reader = await context.newPage();
  await reader.goto(`${site.baseUrl}/${slug}/`);
  assert.equal(await reader.locator('.article-header h1').textContent(), TITLE);
  assert.equal(await reader.locator('.article-body h2').textContent(), 'Was sich ändert');
  assert.match((await reader.locator('.article-body').textContent()) ?? '', /alle 20 Minnuten, sagt die Stadt\./);
  const figure = reader.locator('.article-body figure.image');
  assert.match((await figure.locator('figcaption').textContent()) ?? '', /Die neue Haltestelle am Marktplatz/);
  assert.match((await figure.locator('.image-credit').textContent()) ?? '', /Jana Beispiel.*CC BY 4\.0/);
  assert.deepEqual(await reader.locator('.article-body ul li').allTextContents(), ['Linie 1', 'Linie 7']);
  assert.match((await reader.locator('.article-body figure.quote').textContent()) ?? '', /Wir fahren öfter\.\s*— Ulrike Kessler/);
  const placeholder = reader.locator('.article-body figure.embed[data-provider="youtube"]');
  assert.equal(await placeholder.count(), 1);
  assert.equal(await reader.locator('iframe').count(), 0, 'no player before the reader asks');
  await reader.close();

  // --- In the feed and in search -----------------------------------------------------------
  const feed = await read('/feed.xml');
  assert.ok(feed.includes(TITLE), 'the article is in /feed.xml');
  await eventually('the article in search', async () => (await read('/search?q=Busfahrplan')).includes(TITLE));

  // --- Edit and save, then restore the published version from the history -----------------
  await openEditor(`/admin/articles/${page.url().match(/\/(\d+)\/$/)![1]}/`);
  const paragraph = prose().locator('p', { hasText: 'Minnuten' });
  await paragraph.click({ clickCount: 3 });
  await page.keyboard.type('Die Busse fahren künftig alle 15 Minuten.');
  await page.click('#btn-save');
  await page.locator('#editor-status', { hasText: 'Gespeichert' }).waitFor();
  await eventually('the edited text on the site', async () => (await read(`/${slug}/`)).includes('alle 15 Minuten.'));

  await page.click('#btn-history');
  const versions = page.locator('#history-list button');
  await versions.nth(1).waitFor();
  await versions.nth(1).click();
  await page.locator('#history-diff del').first().waitFor();
  // From that version to now: the words the restore brings back are the ones struck out since.
  assert.match((await page.locator('#history-diff del').allTextContents()).join(' '), /Minnuten/);
  assert.match((await page.locator('#history-diff ins').allTextContents()).join(' '), /15/);
  await page.click('#btn-restore');
  await page.locator('#history-dialog').waitFor({ state: 'hidden' });
  await prose().locator('p', { hasText: 'alle 20 Minnuten' }).waitFor();
  assert.equal(await prose().locator('p', { hasText: '15 Minuten' }).count(), 0);
  await eventually('the restored text on the site', async () => (await read(`/${slug}/`)).includes('alle 20 Minnuten'));

  assert.deepEqual(offsite, [], 'no request left the site');
  assert.deepEqual(problems, [], 'no script errors, no CSP violations');
});

test('autosave: ten quiet seconds on the page\'s clock keep the work, and the editor offers it back', { skip, timeout: 120_000 }, async () => {
  const tab = await context.newPage();
  tab.setDefaultTimeout(15_000);
  tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // The page's timers run on a clock the test moves: no waiting ten real seconds.
  await tab.clock.install();
  await tab.goto(`${site.baseUrl}/admin/articles/new/`);
  await tab.locator('#article-editor[data-ready="true"]').waitFor();
  await tab.fill('#f-title', 'Autosave-Probe');
  await tab.locator('#editor-body .ProseMirror').click();
  await tab.keyboard.type('Erster Satz.');
  await tab.clock.fastForward(11_000);
  // A new article is first created as a draft, so the next backups have somewhere to go.
  await tab.locator('#editor-status', { hasText: 'Entwurf angelegt' }).waitFor();
  assert.match(tab.url(), /\/admin\/articles\/\d+\/$/);
  const created = await site.app.services.content.store.findBy('slug', 'autosave-probe');
  assert.equal(created?.status, 'draft');
  assert.deepEqual(created?.body, [{ type: 'paragraph', text: 'Erster Satz.' }]);

  await tab.keyboard.type(' Zweiter Satz.');
  await tab.clock.fastForward(11_000);
  await tab.locator('#editor-status', { hasText: 'Automatisch gesichert' }).waitFor();
  // The backup is kept apart: the article itself is unchanged until saved.
  assert.deepEqual((await site.app.services.content.store.findBy('id', created!.id))?.body, [{ type: 'paragraph', text: 'Erster Satz.' }]);

  await tab.reload();
  await tab.locator('#article-editor[data-ready="true"]').waitFor();
  await tab.click('#btn-autosave-restore');
  await tab.locator('#editor-body .ProseMirror p', { hasText: 'Erster Satz. Zweiter Satz.' }).waitFor();
  await tab.click('#btn-save');
  await tab.locator('#editor-status', { hasText: 'Gespeichert' }).waitFor();
  assert.deepEqual((await site.app.services.content.store.findBy('id', created!.id))?.body, [{ type: 'paragraph', text: 'Erster Satz. Zweiter Satz.' }]);
  await tab.close();
  assert.deepEqual(problems, []);
});

test('axe-core finds no serious or critical violations in the newsroom pages', { skip, timeout: 120_000 }, async () => {
  // bypassCSP only lets axe's own script in; the pages are audited as served.
  const audit = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const tab = await audit.newPage();
  tab.setDefaultTimeout(15_000);
  await tab.goto(`${site.baseUrl}/admin/login/`);
  await tab.fill('#login-email', EMAIL);
  await tab.fill('#login-password', PASSWORD);
  await Promise.all([tab.waitForURL(/\/admin\/$/), tab.click('form[action="/admin/login/"] button[type="submit"]')]);
  const article = await site.app.services.content.store.findBy('slug', 'neuer-busfahrplan-fuer-lindenau');
  const found: string[] = [];
  for (const path of ['/admin/', '/admin/articles/', '/admin/media/', '/admin/articles/new/', `/admin/articles/${article?.id ?? 1}/`]) {
    await tab.goto(site.baseUrl + path);
    if (path.startsWith('/admin/articles/') && path !== '/admin/articles/') await tab.locator('#article-editor[data-ready="true"]').waitFor();
    await tab.addScriptTag({ content: AXE_SOURCE });
    const result = await tab.evaluate<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>(
      `axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`,
    );
    for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      found.push(`${path} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('; ')}`);
    }
  }
  await audit.close();
  assert.deepEqual(found, []);
});
