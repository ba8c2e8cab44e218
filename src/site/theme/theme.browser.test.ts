// The design in Debian's Chromium: dark mode by the system setting (also without
// JavaScript), the reader's switch remembered across pages, axe-core clean in both modes;
// a design change made in the newsroom shows on the running public site (logo, colour,
// layout); the support page on a phone: bank details first, copy button, standing order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, keepOnSite, launchBrowser } from '../../platform/browser.js';
import { createUser } from '../../platform/users.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from '../fixture.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = ['/', SHOWCASE_PATH, '/tag/stadtrat/', '/support/', '/newsletter/', '/impressum/', '/datenschutz/'];
const LIGHT = 'rgb(255, 253, 248)';
const DARK = 'rgb(20, 22, 25)';

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

async function axe(page: Page): Promise<AxeResult> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate<AxeResult>(`axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
}

const background = (page: Page) => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');

describe('design in the browser', { skip: browserSkip() }, () => {
  let site: DemoSite;
  let browser: Browser;

  before(async () => {
    site = await startDemoSite();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('dark mode follows the system setting without JavaScript; the switch toggles and is remembered', async () => {
    const plain = await browser.newContext({ colorScheme: 'dark', javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(`${site.baseUrl}/`);
    assert.equal(await background(page), DARK, 'dark by the media query alone');
    assert.equal(await page.locator('.theme-toggle').isVisible(), false, 'no switch that would do nothing');
    await plain.close();

    const context = await browser.newContext({ colorScheme: 'light' });
    await keepOnSite(context, site.baseUrl);
    const reader = await context.newPage();
    await reader.goto(`${site.baseUrl}${SHOWCASE_PATH}`);
    assert.equal(await background(reader), LIGHT);
    const toggle = reader.locator('.theme-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await background(reader), DARK);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    // Remembered on the next page, before it paints (theme.js runs in <head>).
    await reader.goto(`${site.baseUrl}/`);
    assert.equal(await reader.evaluate<string | null>('document.documentElement.dataset.theme ?? null'), 'dark');
    assert.equal(await background(reader), DARK);
    await reader.locator('.theme-toggle').click();
    await reader.reload();
    assert.equal(await background(reader), LIGHT, 'switched back and remembered');
    await context.close();

    // A reader whose system is dark may still choose light.
    const night = await browser.newContext({ colorScheme: 'dark' });
    const other = await night.newPage();
    await other.goto(`${site.baseUrl}/`);
    assert.equal(await other.locator('.theme-toggle').getAttribute('aria-pressed'), 'true');
    await other.locator('.theme-toggle').click();
    assert.equal(await background(other), LIGHT);
    await night.close();
  });

  test('axe-core finds no violations in light and dark mode, on a phone and a desktop', async () => {
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 900 }]) {
        const context = await browser.newContext({ viewport, colorScheme, bypassCSP: true });
        await keepOnSite(context, site.baseUrl);
        // Every page on a phone; the two busiest on a desktop (the layout differs most there).
        for (const path of viewport.width < 600 ? PAGES : ['/', SHOWCASE_PATH]) {
          const page = await context.newPage();
          assert.equal((await page.goto(`${site.baseUrl}${path}`))?.status(), 200, path);
          assert.equal(await background(page), colorScheme === 'dark' ? DARK : LIGHT);
          for (const v of (await axe(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
            const where = v.nodes.slice(0, 4).map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`);
            problems.push(`${path} ${colorScheme} @${viewport.width}px ${v.impact} ${v.id}: ${v.help}\n${where.join('\n')}`);
          }
          await page.close();
        }
        await context.close();
      }
    }
    assert.equal(problems.length, 0, `axe-core violations:\n${problems.join('\n')}`);
  });

  test('a design change in the newsroom shows on the running site: logo, colour, layout', async () => {
    await createUser(site.app.services.database.db, { email: 'design@example.org', password: 'design-passwort-1', role: 'admin', name: 'Dora Design' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await keepOnSite(context, site.baseUrl);
    const desk = await context.newPage();
    await desk.goto(`${site.baseUrl}/admin/login/`);
    await desk.fill('#login-email', 'design@example.org');
    await desk.fill('#login-password', 'design-passwort-1');
    await Promise.all([desk.waitForURL((url) => !url.pathname.startsWith('/admin/login')), desk.click('form[action="/admin/login/"] button[type="submit"]')]);

    const reader = await context.browser()!.newContext({ colorScheme: 'light' }).then((c) => c.newPage());
    await reader.goto(`${site.baseUrl}/`);
    assert.equal(await reader.locator('.card-lead').count(), 1, 'lead story first');
    assert.equal(await reader.locator('.brand-logo').count(), 0);

    await desk.goto(`${site.baseUrl}/admin/design/`);
    const logo = await sharp({ create: { width: 480, height: 120, channels: 4, background: '#b03a2e' } }).png().toBuffer();
    await desk.setInputFiles('#design-logoLight-file', { name: 'logo.png', mimeType: 'image/png', buffer: logo });
    // The preview shows the chosen logo before it is uploaded.
    await desk.locator('.design-preview-light .design-preview-brand img').waitFor();
    await Promise.all([desk.waitForURL(/saved=1/), desk.click('form.design-image:has(input[value="logoLight"]) button[type="submit"]:not([name])')]);
    await desk.locator('#design-accent').fill('#b03a2e');
    assert.equal(
      await desk.evaluate<string>(`getComputedStyle(document.querySelector('.design-preview-light .design-preview-button')).backgroundColor`),
      'rgb(176, 58, 46)',
      'the preview follows the colour while choosing',
    );
    await desk.check('input[name="homeLayout"][value="river"]');
    await Promise.all([desk.waitForURL(/saved=1/), desk.click('#design-form button[type="submit"]')]);

    await reader.reload();
    assert.equal(await reader.locator('.brand-logo-light').isVisible(), true, 'the logo shows');
    assert.equal(await reader.locator('ol.river').count() > 0, true, 'the river of headlines');
    assert.equal(await reader.locator('.card-lead').count(), 0);
    assert.equal(await reader.evaluate<string>(`getComputedStyle(document.querySelector('.river-title a')).color`), 'rgb(27, 31, 36)');
    assert.equal(await reader.evaluate<string>(`getComputedStyle(document.querySelector('.home-box .button')).backgroundColor`), 'rgb(176, 58, 46)', 'the accent');
    await reader.context().close();
    await context.close();
    await site.app.services.settings.update('design', { logoLight: '', accent: '#1d5b8c', homeLayout: 'lead-grid' });
    await site.app.services.bus.emit('design.changed', { scope: 'pages' });
  });

  test('page faults: no stray correction button, the Impressum’s headings step down on a phone, the privacy notice keeps a reading width', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 } });
    await keepOnSite(phone, site.baseUrl);
    const page = await phone.newPage();
    await page.goto(`${site.baseUrl}${SHOWCASE_PATH}`);
    // corrections.js keeps its button hidden until a passage is selected; [hidden] must win over button{display}.
    const stray = page.locator('.correction-button');
    if (await stray.count()) assert.equal(await stray.first().isVisible(), false, 'no correction button before a selection');
    await page.goto(`${site.baseUrl}/impressum/`);
    const size = (selector: string) => page.evaluate<number>(`parseFloat(getComputedStyle(document.querySelector('${selector}')).fontSize)`);
    const [h1, h2] = [await size('.legal h1'), await size('.legal h2')];
    assert.ok(h1 >= h2 * 1.3, `h1 ${h1}px, h2 ${h2}px`);
    assert.equal(await page.evaluate<number>('document.documentElement.scrollWidth'), 375, 'nothing wider than the phone');
    await phone.close();
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const wide = await desktop.newPage();
    await wide.goto(`${site.baseUrl}/datenschutz/`);
    const measure = await wide.evaluate<number>(`document.querySelector('.legal p').getBoundingClientRect().width`);
    assert.ok(measure <= 42 * 16 + 1, `privacy paragraphs ${measure}px wide (42rem at most, about 75 characters)`);
    for (const path of ['/', SHOWCASE_PATH, '/support/']) {
      const mobile = await browser.newContext({ viewport: { width: 375, height: 812 } }).then((c) => c.newPage());
      await mobile.goto(`${site.baseUrl}${path}`);
      assert.equal(await mobile.evaluate<number>('document.documentElement.scrollWidth'), 375, `${path} fits a 375 px phone`);
      await mobile.context().close();
    }
    await desktop.close();
  });

  test('the support page on a phone: bank details first, a copy-IBAN button, a standing-order hint, the GiroCode after', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.baseUrl });
    await keepOnSite(context, site.baseUrl);
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/support/`);
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    const details = await top('.support-details');
    assert.ok(details < (await top('.girocode')), 'details before the code');
    if (await page.locator('.support-mandate').count()) assert.ok(details < (await top('.support-mandate')), 'details before the sign-up');
    assert.ok(await page.locator('.support-standing-order').isVisible());
    await page.locator('.support-copy-iban').click();
    await page.locator('.support-copy-status', { hasText: /kopiert/i }).waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    assert.match(copied, /^DE\d{20}$/);
    assert.ok(await page.locator('a[href="/newsletter/"]').first().isVisible());
    await context.close();
  });
});
