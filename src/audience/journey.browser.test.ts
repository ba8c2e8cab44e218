// A reader's way through the newsletter in Debian's Chromium, against the demo newsroom
// whose mail goes to a real SMTP server in this process: subscribe in the follow box under
// the showcase article, receive the confirmation mail, open its link, press the button,
// choose topics and a name on the preferences page, receive an issue, unsubscribe on the
// page; and a second reader does it with JavaScript switched off (the forms are plain
// HTML) and leaves with the RFC 8058 one-click POST, sent from this process as a mail
// provider would. Every request to another origin is blocked and recorded: there must
// be none. Nothing sleeps: every wait is for a condition.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { demoArticles, DEMO_SHOWCASE_SLUG } from '../demo/content.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from '../site/fixture.js';
import { audienceDb, type AudienceDb } from './store.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './testkit.js';

const TOPICS = ['stadtrat', 'haushalt', 'kultur'];
const SENDER = 'newsletter@lindenauer-blatt.example.org';
/** A second article for the second reader's issue (the same issue twice a day is refused). */
const OTHER_SLUG = demoArticles.find((a) => a.slug !== DEMO_SHOWCASE_SLUG && a.lang === 'de' && a.status !== 'scheduled')!.slug;

/** Every request is recorded; anything not for the site is aborted before it leaves. */
async function sealedContext(browser: Browser, origin: string, seen: string[], options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, viewport: { width: 1280, height: 900 } });
  context.on('request', (request) => seen.push(request.url()));
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  return context;
}

