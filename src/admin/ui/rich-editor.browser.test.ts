// The block inserter in Chromium (issue 14): an editor inserts a table, code, a gallery,
// a collapsible part and a separator from the toolbar, marks a subscript and an
// abbreviation, saves, and the body holds each block as the site renders it. An empty
// gallery is refused by the server and marked where it is, with the reason, and axe-core
// finds nothing serious in the editor meanwhile. Waits are on conditions only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Block } from '../../content/index.js';
import { browserSkip, keepOnSite, launchBrowser } from '../../platform/browser.js';
import { createUser } from '../../platform/users.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';
import { buildEditorBundle, editorBundleMissing } from './build.mjs';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const EMAIL = 'tabellen@example.org';
const PASSWORD = 'ein-langes-passwort';
let site: DemoSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

before(async () => {
  if (skip) return;
  // Built fresh: the bundle may be older than the editor's new blocks.
  if (editorBundleMissing() || process.env.BLATTWERK_FROM_SOURCE) await buildEditorBundle({ quiet: true });
  site = await startDemoSite();
  await createUser(site.app.services.database.db, { email: EMAIL, password: PASSWORD, role: 'editor', name: 'Tabea Tabelle' });
  browser = await launchBrowser();
  // bypassCSP only lets axe's own script in; the editor runs as served.
  context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', bypassCSP: true });
  await keepOnSite(context, site.baseUrl, () => undefined);
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

const prose = () => page.locator('#editor-body .ProseMirror');
/** A text format from the toolbar, or a block from the inserter the toolbar's "+" opens. */
async function tool(cmd: string) {
  if (await page.locator(`#editor-toolbar button[data-cmd="${cmd}"]`).count()) return page.click(`#editor-toolbar button[data-cmd="${cmd}"]`);
  await page.click('#editor-toolbar button[data-cmd="insert"]');
  await page.click(`#block-menu [data-cmd="${cmd}"]`);
}

test('insert every new block from the toolbar and the block inserter, save, and see a refused gallery marked in place', { skip, timeout: 180_000 }, async () => {
  await page.goto(`${site.baseUrl}/admin/login/`);
  await page.fill('#login-email', EMAIL);
  await page.fill('#login-password', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
  await page.goto(`${site.baseUrl}/admin/articles/new/`);
  await page.locator('#article-editor[data-ready="true"]').waitFor();
  await page.fill('#f-title', 'Alle Blöcke');

  // Inline marks while typing: H2O with a subscript, an abbreviation with its long form.
  await prose().click();
  await page.keyboard.type('H');
  await tool('subscript');
  await page.keyboard.type('2');
  await tool('subscript');
  await page.keyboard.type('O und ');
  page.once('dialog', (dialog) => void dialog.accept('Bezirksverordnetenversammlung'));
  await tool('abbr');
  await page.keyboard.type('BVV');
  assert.equal(await prose().locator('sub').textContent(), '2');
  assert.equal(await prose().locator('abbr[title="Bezirksverordnetenversammlung"]').textContent(), 'BVV');

  // A table: two by two to start with, a third column, header row on, a caption.
  await tool('table');
  const table = prose().locator('.editor-table');
  await table.waitFor();
  await table.locator('button', { hasText: 'Spalte hinzufügen' }).click();
  const cells = [['Bezirk', 'Stimmen', 'Anteil'], ['Altstadt', '1.200', '31 %']];
  for (const [r, row] of cells.entries()) for (const [c, value] of row.entries()) await table.locator(`input[data-cell="${r}:${c}"]`).fill(value);
  await table.locator('input[data-attr="caption"]').fill('Ergebnis');
  await table.locator('select').nth(2).selectOption('right');

  // Code, typed in place with its indentation and a language label.
  await tool('code');
  const code = prose().locator('.editor-code');
  await code.waitFor();
  await code.locator('pre').click();
  await page.keyboard.type('if ok:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('    zaehlen()');
  await code.locator('input[data-attr="language"]').fill('Python');

  // A collapsible part, a separator, and a gallery of one library image.
  await tool('details');
  const details = prose().locator('.editor-details');
  await details.locator('input[data-attr="summary"]').fill('Wie gezählt wurde');
  await details.locator('.editor-details-text').click();
  await page.keyboard.type('Doppelt.');
  await tool('separator');
  await tool('gallery');
  await page.locator('#media-dialog').waitFor({ state: 'visible' });
  await page.locator('#media-library .media-pick-button').first().click();
  const gallery = prose().locator('.editor-gallery');
  await gallery.locator('.editor-gallery-item').waitFor();
  await gallery.locator('input[data-attr="g-caption-0"]').fill('Am Wahlabend');

  await page.click('#btn-save');
  await page.locator('#editor-status', { hasText: 'Gespeichert' }).waitFor();
  const id = Number(/\/admin\/articles\/(\d+)\/$/.exec(page.url())?.[1]);
  const stored = (await site.app.services.content.store.findBy('id', id))!.body as Block[];
  assert.deepEqual(stored.map((b) => b.type), ['paragraph', 'table', 'code', 'details', 'separator', 'gallery']);
  assert.equal((stored[0] as { text: string }).text, 'H~2~O und [BVV]{title="Bezirksverordnetenversammlung"}');
  assert.deepEqual(stored[1], { type: 'table', rows: cells, headerRow: true, align: [null, null, 'right'], caption: 'Ergebnis' });
  assert.deepEqual(stored[2], { type: 'code', text: 'if ok:\n    zaehlen()', language: 'Python' });
  assert.deepEqual(stored[3], { type: 'details', summary: 'Wie gezählt wurde', text: 'Doppelt.' });
  assert.equal((stored[5] as { images: { caption?: string }[] }).images[0]?.caption, 'Am Wahlabend');

  // axe-core on the editor with every new block in it.
  await page.addScriptTag({ content: AXE_SOURCE });
  const axe = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`)) as { violations: { id: string; impact: string | null }[] };
  assert.deepEqual(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);

  // The gallery's only image removed: the server refuses it, the block shows why.
  await gallery.locator('button', { hasText: 'Bild 1 entfernen' }).click();
  await page.click('#btn-save');
  await page.locator('#editor-error', { hasText: 'mindestens ein Bild' }).waitFor();
  await gallery.locator('.editor-block-error', { hasText: 'mindestens ein Bild' }).waitFor();
  assert.equal(await page.locator('.editor-block-invalid').count(), 1);
  assert.match((await page.locator('.editor-block-invalid').getAttribute('class')) ?? '', /editor-gallery/);
  const still = (await site.app.services.content.store.findBy('id', id))!.body as Block[];
  assert.equal(still.find((b) => b.type === 'gallery')?.type === 'gallery' && (still.find((b) => b.type === 'gallery') as { images: unknown[] }).images.length, 1, 'nothing was saved');
  assert.deepEqual(problems, []);
});
