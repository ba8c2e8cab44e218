// Channel autopost through HTTP and the job queue, against a stand-in for the Telegram Bot
// API on 127.0.0.1, on every configured database. The clock moves instead of waiting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../../platform/testing.js';
import { SITE, standIn, startHarness, type Harness, type StandIn } from '../webhooks/harness.js';
import type { AutopostListing } from './log.js';

// The stand-in servers listen on 127.0.0.1: the outbound helper's documented test switch.
process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';

const TOKEN = '123456:SECRET-bot-token';

for (const kind of testDatabaseKinds()) {
  describe(`channel autopost [${kind}]`, () => {
    let h: Harness;
    let telegram: StandIn;
    let staff: { cookie: string; csrf: string };

    before(async () => {
      h = await startHarness(kind);
      telegram = await standIn();
      await h.app.services.settings.update('telegram', { enabled: true, botToken: TOKEN, channel: '@lindenau', apiBase: `${telegram.url}/` });
      staff = await h.staff();
    });
    after(async () => {
      await telegram.close();
      await h.close();
    });

    let counter = 0;
    async function publish(title: string, subtitle = 'Der Rat entscheidet heute über den Haushalt.') {
      counter++;
      return h.app.services.content.createArticle({
        lang: 'de', title, subtitle, slug: `artikel-${counter}`, body: [{ type: 'paragraph', text: 'Text.' }],
        status: 'published', authorIds: [], tagIds: [],
      });
    }

    async function entriesFor(articleId: number): Promise<AutopostListing[]> {
      const res = await h.app.http.inject({ method: 'GET', url: '/api/v1/admin/autopost', headers: { cookie: staff.cookie } });
      assert.equal(res.statusCode, 200, res.body);
      const entries = res.json().entries as AutopostListing[];
      return entries.filter((e) => e.articleId === articleId).sort((a, b) => a.attempt - b.attempt);
    }

    test('publishing posts title, teaser and absolute link to the channel once', async () => {
      const article = await publish('Stadtrat <beschließt> Haushalt & mehr');
      assert.equal(telegram.requests.length, 0, 'the post is a job, not part of publishing');
      assert.equal(await h.app.services.jobs.runOnce(), 1);

      assert.equal(telegram.requests.length, 1);
      const call = telegram.requests[0]!;
      assert.equal(call.method, 'POST');
      assert.equal(call.url, `/bot${TOKEN}/sendMessage`);
      const sent = JSON.parse(call.body) as Record<string, unknown>;
      assert.equal(sent.chat_id, '@lindenau');
      assert.equal(sent.parse_mode, 'HTML');
      assert.equal(sent.disable_web_page_preview, false);
      assert.equal(
        sent.text,
        `<b>Stadtrat &lt;beschließt&gt; Haushalt &amp; mehr</b>\n\nDer Rat entscheidet heute über den Haushalt.\n\n${SITE}/${article.slug}/`,
      );

      const [entry, ...more] = await entriesFor(article.id);
      assert.deepEqual(more, []);
      assert.equal(entry!.status, 'sent');
      assert.equal(entry!.responseCode, 200);
      assert.equal(entry!.articleTitle, article.title);

      // Saving again, or a second event, does not post again: one job per article.
      await h.app.services.bus.emit('article.published', { articleId: article.id, slug: article.slug });
      assert.equal(await h.app.services.jobs.runOnce(), 0);
      assert.equal(telegram.requests.length, 1);
    });

    test('a 500 is retried after the backoff; both attempts are listed', async () => {
      telegram.requests.length = 0;
      telegram.answers.push({ status: 500, body: '{"ok":false,"error_code":500,"description":"Internal Server Error"}' });
      const article = await publish('Zweiter Versuch');
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      assert.equal(await h.app.services.jobs.runOnce(), 0, 'not again before the backoff');
      h.later(61);
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      assert.equal(telegram.requests.length, 2);

      const entries = await entriesFor(article.id);
      assert.deepEqual(entries.map((e) => [e.attempt, e.status, e.responseCode]), [[1, 'retrying', 500], [2, 'sent', 200]]);
      assert.match(entries[0]!.error!, /Internal Server Error/);
    });

    test('a 429 waits exactly as long as Telegram says', async () => {
      telegram.requests.length = 0;
      telegram.answers.push({ status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 120","parameters":{"retry_after":120}}' });
      const article = await publish('Zu schnell');
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      h.later(100);
      assert.equal(await h.app.services.jobs.runOnce(), 0, 'the ordinary backoff would have retried by now');
      h.later(21);
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      const entries = await entriesFor(article.id);
      assert.deepEqual(entries.map((e) => [e.attempt, e.status, e.responseCode]), [[1, 'retrying', 429], [2, 'sent', 200]]);
    });

    test('a 400 (unknown channel) stops at once and is shown', async () => {
      telegram.requests.length = 0;
      telegram.answers.push({ status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' });
      const article = await publish('Falscher Kanal');
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      h.later(3600);
      assert.equal(await h.app.services.jobs.runOnce(), 0, 'no retry');
      assert.equal(telegram.requests.length, 1);
      const [entry] = await entriesFor(article.id);
      assert.equal(entry!.status, 'failed');
      assert.equal(entry!.responseCode, 400);
      assert.match(entry!.error!, /chat not found/);

      const page = await h.app.http.inject({ method: 'GET', url: '/admin/autopost/', headers: { cookie: staff.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Falscher Kanal/);
      assert.match(page.body, /chat not found/);
      assert.match(page.body, /fehlgeschlagen/);
      assert.match(page.body, /<a href="\/admin\/autopost\/" aria-current="page">/, 'in the newsroom frame, with its navigation');
      assert.equal(page.headers['cache-control'], 'no-store');
      const signIn = await h.app.http.inject({ method: 'GET', url: '/admin/autopost/', headers: { accept: 'text/html' } });
      assert.equal(signIn.statusCode, 303, 'a browser without a session is sent to sign in');
    });

    test('a network error is retried and never records the bot token', async () => {
      await h.app.services.settings.update('telegram', { apiBase: 'http://127.0.0.1:1' });
      const article = await publish('Kein Netz');
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      const [entry] = await entriesFor(article.id);
      assert.equal(entry!.status, 'retrying');
      assert.equal(entry!.responseCode, null);
      const db = h.app.services.database.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
      const everything = JSON.stringify([await db.selectFrom('jobs').selectAll().execute(), await db.selectFrom('autopost_log').selectAll().execute()]);
      assert.doesNotMatch(everything, /SECRET-bot-token/);
      await h.app.services.settings.update('telegram', { apiBase: telegram.url });
      h.later(61);
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      assert.equal((await entriesFor(article.id)).at(-1)!.status, 'sent');
    });

    test('the listing is for editors only, and never shows the token', async () => {
      const anonymous = await h.app.http.inject({ method: 'GET', url: '/api/v1/admin/autopost' });
      assert.equal(anonymous.statusCode, 401);
      const listing = await h.app.http.inject({ method: 'GET', url: '/api/v1/admin/autopost', headers: { cookie: staff.cookie } });
      assert.doesNotMatch(listing.body, /SECRET-bot-token/);
    });

    test('switched off, nothing is queued; pages and old articles are not posted', async () => {
      telegram.requests.length = 0;
      await h.app.services.settings.update('telegram', { enabled: false });
      await publish('Still');
      assert.equal(await h.app.services.jobs.runOnce(), 0);
      await h.app.services.settings.update('telegram', { enabled: true });
      await h.app.services.content.createArticle({
        kind: 'page', lang: 'de', title: 'Impressum', slug: 'impressum-test', body: [], status: 'published', authorIds: [], tagIds: [],
      });
      await h.app.services.content.createArticle({
        lang: 'de', title: 'Aus dem Archiv', slug: 'archiv-1', body: [], status: 'published',
        publishedAt: new Date(h.now().getTime() - 7 * 86_400_000), authorIds: [], tagIds: [],
      });
      assert.equal(await h.app.services.jobs.runOnce(), 0);
      assert.equal(telegram.requests.length, 0);
    });
  });
}
