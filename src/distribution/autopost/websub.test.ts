// WebSub: feeds announce the configured hub, and publishing pings it for every feed that
// lists the article, as a durable job that is retried when the hub fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { testDatabaseKinds } from '../../platform/testing.js';
import { SITE, standIn, startHarness, type Harness, type StandIn } from '../webhooks/harness.js';

// The stand-in servers listen on 127.0.0.1: the outbound helper's documented test switch.
process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';

for (const kind of testDatabaseKinds()) {
  describe(`WebSub hub [${kind}]`, () => {
    let h: Harness;
    let hub: StandIn;

    before(async () => {
      h = await startHarness(kind);
      hub = await standIn({ status: 202 });
    });
    after(async () => {
      await hub.close();
      await h.close();
    });

    test('without a hub, feeds carry no hub link and nothing is pinged', async () => {
      const { content, jobs } = h.app.services;
      await content.createArticle({ lang: 'de', title: 'Ohne Hub', body: [], status: 'published', authorIds: [], tagIds: [] });
      assert.equal(await jobs.runOnce(), 0);
      const rss = await h.app.http.inject({ url: '/feed.xml' });
      assert.doesNotMatch(rss.body, /rel="hub"/);
      assert.match(rss.body, new RegExp(`<atom:link href="${SITE}/feed.xml" rel="self" type="application/rss\\+xml"/>`));
      assert.equal((await h.app.http.inject({ url: '/feed.json' })).json().hubs, undefined);
    });

    test('with a hub, every format announces it and publishing pings each feed', async () => {
      const { content, settings, jobs } = h.app.services;
      const hubUrl = `${hub.url}/hub?x=1&y=2`;
      await settings.update('distribution', { websubHub: hubUrl });
      const escaped = hubUrl.replace('&', '&amp;').replace(/[?.]/g, '\\$&');

      const rss = await h.app.http.inject({ url: '/feed.xml' });
      assert.match(rss.body, new RegExp(`<atom:link href="${escaped}" rel="hub"/>`));
      const atom = await h.app.http.inject({ url: '/atom.xml' });
      assert.match(atom.body, new RegExp(`<link rel="hub" href="${escaped}"/>`));
      assert.equal(XMLValidator.validate(rss.body), true);
      assert.equal(XMLValidator.validate(atom.body), true);
      assert.deepEqual((await h.app.http.inject({ url: '/feed.json' })).json().hubs, [{ type: 'WebSub', url: hubUrl }]);

      const tag = await content.createTag({ name: 'Stadtrat' });
      hub.answers.push({ status: 503 });
      await content.createArticle({ lang: 'de', title: 'Mit Hub', body: [], status: 'published', authorIds: [], tagIds: [tag.id] });
      assert.equal(await jobs.runOnce(), 1);
      const tagRss = await h.app.http.inject({ url: `/tag/${tag.slug}/feed.xml` });
      assert.match(tagRss.body, /rel="hub"/);

      // The first ping failed (503): the job is retried after the backoff and pings all again.
      const firstRound = hub.requests.length;
      assert.equal(firstRound, 6);
      h.later(61);
      assert.equal(await jobs.runOnce(), 1);
      const pings = hub.requests.slice(firstRound);
      assert.ok(pings.every((r) => r.method === 'POST' && r.url === '/hub?x=1&y=2' && r.headers['content-type'] === 'application/x-www-form-urlencoded'));
      const topics = pings.map((r) => new URLSearchParams(r.body)).map((p) => [p.get('hub.mode'), p.get('hub.url')]);
      assert.deepEqual(topics, [
        ['publish', `${SITE}/feed.xml`], ['publish', `${SITE}/atom.xml`], ['publish', `${SITE}/feed.json`],
        ['publish', `${SITE}/tag/${tag.slug}/feed.xml`], ['publish', `${SITE}/tag/${tag.slug}/atom.xml`], ['publish', `${SITE}/tag/${tag.slug}/feed.json`],
      ]);
      assert.equal(await jobs.runOnce(), 0, 'done');
    });
  });
}
