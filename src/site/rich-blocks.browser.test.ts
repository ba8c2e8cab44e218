// Tables, galleries, code and details as readers meet them, in Chromium: on a 375 px
// phone a wide table scrolls inside its own region and its first column stays in view;
// a gallery image opens at full size with JavaScript switched off; axe-core finds
// nothing to report in the article body and nothing serious on the page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { startDemoSite, type DemoSite } from './fixture.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PATH = '/wahlergebnis-in-zahlen/';

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function axe(page: Page, context: string): Promise<AxeResult> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // A string, because it runs in the page and the project compiles without DOM types.
  return page.evaluate<AxeResult>(`axe.run(${JSON.stringify(context)}, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
}

const describeViolations = (result: AxeResult) =>
  result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);

describe('rich blocks in Chromium', { skip: browserSkip() }, () => {
  let site: DemoSite;
  let fullWidth = 0;

  before(async () => {
    site = await startDemoSite();
    const { media, content } = site.app.services;
    const images: number[] = [];
    for (const [name, colour] of [['wahlabend', '#2a6'], ['auszaehlung', '#a62'], ['rathaus', '#26a']] as const) {
      const file = await sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } }).jpeg().toBuffer();
      const item = await media.importImage(file, { name, alt: `Bild: ${name}`, caption: '', credit: 'Jana Beispiel', licence: 'cc-by-4.0' });
      images.push(item.id);
    }
    fullWidth = 1200;
    const parties = ['Partei A', 'Partei B', 'Partei C', 'Partei D', 'Partei E', 'Partei F', 'Sonstige'];
    await content.createArticle({
      lang: 'de', title: 'Wahlergebnis in Zahlen', status: 'published', publishedAt: new Date('2025-05-01T08:00:00Z'), authorIds: [], tagIds: [],
      body: [
        { type: 'paragraph', text: 'Die Wahlbeteiligung lag bei 61,3 %, CO~2~-Bilanz der Briefwahl und 10^3^ Helfer; die [BVV]{title="Bezirksverordnetenversammlung"} ~~tagt~~ tagte.' },
        {
          type: 'table', headerRow: true, headerColumn: true, caption: 'Stimmen nach Wahlbezirk', source: 'Quelle: Wahlamt',
          align: [null, ...parties.map(() => 'right' as const)],
          rows: [['Wahlbezirk', ...parties], ...['Altstadt', 'Nordviertel', 'Südstadt', 'Hafen'].map((district, i) => [district, ...parties.map((_, j) => `${(i + 1) * 1000 + j * 137}`)])],
        },
        { type: 'gallery', caption: 'Der Wahlabend', images: images.map((mediaId, i) => ({ mediaId, caption: `Bild ${i + 1}` })) },
        { type: 'code', text: 'Bezirk;Stimmen\nAltstadt;1000', language: 'CSV' },
        { type: 'details', summary: 'Wie gezählt wurde', text: 'Alle Stimmen wurden doppelt gezählt.' },
        { type: 'separator' },
        { type: 'paragraph', text: 'Ende.' },
      ],
    });
  });

  after(async () => {
    await site?.close();
  });

  test('on a 375 px phone the table scrolls in its region and its first column stays in view', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      assert.equal((await page.goto(`${site.baseUrl}${PATH}`))?.status(), 200);
      const region = page.locator('.table-scroll');
      const measure = () =>
        page.evaluate(`(() => {
          const region = document.querySelector('.table-scroll');
          const first = document.querySelector('.table-block tbody tr th');
          const last = document.querySelector('.table-block tbody tr td:last-child');
          const box = (el) => el.getBoundingClientRect();
          return { scrollWidth: region.scrollWidth, clientWidth: region.clientWidth, pageWidth: document.documentElement.scrollWidth,
            region: box(region).left, first: box(first).left, firstRight: box(first).right, last: box(last).left, scrollLeft: region.scrollLeft };
        })()`) as Promise<{ scrollWidth: number; clientWidth: number; pageWidth: number; region: number; first: number; firstRight: number; last: number; scrollLeft: number }>;
      const before = await measure();
      assert.ok(before.scrollWidth > before.clientWidth, `the table is wider than the phone (${before.scrollWidth} > ${before.clientWidth})`);
      assert.ok(before.pageWidth <= 375, `the page itself does not scroll sideways (${before.pageWidth})`);
      // Scroll the region as a reader's thumb (or the keyboard) would.
      await region.evaluate((el, x) => el.scrollTo({ left: x }), 400);
      const after = await measure();
      assert.ok(after.scrollLeft > 0, 'the region scrolled');
      assert.ok(after.last < before.last, 'the other columns moved');
      assert.ok(Math.abs(after.first - after.region) <= 1, `the first column stays at the region's edge (${after.first} vs ${after.region})`);
      assert.ok(after.firstRight > after.region + 20, 'and stays visible');
      // The region is reachable by keyboard and named after the table.
      assert.equal(await region.getAttribute('tabindex'), '0');
      assert.equal(await region.getAttribute('aria-label'), 'Stimmen nach Wahlbezirk');
      assert.equal(await page.locator('.table-block th[scope="col"]').count(), 8);
      assert.equal(await page.locator('.table-block th[scope="row"]').count(), 4);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('a gallery image opens at full size without JavaScript', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${site.baseUrl}${PATH}`);
      const links = page.locator('.gallery a.gallery-open');
      assert.equal(await links.count(), 3);
      const [response] = await Promise.all([page.waitForNavigation(), links.nth(1).click()]);
      assert.equal(response?.status(), 200);
      assert.match(String(response?.headers()['content-type']), /^image\/jpeg/);
      assert.match(page.url(), /\/media\/\d{4}\/\d{2}\/auszaehlung-[0-9a-f]+\.jpg$/);
      const size = await page.evaluate(`(() => { const img = document.images[0]; return img ? img.naturalWidth : 0; })()`);
      assert.equal(size, fullWidth, 'the original, not a thumbnail');
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('axe-core: nothing in the article body, nothing serious on the page, phone and desktop', async () => {
    const browser = await launchBrowser();
    try {
      const problems: string[] = [];
      for (const viewport of [{ width: 375, height: 740 }, { width: 1280, height: 900 }]) {
        // bypassCSP only lets axe's own script in; the page is audited as served.
        const context = await browser.newContext({ viewport, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${site.baseUrl}${PATH}`);
        await page.locator('details.details-block summary').click();
        const body = await axe(page, '.article-body');
        problems.push(...describeViolations(body).map((p) => `body @${viewport.width}: ${p}`));
        const whole = await axe(page, 'html');
        problems.push(...describeViolations({ violations: whole.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).map((p) => `page @${viewport.width}: ${p}`));
        await context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
