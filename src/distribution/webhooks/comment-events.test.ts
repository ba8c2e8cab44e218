// Comment webhooks (issue 17): a comment held for moderation, published on approval and
// removed by a rejection reaches a registered receiver as comment.held, comment.published
// (and the older comment.approved) and comment.removed, signed, through the real moderation
// routes, on both databases; every body matches the payload the OpenAPI document promises.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import * as formats from 'ajv-formats';
import { testDatabaseKinds } from '../../platform/testing.js';
import { SITE, standIn, startHarness, type Harness, type StandIn } from './harness.js';
import { WEBHOOK_EVENTS, webhookBodySchema, type WebhookEvent } from './index.js';

const addFormats = ((formats as unknown as { default?: (ajv: Ajv) => Ajv }).default ?? (formats as unknown as (ajv: Ajv) => Ajv));

for (const kind of testDatabaseKinds()) {
  describe(`comment webhooks [${kind}]`, () => {
    let h: Harness;
    let receiver: StandIn;
    let staff: { cookie: string; csrf: string };
    let articleId: number;
    const ajv = addFormats(new Ajv({ strict: false }));

    before(async () => {
      h = await startHarness(kind);
      receiver = await standIn({ status: 200, body: 'ok' });
      staff = await h.staff();
      await h.app.services.settings.update('distribution', { allowPrivateWebhookTargets: true });
      await h.app.services.settings.update('discussion', { policy: 'all' });
      const res = await h.app.http.inject({
        method: 'POST', url: '/api/v1/admin/webhooks', headers: h.writeHeaders(staff),
        payload: { url: `${receiver.url}/in`, events: ['comment.held', 'comment.published', 'comment.approved', 'comment.removed'] },
      });
      assert.equal(res.statusCode, 201, res.body);
      articleId = (await h.app.services.content.createArticle({
        lang: 'de', title: 'Haushalt', slug: 'haushalt', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', authorIds: [], tagIds: [],
      })).id;
      await h.app.services.jobs.runOnce();
      receiver.requests.length = 0;
    });

    after(async () => {
      await receiver.close();
      await h.close();
    });

    const delivered = async () => {
      while ((await h.app.services.jobs.runOnce()) > 0);
      const bodies = receiver.requests.map((r) => JSON.parse(r.body) as { event: WebhookEvent; data: { comment: { id: number; status?: string } } });
      for (const body of bodies) {
        const validate = ajv.compile(webhookBodySchema(body.event));
        assert.ok(validate(body), `${body.event}: ${JSON.stringify(validate.errors)}`);
      }
      receiver.requests.length = 0;
      return bodies;
    };

    test('held, published, removed: each reaches the receiver as documented', async () => {
      assert.ok(['comment.held', 'comment.published', 'comment.removed'].every((event) => (WEBHOOK_EVENTS as readonly string[]).includes(event)));
      const page = await h.app.http.inject({ method: 'GET', url: '/' });
      const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
      const posted = await h.app.http.inject({
        method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: '10.5.0.1',
        headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { body: 'Danke für den Bericht über den Haushalt.', name: 'Lea Leserin', email: 'lea@example.org' },
      });
      assert.equal(posted.statusCode, 201, posted.body);
      const id = posted.json<{ id: number }>().id;
      const held = await delivered();
      assert.deepEqual(held.map((b) => b.event), ['comment.held']);
      assert.equal(held[0]!.data.comment.id, id);
      assert.ok(!JSON.stringify(held).includes('lea@example.org'), 'no e-mail address leaves the site');

      const approve = await h.app.http.inject({ method: 'POST', url: `/api/v1/admin/comments/${id}/approve`, headers: h.writeHeaders(staff), payload: {} });
      assert.equal(approve.statusCode, 200, approve.body);
      const published = await delivered();
      assert.deepEqual(published.map((b) => b.event).sort(), ['comment.approved', 'comment.published']);
      assert.deepEqual((published[0]!.data as unknown as { comment: unknown }).comment, { id, parentId: null, url: `${SITE}/haushalt/#comment-${id}` });

      const reject = await h.app.http.inject({ method: 'POST', url: `/api/v1/admin/comments/${id}/reject`, headers: h.writeHeaders(staff), payload: {} });
      assert.equal(reject.statusCode, 200, reject.body);
      const removed = await delivered();
      assert.deepEqual(removed.map((b) => b.event), ['comment.removed']);
      assert.equal(removed[0]!.data.comment.id, id);
      assert.ok(removed[0]!.data.comment.status, 'says why');
    });
  });
}
