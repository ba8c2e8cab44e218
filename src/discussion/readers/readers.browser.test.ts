// What the page script does for one reader, in Debian's Chromium: "more comments" appends
// the next page in place, a guest's mute list lives in their browser, and a reader who
// signed in by e-mail link sees "signed in as …" instead of the guest fields, comments as
// their account and keeps their mute list on the server. Sealed: nothing leaves the machine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../../platform/browser.js';
import { ARTICLE, startHarness, type Harness } from './harness.js';

describe('readers in the browser', { skip: browserSkip() }, () => {
  let browser: Browser;
  let h: Harness;
  let origin = '';
  const ids: Record<string, number> = {};

  before(async () => {
    browser = await launchBrowser();
    h = await startHarness('sqlite');
    await h.discussion({ identity: 'both', policy: 'none', threadsPerPage: 2 });
    const people = [
      ['anna1', 'Anna', 'anna@example.org', 'Wann beginnt endlich die Sanierung der Grundschule am Markt?'],
      ['bernd', 'Bernd', 'bernd@example.org', 'Der Haushalt ist solide, das sollte man auch einmal sagen.'],
      ['carla', 'Carla', 'carla@example.org', 'Die Bibliothek braucht längere Öffnungszeiten am Wochenende.'],
      ['anna2', 'Anna', 'anna@example.org', 'Und das Freibad sollte im Sommer wieder früher öffnen.'],
      ['dora', 'Dora', 'dora@example.org', 'Der Radweg an der Hauptstraße ist in einem schlimmen Zustand.'],
    ] as const;
    for (const [id, name, email, body] of people) {
      h.later(60);
      ids[id] = await h.published({ name, email, body });
    }
    await h.app.http.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(h.app.http.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  async function sealed(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext();
    await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return { context, page, errors };
  }
  const comment = (page: Page, id: string) => page.locator(`#comment-${ids[id]}`);
  const collapsed = (page: Page, id: string) => comment(page, id).locator(':scope > .comment-body > .comment-text').isHidden();

  test('a guest loads more comments in place and mutes a commenter in their own browser', async () => {
    const { context, page, errors } = await sealed();
    try {
      await page.goto(`${origin}/${ARTICLE}/`);
      assert.equal(await page.locator('.comment-list > .comment').count(), 2);
      const more = page.locator('.more-comments');
      await more.click();
      await comment(page, 'anna2').waitFor();
      await more.click();
      await comment(page, 'dora').waitFor();
      assert.equal(await more.count(), 0, 'no button once the last page is in');
      assert.equal(page.url(), `${origin}/${ARTICLE}/`, 'no reload');

      await comment(page, 'anna1').locator('.comment-menu-button').first().click(); // mute sits in the '⋯' menu
      await comment(page, 'anna1').locator('.mute-button').click();
      await page.waitForSelector(`#comment-${ids.anna2} .comment-muted`);
      assert.ok(await collapsed(page, 'anna1'));
      assert.ok(await collapsed(page, 'anna2'), 'every comment of the same commenter');
      assert.ok(!(await collapsed(page, 'bernd')));
      await page.reload();
      await page.waitForSelector(`#comment-${ids.anna1} .comment-muted`);
      await comment(page, 'anna1').locator('.unmute-button').click();
      assert.ok(!(await collapsed(page, 'anna1')));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a reader signs in by e-mail link, comments as their account and mutes across reloads', async () => {
    const { context, page, errors } = await sealed();
    try {
      await page.goto(`${origin}/account/login/?return=/${ARTICLE}/`);
      await page.fill('#login-email', 'mia@example.org');
      await page.click('button[type=submit]');
      await page.waitForSelector('.notice[role=status]');
      const mail = (await h.mails()).filter((m) => m.to.includes('mia@example.org')).at(-1)!;
      const link = /\/account\/login\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail.text)![0];
      await page.goto(`${origin}${link}`);
      await page.fill('#reader-name', 'Mia Leserin');
      await page.click('button[type=submit]');
      await page.waitForURL(`${origin}/${ARTICLE}/`);

      const who = page.locator('#comment-form .comment-identity');
      await page.waitForSelector('#comment-form .comment-identity strong');
      assert.equal(await who.locator('strong').textContent(), 'Mia Leserin');
      assert.equal(await page.locator('#comment-form #comment-email').count(), 0, 'no name and e-mail fields');

      h.later(30); // people take a moment to write
      await page.fill('#comment-body', 'Ich bin neu hier und lese seit Jahren mit, danke für die Berichte.');
      await page.click('#comment-form button[type=submit]');
      await page.waitForURL(/posted=1/);
      const row = await h.app.services.database.db.selectFrom('comments').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.match(row.identity, /^reader:\d+$/);
      assert.equal(row.author_name, 'Mia Leserin');
      assert.equal(await page.locator(`#comment-${row.id} .mute-button`).count(), 0, 'nobody mutes themselves');

      await page.goto(`${origin}/${ARTICLE}/`);
      await page.waitForSelector(`#comment-${ids.bernd} .mute-button`, { state: 'attached' });
      await comment(page, 'bernd').locator('.comment-menu-button').first().click();
      await comment(page, 'bernd').locator('.mute-button').click();
      await page.waitForSelector(`#comment-${ids.bernd} .comment-muted`);
      await page.reload();
      await page.waitForSelector(`#comment-${ids.bernd} .comment-muted`);
      assert.ok(await collapsed(page, 'bernd'), 'the list comes from the account');
      assert.ok(!(await collapsed(page, 'anna1')));

      await who.locator('button').click();
      await page.waitForSelector('#comment-form #comment-email');
      assert.deepEqual((await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('bw_')), [], 'both cookies gone');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
