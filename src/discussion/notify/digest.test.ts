// Authors' comment digests (issue 11) end to end: the real app, jobs run by hand on our own
// clock, mail over a real SMTP conversation (smtp-server), on every configured database.
// A busy hour of 26 comments is one mail; the choice on the account page switches to a
// mail per comment, a daily digest, or none.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { commentMailOf } from '../../platform/comment-mail.js';
import { createUser } from '../../platform/users.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { startSmtpSink, type SmtpSink } from '../../audience/testkit.js';

const SITE = 'http://127.0.0.1:3000';
const BROWSER = 'text/html,application/xhtml+xml';

for (const kind of testDatabaseKinds()) {
  describe(`authors' comment digests over SMTP [${kind}]`, () => {
    let app: App;
    let smtp: SmtpSink;
    let testDb: TestDatabase;
    let clock = new Date('2026-05-01T10:00:00Z');
    let ip = 1;
    let seen = 0;
    let articleId = 0;
    let janaId = 0;
    let janaSession = { cookie: '', csrf: '' };
    const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

    before(async () => {
      smtp = await startSmtpSink();
      testDb = await createTestDatabase(kind);
      const flags = { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false, 'smtp-url': smtp.url };
      app = await buildApp(loadConfig({ flags, env: {} }), { now: () => clock });
      const { content, database, settings } = app.services;
      await settings.update('discussion', { policy: 'none' });
      const jana = await createUser(database.db, { email: 'jana@example.org', password: 'sehr-geheim-123', role: 'author', name: 'Jana Beispiel' });
      janaId = jana.id;
      const author = await content.createAuthor({ name: 'Jana Beispiel' });
      await database.db.updateTable('authors').set({ user_id: jana.id }).where('id', '=', author.id).execute();
      const article = await content.createArticle({
        lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
        status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [author.id], tagIds: [],
      });
      articleId = article.id;
      const page = await app.http.inject({ method: 'GET', url: '/' });
      const anon = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
      const login = await app.http.inject({
        method: 'POST', url: '/api/v1/session', remoteAddress: '10.8.0.250',
        headers: { 'x-csrf-token': anon, origin: SITE }, payload: { email: 'jana@example.org', password: 'sehr-geheim-123' },
      });
      assert.equal(login.statusCode, 200, login.body);
      janaSession = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string };
    });

    after(async () => {
      await app?.close();
      await smtp?.close();
      await testDb?.drop();
    });

    async function comment(n: number, name = `Leser ${n}`) {
      const page = await app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' });
      const token = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
      const res = await app.http.inject({
        method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: `10.8.${Math.floor(ip / 200)}.${(ip++ % 200) + 1}`,
        headers: { 'x-csrf-token': token, origin: SITE }, payload: { name, email: `leser${n}@example.org`, body: `Kommentar Nummer ${n} zum Stadtrat.` },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((res.json() as { status: string }).status, 'published');
    }

    /** Runs every job due on our clock; answers the mails that arrived since the last call. */
    async function delivered() {
      while ((await app.services.jobs.runOnce(50)) > 0);
      const fresh = smtp.mails.slice(seen);
      seen = smtp.mails.length;
      return fresh.filter((m) => m.to.includes('jana@example.org'));
    }

    function choose(value: string) {
      return app.http.inject({
        method: 'POST', url: '/admin/account/notifications/',
        headers: { cookie: janaSession.cookie, origin: SITE, accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: janaSession.csrf, commentMail: value }).toString(),
      });
    }

    test('26 comments in one busy hour make one mail to the author, after the hour; the next comments wait for the next one', async () => {
      assert.equal((await commentMailOf(app.services.database.db, janaId)).value, 'hourly', 'the default');
      for (let n = 1; n <= 26; n++) {
        await comment(n);
        assert.equal((await delivered()).length, 0, `no mail yet after comment ${n}`);
        later(2); // 26 comments over 52 minutes
      }
      later(10); // an hour after the first comment
      const mails = await delivered();
      assert.equal(mails.length, 1, 'one digest');
      const digest = mails[0]!;
      assert.equal(digest.header('subject'), '26 neue Kommentare zu „Stadtrat tagt“');
      assert.match(digest.text, /Leser 1:\r?\n> Kommentar Nummer 1 zum Stadtrat\./);
      assert.match(digest.text, /Leser 20:/);
      assert.ok(!digest.text.includes('Leser 21:'), 'twenty quoted');
      assert.match(digest.text, /… und 6 weitere\./);
      assert.match(digest.text, /höchstens einmal pro Stunde und Artikel/);
      assert.match(digest.html, /<strong>Leser 1<\/strong>/);
      assert.match(digest.header('list-unsubscribe') ?? '', /\/notify\/unsubscribe\/a\d+\./);
      assert.ok(digest.text.includes(`${SITE}/admin/account/notifications/`), 'says where to change it');
      assert.equal((await delivered()).length, 0, 'nothing more');

      // Three more: nothing at once, one mail an hour later with just those three.
      for (const n of [27, 28, 29]) {
        await comment(n);
        later(5);
      }
      assert.equal((await delivered()).length, 0);
      later(50);
      const next = await delivered();
      assert.equal(next.length, 1);
      assert.equal(next[0]!.header('subject'), '3 neue Kommentare zu „Stadtrat tagt“');
      assert.ok(!next[0]!.text.includes('Leser 26:'), 'what was mailed is not mailed again');
    });

    test('the author’s choice: every comment at once, daily, or none; a value not offered is refused', async () => {
      const page = await app.http.inject({ method: 'GET', url: '/admin/account/notifications/', headers: { cookie: janaSession.cookie, accept: BROWSER } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<input type="radio" name="commentMail" value="hourly" checked/);

      const bad = await choose('sometimes');
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /role="alert">Bitte wählen Sie eine der angebotenen Möglichkeiten/);
      assert.equal((await commentMailOf(app.services.database.db, janaId)).value, 'hourly', 'nothing changed');

      assert.equal((await choose('each')).statusCode, 303);
      await comment(30);
      await comment(31);
      const each = await delivered();
      assert.equal(each.length, 2, 'one mail per comment');
      assert.match(each[0]!.header('subject') ?? '', /Neuer Kommentar zu „Stadtrat tagt“/);

      later(1);
      assert.equal((await choose('daily')).statusCode, 303);
      for (let n = 32; n <= 36; n++) {
        await comment(n);
        later(60); // five comments over five hours
      }
      assert.equal((await delivered()).length, 0, 'a day collects');
      later(20 * 60);
      const daily = await delivered();
      assert.equal(daily.length, 1);
      assert.equal(daily[0]!.header('subject'), '5 neue Kommentare zu „Stadtrat tagt“');
      assert.match(daily[0]!.text, /höchstens einmal am Tag/);

      later(1);
      assert.equal((await choose('off')).statusCode, 303);
      await comment(37);
      later(25 * 60);
      assert.equal((await delivered()).length, 0, 'none');
    });
  });
}
