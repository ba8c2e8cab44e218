// axe-core over the whole newsroom in Chromium (issue 11, "every screen clean under axe"):
// every GET page under /admin/ that the app's route table holds at test time, with a seeded
// record for each `:id` (the walk of xss.browser.test.ts), in German and in English (the
// newsroom speaks the site's language), at 375 and 1,280 px. Pages added later are audited
// when they land; a route the walk cannot fill fails the test unless it is named below.
// Besides the route table: the desk's four tabs, a refused settings form (its messages and
// marked fields), the invitation's welcome page and the sign-in page (both signed out).
// A finding counts when axe rates it serious or critical; a page wider than the window
// (sideways scrolling of the whole page on a phone) counts too. bypassCSP only lets axe's own
// script in; the pages are audited as served. Page code is passed as strings: this file is
// type-checked without the DOM library.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser, keepOnSite } from '../../platform/browser.js';
import { routeTable } from '../../platform/http.js';
import { createUser } from '../../platform/users.js';
import { DEMO_SHOWCASE_SLUG } from '../../demo/content.js';
import { seedDeskQueue } from '../../discussion/moderation/desk-fixture.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';
import { settingsPages } from './settings-sections.js';
import { buildEditorBundle, editorBundleMissing } from './build.mjs';

const skip = browserSkip();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const OWNER = { email: 'inhaberin@example.org', password: 'inhaberin-sehr-geheim' };

/** Routes the walk leaves out, each with the reason (anything else unfilled fails the test). */
const NOT_PAGES: Record<string, string> = {
  '/admin/comments/stream': 'an event stream: it never finishes loading',
  '/admin/comments/:id/card': 'a fragment the desk fetches and inserts into its list (the same card markup is audited on the desk)',
  '/admin/supporters/files/:file': 'a pain.008 XML download, not a page',
  '/admin/design/fonts.css': 'a stylesheet',
};

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