function foreign(urls: readonly string[], origin: string): string[] {
  return urls.filter((url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== origin);
}

function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** The first absolute link into `path` in a mail's plain-text part. */
function linkIn(mail: ReceivedMail, base: string, path: string): string {
  const escaped = `${base}${path}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const found = new RegExp(`${escaped}\\?token=[\\w.%-]+`).exec(mail.text)?.[0];
  assert.ok(found, `no ${path} link in the mail:\n${mail.text}`);
  return found!;
}

/** Clicks a submit button, waits for the POST it sends, and expects a 200 page. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>, path: string): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
    button.click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  const origin = await response.request().headerValue('origin');
  assert.equal(response.status(), 200, `POST ${path} (Origin: ${origin}): ${(await page.locator('main').textContent())?.trim().slice(0, 300)}`);
}

async function heading(page: Page): Promise<string> {
  return ((await page.locator('main h1').first().textContent()) ?? '').trim();
}

describe('newsletter journey in Chromium', { skip: browserSkip() }, () => {
  let browser: Browser;
  let sink: SmtpSink;
  let site: DemoSite;
  let db: AudienceDb;

  /** Runs due jobs (mail is sent from durable jobs, not the request) until none are left. */
  async function runJobs(): Promise<number> {
    let total = 0;
    for (let ran = await site.app.services.jobs.runOnce(50); ran > 0; ran = await site.app.services.jobs.runOnce(50)) total += ran;
    return total;
  }

  async function mailTo(address: string, count: number): Promise<ReceivedMail[]> {
    await runJobs();
    const mails = await sink.waitFor((all) => all.filter((m) => m.to.includes(address)).length >= count, 10_000);
    return mails.filter((m) => m.to.includes(address));
  }

  const subscriber = (email: string) => db.selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst();
  const byId = (id: number) => db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const topicsOf = async (id: number) =>
    (await db.selectFrom('subscriber_topics').select('topic').where('subscriber_id', '=', id).orderBy('topic').execute()).map((r) => r.topic);

  async function sendIssue(slug: string): Promise<number> {
    const article = await site.app.services.content.store.findBy('slug', slug);
    assert.ok(article, slug);
    const started = await site.app.services.newsletter.sends.start({ articleId: article!.id }, null);
    return started.id;
  }

  before(async () => {
    browser = await launchBrowser(); // first: a missing Chromium fails before the slow seeding
    sink = await startSmtpSink();
    site = await startDemoSite({ smtpUrl: sink.url });
    db = audienceDb(site.app.services.database);
    await site.app.services.settings.update('newsletter', { topics: TOPICS, senderName: 'Lindenauer Blatt', senderEmail: SENDER });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await sink?.close();
  });

  test('follow box under the article → confirmation mail → confirm → preferences → issue → unsubscribe on the page', async () => {
    const email = 'lea@example.org';
    const seen: string[] = [];
    const context = await sealedContext(browser, site.baseUrl, seen);
    try {
      const page = await context.newPage();
      const errors = pageErrors(page);

      // 1. Subscribe in the follow box of the showcase article.
      assert.equal((await page.goto(`${site.baseUrl}${SHOWCASE_PATH}`))?.status(), 200);
      const box = page.locator('aside.follow-box form.follow-form');
      await box.getByLabel('E-Mail-Adresse').fill(email);
      await submit(page, box.getByRole('button'), '/newsletter/');
      assert.equal(page.url(), `${site.baseUrl}/newsletter/`);
      assert.equal(await heading(page), 'Fast geschafft');
      assert.equal(sink.mails.length, 0, 'the mail goes out from a durable job, not from the request');
      const pending = await subscriber(email);
      assert.equal(pending?.status, 'pending');
      assert.equal(pending?.source, 'form');
      const id = pending!.id;

      // 2. The confirmation mail, through SMTP, with an absolute link to this site.
      const [confirmation] = await mailTo(email, 1);
      assert.equal(confirmation!.header('from'), `Lindenauer Blatt <${SENDER}>`);
      assert.match(confirmation!.header('subject') ?? '', /Bitte bestätigen Sie Ihr Newsletter-Abonnement bei Lindenauer Blatt/);
      assert.equal(confirmation!.header('list-unsubscribe'), undefined, 'not a list mail: nobody is subscribed yet');
      const confirmUrl = linkIn(confirmation!, site.baseUrl, '/newsletter/confirm');
      assert.ok(confirmation!.html.includes(`href="${confirmUrl.replace(/&/g, '&amp;')}"`), 'the HTML part links to the same place');

      // 3. Opening the link changes nothing (mail scanners open links); the button confirms.
      const opened = await page.goto(confirmUrl);
      assert.equal(opened?.status(), 200);
      assert.equal(opened?.headers()['cache-control'], 'no-store');
      assert.equal(opened?.headers()['referrer-policy'], 'same-origin', 'the token in the URL never goes to another site');
      assert.equal(await heading(page), 'Abonnement bestätigen');
      assert.match((await page.locator('main').textContent()) ?? '', /lea@example\.org/);
      assert.equal((await byId(id)).status, 'pending', 'opening the link does not confirm');
      await submit(page, page.getByRole('button', { name: 'Ja, Newsletter abonnieren' }), '/newsletter/confirm');
      assert.equal(await heading(page), 'Willkommen!');
      const active = await byId(id);
      assert.equal(active.status, 'active');
      assert.ok(active.confirmed_at, 'the consent time is kept');

      // 4. Preferences, from the link on the page: a name and two topics, saved and shown again.
      const prefsLink = page.getByRole('main').getByRole('link', { name: 'Newsletter-Einstellungen' });
      const prefsPath = (await prefsLink.getAttribute('href')) ?? '';
      assert.match(prefsPath, /^\/newsletter\/preferences\?token=m\.\d+\.[\w-]+$/);
      await Promise.all([page.waitForURL(`${site.baseUrl}${prefsPath}`), prefsLink.click()]);
      assert.equal(await heading(page), 'Newsletter-Einstellungen');
      assert.match((await page.locator('main').textContent()) ?? '', /Sie erhalten den Newsletter an lea@example\.org\./);
      const form = page.locator('main form').filter({ has: page.getByRole('button', { name: 'Speichern' }) });
      for (const name of ['Stadtrat', 'Haushalt', 'Kultur']) assert.equal(await form.getByLabel(name).isChecked(), false, name);
      await form.getByLabel('Name (freiwillig)').fill('Lea Leserin');
      await form.getByLabel('Stadtrat').check();
      await form.getByLabel('Kultur').check();
      await submit(page, form.getByRole('button', { name: 'Speichern' }), '/newsletter/preferences');
      assert.match((await page.locator('main [role="status"]').textContent()) ?? '', /Ihre Einstellungen sind gespeichert\./);
      assert.deepEqual(await topicsOf(id), ['kultur', 'stadtrat']);
      assert.equal((await byId(id)).name, 'Lea Leserin');

      // Changed again (a topic dropped, the name changed), then read back with a fresh GET.
      await form.getByLabel('Name (freiwillig)').fill('Lea L.');
      await form.getByLabel('Stadtrat').uncheck();
      await submit(page, form.getByRole('button', { name: 'Speichern' }), '/newsletter/preferences');
      await page.goto(`${site.baseUrl}${prefsPath}`);
      assert.equal(await form.getByLabel('Name (freiwillig)').inputValue(), 'Lea L.');
      assert.deepEqual(
        await Promise.all(['Stadtrat', 'Haushalt', 'Kultur'].map((name) => form.getByLabel(name).isChecked())),
        [false, false, true],
      );
      assert.deepEqual(await topicsOf(id), ['kultur']);

      // 5. An issue: its footer links to the same preferences page, with RFC 8058 headers.
      await sendIssue(DEMO_SHOWCASE_SLUG);
      const [, issue] = await mailTo(email, 2);
      assert.equal(linkIn(issue!, site.baseUrl, '/newsletter/preferences'), `${site.baseUrl}${prefsPath}`);
      const unsubscribeUrl = /^<([^>]+)>$/.exec(issue!.header('list-unsubscribe') ?? '')?.[1];
      assert.equal(unsubscribeUrl, linkIn(issue!, site.baseUrl, '/newsletter/unsubscribe'));
      assert.equal(issue!.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      const hrefs = [...issue!.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(hrefs.length > 0);
      for (const href of hrefs) assert.ok(href.startsWith(`${site.baseUrl}/`), `mail links only to the site: ${href}`);

      // 6. Unsubscribe on the preferences page.
      await submit(page, page.getByRole('button', { name: 'Abbestellen' }), '/newsletter/unsubscribe');
      assert.equal(await heading(page), 'Abbestellt');
      const gone = await byId(id);
      assert.equal(gone.status, 'unsubscribed');
      assert.equal(gone.email, null, 'the address is erased');
      assert.equal(gone.name, '', 'the name is erased');
      assert.equal(gone.confirmed_at, active.confirmed_at, 'the consent record stays');
      assert.deepEqual(await topicsOf(id), []);
      await page.goto(`${site.baseUrl}${prefsPath}`);
      assert.match((await page.locator('main').textContent()) ?? '', /Sie erhalten den Newsletter nicht \(mehr\)\./);

      // The one-click link of the issue still answers the same (idempotent), from outside the browser.
      const again = await fetch(unsubscribeUrl!, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
      });
      assert.equal(again.status, 200);
      assert.match(await again.text(), /Abbestellt/);
      assert.equal((await byId(id)).status, 'unsubscribed');

      await page.waitForLoadState('networkidle');
      assert.deepEqual(foreign(seen, site.baseUrl), [], 'requests to other origins');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: subscribe on /newsletter/, confirm, choose topics; leave with the one-click POST', async () => {
    const email = 'mia@example.org';
    const seen: string[] = [];
    const context = await sealedContext(browser, site.baseUrl, seen, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const errors = pageErrors(page);

      // The follow box is a plain form as well (checked by its markup; the sign-up itself
      // goes through the full form on /newsletter/, with name and topic).
      await page.goto(`${site.baseUrl}${SHOWCASE_PATH}`);
      const box = page.locator('aside.follow-box form.follow-form');
      assert.equal(await box.getAttribute('method'), 'post');
      assert.equal(await box.getAttribute('action'), '/newsletter/');
      assert.ok(await box.getByLabel('E-Mail-Adresse').isVisible());

      await Promise.all([page.waitForURL(`${site.baseUrl}/newsletter/`), page.locator('aside.follow-box').getByRole('link', { name: 'Newsletter', exact: true }).click()]);
      const form = page.locator('main form.newsletter-form');
      await form.getByLabel('E-Mail-Adresse').fill(email);
      await form.getByLabel('Name (freiwillig)').fill('Mia');
      await form.getByLabel('Haushalt').check();
      await submit(page, form.getByRole('button', { name: 'Abonnieren' }), '/newsletter/');
      assert.equal(await heading(page), 'Fast geschafft');
      const id = (await subscriber(email))!.id;
      assert.deepEqual(await topicsOf(id), ['haushalt']);

      const [confirmation] = await mailTo(email, 1);
      await page.goto(linkIn(confirmation!, site.baseUrl, '/newsletter/confirm'));
      await submit(page, page.getByRole('button', { name: 'Ja, Newsletter abonnieren' }), '/newsletter/confirm');
      assert.equal(await heading(page), 'Willkommen!');
      assert.equal((await byId(id)).status, 'active');
      assert.equal((await byId(id)).name, 'Mia');

      const prefsLink = page.getByRole('main').getByRole('link', { name: 'Newsletter-Einstellungen' });
      await Promise.all([page.waitForURL(/\/newsletter\/preferences\?token=/), prefsLink.click()]);
      const prefs = page.locator('main form').filter({ has: page.getByRole('button', { name: 'Speichern' }) });
      assert.equal(await prefs.getByLabel('Haushalt').isChecked(), true);
      assert.equal(await prefs.getByLabel('Verkehr', { exact: true }).count(), 0, 'only the offered topics are shown');
      await prefs.getByLabel('Kultur').check();
      await submit(page, prefs.getByRole('button', { name: 'Speichern' }), '/newsletter/preferences');
      assert.match((await page.locator('main').textContent()) ?? '', /Ihre Einstellungen sind gespeichert\./);
      assert.deepEqual(await topicsOf(id), ['haushalt', 'kultur']);

      // An issue, and the one-click unsubscribe a mail provider sends: multipart, no cookie,
      // no CSRF token, no Origin.
      await sendIssue(OTHER_SLUG);
      const issue = (await mailTo(email, 2)).at(-1)!;
      const unsubscribeUrl = /^<([^>]+)>$/.exec(issue.header('list-unsubscribe') ?? '')?.[1];
      assert.ok(unsubscribeUrl?.startsWith(`${site.baseUrl}/newsletter/unsubscribe?token=`), issue.header('list-unsubscribe'));
      const body = new FormData();
      body.append('List-Unsubscribe', 'One-Click');
      const leave = await fetch(unsubscribeUrl!, { method: 'POST', body });
      assert.equal(leave.status, 200);
      assert.match(await leave.text(), /Abbestellt/);
      const gone = await byId(id);
      assert.equal(gone.status, 'unsubscribed');
      assert.equal(gone.email, null);

      // The page behind the mail's link says so, too.
      await page.goto(linkIn(issue, site.baseUrl, '/newsletter/preferences'));
      assert.match((await page.locator('main').textContent()) ?? '', /Sie erhalten den Newsletter nicht \(mehr\)\./);

      assert.deepEqual(foreign(seen, site.baseUrl), [], 'requests to other origins');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
