// The newsletter's newsroom pages through HTTP: who may open them, sending from the form
// (the send's page shows its progress), refusals at the field with the choice kept and
// nothing created, the CSV import form, and hostile values rendered inert. Real SMTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../platform/testing.js';
import { createUser } from '../platform/users.js';
import { AppError } from '../platform/errors.js';
import { formErrorOf } from './admin-pages.js';
import { SITE, freshIp, startTestSite, type TestSite } from './harness.js';

const HOSTILE = '<script>alert("t")</script> Haushalt';
const CSV = [
  'email,name,topics,status,confirmed_at',
  'anna@example.org,Anna,stadtrat,active,2025-01-02T10:00:00Z',
  'bert@example.org,Bert,,active,2025-01-03',
  'carla@example.org,Carla,kultur,active,2025-01-04',
  'bounce@example.org,Bouncer,,active,2025-01-05',
  'emil@example.org,Emil,,unsubscribed,',
  'not-an-address,X,,active,2025-01-01',
].join('\r\n');

function multipart(fields: Record<string, string>, file?: { name: string; content: string }) {
  const boundary = '----blattwerk-test-boundary';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (file) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`);
  return { payload: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

test('the send form tells refusals apart by their code, whatever the detail says', () => {
  const detail = 'reworded for API clients';
  assert.deepEqual(formErrorOf(new AppError('NEWSLETTER_REPEAT', { field: 'articleId', detail })), { field: 'issue', message: 'error.repeat' });
  assert.deepEqual(formErrorOf(new AppError('NEWSLETTER_REPEAT', { field: 'digest', detail })), { field: 'issue', message: 'error.repeat' });
  assert.deepEqual(formErrorOf(new AppError('NEWSLETTER_EMPTY', { field: 'digest', detail })), { field: 'issue', message: 'error.emptyDigest' });
  assert.deepEqual(formErrorOf(new AppError('VALIDATION', { field: 'digest', detail: 'no articles were published in the last seven days' })), { field: 'issue', message: 'error.issue' });
});

for (const kind of testDatabaseKinds()) {
  describe(`newsletter admin pages [${kind}]`, () => {
    let site: TestSite;
    let editor: { cookie: string; csrf: string };
    let articleId = 0;

    before(async () => {
      site = await startTestSite(kind, { refuse: (to) => (to.startsWith('bounce@') ? 550 : null) });
      const { content, settings } = site.app.services;
      const stadtrat = await content.createTag({ name: 'Stadtrat', slug: 'stadtrat' });
      await content.createTag({ name: 'Kultur <b>&</b>', slug: 'kultur' });
      await settings.update('newsletter', { topics: ['stadtrat', 'kultur'] });
      const article = await content.createArticle({
        lang: 'de', title: HOSTILE, body: [{ type: 'paragraph', text: 'Text.' }], status: 'published',
        publishedAt: new Date('2026-05-03T10:00:00Z'), authorIds: [], tagIds: [stadtrat.id],
      });
      articleId = article.id;
      editor = await site.staff();
    });
    after(() => site.close());

    const get = (url: string, session: { cookie: string } | null = editor, accept = 'text/html') =>
      site.app.http.inject({ method: 'GET', url, headers: { accept, ...(session ? { cookie: session.cookie } : {}) } });
    const post = (url: string, fields: Record<string, string>, session = editor) =>
      site.app.http.inject({
        method: 'POST', url, remoteAddress: freshIp(),
        headers: { cookie: session.cookie, origin: SITE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
      });
    const sendCount = async () => (await site.db.selectFrom('newsletters').select('id').execute()).length;

    test('only editors and up open the pages; a browser without a session is sent to sign in', async () => {
      const anonymousBrowser = await get('/admin/newsletter/', null);
      assert.equal(anonymousBrowser.statusCode, 303);
      assert.equal(anonymousBrowser.headers.location, '/admin/login/?next=%2Fadmin%2Fnewsletter%2F');
      assert.equal((await get('/admin/newsletter/', null, 'application/json')).statusCode, 401);

      await createUser(site.app.services.database.db, { email: 'autorin@example.org', password: 'sehr-geheim-123', role: 'author', name: 'Autorin' });
      const token = /name="csrf-token" content="([^"]+)"/.exec((await site.app.http.inject({ method: 'GET', url: '/newsletter/' })).body)![1]!;
      const login = await site.app.http.inject({
        method: 'POST', url: '/api/v1/session', remoteAddress: freshIp(),
        headers: { 'x-csrf-token': token, origin: SITE }, payload: { email: 'autorin@example.org', password: 'sehr-geheim-123' },
      });
      assert.equal(login.statusCode, 200, login.body);
      const author = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string };
      assert.equal((await get('/admin/newsletter/', author)).statusCode, 403);
      assert.equal((await get('/admin/newsletter/1/', author)).statusCode, 403);
      assert.equal((await post('/admin/newsletter/send', { issue: 'digest' }, author)).statusCode, 403);
      assert.equal(await sendCount(), 0);

      const page = await get('/admin/newsletter/');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /<nav class="admin-nav"/, 'in the newsroom frame');
      assert.match(page.body, /<a href="\/admin\/newsletter\/" aria-current="page">/);
      assert.match(page.body, /href="\/api\/v1\/admin\/subscribers\.csv"/);
      assert.match(page.body, /<form method="post" action="\/admin\/newsletter\/send"[^]*name="_csrf" value="[^"\u0000]+"/);
    });

    test('the import form takes a CSV file and the counts follow', async () => {
      const form = multipart({ _csrf: editor.csrf }, { name: 'csv', content: CSV });
      const res = await site.app.http.inject({
        method: 'POST', url: '/admin/newsletter/import',
        headers: { cookie: editor.cookie, origin: SITE, accept: 'text/html', 'content-type': form.type }, payload: form.payload,
      });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.match(res.body, /Importiert: 5\. Bereits bekannt: 0\. Abgelehnt: 1\./);
      assert.match(res.body, /Zeile 6: invalid e-mail address/);
      assert.match(res.body, /<dt>bestätigt<\/dt><dd>4<\/dd>/);
      assert.match(res.body, /<dt>abgemeldet<\/dt><dd>1<\/dd>/);
      assert.match(res.body, /<th scope="row">Stadtrat<\/th><td>1<\/td>/);
      assert.match(res.body, /<th scope="row">Kultur &lt;b&gt;&amp;&lt;\/b&gt;<\/th><td>1<\/td>/, 'a tag name is text');
      assert.match(res.body, /ohne Themenwahl[^<]*<\/th><td>2<\/td>/);

      const noToken = multipart({}, { name: 'csv', content: CSV });
      const refused = await site.app.http.inject({
        method: 'POST', url: '/admin/newsletter/import',
        headers: { cookie: editor.cookie, origin: SITE, 'content-type': noToken.type }, payload: noToken.payload,
      });
      assert.equal(refused.statusCode, 403, 'the file form carries CSRF like any other');
      const broken = multipart({ _csrf: editor.csrf }, { name: 'csv', content: 'email\n"never closed' });
      const bad = await site.app.http.inject({
        method: 'POST', url: '/admin/newsletter/import',
        headers: { cookie: editor.cookie, origin: SITE, accept: 'text/html', 'content-type': broken.type }, payload: broken.payload,
      });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="newsletter-csv-error"/);
      const empty = multipart({ _csrf: editor.csrf });
      const none = await site.app.http.inject({
        method: 'POST', url: '/admin/newsletter/import',
        headers: { cookie: editor.cookie, origin: SITE, accept: 'text/html', 'content-type': empty.type }, payload: empty.payload,
      });
      assert.equal(none.statusCode, 422);
      assert.match(none.body, /Bitte wählen Sie eine CSV-Datei/);
    });

    test('a bad choice comes back at its field, as chosen, and creates nothing', async () => {
      const unknownArticle = await post('/admin/newsletter/send', { issue: '99999', topic: 'stadtrat' });
      assert.equal(unknownArticle.statusCode, 422);
      assert.match(unknownArticle.body, /<select id="newsletter-issue" name="issue" required aria-invalid="true" aria-describedby="newsletter-issue-error">/);
      assert.match(unknownArticle.body, /<option value="99999" selected>/, 'the typed choice is kept');
      assert.match(unknownArticle.body, /<option value="stadtrat" selected>Stadtrat<\/option>/);
      assert.match(unknownArticle.body, /id="newsletter-issue-error">Bitte wählen Sie einen veröffentlichten Artikel/);

      const unknownTopic = await post('/admin/newsletter/send', { issue: String(articleId), topic: '"><script>alert(2)</script>' });
      assert.equal(unknownTopic.statusCode, 422);
      assert.match(unknownTopic.body, /<select id="newsletter-topic" name="topic" aria-describedby="newsletter-topic-note" aria-invalid="true"/);
      assert.match(unknownTopic.body, new RegExp(`<option value="${articleId}" selected>`));
      assert.match(unknownTopic.body, /value="&quot;&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;" selected/);
      assert.doesNotMatch(unknownTopic.body, /<script>alert/);

      // An empty digest is told by its code, not by the wording of the service's detail.
      const emptyDigest = await post('/admin/newsletter/send', { issue: 'digest', topic: 'kultur' });
      assert.equal(emptyDigest.statusCode, 422);
      assert.match(emptyDigest.body, /id="newsletter-issue-error">In den letzten sieben Tagen wurde nichts veröffentlicht/);

      const nonsense = await post('/admin/newsletter/send', { issue: 'javascript:1' });
      assert.equal(nonsense.statusCode, 422);
      const noToken = await site.app.http.inject({
        method: 'POST', url: '/admin/newsletter/send',
        headers: { cookie: editor.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }, payload: `issue=${articleId}`,
      });
      assert.equal(noToken.statusCode, 403);
      assert.equal(await sendCount(), 0);
    });

    test('sending from the form creates a send whose page shows its progress', async () => {
      const res = await post('/admin/newsletter/send', { issue: String(articleId), topic: 'stadtrat' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const match = /^\/admin\/newsletter\/(\d+)\/$/.exec(String(res.headers.location));
      assert.ok(match, String(res.headers.location));
      const id = Number(match[1]);
      assert.equal(await sendCount(), 1);

      const preparing = await get(`/admin/newsletter/${id}/`);
      assert.equal(preparing.statusCode, 200);
      assert.equal(preparing.headers.refresh, '5', 'a running send reloads itself');
      assert.match(preparing.body, /wird vorbereitet/);
      assert.match(preparing.body, /<progress class="newsletter-progress" aria-labelledby/);

      await site.runJobs();
      const done = await get(`/admin/newsletter/${id}/`);
      assert.equal(done.statusCode, 200);
      assert.equal(done.headers.refresh, undefined, 'a finished send stays still');
      assert.match(done.body, /<progress class="newsletter-progress" max="3" value="3"/);
      assert.match(done.body, /3 von 3 erledigt/);
      assert.match(done.body, /data-figure="sent">2</);
      assert.match(done.body, /data-figure="failed">1</);
      assert.match(done.body, /<strong>fertig<\/strong>/);
      assert.match(done.body, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt; Haushalt/);
      assert.doesNotMatch(done.body, /<script>alert/);

      const index = await get('/admin/newsletter/');
      assert.match(index.body, new RegExp(`<a href="/admin/newsletter/${id}/">&lt;script&gt;`));
      assert.match(index.body, /<td>2\/3<\/td>\s*<td>1<\/td>\s*<td>fertig<\/td>/);
      assert.match(index.body, /<option value="\d+">&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt; Haushalt/);
      assert.doesNotMatch(index.body, /<script>alert/);

      const again = await post('/admin/newsletter/send', { issue: String(articleId), topic: 'stadtrat' });
      assert.equal(again.statusCode, 422);
      assert.match(again.body, /id="newsletter-issue-error">Diese Ausgabe wurde in den letzten 24 Stunden schon gesendet/);
      assert.equal(await sendCount(), 1);
      assert.equal((await get('/admin/newsletter/424242/')).statusCode, 404);
      assert.equal((await get('/admin/newsletter/abc/')).statusCode, 404);
    });
  });
}
