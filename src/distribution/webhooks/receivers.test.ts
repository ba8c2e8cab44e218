// The receivers kept per process (issue 16): read once, forgotten on `webhooks.changed` and
// after the time bound; and through the app on both databases, a webhook registered or
// deleted after the list was kept is heard at once, and one deleted behind the process's
// back (another node, before its event arrived) costs no other receiver its delivery.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventBus } from '../../platform/events.js';
import { testDatabaseKinds } from '../../platform/testing.js';
import { standIn, startHarness, type Harness, type StandIn } from './harness.js';
import { cachedReceivers } from './receivers.js';

describe('cachedReceivers', () => {
  const setup = () => {
    let reads = 0;
    let rows = [{ id: 1, events: ['comment.published'] }];
    let clock = 0;
    const bus = createEventBus({ error: () => undefined });
    const store = {
      receivers: async () => {
        reads += 1;
        return rows;
      },
    };
    const receivers = cachedReceivers(store, bus, () => new Date(clock), 5_000);
    return {
      bus, receivers,
      reads: () => reads,
      set: (next: typeof rows) => void (rows = next),
      later: (ms: number) => void (clock += ms),
    };
  };

  test('one read serves every event until a webhook changes', async () => {
    const s = setup();
    assert.deepEqual(await s.receivers.subscribedTo('comment.published'), [{ id: 1 }]);
    assert.deepEqual(await s.receivers.subscribedTo('comment.approved'), []);
    assert.equal(s.reads(), 1);
    s.set([{ id: 1, events: ['comment.published'] }, { id: 2, events: ['comment.approved'] }]);
    await s.bus.emit('webhooks.changed', { webhookId: 2 }, { remote: true });
    assert.deepEqual(await s.receivers.subscribedTo('comment.approved'), [{ id: 2 }]);
    assert.equal(s.reads(), 2);
  });

  test('the time bound: a change the bus did not carry is seen after five seconds', async () => {
    const s = setup();
    await s.receivers.subscribedTo('comment.published');
    s.set([]);
    s.later(4_999);
    assert.deepEqual(await s.receivers.subscribedTo('comment.published'), [{ id: 1 }]);
    s.later(1);
    assert.deepEqual(await s.receivers.subscribedTo('comment.published'), []);
  });

  test('a failed read is not kept', async () => {
    let fail = true;
    const store = {
      receivers: async () => {
        if (fail) throw new Error('database gone');
        return [{ id: 4, events: ['article.published'] }];
      },
    };
    const receivers = cachedReceivers(store, createEventBus({ error: () => undefined }), () => new Date(0));
    await assert.rejects(receivers.subscribedTo('article.published'), /database gone/);
    fail = false;
    assert.deepEqual(await receivers.subscribedTo('article.published'), [{ id: 4 }]);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`kept webhook receivers in the app [${kind}]`, () => {
    let h: Harness;
    let receiver: StandIn;
    let staff: { cookie: string; csrf: string };
    let articleId: number;
    let commentId = 1000;

    before(async () => {
      h = await startHarness(kind);
      receiver = await standIn({ status: 204 });
      staff = await h.staff();
      await h.app.services.settings.update('distribution', { allowPrivateWebhookTargets: true });
      articleId = (await h.app.services.content.createArticle({
        lang: 'de', title: 'Haushalt', slug: 'haushalt', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', authorIds: [], tagIds: [],
      })).id;
    });
    after(async () => {
      await receiver.close();
      await h.close();
    });

    const register = async () => {
      const res = await h.app.http.inject({
        method: 'POST', url: '/api/v1/admin/webhooks', headers: h.writeHeaders(staff),
        payload: { url: `${receiver.url}/in`, events: ['comment.published'] },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };
    const deliveriesOf = async () => {
      const rows = await h.app.services.database.db.selectFrom('webhook_deliveries' as never).select(['webhook_id' as never]).execute();
      return (rows as { webhook_id: number }[]).map((row) => row.webhook_id).sort((a, b) => a - b);
    };
    const publish = () => h.app.services.bus.emit('comment.published', { commentId: ++commentId, articleId, parentId: null });

    test('registered and deleted after the list was kept: heard at once', async () => {
      await publish(); // nobody listens yet; the empty list is kept
      assert.deepEqual(await deliveriesOf(), []);
      const first = await register();
      await publish();
      assert.deepEqual(await deliveriesOf(), [first]);
      const gone = await h.app.http.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${first}`, headers: h.writeHeaders(staff) });
      assert.equal(gone.statusCode, 204, gone.body);
      await publish();
      assert.deepEqual(await deliveriesOf(), []); // its deliveries went with it, and no new one
    });

    test('deleted behind its back: the others still get their delivery', async () => {
      const kept = await register();
      const doomed = await register();
      await publish();
      assert.deepEqual(await deliveriesOf(), [kept, doomed]);
      // As another node does before its event arrives: the row goes, this process still lists it.
      await h.app.services.database.db.deleteFrom('webhooks' as never).where('id' as never, '=', doomed as never).execute();
      await publish();
      assert.deepEqual(await deliveriesOf(), [kept, kept]);
    });
  });
}