describe('axe-core on every newsroom page', { skip }, () => {
  let site: DemoSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const offsite: string[] = [];
  const ids: Record<string, number> = {};
  let welcomePath = '';
  let urls: string[] = [];

  before(async () => {
    if (editorBundleMissing()) await buildEditorBundle({ quiet: true });
    browser = await launchBrowser();
    site = await startDemoSite();
    const services = site.app.services;
    const db = services.database.db;
    const owner = await createUser(db, { ...OWNER, role: 'owner', name: 'Ida Inhaberin' });

    // --- Records for every `:id` in the route table -------------------------------------
    const { held } = await seedDeskQueue({ ...services, postComment: services.operations.postComment }, { article: DEMO_SHOWCASE_SLUG, count: 6 });
    ids.comments = held[0]!;
    ids.articles = (await db.selectFrom('articles').select('id').where('status', '=', 'published').where('kind', '=', 'article').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    ids.media = (await db.selectFrom('media').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    ids.authors = (await db.selectFrom('authors').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    ids.tags = (await db.selectFrom('tags').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    // Tables of other capabilities' migrations are outside the shared schema type: plain SQL.
    ids.supporters = (await sql<{ id: number }>`select id from supporters order by id limit 1`.execute(db)).rows[0]!.id;
    // A webhook through the newsroom's API (the webhooks service is not among the app's services).
    await services.settings.update('distribution', { ...(await services.settings.get('distribution')), allowPrivateWebhookTargets: true });
    const login = await site.app.http.inject({
      method: 'POST', url: '/api/v1/session', remoteAddress: '10.44.0.2', headers: { 'x-csrf-token': services.csrf.tokenFor(undefined), origin: site.baseUrl },
      payload: { email: OWNER.email, password: OWNER.password },
    });
    assert.equal(login.statusCode, 200, login.body);
    const hook = await site.app.http.inject({
      method: 'POST', url: '/api/v1/admin/webhooks', remoteAddress: '10.44.0.2',
      headers: { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], 'x-csrf-token': login.json().csrfToken as string, origin: site.baseUrl },
      payload: { url: 'http://127.0.0.1:9/hook', events: ['article.published'], description: 'Archiv-Spiegel' },
    });
    assert.ok(hook.statusCode < 300, hook.body);
    ids.webhooks = Number(hook.json().id ?? hook.json().webhook?.id);

    // A sent issue (its figures page) and a composed one (composer, preview, send question).
    const articles = (await db.selectFrom('articles').select('id').where('status', '=', 'published').where('kind', '=', 'article').orderBy('published_at', 'desc').limit(2).execute()).map((a) => a.id);
    const at = new Date().toISOString();
    for (const [i, email] of ['anna@example.org', 'bert@example.org'].entries()) {
      await db.insertInto('subscribers' as never).values({ email, email_hash: `axe-${i}`, name: '', status: 'active', source: 'import', subscribed_at: at, confirmed_at: at, updated_at: at } as never).execute();
    }
    const { issues } = services.newsletter;
    const sent = await issues.save(null, { subject: 'Die Woche in Lindenau', preheader: 'Haushalt und Freibad', intro: 'Liebe Leserinnen und Leser,\n\ndiese Woche **Haushalt**.', articleIds: articles, donation: false, topic: null }, owner.id);
    ids.newsletter = (await issues.sendNow(sent, owner.id)).id;
    while ((await services.jobs.runOnce(50)) > 0);
    ids.issues = await issues.save(null, { subject: 'Lindenau am Wochenende', preheader: 'Was der Stadtrat beschlossen hat', intro: 'Liebe Leserinnen und Leser,\n\nin dieser Ausgabe [mehr](https://example.org/).', articleIds: articles, donation: true, topic: null }, owner.id);

    // --- The pages: the route table, filled ---------------------------------------------
    const found = new Set<string>();
    const unfilled: string[] = [];
    for (const route of routeTable(site.app.http)) {
      if (route.method !== 'GET' || !route.url.startsWith('/admin/') || route.url in NOT_PAGES) continue;
      if (route.url === '/admin/settings/:page/') {
        for (const page of settingsPages()) found.add(`/admin/settings/${page.id}/`);
        continue;
      }
      let missing = false;
      const url = route.url.replace(/([^/]+)\/:(\w+)/g, (_match, collection: string) => {
        const id = ids[collection];
        if (id === undefined) missing = true;
        return `${collection}/${id ?? 0}`;
      });
      if (missing || url.includes(':') || url.includes('*')) unfilled.push(route.url);
      else found.add(url);
    }
    assert.deepEqual(unfilled, [], 'every GET route under /admin/ is audited or named in NOT_PAGES with its reason');
    for (const tab of ['reported', 'notices', 'spam']) found.add(`/admin/comments/?filter=${tab}`);
    found.delete('/admin/login/'); // signed out, below
    found.delete('/admin/reset/');
    urls = [...found].sort();
    assert.ok(urls.length >= 40, `only ${urls.length} newsroom pages found`);

    // --- The welcome page of an invitation (through the people page) --------------------
    const tab = await ownerPage(1280);
    await tab.goto(`${site.baseUrl}/admin/people/`);
    await tab.fill('#invite-name', 'Nora Neu');
    await tab.fill('#invite-email', 'nora@example.org');
    await tab.selectOption('#invite-role', 'editor');
    await Promise.all([tab.waitForURL(/done=invited/), tab.click('form[action="/admin/people/invite"] button[type="submit"]')]);
    const job = (await sql<{ payload: string }>`select payload from jobs where kind = 'people.invite'`.execute(db)).rows[0]!;
    welcomePath = `/admin/reset/?token=${(JSON.parse(String(job.payload)) as { token: string }).token}&welcome=1`;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await site?.close();
  });

  async function newPage(width: number): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: width < 600 ? 812 : 900 } });
    contexts.push(context);
    await keepOnSite(context, site.baseUrl, (url) => offsite.push(url));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function ownerPage(width: number): Promise<Page> {
    const page = await newPage(width);
    await page.goto(`${site.baseUrl}/admin/login/`);
    await page.fill('#login-email', OWNER.email);
    await page.fill('#login-password', OWNER.password);
    await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
    return page;
  }

  /** axe on what the page shows now: its serious and critical findings, one line each. */
  async function audit(page: Page, where: string, lang: string): Promise<string[]> {
    const shown = await page.evaluate<string>('document.documentElement.lang');
    const wrong = shown === lang ? [] : [`${where} says lang="${shown}", not ${lang}`];
    await page.addScriptTag({ content: AXE_SOURCE });
    // Only violations are read: resultTypes spares axe listing every passing node (it still
    // runs every rule on every node), which halves its time here, and only they cross to Node.
    const result = await page.evaluate<{ violations: Violation[] }>(`axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).then((r) => ({ violations: r.violations }))`);
    return wrong.concat(result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${where} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('; ')}`));
  }

  for (const lang of ['de', 'en'] as const) {
    for (const width of [375, 1280]) {
      test(`${lang}, ${width} px: no serious or critical axe findings and no page wider than the window, on every newsroom page`, { timeout: 420_000 }, async (t: TestContext) => {
        await site.app.services.settings.update('site', { language: lang });
        const found: string[] = [];
        const visited: string[] = [];
        const page = await ownerPage(width);
        for (const url of urls) {
          const response = await page.goto(site.baseUrl + url);
          const status = response?.status() ?? 0;
          assert.ok(status < 400, `${url}: ${status}`);
          if (!/text\/html/.test((await response?.headerValue('content-type')) ?? '')) {
            visited.push(`${url} (not HTML)`);
            continue;
          }
          if (/^\/admin\/articles\/(new|\d+)\/$/.test(url)) await page.locator('#article-editor[data-ready="true"]').waitFor();
          if (/\/preview\/$/.test(url)) await page.frameLocator('iframe').first().locator('body').waitFor();
          found.push(...(await audit(page, url, lang)));
          // On a phone nothing may widen the page (a table too wide scrolls inside its own box).
          const wide = await page.evaluate<number>('document.documentElement.scrollWidth');
          if (wide > width) found.push(`${url} is ${wide} px wide at ${width} px`);
          visited.push(url);
        }
        // A refused settings form: its error messages and marked fields.
        await page.goto(`${site.baseUrl}/admin/settings/donation/`);
        await page.fill('#s-donation-iban', 'DE02120300000000202052');
        await page.click('form[action="/admin/settings/donation"] .settings-actions button[type="submit"]');
        await page.locator('#s-donation-iban-error').waitFor();
        found.push(...(await audit(page, 'settings/donation (422)', lang)));
        // Signed out: the sign-in and the welcome page an invited person opens.
        const guest = await newPage(width);
        for (const path of ['/admin/login/', welcomePath]) {
          await guest.goto(site.baseUrl + path);
          found.push(...(await audit(guest, path.replace(/token=[^&]+/, 'token=…'), lang)));
        }
        t.diagnostic(`audited ${visited.length + 3}: ${visited.join(', ')}`);
        assert.deepEqual(offsite, [], 'no request left the site');
        assert.deepEqual(found, []);
      });
    }
  }
});
