// Webhooks through the admin API, the events bus and the job queue, delivered to a
// receiver on 127.0.0.1, on every configured database. Signatures are recomputed here
// with the algorithm README.md documents; the clock moves instead of waiting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { EventBus } from '../../platform/events.js';
import { testDatabaseKinds } from '../../platform/testing.js';
import { SITE, standIn, startHarness, type Harness, type Recorded, type StandIn } from './harness.js';

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseCode: number | null;
  responseExcerpt: string;
  error: string | null;
}

for (const kind of testDatabaseKinds()) {
  describe(`webhooks [${kind}]`, () => {
    let h: Harness;
    let receiver: StandIn;
    let staff: { cookie: string; csrf: string };
    let hook: { id: number; secret: string };

    before(async () => {
      h = await startHarness(kind);
      receiver = await standIn({ status: 204 });
      staff = await h.staff();
    });
    after(async () => {
      await receiver.close();
      await h.close();
    });

    const register = (payload: Record<string, unknown>) =>
      h.app.http.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: h.writeHeaders(staff), payload });
    const deliveries = async (id: number): Promise<Delivery[]> => {
      const res = await h.app.http.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${id}/deliveries`, headers: { cookie: staff.cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().deliveries as Delivery[];
    };

    /** What a receiver does, from README.md, without our helper. */
    function verify(request: Recorded, secret: string): boolean {
      const timestamp = String(request.headers['x-blattwerk-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
      return request.headers['x-blattwerk-signature'] === expected;
    }

    test('SSRF: with the setting off, private and loopback targets are refused', async () => {
      for (const url of [`${receiver.url}/in`, 'http://localhost/in', 'http://[::1]/in', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.5/']) {
        const res = await register({ url, events: ['article.published'] });
        assert.equal(res.statusCode, 400, url);
        assert.equal(res.json().error.code, 'VALIDATION');
        assert.equal(res.json().error.field, 'url');
      }
      const ftp = await register({ url: 'ftp://hooks.example.org/', events: ['article.published'] });
      assert.equal(ftp.statusCode, 400);
      const list = await h.app.http.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: { cookie: staff.cookie } });
      assert.deepEqual(list.json().webhooks, []);
    });

    test('staff register a receiver; the secret is shown once', async () => {
      await h.app.services.settings.update('distribution', { allowPrivateWebhookTargets: true });
      const unknownEvent = await register({ url: `${receiver.url}/in`, events: ['article.deleted'] });
      assert.equal(unknownEvent.statusCode, 400);
      const noCsrf = await h.app.http.inject({
        method: 'POST', url: '/api/v1/admin/webhooks', headers: { cookie: staff.cookie, origin: SITE },
        payload: { url: `${receiver.url}/in`, events: ['article.published'] },
      });
      assert.equal(noCsrf.statusCode, 403);
      const anonymous = await h.app.http.inject({ method: 'GET', url: '/api/v1/admin/webhooks' });
      assert.equal(anonymous.statusCode, 401);

      const res = await register({
        url: `${receiver.url}/in`, events: ['article.published', 'article.updated', 'comment.approved', 'subscriber.confirmed'], description: 'Test',
      });
      assert.equal(res.statusCode, 201, res.body);
      hook = res.json();
      assert.match(hook.secret, /^whsec_/);
      const list = await h.app.http.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: { cookie: staff.cookie } });
      assert.equal(list.json().webhooks.length, 1);
      assert.doesNotMatch(list.body, new RegExp(hook.secret));
    });

    test('a published article is delivered, signed as documented', async () => {
      const article = await h.app.services.content.createArticle({
        lang: 'de', title: 'Stadtrat tagt', slug: 'stadtrat-tagt', body: [{ type: 'paragraph', text: 'Heute.' }],
        status: 'published', authorIds: [], tagIds: [],
      });
      assert.equal(receiver.requests.length, 0, 'delivery is a job');
      assert.equal(await h.app.services.jobs.runOnce(), 1, 'one delivery: a first publication is not also an update');

      const request = receiver.requests[0]!;
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/in');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['x-blattwerk-event'], 'article.published');
      assert.equal(request.headers['x-blattwerk-timestamp'], String(Math.floor(h.now().getTime() / 1000)));
      assert.ok(verify(request, hook.secret), 'the signature verifies');
      assert.ok(!verify(request, 'whsec_wrong'));
      const body = JSON.parse(request.body);
      assert.deepEqual(Object.keys(body), ['id', 'event', 'createdAt', 'data']);
      assert.equal(body.id, request.headers['x-blattwerk-delivery']);
      assert.equal(body.event, 'article.published');
      assert.equal(body.createdAt, h.now().toISOString());
      assert.equal(body.data.article.id, article.id);
      assert.equal(body.data.article.url, `${SITE}/stadtrat-tagt/`);
      assert.equal(body.data.article.title, 'Stadtrat tagt');

      const [delivery] = await deliveries(hook.id);
      assert.equal(delivery!.status, 'delivered');
      assert.equal(delivery!.attempts, 1);
      assert.equal(delivery!.responseCode, 204);
    });

    test('a receiver that fails gets retries with backoff, each signed anew', async () => {
      receiver.requests.length = 0;
      receiver.answers.push({ status: 503, body: 'busy' }, { status: 500, body: 'still busy' });
      const article = await h.app.services.content.store.findBy('slug', 'stadtrat-tagt');
      await h.app.services.content.updateArticle(article!.id, {
        lang: 'de', title: 'Stadtrat tagt länger', slug: 'stadtrat-tagt', body: article!.body, status: 'published', authorIds: [], tagIds: [],
      });
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      let [delivery] = await deliveries(hook.id);
      assert.equal(delivery!.event, 'article.updated');
      assert.deepEqual([delivery!.status, delivery!.attempts, delivery!.responseCode, delivery!.responseExcerpt], ['retrying', 1, 503, 'busy']);

      assert.equal(await h.app.services.jobs.runOnce(), 0, 'not before the backoff');
      h.later(31);
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      h.later(61);
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      [delivery] = await deliveries(hook.id);
      assert.deepEqual([delivery!.status, delivery!.attempts, delivery!.responseCode], ['delivered', 3, 204]);

      assert.equal(receiver.requests.length, 3);
      const [first, second, third] = receiver.requests;
      assert.equal(first!.body, third!.body, 'the same body every time');
      assert.equal(new Set(receiver.requests.map((r) => r.headers['x-blattwerk-delivery'])).size, 1);
      assert.notEqual(first!.headers['x-blattwerk-timestamp'], second!.headers['x-blattwerk-timestamp']);
      assert.ok(receiver.requests.every((r) => verify(r, hook.secret)));
    });

    test('article.updated is only for articles already live; publishing again after a draft is a publication', async () => {
      receiver.requests.length = 0;
      const { content, jobs } = h.app.services;
      const input = { lang: 'de' as const, title: 'Entwurf', slug: 'entwurf', body: [], authorIds: [], tagIds: [] };
      const draft = await content.createArticle({ ...input, status: 'draft' });
      await content.updateArticle(draft.id, { ...input, title: 'Entwurf 2', status: 'draft' });
      assert.equal(await jobs.runOnce(), 0, 'drafts are nobody\'s business');
      await content.updateArticle(draft.id, { ...input, status: 'published' });
      await content.updateArticle(draft.id, { ...input, status: 'draft' });
      await content.updateArticle(draft.id, { ...input, status: 'published' });
      await content.updateArticle(draft.id, { ...input, title: 'Korrigiert', status: 'published' });
      assert.equal(await jobs.runOnce(), 3);
      const events = receiver.requests.map((r) => JSON.parse(r.body) as { event: string; createdAt: string; data: { article: { title: string } } });
      assert.deepEqual(events.map((e) => e.event).sort(), ['article.published', 'article.published', 'article.updated']);
      assert.equal(events.find((e) => e.event === 'article.updated')!.data.article.title, 'Korrigiert');
    });

    test('comment.approved and subscriber.confirmed are delivered too', async () => {
      receiver.requests.length = 0;
      const article = await h.app.services.content.store.findBy('slug', 'stadtrat-tagt');
      await h.app.services.bus.emit('comment.published', { commentId: 41, articleId: article!.id, parentId: null });
      // subscriber.confirmed comes from audience/; emitted here as it would be.
      const emit = h.app.services.bus.emit as (event: string, payload: unknown) => ReturnType<EventBus['emit']>;
      await emit('subscriber.confirmed', { subscriberId: 9 });
      assert.equal(await h.app.services.jobs.runOnce(), 2);
      const bodies = receiver.requests.map((r) => JSON.parse(r.body)).sort((a, b) => a.event.localeCompare(b.event));
      assert.equal(bodies[0].event, 'comment.approved');
      assert.deepEqual(bodies[0].data.comment, { id: 41, parentId: null, url: `${SITE}/stadtrat-tagt/#comment-41` });
      assert.equal(bodies[1].event, 'subscriber.confirmed');
      assert.deepEqual(bodies[1].data, { subscriberId: 9 });
    });

    test('a receiver that moved into a private network is refused at delivery, without retries', async () => {
      receiver.requests.length = 0;
      await h.app.services.settings.update('distribution', { allowPrivateWebhookTargets: false });
      await h.app.services.bus.emit('comment.published', { commentId: 42, articleId: 1, parentId: null });
      assert.equal(await h.app.services.jobs.runOnce(), 1);
      h.later(3600);
      assert.equal(await h.app.services.jobs.runOnce(), 0);
      assert.equal(receiver.requests.length, 0);
      const [delivery] = await deliveries(hook.id);
      assert.equal(delivery!.status, 'failed');
      assert.match(delivery!.error!, /private/);
      await h.app.services.settings.update('distribution', { allowPrivateWebhookTargets: true });
    });

    test('deleting a webhook removes it and its deliveries', async () => {
      const res = await h.app.http.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${hook.id}`, headers: h.writeHeaders(staff) });
      assert.equal(res.statusCode, 204);
      const gone = await h.app.http.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${hook.id}/deliveries`, headers: { cookie: staff.cookie } });
      assert.equal(gone.statusCode, 404);
      const again = await h.app.http.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${hook.id}`, headers: h.writeHeaders(staff) });
      assert.equal(again.statusCode, 404);
    });
  });
}
