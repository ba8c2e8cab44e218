// A reader's journey through the demo newsroom in Debian's Chromium: from the home page to
// the showcase article, its credits, related articles and the two-click video, and the
// promise behind it (DESIGN.md, "Private by default"): no request leaves the site's own
// origin until the reader asks for the video. Anything that would leave the machine is
// answered locally (the video player) or blocked, and recorded either way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { demoArticles, DEMO_SHOWCASE_SLUG } from '../demo/content.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from './fixture.js';

const PLAYER_HOST = 'www.youtube-nocookie.com';
const PAGES = [
  '/',
  SHOWCASE_PATH,
  '/tag/stadtrat/',
  '/author/miriam-albrecht/',
  '/search?q=Haushalt',
  '/support/',
  '/impressum/',
  '/datenschutz/',
];

const showcase = demoArticles.find((a) => a.slug === DEMO_SHOWCASE_SLUG);
if (!showcase) throw new Error(`demo content has no article ${DEMO_SHOWCASE_SLUG}`);

/** Requests to anything but the site (data: and blob: URLs never leave the browser). */
function foreign(urls: readonly string[], origin: string): string[] {
  return urls.filter((url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== origin);
}

/**
 * A context where nothing leaves the machine: the video player's host gets an empty page,
 * every other foreign request is aborted. The page's own 'request' events still see them.
 */
async function sealedContext(browser: Browser, origin: string, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, viewport: { width: 1280, height: 900 } });
  await context.route(
    (url) => url.origin !== origin,
    (route) =>
      new URL(route.request().url()).hostname === PLAYER_HOST
        ? route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' })
        : route.abort('blockedbyclient'),
  );
  return context;
}

interface Recorder {
  requests: string[];
  errors: string[];
}

function record(page: Page): Recorder {
  const recorder: Recorder = { requests: [], errors: [] };
  page.on('request', (request) => recorder.requests.push(request.url()));
  page.on('pageerror', (error) => recorder.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') recorder.errors.push(message.text());
  });
  return recorder;
}

/** Scrolls to the end a screen at a time, so lazy images load, then waits for the network to settle. */
async function readToTheEnd(page: Page): Promise<void> {
  // Runs in the page, so it is written as a string: the project compiles without DOM types.
  await page.evaluate(`(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  })()`);
  await page.waitForLoadState('networkidle');
}

describe('reader journey in Chromium', { skip: browserSkip() }, () => {
  let site: DemoSite;
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser(); // first: a missing Chromium fails before the slow seeding
    site = await startDemoSite();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('home → showcase article: headline, image credit, related articles; no third party before the video is asked for', async () => {
    const context = await sealedContext(browser, site.baseUrl);
    try {
      const page = await context.newPage();
      const seen = record(page);
      const home = await page.goto(`${site.baseUrl}/`);
      assert.equal(home?.status(), 200);

      await Promise.all([
        page.waitForURL(`${site.baseUrl}${SHOWCASE_PATH}`),
        page.getByRole('main').getByRole('link', { name: showcase.title, exact: true }).first().click(),
      ]);
      assert.equal((await page.locator('h1').textContent())?.trim(), showcase.title);

      const credit = page.locator('.featured-image .image-credit');
      assert.match((await credit.textContent()) ?? '', /CC BY 4\.0/);
      const licence = credit.getByRole('link', { name: 'CC BY 4.0', exact: true });
      assert.match((await licence.getAttribute('href')) ?? '', /^https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/$/);
      assert.match((await licence.getAttribute('rel')) ?? '', /\blicense\b/);

      const related = page.locator('section.related .card-title a');
      assert.equal(await related.count(), 3);
      for (const path of await related.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        const href = new URL(path, site.baseUrl).href;
        assert.equal(new URL(href).origin, site.baseUrl, href);
        assert.notEqual(new URL(href).pathname, SHOWCASE_PATH, 'an article is not related to itself');
        assert.equal((await fetch(href)).status, 200, href);
      }

      await readToTheEnd(page);
      assert.deepEqual(foreign(seen.requests, site.baseUrl), [], 'requests to other origins before consent');
      assert.equal(await page.locator('iframe').count(), 0, 'no player before consent');

      const load = page.locator('figure.embed .embed-load');
      assert.ok(await load.isVisible(), 'the script shows the load button');
      const playerRequest = page.waitForRequest((request) => new URL(request.url()).hostname === PLAYER_HOST);
      await load.click();
      await playerRequest;
      const iframe = page.locator('figure.embed iframe');
      await iframe.waitFor({ state: 'attached' });
      const src = new URL((await iframe.getAttribute('src')) ?? '');
      assert.equal(src.hostname, PLAYER_HOST);
      assert.match(src.pathname, /^\/embed\/dQw4w9WgXcQ$/);
      // The player's page has loaded. Not "network idle": in a clean-clone CI run with two browser
      // files at a time that waited past 30 s once (the cause was not found).
      await (await (await iframe.elementHandle()).contentFrame())!.waitForLoadState('load');
      const after = foreign(seen.requests, site.baseUrl).map((url) => new URL(url).hostname);
      assert.deepEqual([...new Set(after)], [PLAYER_HOST], 'after consent only the chosen player is contacted');
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the article reads and the search form finds articles', async () => {
    const context = await sealedContext(browser, site.baseUrl, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(`${site.baseUrl}${SHOWCASE_PATH}`);
      assert.equal((await page.locator('h1').textContent())?.trim(), showcase.title);
      const paragraphs = page.locator('.article-body > p');
      assert.ok((await paragraphs.count()) >= 5);
      assert.ok(await paragraphs.first().isVisible());
      assert.ok(((await paragraphs.first().textContent()) ?? '').length > 100);
      assert.ok(await page.locator('.featured-image img').isVisible());
      // The video stays a placeholder with a plain link to the original; the script-only button stays hidden.
      assert.ok(await page.locator('figure.embed .embed-load').isHidden());
      assert.ok(await page.locator('figure.embed .embed-fallback a').isVisible());
      assert.equal(await page.locator('iframe').count(), 0);

      await Promise.all([page.waitForURL(`${site.baseUrl}/search`), page.getByRole('navigation').getByRole('link', { name: 'Suche' }).click()]);
      await page.getByRole('searchbox').fill('Haushalt');
      await Promise.all([page.waitForURL(/\/search\?q=Haushalt$/), page.getByRole('search').getByRole('button').click()]);
      assert.match((await page.locator('.search-summary').textContent()) ?? '', /Haushalt/);
      const results = page.locator('.search-results li h2 a');
      assert.ok((await results.count()) >= 2, 'several articles mention the budget');
      assert.ok((await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).includes(SHOWCASE_PATH));
      await Promise.all([page.waitForURL(`${site.baseUrl}${SHOWCASE_PATH}`), results.filter({ hasText: showcase.title }).click()]);
      assert.equal((await page.locator('h1').textContent())?.trim(), showcase.title);

      await page.waitForLoadState('networkidle');
      assert.deepEqual(foreign(seen.requests, site.baseUrl), []);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  test('no public page makes a third-party request', async () => {
    const context = await sealedContext(browser, site.baseUrl);
    try {
      for (const path of PAGES) {
        const page = await context.newPage();
        const seen = record(page);
        const response = await page.goto(`${site.baseUrl}${path}`);
        assert.equal(response?.status(), 200, path);
        await readToTheEnd(page);
        assert.ok(seen.requests.length > 1, `${path} loads its assets`);
        assert.deepEqual(foreign(seen.requests, site.baseUrl), [], path);
        assert.deepEqual(seen.errors, [], path);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
});
