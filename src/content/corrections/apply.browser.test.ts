// A correction from suggestion to the page, in Chromium, by two people in two browsers:
// a reader double-clicks a misspelt word in a published article, presses "Korrektur
// vorschlagen" and sends the fix; an editor signs in at /admin/login/, opens the
// corrections inbox, sees the reader's passage and suggestion, adds a public note and
// applies it in one click. The reader's next look at the article shows the corrected
// sentence and the correction note under it. Assertions are on what each person sees.
// Waits are on conditions only. Page code is passed as strings: this file is
// type-checked without the DOM library.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser, keepOnSite } from '../../platform/browser.js';
import { createUser } from '../../platform/users.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';

const skip = browserSkip();
const EDITOR = { email: 'chefin@example.org', password: 'chefin-sehr-geheim', name: 'Clara Chefin' };
const SLUG = 'neue-bruecke-ueber-die-saale';
const TYPO = 'Stadtratt';
const FIXED = 'Stadtrat';
const WRONG_SENTENCE = `Der ${TYPO} hat am Dienstag den Bau der Brücke beschlossen.`;
const RIGHT_SENTENCE = `Der ${FIXED} hat am Dienstag den Bau der Brücke beschlossen.`;
const NOTE = 'In einer früheren Fassung stand „Stadtratt“. Wir haben den Tippfehler korrigiert.';

let site: DemoSite;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

before(async () => {
  if (skip) return;
  site = await startDemoSite();
  const { content, database } = site.app.services;
  await createUser(database.db, { ...EDITOR, role: 'editor' });
  const author = (await content.store.allAuthors())[0];
  await content.createArticle({
    lang: 'de', slug: SLUG, title: 'Neue Brücke über die Saale', subtitle: 'Der Bau beginnt im Herbst.', status: 'published',
    publishedAt: new Date(Date.now() - 3_600_000), authorIds: author ? [author.id] : [], tagIds: [],
    body: [
      { type: 'paragraph', text: WRONG_SENTENCE },
      { type: 'paragraph', text: 'Die Arbeiten sollen zwei Jahre dauern.' },
    ],
  });
  browser = await launchBrowser();
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await site?.close();
});

/** A person with a browser of their own: German, nothing leaves the site, every script error noted. */
async function person(who: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  contexts.push(context);
  await keepOnSite(context, site.baseUrl, (url) => problems.push(`${who}: request to ${url}`));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(`${who}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${who} console: ${message.text()}`);
  });
  return page;
}

/** Reloads until `check` holds: the page cache is invalidated by an event, not by the request. */
async function reloadUntil(page: Page, what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await page.reload();
  }
}

test('a reader suggests a fix, an editor applies it in one click, the article shows it with a note', { skip, timeout: 120_000 }, async () => {
  // --- The reader: double-click the misspelt word, press the button, send ----------------
  const reader = await person('reader');
  await reader.goto(`${site.baseUrl}/${SLUG}/`);
  const sentence = reader.locator('.article-body p', { hasText: TYPO });
  assert.equal(await sentence.textContent(), WRONG_SENTENCE);
  // Where the word is on screen, so the mouse can double-click it as a person would.
  const box = await reader.evaluate<{ x: number; y: number } | null>(`(() => {
    for (const p of document.querySelectorAll('.article-body p')) {
      const node = p.firstChild;
      const at = node && node.nodeType === 3 ? node.textContent.indexOf(${JSON.stringify(TYPO)}) : -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${TYPO.length});
      range.startContainer.parentElement.scrollIntoView({ block: 'center' });
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  })()`);
  assert.ok(box, 'the misspelt word is on the page');
  await reader.mouse.dblclick(box.x, box.y);
  const button = reader.getByRole('button', { name: 'Korrektur vorschlagen' });
  await button.waitFor({ state: 'visible' });
  await button.click();
  const form = reader.locator('form.correction-inline');
  assert.equal(await form.getByLabel('Textstelle').inputValue(), TYPO, 'the selection is the passage');
  await form.getByLabel('Ihr Vorschlag').fill(FIXED);
  await form.getByLabel(/^Anmerkung/).fill('Da ist ein t zu viel.');
  await form.getByLabel(/^Name/).fill('Lena Leserin');
  await form.getByRole('button', { name: 'Vorschlag senden' }).click();
  await form.getByRole('status').filter({ hasText: 'Danke! Die Redaktion prüft Ihren Vorschlag.' }).waitFor();
  // Nothing changes for readers before an editor decides.
  await reader.reload();
  assert.equal(await reader.locator('.article-body p', { hasText: 'beschlossen' }).textContent(), WRONG_SENTENCE);
  assert.equal(await reader.locator('section.corrections').count(), 0);

  // --- The editor: sign in, open the inbox, see it, apply it --------------------------------
  const editor = await person('editor');
  await editor.goto(`${site.baseUrl}/admin/login/`);
  await editor.getByLabel('E-Mail-Adresse').fill(EDITOR.email);
  await editor.getByLabel('Passwort').fill(EDITOR.password);
  await Promise.all([editor.waitForURL(/\/admin\/$/), editor.click('form[action="/admin/login/"] button[type="submit"]')]);
  await editor.goto(`${site.baseUrl}/admin/corrections/`);
  await editor.getByRole('heading', { name: 'Korrekturvorschläge' }).waitFor();
  const item = editor.locator('li.correction-item', { hasText: 'Neue Brücke über die Saale' });
  assert.equal(await item.count(), 1, 'the suggestion is in the inbox');
  assert.equal(await item.locator('del').textContent(), TYPO);
  assert.equal(await item.locator('ins').textContent(), FIXED);
  assert.match((await item.textContent()) ?? '', /Da ist ein t zu viel\./);
  assert.match((await item.textContent()) ?? '', /Von Lena Leserin/);
  await item.getByLabel('Öffentlicher Korrekturhinweis (freiwillig)').fill(NOTE);
  await Promise.all([editor.waitForURL(/\/admin\/corrections\/\?done=applied$/), item.getByRole('button', { name: 'Übernehmen' }).click()]);
  await editor.getByRole('status').filter({ hasText: 'Der Vorschlag wurde übernommen.' }).waitFor();
  // The demo's own suggestion (a typo its discussion points out) stays open; this one is done.
  assert.equal(await editor.locator('li.correction-item', { hasText: 'Neue Brücke über die Saale' }).count(), 0, 'this suggestion is no longer open');
  await editor.getByRole('link', { name: 'Übernommen' }).click();
  const decided = editor.locator('li.correction-item', { hasText: 'Neue Brücke über die Saale' });
  assert.match((await decided.textContent()) ?? '', /Entschieden von Clara Chefin/);

  // --- The reader looks again: corrected text and the note ------------------------------------
  await reloadUntil(reader, 'the corrected article', async () => (await reader.locator('section.corrections').count()) > 0);
  assert.equal(await reader.locator('.article-body p', { hasText: 'beschlossen' }).textContent(), RIGHT_SENTENCE);
  assert.doesNotMatch((await reader.locator('.article-body').textContent()) ?? '', new RegExp(TYPO), 'the typo is gone from the article');
  const notes = reader.locator('section.corrections');
  assert.equal(await notes.getByRole('heading').textContent(), 'Korrekturen');
  assert.match((await notes.locator('li').textContent()) ?? '', new RegExp(`^Korrektur: .+ – ${NOTE}$`));
  assert.ok(await notes.isVisible(), 'the note is on screen, not just in the markup');

  assert.deepEqual(problems, [], 'no script errors, no requests off the site');
});
