// A reader's journey through the demo's discussion on a 375 px phone, in Debian's Chromium
// (issue 12): read the article and jump from the byline to the discussion, open a comment's
// "⋯" menu, start a reply, cancel it, reply again and send, like and unlike (the like is
// still shown after a reload), and get a live comment while reading deep in a thread: the
// notice floats in view and takes the reader to it. Screenshots of each step are written to
// docs/screenshots/reader-journey/. Nothing leaves the machine; waits are on conditions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from '../site/fixture.js';

const SHOTS = join(process.cwd(), 'docs', 'screenshots', 'reader-journey');
const PHONE = { width: 375, height: 812 };

describe('a reader on a phone, in Chromium', { skip: browserSkip() }, () => {
  let site: DemoSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const foreign: string[] = [];
  let skew = 0;

  before(async () => {
    browser = await launchBrowser();
    site = await startDemoSite({ now: () => new Date(Date.now() + skew) });
    const { settings } = site.app.services;
    // The reader is a regular: their comment appears at once (holding is the moderation journey's part).
    await settings.update('discussion', { ...(await settings.get('discussion')), policy: 'none' });
    context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await context.route((url) => url.origin !== site.baseUrl, (route) => {
      foreign.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('dialog', (dialog) => {
      errors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });

  const shot = (name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  const db = () => site.app.services.database.db;
  const idOf = async (start: string) =>
    (await db().selectFrom('comments').select('id').where('body', 'like', `${start}%`).executeTakeFirstOrThrow()).id;
  const inView = async (selector: string) => {
    const box = await page.locator(selector).boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height;
  };

  test('reads the article and jumps from the byline to the discussion', async () => {
    await page.goto(`${site.baseUrl}${SHOWCASE_PATH}`);
    await shot('01-article');
    const link = page.locator('.byline-comments');
    assert.match((await link.textContent()) ?? '', /^\d+ Kommentare$/);
    await link.click();
    await page.waitForFunction("location.hash === '#comments'");
    await shot('02-discussion');
    assert.ok(await inView('#comments-title'), 'the discussion heading is on screen');
    // The actions of a comment fit on one line: like, reply and the "⋯" menu.
    const first = page.locator('.comment-list > .comment').first();
    const footer = await first.locator(':scope > .comment-body > .comment-actions').boundingBox();
    assert.ok(footer && footer.height < 48, `one line of actions, not ${footer?.height}px`);
  });

  test('opens the "⋯" menu of a comment and closes it again', async () => {
    const first = page.locator('.comment-list > .comment').first();
    const menu = first.locator(':scope > .comment-body .comment-menu');
    assert.ok(await menu.locator('.report-link').isHidden(), 'report waits in the closed menu');
    await menu.locator('summary').click();
    await menu.locator('.report-link').waitFor({ state: 'visible' });
    assert.equal((await menu.locator('.report-link').textContent())?.trim(), 'Melden');
    assert.ok(await menu.locator('.notice-link').isVisible());
    assert.ok(await menu.locator('.mute-button').isVisible(), 'mute is in the menu too');
    const list = await menu.locator('.comment-menu-list').boundingBox();
    assert.ok(list && list.x >= 0 && list.x + list.width <= PHONE.width, 'the menu stays on the screen');
    await shot('03-menu');
    await page.keyboard.press('Escape');
    assert.ok(await menu.locator('.report-link').isHidden());
  });

  test('starts a reply, cancels it, replies again and sends it', async () => {
    const petra = await idOf('Was mir fehlt');
    const item = page.locator(`#comment-${petra}`);
    await item.locator(':scope > .comment-body .reply-link').click();
    const form = item.locator('#comment-form');
    await form.waitFor();
    assert.equal((await form.locator('.comment-form-title').textContent())?.trim(), 'Antwort an Petra Lindner');
    assert.equal(await form.locator('input[name="parentId"]').inputValue(), String(petra));
    await form.getByLabel('Kommentar', { exact: true }).fill('Ein Entwurf, den ich doch nicht sende.');
    await shot('04-reply');
    await form.getByRole('button', { name: 'Abbrechen' }).click();
    const home = page.locator('.discussion > #comment-form');
    await home.waitFor();
    assert.equal((await home.locator('.comment-form-title').textContent())?.trim(), 'Ihr Kommentar');
    assert.equal(await home.locator('input[name="parentId"]').count(), 0, 'a cancelled reply answers nobody');
    assert.equal(await home.getByRole('button', { name: 'Abbrechen' }).count(), 0);

    await item.locator(':scope > .comment-body .reply-link').click();
    await form.waitFor();
    await form.getByLabel('Name').fill('Mara Fink');
    await form.getByLabel(/E-Mail-Adresse/).fill('mara@example.org');
    await form.getByLabel('Kommentar', { exact: true }).fill('Danke für die Zahlen zum Schuldenstand, das ordnet die 46 Millionen gut ein.');
    skew += 20_000; // the reader took twenty seconds to write (the form stamp wants at least three)
    await Promise.all([page.waitForURL(/\?posted=1#comment-\d+$/), form.getByRole('button', { name: 'Kommentar senden' }).click()]);
    const answerId = Number(/#comment-(\d+)$/.exec(page.url())?.[1]);
    const answer = page.locator(`#comment-${petra} > .comment-replies > #comment-${answerId}`);
    assert.ok(await answer.isVisible());
    assert.equal((await answer.locator('.comment-author').textContent())?.trim(), 'Mara Fink');
    await shot('05-sent');
  });

  test('likes a comment, sees it after a reload, and takes the like back', async () => {
    const sandra = await idOf('Als Mutter');
    const likes = async () => (await db().selectFrom('comments').select('likes').where('id', '=', sandra).executeTakeFirstOrThrow()).likes;
    const before = await likes();
    const button = page.locator(`#comment-${sandra} > .comment-body .like-button`);
    await button.scrollIntoViewIfNeeded();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await button.click();
    await page.locator(`#comment-${sandra} > .comment-body .like-button[aria-pressed="true"]`).waitFor();
    assert.equal((await button.locator('.like-count').textContent())?.trim(), String(before + 1));
    assert.equal(await likes(), before + 1);
    assert.equal(await button.getAttribute('aria-pressed'), 'true', 'the button shows the like is on');
    await shot('06-liked');

    await page.reload();
    await page.locator(`#comment-${sandra} > .comment-body .like-button[aria-pressed="true"]`).waitFor();
    await button.click();
    await page.locator(`#comment-${sandra} > .comment-body .like-button[aria-pressed="false"]`).waitFor();
    assert.equal((await button.locator('.like-count').textContent())?.trim(), String(before));
    assert.equal(await likes(), before);
    await page.reload();
    assert.equal(await button.getAttribute('aria-pressed'), 'false', 'a like taken back stays taken back');
  });

  test('reading deep in a thread, a live comment is announced where the reader is and shown on request', async () => {
    const listening = async (want: (n: number) => boolean, what: string) => {
      const deadline = Date.now() + 15_000;
      while (!want(site.app.services.sse.connections())) {
        if (Date.now() > deadline) throw new Error(what);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await page.goto('about:blank');
    await listening((n) => n === 0, 'the earlier page to stop listening');
    await page.goto(`${site.baseUrl}${SHOWCASE_PATH}`);
    // Four levels down in the debate about the city's debts (the fifth continues on its own page).
    const deep = await idOf('Mittelfeld ja');
    await page.locator(`#comment-${deep} > .comment-body`).scrollIntoViewIfNeeded();
    await listening((n) => n >= 1, 'the page did not start listening for new comments');
    const scrollY = () => page.evaluate<number>('window.scrollY');
    const scrolled = await scrollY();
    const article = await site.app.services.content.store.findBy('slug', SHOWCASE_PATH.slice(1, -1));
    const posted = await site.app.services.operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'live-reader' }, article!.id, {
      body: 'Die Bürgschaften stehen im Beteiligungsbericht, Seite 40.', parentId: deep, name: 'Udo Kern', email: 'udo@example.org', notify: false,
    });
    const notice = page.locator('.live-status .new-comments');
    await notice.waitFor();
    assert.equal((await notice.textContent())?.trim(), '1 neuer Kommentar – anzeigen');
    assert.ok(await inView('.live-status .new-comments'), 'the notice floats on screen, deep in the thread');
    assert.equal(await scrollY(), scrolled, 'nothing jumped');
    await shot('07-live-notice');
    await notice.click();
    const arrived = page.locator(`#comment-${deep} > .comment-replies > #comment-${posted.id}`);
    await arrived.waitFor();
    assert.ok(await inView(`#comment-${posted.id} > .comment-body`), 'the new comment is on screen');
    assert.ok(await page.locator('.live-status').isHidden());
    await shot('08-live-shown');
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  });
});
