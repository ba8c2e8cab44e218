// A reader in Chromium selects a word in the demo showcase article, presses "Korrektur
// vorschlagen", edits the prefilled suggestion and sends it; it lands in the editors' inbox.
// Without JavaScript the link leads to the plain form instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, launchBrowser } from '../../platform/browser.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from '../../site/fixture.js';

const skip = browserSkip();
let site: DemoSite;
let browser: Browser;

before(async () => {
  if (skip) return;
  site = await startDemoSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('select, suggest, send: the suggestion reaches the inbox', { skip }, async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(site.baseUrl + SHOWCASE_PATH);
  // Select the first plain word of five letters or more in the first paragraph.
  // A string, not a function: this file is type-checked without the DOM library.
  const word = await page.evaluate<string | null>(`(() => {
    const paragraph = document.querySelector('.article-body > p');
    for (const node of paragraph.childNodes) {
      const match = node.nodeType === 3 ? /\\p{L}{5,}/u.exec(node.textContent || '') : null;
      if (!match) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
      return match[0];
    }
    return null;
  })()`);
  assert.ok(word, 'a word to select');
  const button = page.locator('.correction-button');
  await button.waitFor({ state: 'visible' });
  assert.equal(await button.textContent(), 'Korrektur vorschlagen');
  await button.click();
  const form = page.locator('.correction-inline');
  assert.equal(await form.locator('textarea[name="passage"]').inputValue(), word);
  await form.locator('textarea[name="replacement"]').fill(`${word}x`);
  await form.locator('textarea[name="note"]').fill('Aus dem Browser');
  await form.locator('button[type="submit"]').click();
  await form.locator('.notice').waitFor();
  assert.match((await form.textContent()) ?? '', /Danke/);
  const rows = await site.app.services.corrections.store.list({ status: 'open', limit: 10 });
  assert.ok(rows.some((r) => r.passage === word && r.replacement === `${word}x` && r.note === 'Aus dem Browser'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('without JavaScript the link opens the plain form', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.baseUrl + SHOWCASE_PATH);
  await page.locator('.suggest-correction a').click();
  await page.waitForURL(/\/correction\/$/);
  assert.equal(await page.locator('form.correction-form textarea[name="passage"]').count(), 1);
  await context.close();
});
