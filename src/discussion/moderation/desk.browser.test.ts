// A moderator on a 375 px phone works through a queue of more than 20 held comments in
// Chromium: card buttons (approve), the keyboard (j/k move, a approve, s spam, r reject
// with a preset reason and text, x select), a bulk approval of the selection, and a new
// comment arriving live. The page never scrolls sideways, axe-core finds nothing serious
// or critical on any tab, and every decision lands in the database. Waits are on
// conditions; page code is passed as strings (this file compiles without DOM types).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, keepOnSite, launchBrowser } from '../../platform/browser.js';
import { guestCaller } from '../../platform/caller.js';
import { createUser } from '../../platform/users.js';
import { DEMO_SHOWCASE_SLUG } from '../../demo/content.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';
import { seedDeskQueue } from './desk-fixture.js';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MOD = { email: 'mo@example.org', password: 'moderation-sicher-1', name: 'Mo Moderatorin' };
let site: DemoSite;
let browser: Browser;

before(async () => {
  if (skip) return;
  site = await startDemoSite();
  await createUser(site.app.services.database.db, { ...MOD, role: 'moderator' });
  const services = site.app.services;
  await seedDeskQueue({ ...services, postComment: services.operations.postComment }, { article: DEMO_SHOWCASE_SLUG, count: 20 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const cardCount = (page: Page) => page.locator('.desk-card').count();
let stage = 'start';
async function waitForCards(page: Page, n: number): Promise<void> {
  try {
    await page.waitForFunction(`document.querySelectorAll('.desk-card').length === ${n}`);
  } catch (error) {
    const flash = await page.locator('.desk-flash').textContent().catch(() => '');
    throw new Error(`${stage}: waited for ${n} cards, found ${await page.locator('.desk-card').count()} (flash: ${flash?.trim()})`, { cause: error });
  }
}
const currentId = (page: Page) => page.evaluate<string | null>(`document.querySelector('.desk-card.is-current')?.dataset.id ?? null`);

async function axeFindings(page: Page, where: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>(
    `axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

test('a moderator on a 375 px phone works through a queue of 20 with the card buttons and the keyboard', { skip, timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'de-DE', timezoneId: 'Europe/Berlin', bypassCSP: true });
  const offsite: string[] = [];
  await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
  const problems: string[] = [];
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });

  await page.goto(`${site.baseUrl}/admin/login/`);
  await page.fill('#login-email', MOD.email);
  await page.fill('#login-password', MOD.password);
  // A moderator lands on the desk after signing in.
  await Promise.all([page.waitForURL(/\/admin\/comments\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
  const total = await cardCount(page);
  assert.ok(total >= 20, `a queue of at least 20 (found ${total})`);
  assert.ok(await page.evaluate<boolean>('document.documentElement.scrollWidth <= 375'), 'nothing is cut off or scrolls sideways at 375 px');
  const found = await axeFindings(page, 'held');
  assert.ok(await page.locator('.card-parent').count() > 0, 'replies show the comment they answer');
  assert.ok(await page.locator('.badge-first').count() > 0, 'first-time commenters are marked');

  stage = 'buttons';
  // 1. Card buttons: approve the first five with a thumb.
  let left = total;
  for (let i = 0; i < 5; i++) {
    await page.locator('.desk-card').first().locator('form[data-action="approve"] button').click();
    await waitForCards(page, --left);
  }
  await page.locator('.desk-flash .notice:has-text("freigegeben")').waitFor();

  stage = 'keyboard';
  // 2. Keyboard: j/k move between cards; a approves, s marks spam the current one.
  await page.locator('.desk-card').first().focus();
  const first = await currentId(page);
  await page.keyboard.press('j');
  const second = await currentId(page);
  assert.notEqual(second, first, 'j moves to the next card');
  await page.keyboard.press('k');
  assert.equal(await currentId(page), first, 'k moves back');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('a');
    await waitForCards(page, --left);
  }
  await page.keyboard.press('s');
  await waitForCards(page, --left);
  await page.locator('.desk-flash .notice:has-text("Spam")').waitFor();

  stage = 'reject by keyboard';
  // 3. r opens the reason: a preset chosen with the arrow keys, an explanation, Enter.
  const rejected = await currentId(page);
  await page.keyboard.press('r');
  await page.locator(`#card-${rejected} .card-reject[open]`).waitFor();
  await page.keyboard.press('ArrowDown'); // "Hetze oder Diskriminierung"
  await page.locator(`#reason-${rejected}`).fill('Abwertung einer ganzen Gruppe.');
  await page.locator(`#card-${rejected} .card-reject button.danger`).press('Enter');
  await waitForCards(page, --left);

  stage = 'live';
  // 4. A new comment arrives while the moderator works.
  const services = site.app.services;
  const article = await services.database.db.selectFrom('articles').select('id').where('slug', '=', DEMO_SHOWCASE_SLUG).executeTakeFirstOrThrow();
  const live = await services.operations.postComment(guestCaller('192.0.2.250', services.secret, new Date()), article.id, {
    body: 'Gerade erst gelesen – gibt es das Protokoll der Sitzung online?', parentId: null, name: 'Neu Hier', email: 'neu-hier@example.org', notify: false,
  });
  assert.equal(live.status, 'pending');
  await page.locator(`#card-${live.id}`).waitFor();
  await page.locator('.desk-live:not([hidden])').waitFor();
  left += 1;

  stage = 'bulk';
  // 5. x selects the rest card by card; the bulk bar approves the selection.
  await page.locator('.desk-card').first().focus();
  for (let i = 0; i < left; i++) {
    await page.keyboard.press('x');
    if (i < left - 1) await page.keyboard.press('j');
  }
  await page.locator(`.bulk-count:has-text("${left} ausgewählt")`).waitFor();
  await Promise.all([page.waitForURL(/done=/), page.locator('#bulk button[value="approve"]').click()]);
  await page.locator(`.desk-flash .notice:has-text("${left} Kommentare bearbeitet.")`).waitFor();
  assert.equal(await cardCount(page), 0, 'the queue is empty');
  await page.locator('.desk-empty').waitFor();

  // Every decision is in the database and in the log.
  const db = services.database.db;
  const pending = await db.selectFrom('comments').select('id').where('status', '=', 'pending').execute();
  assert.deepEqual(pending, []);
  const spam = await db.selectFrom('comments').select('id').where('status', '=', 'spam').execute();
  assert.equal(spam.length, 1);
  const statement = await db.selectFrom('comments').select('status').where('id', '=', Number(rejected)).executeTakeFirstOrThrow();
  assert.equal(statement.status, 'rejected');
  const log = await page.locator('.log-lines li').first().textContent();
  assert.match(log ?? '', /Mo Moderatorin hat den Kommentar von .+ zu „.+“ freigegeben\./);
  const reasons = await page.locator('.log-lines').textContent();
  assert.match(reasons ?? '', /Grund: Hetze oder Diskriminierung: Abwertung einer ganzen Gruppe\./);

  for (const filter of ['reported', 'notices', 'spam']) {
    await page.goto(`${site.baseUrl}/admin/comments/?filter=${filter}`);
    assert.ok(await page.evaluate<boolean>('document.documentElement.scrollWidth <= 375'), `${filter}: no sideways scrolling`);
    found.push(...(await axeFindings(page, filter)));
  }
  assert.deepEqual(found, [], 'axe: nothing serious or critical');
  assert.deepEqual(offsite, [], 'no request left the site');
  assert.deepEqual(problems, []);
  await context.close();
});
