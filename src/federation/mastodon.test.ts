// Conformance with what Mastodon sends (fixtures/ written from Mastodon's documentation): a
// stand-in Mastodon server on loopback serves its actor and signs each delivery with its own
// RSA key (draft-cavage HTTP signatures, as Mastodon does); Blattwerk answers Follow (Accept
// goes back), a Create(Note) reply (a held comment with the handle), Like and Announce
// (counted per article), Delete (the comment goes) and Undo(Follow). Then the bad input:
// a bad signature and an unsigned delivery (401), malformed JSON, malformed JSON-LD, an
// unknown type, a too-large body, a reply to an unknown object and a blocked instance are
// refused or ignored with their reason logged, and nothing is stored. On both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { webcrypto } from 'node:crypto';
import { generateCryptoKeyPair } from '@fedify/fedify';
import sharp from 'sharp';
import type { App } from '../app.js';
import { testDatabaseKinds } from '../platform/testing.js';
import { SITE_ACTOR } from './objects.js';
import { INBOX_RATE } from './routes.js';
import { startFederatingSite, startMastodon, type FederatingSite, type Mastodon } from './testkit.js';

for (const kind of testDatabaseKinds()) {
  describe(`Mastodon's activities and bad input [${kind}]`, () => {
    let app: App;
    let site: FederatingSite;
    let base: string;
    let mastodon: Mastodon;
    let articleId: number;

    const payload = (name: string) => mastodon.payload(name, base, articleId);
    const deliver = (body: string, options: { key?: webcrypto.CryptoKey; unsigned?: boolean } = {}) => mastodon.deliver(`${base}/ap/inbox`, body, options);

    const drain = async () => {
      while ((await app.services.jobs.runOnce(50)) > 0);
    };
    const lastEvent = async () => (await app.services.federation.store.recentEvents(1))[0];
    const counts = async () => {
      const d = app.services.database.db;
      const comments = Number((await d.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return {
        followers: await app.services.federation.store.countFollowers(null),
        comments,
        reactions: await app.services.federation.store.reactionsOf(articleId),
      };
    };

    before(async () => {
      mastodon = await startMastodon();
      site = await startFederatingSite(kind);
      app = site.app;
      base = site.url;
      articleId = (await app.services.content.createArticle({ lang: 'de', title: 'Haushalt beschlossen', body: [{ type: 'paragraph', text: 'Der Rat hat getagt.' }], status: 'published', authorIds: [], tagIds: [] })).id;
    });

    after(async () => {
      await site?.close();
      await mastodon?.close();
    });

    test('Follow: the follower is stored and an Accept goes back to their inbox', async () => {
      const answer = await deliver(payload('follow'));
      assert.equal(answer.status, 202);
      const follower = await app.services.federation.store.follower(SITE_ACTOR, `${mastodon.url}/users/alice`);
      assert.equal(follower?.status, 'accepted');
      assert.equal(follower?.handle, `@alice@${new URL(mastodon.url).host}`);
      assert.equal(follower?.shared_inbox, `${mastodon.url}/inbox`);
      await drain();
      const accept = mastodon.received.find((a) => a.type === 'Accept');
      assert.ok(accept, 'Accept delivered');
      assert.equal((accept.object as { id: string }).id, `${mastodon.url}/2f6a3a54-1d4c-4e2a-9a57-6f3c1a1c0a01`);
    });

    test('Create(Note) replying to the article becomes a held comment with handle and link', async () => {
      assert.equal((await deliver(payload('create-note-reply'))).status, 202);
      const note = await app.services.federation.store.noteByUri(`${mastodon.url}/users/alice/statuses/110000000000000001`);
      assert.ok(note);
      const comment = await app.services.discussion.store.byId(note.comment_id);
      assert.equal(comment?.status, 'pending');
      assert.equal(comment?.author_name, 'Alice Example');
      assert.equal(comment?.origin_handle, `@alice@${new URL(mastodon.url).host}`);
      assert.equal(comment?.origin_url, `${mastodon.url}/@alice/110000000000000001`);
      assert.equal(comment?.body, 'Danke für den Bericht! Mehr dazu: https://example.org/haushalt');
      // The same delivery again changes nothing.
      assert.equal((await deliver(payload('create-note-reply'))).status, 202);
      assert.equal((await counts()).comments, 1);
    });

    test('Like and Announce are counted per article, once per account', async () => {
      assert.equal((await deliver(payload('like'))).status, 202);
      assert.equal((await deliver(payload('announce'))).status, 202);
      assert.equal((await deliver(payload('like'))).status, 202);
      assert.deepEqual((await counts()).reactions, { likes: 1, announces: 1 });
    });

    test('Update of the note edits the comment, through the edit operation', async () => {
      const note = (await app.services.federation.store.noteByUri(`${mastodon.url}/users/alice/statuses/110000000000000001`))!;
      assert.equal((await deliver(payload('update-note'))).status, 202);
      const comment = await app.services.discussion.store.byId(note.comment_id);
      // Held comments are edited in place; the edit history keeps the earlier text.
      assert.equal(comment?.body, 'Danke für den Bericht! (korrigiert)');
      assert.ok(comment?.edited_at);
    });

    test('Undo(Like) takes the like back', async () => {
      assert.equal((await deliver(payload('undo-like'))).status, 202);
      assert.deepEqual((await counts()).reactions, { likes: 0, announces: 1 });
    });

    test('Delete of the note removes the comment', async () => {
      const note = (await app.services.federation.store.noteByUri(`${mastodon.url}/users/alice/statuses/110000000000000001`))!;
      assert.equal((await deliver(payload('delete-note'))).status, 202);
      assert.equal((await app.services.discussion.store.byId(note.comment_id))?.status, 'deleted');
    });

    test('Undo(Follow) ends the follow', async () => {
      assert.equal((await deliver(payload('undo-follow'))).status, 202);
      assert.equal(await app.services.federation.store.countFollowers(null), 0);
    });

    test('a delivery signed with another key, and an unsigned one, are refused (401), logged, nothing stored', async () => {
      const before = await counts();
      const stranger = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
      const bad = await deliver(payload('follow'), { key: stranger.privateKey });
      assert.equal(bad.status, 401);
      assert.match((await lastEvent())?.reason ?? '', /signature not verified/);
      const unsigned = await deliver(payload('follow'), { unsigned: true });
      assert.equal(unsigned.status, 401);
      assert.deepEqual(await counts(), before);
    });

    test('malformed JSON, malformed JSON-LD, unknown types and too-large bodies are refused with a logged reason', async () => {
      const before = await counts();
      assert.equal((await deliver('{"type": "Follow", ')).status, 400);
      assert.equal((await lastEvent())?.reason, 'malformed JSON');
      assert.equal((await deliver('[1,2,3]')).status, 400);
      assert.equal((await lastEvent())?.reason, 'not an activity (no type)');
      // JSON, but no JSON-LD: a context that is no context, and an actor that is no IRI.
      for (const garbled of [
        { '@context': 42, id: `${mastodon.url}/x/1`, type: 'Create', actor: `${mastodon.url}/users/alice`, object: { type: 'Note' } },
        { '@context': 'https://www.w3.org/ns/activitystreams', id: `${mastodon.url}/x/1`, type: 'Create', actor: { '@id': 5 }, object: 'not an IRI' },
      ]) {
        const answer = await deliver(JSON.stringify(garbled));
        const refusal = await lastEvent();
        assert.equal(answer.status, 400);
        assert.equal(refusal?.reason, 'malformed activity: Invalid activity.');
      }
      assert.equal((await deliver(JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${mastodon.url}/x/2`, type: 'Zap', actor: `${mastodon.url}/users/alice` }))).status, 202);
      assert.equal((await lastEvent())?.reason, 'unknown activity type Zap');
      const huge = JSON.stringify({ type: 'Create', actor: `${mastodon.url}/users/alice`, object: { type: 'Note', content: 'x'.repeat(300 * 1024) } });
      assert.equal((await deliver(huge)).status, 413);
      assert.match((await lastEvent())?.reason ?? '', /^too large/);
      assert.deepEqual(await counts(), before);
    });

    test('a reply to an unknown object is ignored with its reason, nothing stored', async () => {
      const before = await counts();
      const orphan = payload('create-note-reply').replaceAll('110000000000000001', '110000000000000009').replaceAll(`${base}/ap/articles/${articleId}`, `${mastodon.url}/users/bob/statuses/1`);
      assert.equal((await deliver(orphan)).status, 202);
      assert.equal((await lastEvent())?.reason, 'reply to an unknown object');
      assert.deepEqual(await counts(), before);
    });

    test('activities from a blocked instance are refused (403) with the reason logged, nothing stored', async () => {
      const before = await counts();
      await app.services.federation.settings.update({ blockedDomains: ['127.0.0.1'] });
      try {
        assert.equal((await deliver(payload('follow'))).status, 403);
        assert.equal((await lastEvent())?.reason, 'blocked instance');
        assert.deepEqual(await counts(), before);
      } finally {
        await app.services.federation.settings.update({ blockedDomains: [] });
      }
    });

    test('deliveries over the limit of an instance are refused (429, logged); other instances go on', async () => {
      const zap = (host: string, i: number) => JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${host}/zap/${i}`, type: 'Zap', actor: `${host}/users/alice` });
      let last = 0;
      for (let i = 0; i <= INBOX_RATE.max && last !== 429; i++) last = (await deliver(zap('https://busy.example', i), { unsigned: true })).status;
      assert.equal(last, 429);
      assert.equal((await lastEvent())?.reason, 'rate limit of the instance');
      assert.equal((await deliver(zap('https://quiet.example', 1), { unsigned: true })).status, 202);
    });

    test('actor documents carry name, summary, icon, header image and links; outbox and followers are paged', async () => {
      const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#36a' } }).jpeg().toBuffer();
      const image = await app.services.media.importImage(jpeg, { name: 'portrait', alt: 'Porträt', caption: '', credit: 'Foto: Redaktion', sourceUrl: null, licence: 'cc-by-4.0' });
      const author = await app.services.content.createAuthor({ name: 'Rita Reporterin', slug: 'rita', bio: { de: 'Berichtet aus dem Rathaus.' }, avatarMediaId: image.id, links: [{ label: 'Website', url: 'https://rita.example/' }] });
      for (let i = 0; i < 23; i++) {
        await app.services.content.createArticle({ lang: 'de', title: `Meldung ${i + 1}`, body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', authorIds: [author.id], tagIds: [], featuredMediaId: image.id });
      }
      const ap = { accept: 'application/activity+json' };
      const page = await fetch(`${base}/author/rita/`, { headers: ap });
      const actor = (await page.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON document read field by field
      assert.equal(actor.type, 'Person');
      assert.equal(actor.preferredUsername, 'rita');
      assert.equal(actor.name, 'Rita Reporterin');
      assert.match(actor.summary, /Berichtet aus dem Rathaus/);
      assert.match(actor.icon.url, /^http:\/\/127\.0\.0\.1:\d+\/media\//);
      assert.match(actor.image.url, /\/media\//);
      assert.equal(actor.url, `${base}/author/rita/`);
      assert.match(JSON.stringify(actor.attachment), /rita\.example/);
      const finger = (await (await fetch(`${base}/.well-known/webfinger?resource=${encodeURIComponent(`${base}/author/rita/`)}`)).json()) as { subject: string; links: { rel: string; href: string }[] };
      assert.equal(finger.links.find((l) => l.rel === 'self')?.href, actor.id);
      assert.ok(finger.links.some((l) => l.rel === 'http://webfinger.net/rel/avatar'));
      const outbox = (await (await fetch(actor.outbox, { headers: ap })).json()) as { totalItems: number; first: string | { id: string } };
      assert.equal(outbox.totalItems, 23);
      const firstUrl = typeof outbox.first === 'string' ? outbox.first : outbox.first.id;
      const first = (await (await fetch(firstUrl, { headers: ap })).json()) as { orderedItems: { type: string; object: { type: string; name: string } }[]; next: string };
      assert.equal(first.orderedItems.length, 20);
      assert.equal(first.orderedItems[0]!.type, 'Create');
      assert.equal(first.orderedItems[0]!.object.type, 'Article');
      const second = (await (await fetch(first.next, { headers: ap })).json()) as { orderedItems: unknown[] };
      assert.equal(second.orderedItems.length, 3);
      const followers = (await (await fetch(`${base}/ap/actors/site/followers`, { headers: ap })).json()) as { totalItems: number; first: unknown };
      assert.equal(typeof followers.totalItems, 'number');
      assert.ok(followers.first);
    });

    test('a follower whose inbox is on a private address is refused, nothing stored', async () => {
      const mallory = await startMastodon({ inbox: 'http://10.0.0.8/inbox', endpoints: { sharedInbox: 'http://10.0.0.8/inbox' } });
      try {
        const follow = mallory.payload('follow', base, articleId);
        assert.equal((await mallory.deliver(`${base}/ap/inbox`, follow)).status, 202);
        assert.match((await lastEvent())?.reason ?? '', /inbox on a refused address/);
        assert.equal(await app.services.federation.store.follower(SITE_ACTOR, `${mallory.url}/users/alice`), undefined);
      } finally {
        await mallory.close();
      }
    });
  });
}
