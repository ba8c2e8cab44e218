// The reader's whole way through the newsletter against a real SMTP server, on every
// configured database: sign up, receive the confirmation, follow its link, confirm,
// receive an article with the right headers, leave with one POST, receive nothing more.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../platform/testing.js';
import { SITE, startTestSite, type TestSite } from './harness.js';

for (const kind of testDatabaseKinds()) {
  describe(`newsletter journey [${kind}]`, () => {
    let site: TestSite;
    let articleId = 0;
    const confirmed: number[] = [];

    before(async () => {
      site = await startTestSite(kind);
      const { content, settings, bus } = site.app.services;
      const stadtrat = await content.createTag({ name: 'Stadtrat', slug: 'stadtrat' });
      await content.createTag({ name: 'Kultur', slug: 'kultur' });
      await settings.update('newsletter', { topics: ['stadtrat', 'kultur'], senderName: 'Redaktion Stadtblatt', senderEmail: 'news@stadtblatt.example' });
      await settings.update('site', { title: 'Stadtblatt' });
      const author = await content.createAuthor({ name: 'Jana Beispiel' });
      const article = await content.createArticle({
        lang: 'de', title: 'Stadtrat beschließt <Haushalt> & mehr', subtitle: 'Was das für Lindenau heißt',
        body: [
          { type: 'paragraph', text: 'Der Stadtrat hat am Montag den **Haushalt** beschlossen.' },
          { type: 'heading', level: 2, text: 'Die Zahlen' },
          { type: 'list', ordered: false, items: ['Schulen: 4 Mio.', 'Radwege: 1 Mio.'] },
          { type: 'quote', text: 'Ein guter Tag für die Stadt.', attribution: 'Bürgermeisterin' },
          { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Die Sitzung im Video' },
        ],
        status: 'published', publishedAt: new Date('2026-05-03T10:00:00Z'), authorIds: [author.id], tagIds: [stadtrat.id],
      });
      articleId = article.id;
      bus.on('subscriber.confirmed', ({ subscriberId }) => void confirmed.push(subscriberId));
    });
    after(() => site.close());

    test('sign up, confirm by link and button, receive an article, unsubscribe with one POST', async () => {
      const form = await site.app.http.inject({ method: 'GET', url: '/newsletter/' });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<input type="checkbox" name="topics" value="stadtrat"> Stadtrat/);
      assert.match(form.body, /name="_csrf" value="[^"]{43}"/);

      const signUp = await site.form('/newsletter/', { email: '  Lea@Example.ORG ', name: 'Lea', topics: 'stadtrat' });
      assert.equal(signUp.statusCode, 200, signUp.body.slice(0, 500));
      assert.match(signUp.body, /Fast geschafft/);
      assert.equal(site.sink.mails.length, 0, 'the mail goes out from a durable job, not the request');

      assert.equal(await site.runJobs(), 1);
      const [confirmation] = await site.sink.waitFor((mails) => mails.length === 1);
      assert.deepEqual(confirmation!.to, ['lea@example.org']);
      assert.equal(confirmation!.header('from'), 'Redaktion Stadtblatt <news@stadtblatt.example>');
      assert.match(confirmation!.header('subject')!, /Bitte bestätigen Sie Ihr Newsletter-Abonnement bei Stadtblatt/);
      assert.equal(confirmation!.header('list-unsubscribe'), undefined, 'not a list mail: nobody is subscribed yet');
      const link = /http:\/\/127\.0\.0\.1:3000(\/newsletter\/confirm\?token=[^\s"<]+)/.exec(confirmation!.text)?.[1];
      assert.ok(link, confirmation!.text);
      assert.ok(confirmation!.html.includes(`href="${SITE}${link!.replace(/&/g, '&amp;')}"`), 'the HTML part links to the same place');

      // A mail scanner following the link changes nothing: confirming takes the button.
      const page = await site.app.http.inject({ method: 'GET', url: link! });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /lea@example\.org/);
      assert.equal(page.headers['cache-control'], 'no-store');
      const pending = await site.db.selectFrom('subscribers').selectAll().executeTakeFirstOrThrow();
      assert.equal(pending.status, 'pending');
      const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
      const confirm = await site.form('/newsletter/confirm', { token });
      assert.equal(confirm.statusCode, 200, confirm.body.slice(0, 500));
      assert.match(confirm.body, /Willkommen!/);
      const active = await site.db.selectFrom('subscribers').selectAll().executeTakeFirstOrThrow();
      assert.equal(active.status, 'active');
      assert.equal(active.confirmed_at, site.now().toISOString(), 'the consent time is kept');
      assert.deepEqual(confirmed, [active.id], 'subscriber.confirmed was emitted once');

      const staff = await site.staff();
      const start = await site.app.http.inject({
        method: 'POST', url: '/api/v1/admin/newsletters', headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE },
        payload: { articleId },
      });
      assert.equal(start.statusCode, 202, start.body);
      assert.equal(start.json().status, 'preparing');
      await site.runJobs();
      const [, issue] = await site.sink.waitFor((mails) => mails.length === 2);
      assert.deepEqual(issue!.to, ['lea@example.org']);

      // The headers RFC 2369, RFC 8058 and RFC 5322 ask for.
      const unsubscribeUrl = /^<(http:\/\/127\.0\.0\.1:3000\/newsletter\/unsubscribe\?token=m\.\d+\.[\w-]+)>$/.exec(issue!.header('list-unsubscribe') ?? '')?.[1];
      assert.ok(unsubscribeUrl, issue!.header('list-unsubscribe'));
      assert.equal(issue!.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.equal(issue!.header('message-id'), `<newsletter.${start.json().id}.${active.id}@stadtblatt.example>`);
      assert.ok(Math.abs(Date.parse(issue!.header('date')!) - Date.now()) < 60_000, issue!.header('date'));
      assert.match(issue!.header('content-type')!, /^multipart\/alternative; boundary=/);
      assert.equal(issue!.header('subject'), 'Stadtrat beschließt <Haushalt> & mehr');
      assert.equal(issue!.header('list-id'), '"Stadtblatt" <newsletter.stadtblatt.example>');

      // Plain text and HTML carry the article, escaped, with absolute links and the footer.
      assert.match(issue!.text, /Der Stadtrat hat am Montag den Haushalt beschlossen\./);
      assert.match(issue!.text, /- Schulen: 4 Mio\./);
      assert.ok(issue!.text.includes(`Abbestellen: ${unsubscribeUrl}`));
      assert.match(issue!.html, /<h1 style="[^"]+"><a href="http:\/\/127\.0\.0\.1:3000\/stadtrat-beschliesst-haushalt-mehr\/"[^>]*>Stadtrat beschließt &lt;Haushalt&gt; &amp; mehr<\/a><\/h1>/);
      assert.match(issue!.html, /<blockquote style="[^"]+">Ein guter Tag für die Stadt\./);
      assert.ok(issue!.html.includes(`href="${unsubscribeUrl}"`));
      assert.doesNotMatch(issue!.html, /<img|<script|<iframe|<style/i, 'no remote images (no open tracking), no scripts, no embeds');
      const hrefs = [...issue!.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      for (const href of hrefs) assert.ok(href.startsWith(`${SITE}/`), `absolute link to our own site: ${href}`);
      assert.ok(hrefs.every((h) => !/[?&](utm_|track|click)/.test(h)), 'no click tracking');

      const progress = await site.app.http.inject({ method: 'GET', url: `/api/v1/admin/newsletters/${start.json().id}`, headers: { cookie: staff.cookie } });
      assert.deepEqual(
        (({ status, total, queued, sent, failed, skipped }) => ({ status, total, queued, sent, failed, skipped }))(progress.json()),
        { status: 'done', total: 1, queued: 0, sent: 1, failed: 0, skipped: 0 },
      );

      // One POST, as a mail provider sends it: no cookie, no CSRF token, no Origin.
      const leave = await site.app.http.inject({
        method: 'POST', url: unsubscribeUrl!.slice(SITE.length),
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(leave.statusCode, 200, leave.body.slice(0, 300));
      assert.match(leave.body, /Abbestellt/);
      const gone = await site.db.selectFrom('subscribers').selectAll().executeTakeFirstOrThrow();
      assert.equal(gone.status, 'unsubscribed');
      assert.equal(gone.email, null, 'the address is erased');
      assert.equal(gone.confirmed_at, active.confirmed_at, 'the consent record stays');

      // Nothing more: a digest of the week reaches nobody.
      const digest = await site.app.http.inject({
        method: 'POST', url: '/api/v1/admin/newsletters', headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE },
        payload: { digest: 'week' },
      });
      assert.equal(digest.statusCode, 202, digest.body);
      await site.runJobs();
      const after = await site.app.http.inject({ method: 'GET', url: `/api/v1/admin/newsletters/${digest.json().id}`, headers: { cookie: staff.cookie } });
      assert.equal(after.json().status, 'done');
      assert.equal(after.json().total, 0);
      assert.equal(site.sink.mails.length, 2);
    });

    test('the follow box under every article is a working sign-up form', async () => {
      const page = await site.app.http.inject({ method: 'GET', url: '/stadtrat-beschliesst-haushalt-mehr/' });
      assert.equal(page.statusCode, 200);
      const form = /<form class="follow-form" method="post" action="\/newsletter\/">([^]*?)<\/form>/.exec(page.body)?.[1];
      assert.ok(form, 'a plain HTML form, no script needed');
      assert.match(form!, /<input type="hidden" name="_csrf" value="[\w-]{43}">/);
      assert.match(form!, /<label for="follow-email">E-Mail-Adresse<\/label><input id="follow-email" type="email" name="email" required/);
      const res = await site.form('/newsletter/', { email: 'mia@example.org' });
      assert.equal(res.statusCode, 200);
      await site.runJobs();
      const mails = await site.sink.waitFor((all) => all.some((m) => m.to[0] === 'mia@example.org'));
      assert.match(mails.at(-1)!.header('subject')!, /Bitte bestätigen/);
    });
  });
}
