// The media library and the editor in Chromium (issue 11): an editor drops two images on
// the library at once (progress, then a link to each), a text file is refused with the
// server's message and nothing stored; she sets each image's credit and licence on its
// page; in a new article the address follows the title's fix, "/bild" + Enter inserts an
// image picked from the library, "+" from the keyboard inserts a table, the main tag is
// chosen, a spelling finding goes into the site's dictionary, scheduling says "schedule";
// she publishes, and the public page shows the image with its credit and the main tag
// above the headline. axe-core on the library, an image's page and the editor with the
// inserter open, at 1,280 and 375 px. Waits are on conditions only; page code is passed
// as strings (this file is type-checked without the DOM library).
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
const EMAIL = 'bildredaktion@example.org';
const PASSWORD = 'ein-langes-passwort-2';
let site: DemoSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const offsite: string[] = [];
const problems: string[] = [];
const uploaded: number[] = [];

before(async () => {
  if (skip) return;
  if (editorBundleMissing()) await buildEditorBundle({ quiet: true });
  site = await startDemoSite();
  const user = await createUser(site.app.services.database.db, { email: EMAIL, password: PASSWORD, role: 'editor', name: 'Bea Bildredakteurin' });
  await site.app.services.content.createAuthor({ name: 'Bea Bildredakteurin', slug: 'bea', userId: user.id });
  await site.app.services.content.createTag({ name: 'Aaa Allgemeines' });
  await site.app.services.content.createTag({ name: 'Verkehr und Wege' });
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
  await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4(0[49]|15|22)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${site.baseUrl}/admin/login/`);
  await page.fill('#login-email', EMAIL);
  await page.fill('#login-password', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

const prose = () => page.locator('#editor-body .ProseMirror');
const mediaRows = async () => Number((await site.app.services.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

test('an editor uploads two images, credits them, and uses one in an article that shows its credit', { skip, timeout: 240_000 }, async () => {
  // --- Two images at once through the picker; a text file refused ------------------------
  await page.goto(`${site.baseUrl}/admin/media/`);
  await page.locator('html[data-media-ready="true"]').waitFor({ state: 'attached' });
  const before = await mediaRows();
  const images = await Promise.all(
    ['#c0392b', '#2e86c1'].map((colour) => sharp({ create: { width: 640, height: 400, channels: 3, background: colour } }).jpeg().toBuffer()),
  );
  await page.setInputFiles('#media-files', [
    { name: 'rathaus-platz.jpg', mimeType: 'image/jpeg', buffer: images[0]! },
    { name: 'neue-buslinie.jpg', mimeType: 'image/jpeg', buffer: images[1]! },
  ]);
  await page.locator('#upload-queue .upload-done').nth(1).waitFor();
  assert.equal(await page.locator('#upload-queue progress').count(), 2, 'a progress bar per file');
  assert.deepEqual(await page.evaluate(`[...document.querySelectorAll('#upload-queue progress')].map((bar) => bar.value)`), [100, 100]);
  const links = await page.evaluate<string[]>(`[...document.querySelectorAll('#upload-queue .upload-done a')].map((a) => a.getAttribute('href'))`);
  assert.equal(links.length, 2);
  for (const href of links) uploaded.push(Number(/\/admin\/media\/(\d+)\//.exec(href)![1]));
  assert.equal(await mediaRows(), before + 2);

  // A file that is not an image: the server's reason, nothing stored.
  await page.setInputFiles('#media-files', { name: 'notizen.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Das ist kein Bild, nur Text.') });
  const failed = page.locator('#upload-queue .upload-failed');
  await failed.waitFor();
  assert.match((await failed.textContent()) ?? '', /notizen\.jpg/);
  assert.equal(await mediaRows(), before + 2, 'nothing stored');

  // The filter "missing credit" lists both new images.
  await page.goto(`${site.baseUrl}/admin/media/?filter=uncredited`);
  for (const id of uploaded) assert.equal(await page.locator(`#media-${id}`).count(), 1);

  // --- Credit and licence on each image's page --------------------------------------------
  const credits = ['Jana Beispiel', 'Kai Fotograf'];
  for (const [i, id] of uploaded.entries()) {
    await page.goto(`${site.baseUrl}/admin/media/${id}/`);
    await page.fill('#media-alt', i === 0 ? 'Der Rathausplatz im Sommer' : 'Ein Bus der neuen Linie');
    await page.fill('#media-caption', i === 0 ? 'Der Rathausplatz' : 'Die neue Buslinie 7');
    await page.fill('#media-credit', credits[i]!);
    await page.selectOption('#media-licence', 'cc-by-sa-4.0');
    await page.fill('#media-sourceUrl', `https://example.org/fotos/${i}`);
    await Promise.all([page.waitForURL(/\?done=saved$/), page.click(`form[action="/admin/media/${id}/"] button[type="submit"]`)]);
    assert.match((await page.locator('.notice[role="status"]').textContent()) ?? '', /gespeichert/);
  }
  await page.goto(`${site.baseUrl}/admin/media/?filter=uncredited`);
  for (const id of uploaded) assert.equal(await page.locator(`#media-${id}`).count(), 0, 'credited now');

  // --- A new article: the address follows the fixed title ---------------------------------
  await page.goto(`${site.baseUrl}/admin/articles/new/`);
  await page.locator('#article-editor[data-ready="true"]').waitFor();
  await page.fill('#f-title', 'Die neue Bsulinie fährt ab Montag');
  await prose().click();
  await page.keyboard.type('Ab Montag fährt die Linie 7 bis zum Rathausplatz. Die Haltstelle Quxbrunnen ist neu.');
  await page.click('#btn-save');
  await page.locator('#editor-status', { hasText: 'Gespeichert' }).or(page.locator('#editor-status', { hasText: 'angelegt' })).waitFor();
  assert.equal(await page.inputValue('#f-slug'), 'die-neue-bsulinie-faehrt-ab-montag');
  await page.fill('#f-title', 'Die neue Buslinie fährt ab Montag');
  await page.click('#btn-save');
  await page.waitForFunction(`document.getElementById('f-slug').value === 'die-neue-buslinie-faehrt-ab-montag'`);
  assert.match((await page.textContent('#slug-help')) ?? '', /Folgt dem Titel/);

  // --- "/" command: an image from the library ---------------------------------------------
  await prose().locator('p').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('/bild');
  await page.locator('#block-menu[data-mode="slash"]:not([hidden])').waitFor();
  assert.equal(await page.locator('#block-menu [role="option"][aria-selected="true"]').getAttribute('data-cmd'), 'image');
  await page.keyboard.press('Enter');
  const dialog = page.locator('#media-dialog');
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('.media-pick-button', { hasText: 'Die neue Buslinie 7' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const image = prose().locator('.editor-image');
  await image.locator('img').waitFor();
  assert.match((await image.locator('.image-credit').textContent()) ?? '', /Kai Fotograf, CC BY-SA 4\.0/);
  assert.equal(await prose().locator('p', { hasText: '/bild' }).count(), 0, 'the typed command is gone');

  // --- "+" from the keyboard: a table ----------------------------------------------------
  await page.focus('#editor-toolbar button[data-cmd="insert"]');
  await page.keyboard.press('Enter');
  await page.locator('#block-filter:focus').waitFor();
  await page.keyboard.type('tab');
  await page.keyboard.press('Enter');
  await prose().locator('.editor-table').waitFor();
  await page.keyboard.press('Escape');

  // --- Main tag: the second ticked tag --------------------------------------------------
  await page.locator('label', { hasText: 'Aaa Allgemeines' }).locator('input').check();
  await page.locator('label', { hasText: 'Verkehr und Wege' }).locator('input').check();
  await page.selectOption('#f-main-tag', { label: 'Verkehr und Wege' });
  await page.locator('input[name="authorIds"]').first().check();

  // --- Proofreading: "Quxbrunnen" into the site's dictionary --------------------------------
  const finding = page.locator('#proofread-list li', { hasText: 'Quxbrunnen' });
  await finding.waitFor({ timeout: 30_000 });
  await finding.getByRole('button', { name: /Quxbrunnen.*Wörterbuch/ }).click();
  await finding.waitFor({ state: 'detached' });
  const dictionary = await fetch(`${site.baseUrl}/api/v1/admin/dictionary`, { headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
  assert.match(await dictionary.text(), /Quxbrunnen/, 'the word is in the site\'s dictionary');

  // --- Scheduling says "schedule" --------------------------------------------------------
  await page.selectOption('#f-status', 'scheduled');
  assert.equal((await page.textContent('#btn-publish'))?.trim(), 'Planen');
  await page.selectOption('#f-status', 'draft');
  assert.equal((await page.textContent('#btn-publish'))?.trim(), 'Veröffentlichen');

  // --- Publish and read it as a reader ----------------------------------------------------
  await page.click('#btn-publish');
  // Open findings (if the checker still has any) ask once more; otherwise it goes straight out.
  const published = page.locator('#editor-status', { hasText: 'Veröffentlicht' });
  await page.locator('#publish-dialog[open]').or(published).first().waitFor();
  if (await page.locator('#publish-dialog[open]').count()) {
    assert.equal((await page.textContent('#btn-publish-confirm'))?.trim(), 'Trotzdem veröffentlichen');
    await page.click('#btn-publish-confirm');
  }
  await published.waitFor();
  const slug = await page.inputValue('#f-slug');
  assert.equal(slug, 'die-neue-buslinie-faehrt-ab-montag');
  const reader = await context.newPage();
  await reader.goto(`${site.baseUrl}/${slug}/`);
  assert.equal((await reader.locator('.kicker').first().textContent())?.trim(), 'Verkehr und Wege', 'the main tag above the headline');
  const figure = reader.locator('.article-body figure.image');
  assert.match((await figure.locator('figcaption').textContent()) ?? '', /Die neue Buslinie 7/);
  assert.match((await figure.locator('.image-credit').textContent()) ?? '', /Kai Fotograf.*CC BY-SA 4\.0/);
  assert.equal(await figure.locator('img').getAttribute('alt'), 'Ein Bus der neuen Linie');
  await reader.close();

  // The image in use cannot be deleted; the page names the article.
  await page.goto(`${site.baseUrl}/admin/media/${uploaded[1]}/`);
  await page.locator('input[name="confirm"]').check();
  await page.click(`form[action="/admin/media/${uploaded[1]}/delete"] button[type="submit"]`);
  await page.locator('.notice-error[role="alert"]').waitFor();
  assert.match((await page.locator('.notice-error[role="alert"]').textContent()) ?? '', /Die neue Buslinie fährt ab Montag/);

  assert.deepEqual(offsite, [], 'no request left the site');
  assert.deepEqual(problems, [], 'no script errors, no CSP violations');
});

test('axe-core: the library, an image\'s page and the editor with the inserter open, at 1,280 and 375 px', { skip, timeout: 180_000 }, async () => {
  const found: string[] = [];
  const audit = await browser.newContext({ bypassCSP: true, locale: 'de-DE' });
  const tab = await audit.newPage();
  tab.setDefaultTimeout(20_000);
  await tab.goto(`${site.baseUrl}/admin/login/`);
  await tab.fill('#login-email', EMAIL);
  await tab.fill('#login-password', PASSWORD);
  await Promise.all([tab.waitForURL(/\/admin\/$/), tab.click('form[action="/admin/login/"] button[type="submit"]')]);
  const imageId = uploaded[0] ?? (await site.app.services.database.db.selectFrom('media').select('id').executeTakeFirstOrThrow()).id;
  for (const width of [1280, 375]) {
    await tab.setViewportSize({ width, height: 900 });
    for (const path of ['/admin/media/', '/admin/media/?filter=unused&q=x', `/admin/media/${imageId}/`, '/admin/articles/new/']) {
      await tab.goto(site.baseUrl + path);
      if (path.startsWith('/admin/articles/')) {
        await tab.locator('#article-editor[data-ready="true"]').waitFor();
        await tab.locator('#editor-body .ProseMirror').click();
        await tab.keyboard.type('/');
        await tab.locator('#block-menu:not([hidden])').waitFor();
      }
      await tab.addScriptTag({ content: AXE_SOURCE });
      const result = await tab.evaluate<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${width} ${path} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('; ')}`);
      }
    }
  }
  await audit.close();
  assert.deepEqual(found, []);
});
