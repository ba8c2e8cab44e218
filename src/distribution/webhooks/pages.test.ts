// The webhook pages of the newsroom through HTTP, on every configured database: who may
// open them, registering through the form (secret shown once; a refused URL comes back
// as typed and stores nothing), a receiver's deliveries with its answers (hostile ones
// inert), deleting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../../platform/testing.js';
import { createUser } from '../../platform/users.js';
import { SITE, standIn, startHarness, type Harness, type StandIn } from './harness.js';

type Session = { cookie: string; csrf: string };

for (const kind of testDatabaseKinds()) {
  describe(`webhook pages [${kind}]`, () => {
    let h: Harness;
    let receiver: StandIn;
    let admin: Session;

    before(async () => {
      h = await startHarness(kind);
      receiver = await standIn({ status: 200, body: 'thanks' });
      admin = await h.staff();
    });
    after(async () => {
      await receiver.close();
      await h.close();
    });

    const get = (url: string, session: Session | null = admin) =>
      h.app.http.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}) } });
    const post = (url: string, fields: [string, string][], session: Session = admin, csrf: string | null = session.csrf) => {
      const body = new URLSearchParams(fields);
      if (csrf !== null) body.append('_csrf', csrf);
      return h.app.http.inject({
        method: 'POST', url,
        headers: { cookie: session.cookie, origin: SITE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
    };
    const stored = async () => (await h.app.services.database.db.withTables<{ webhooks: { id: number } }>().selectFrom('webhooks').select('id').execute()).length;

    test('owners and admins only; a browser without a session is sent to sign in', async () => {
      const anonymous = await get('/admin/webhooks/', null);
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/admin/login/?next=%2Fadmin%2Fwebhooks%2F');

      await createUser(h.app.services.database.db, { email: 'editor@example.org', password: 'sehr-geheim-123', role: 'editor', name: 'Editor' });
      const token = /name="csrf-token" content="([^"]+)"/.exec((await h.app.http.inject({ method: 'GET', url: '/' })).body)![1]!;
      const login = await h.app.http.inject({
        method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': token, origin: SITE },
        payload: { email: 'editor@example.org', password: 'sehr-geheim-123' },
      });
      assert.equal(login.statusCode, 200, login.body);
      const editor = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string };
      assert.equal((await get('/admin/webhooks/', editor)).statusCode, 403);
      assert.equal((await get('/admin/webhooks/1/', editor)).statusCode, 403);
      assert.equal((await post('/admin/webhooks/', [['url', 'https://hooks.example.org/'], ['events', 'article.published']], editor)).statusCode, 403);
      assert.doesNotMatch((await get('/admin/newsletter/', editor)).body, /href="\/admin\/webhooks\/"/, 'the editor is not shown the link');

      const page = await get('/admin/webhooks/');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /<a href="\/admin\/webhooks\/" aria-current="page">/);
      for (const event of ['article.published', 'article.updated', 'comment.approved', 'subscriber.confirmed']) {
        assert.match(page.body, new RegExp(`<input type="checkbox" name="events" value="${event}"`));
      }
    });

    test('a refused registration comes back at its field, as typed, and stores nothing', async () => {
      const bad = await post('/admin/webhooks/', [['url', 'not a "url"'], ['events', 'comment.approved'], ['description', 'Chat <b>bot</b>']]);
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /<input id="webhook-url" name="url" type="url"[^>]*value="not a &quot;url&quot;" aria-invalid="true" aria-describedby="webhook-url-error">/);
      assert.match(bad.body, /id="webhook-url-error">Das ist keine gültige Adresse/);
      assert.match(bad.body, /value="Chat &lt;b&gt;bot&lt;\/b&gt;"/);
      assert.match(bad.body, /value="comment\.approved" checked>/);
      assert.doesNotMatch(bad.body, /value="article\.published" checked>/, 'the ticks come back as sent');

      const ftp = await post('/admin/webhooks/', [['url', 'ftp://hooks.example.org/'], ['events', 'article.published']]);
      assert.equal(ftp.statusCode, 422);
      assert.match(ftp.body, /Nur http- und https-Adressen/);
      const internal = await post('/admin/webhooks/', [['url', 'http://169.254.169.254/latest/'], ['events', 'article.published']]);
      assert.equal(internal.statusCode, 422);
      assert.match(internal.body, /privaten oder lokalen Netz/);
      const noEvents = await post('/admin/webhooks/', [['url', 'https://hooks.example.org/in']]);
      assert.equal(noEvents.statusCode, 422);
      assert.match(noEvents.body, /id="webhook-events-error"/);
      assert.match(noEvents.body, /value="https:\/\/hooks\.example\.org\/in"/);
      const unknownEvent = await post('/admin/webhooks/', [['url', 'https://hooks.example.org/in'], ['events', 'article.deleted']]);
      assert.equal(unknownEvent.statusCode, 422);
      const longText = await post('/admin/webhooks/', [['url', 'https://hooks.example.org/in'], ['events', 'article.published'], ['description', 'x'.repeat(201)]]);
      assert.equal(longText.statusCode, 422);
      assert.match(longText.body, /id="webhook-description-error"/);
      const noToken = await post('/admin/webhooks/', [['url', 'https://hooks.example.org/in'], ['events', 'article.published']], admin, null);
      assert.equal(noToken.statusCode, 403);
      assert.equal(await stored(), 0);
    });

    test('registered through the form, a receiver\'s deliveries are listed with its answers', async () => {
      await h.app.services.settings.update('distribution', { allowPrivateWebhookTargets: true });
      const created = await post('/admin/webhooks/', [['url', `${receiver.url}/in`], ['events', 'article.published'], ['events', 'comment.approved'], ['description', 'Chat']]);
      assert.equal(created.statusCode, 201, created.body.slice(0, 400));
      const secret = /value="(whsec_[^"]+)"/.exec(created.body)?.[1];
      assert.ok(secret, 'the secret is shown');
      assert.equal(await stored(), 1);
      const id = Number(/href="\/admin\/webhooks\/(\d+)\/"/.exec(created.body)![1]);
      const list = await get('/admin/webhooks/');
      assert.match(list.body, new RegExp(`<code>${receiver.url}/in</code>`));
      assert.match(list.body, /<code>article\.published<\/code>, <code>comment\.approved<\/code>/);
      assert.ok(!list.body.includes(secret), 'and never again');

      receiver.answers.push({ status: 500, body: '<script>alert("hook")</script>' });
      await h.app.services.content.createArticle({
        lang: 'de', title: 'Rat <img src=x onerror=alert(1)>', slug: 'rat', body: [], status: 'published', authorIds: [], tagIds: [],
      });
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      const retrying = await get(`/admin/webhooks/${id}/`);
      assert.equal(retrying.statusCode, 200);
      assert.match(retrying.body, /<code>article\.published<\/code><\/td>\s*<td>wird wiederholt<\/td>\s*<td>1<\/td>\s*<td data-column="code">500<\/td>/);
      assert.match(retrying.body, /<pre class="webhook-response">&lt;script&gt;alert\(&quot;hook&quot;\)&lt;\/script&gt;<\/pre>/);
      assert.doesNotMatch(retrying.body, /<script>alert/);
      const next = /<td><time datetime="([^"]+)">[^<]*<\/time><\/td>\s*<\/tr>/.exec(retrying.body);
      assert.ok(next, 'the next attempt is shown');
      assert.ok(new Date(next[1]!).getTime() > h.now().getTime());

      h.later(3600);
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      const delivered = await get(`/admin/webhooks/${id}/`);
      assert.match(delivered.body, /<td>zugestellt<\/td>\s*<td>2<\/td>\s*<td data-column="code">200<\/td>/);
      assert.match(delivered.body, /<pre class="webhook-response">thanks<\/pre><\/td>\s*<td>–<\/td>/);

      const gone = await post(`/admin/webhooks/${id}/delete`, []);
      assert.equal(gone.statusCode, 303);
      assert.equal(gone.headers.location, '/admin/webhooks/?deleted=1');
      assert.equal(await stored(), 0);
      assert.match((await get('/admin/webhooks/?deleted=1')).body, /sind gelöscht/);
      assert.equal((await get(`/admin/webhooks/${id}/`)).statusCode, 404);
      assert.equal((await post(`/admin/webhooks/${id}/delete`, [])).statusCode, 404);
    });
  });
}
