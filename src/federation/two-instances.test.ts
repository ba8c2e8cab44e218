// Two Blattwerk instances on loopback, each with its own database, federate end to end over
// real HTTP with real HTTP signatures (Fedify on both sides): B's author follows A's site
// (WebFinger, Follow, Accept), A publishes and B receives the Create(Article); B's author
// replies and the reply is a held comment on A (A's policy holds a first comment), with the
// handle and a link to the original; A approves it through the moderation decision; B
// deletes the note and A's comment is removed. On SQLite, and on PostgreSQL when configured.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Create, Delete, Note, PUBLIC_COLLECTION, Tombstone } from '@fedify/vocab';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { guestCaller, systemCaller } from '../platform/caller.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../platform/testing.js';
import { SITE_ACTOR, authorActor } from './objects.js';

// Both instances live on 127.0.0.1: the documented test switch lets fetches reach loopback.
process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
process.env.BLATTWERK_RATE_LIMITS = 'off';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Instance {
  app: App;
  db: TestDatabase;
  url: string;
}

async function startInstance(kind: 'sqlite' | 'postgres'): Promise<Instance> {
  const db = await createTestDatabase(kind);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await buildApp(
    loadConfig({ flags: { data: db.dataDir, 'database-url': db.url, 'log-level': 'silent', workers: 'false', 'public-url': url, port: String(port) }, env: { BLATTWERK_FEDERATION: 'on' } }),
  );
  await app.http.listen({ port, host: '127.0.0.1' });
  // Workers are off so the test decides when jobs run; the queue's handler is registered here.
  app.services.federation.startQueue();
  return { app, db, url };
}

/** Runs every due job (deliveries, fan-out) on both instances until none is left. */
async function drain(...instances: Instance[]): Promise<void> {
  for (let round = 0; round < 50; round++) {
    let ran = 0;
    for (const i of instances) ran += await i.app.services.jobs.runOnce(50);
    if (ran === 0) return;
  }
  throw new Error('jobs did not settle');
}

async function events(i: Instance) {
  return i.app.services.federation.store.recentEvents(100);
}

for (const kind of testDatabaseKinds()) {
  describe(`two instances federate [${kind}]`, () => {
    let a: Instance;
    let b: Instance;
    let authorB: number;
    let articleA: number;
    let writerA: number;

    before(async () => {
      a = await startInstance(kind);
      b = await startInstance(kind);
      const author = await b.app.services.content.createAuthor({ slug: 'bea', name: 'Bea Beispiel', bio: { de: 'Schreibt in B.' }, links: [], books: [], avatarMediaId: null });
      authorB = author.id;
      const writer = await a.app.services.content.createAuthor({ slug: 'anna', name: 'Anna Autorin', bio: {}, links: [], books: [], avatarMediaId: null });
      writerA = writer.id;
      articleA = (
        await a.app.services.content.createArticle({
          lang: 'de', title: 'Stadtrat beschließt Haushalt', body: [{ type: 'paragraph', text: 'Der Rat hat getagt.' }], status: 'draft', authorIds: [writer.id], tagIds: [],
        })
      ).id;
    });

    after(async () => {
      for (const i of [a, b]) {
        await i?.app.close();
        await i?.db.drop();
      }
    });

    test('WebFinger, the actor document and content negotiation on the home page', async () => {
      const host = new URL(a.url).host;
      const handle = await a.app.services.federation.actors.siteUsername();
      const finger = await fetch(`${a.url}/.well-known/webfinger?resource=acct:${handle}@${host}`);
      assert.equal(finger.status, 200);
      const links = ((await finger.json()) as { links: { rel: string; href?: string }[] }).links;
      const self = links.find((l) => l.rel === 'self')!.href!;
      assert.equal(self, `${a.url}/ap/actors/site`);
      const actor = (await (await fetch(self, { headers: { accept: 'application/activity+json' } })).json()) as Record<string, unknown>;
      assert.equal(actor.type, 'Organization');
      assert.equal(actor.preferredUsername, handle);
      assert.ok(actor.publicKey && actor.inbox && actor.outbox && actor.followers);
      // The publication's icon is the site's app icon from the design settings, once there is one.
      await a.app.services.settings.update('design', { icons: { png32: '/theme/icon-32.png', png180: '/theme/icon-180.png', png192: '/theme/icon-192.png', png512: '/theme/icon-512.png' } });
      const withIcon = (await (await fetch(self, { headers: { accept: 'application/activity+json' } })).json()) as { icon?: { url: string } };
      assert.equal(withIcon.icon?.url, `${a.url}/theme/icon-512.png`);
      const home = await fetch(`${a.url}/`, { headers: { accept: 'application/activity+json' } });
      assert.match(home.headers.get('content-type') ?? '', /activity\+json|ld\+json/);
      assert.equal(((await home.json()) as { id: string }).id, self);
      const html = await fetch(`${a.url}/`);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      const nodeinfo = await fetch(`${a.url}/nodeinfo/2.1`);
      assert.equal(((await nodeinfo.json()) as { software: { name: string } }).software.name, 'blattwerk');
    });

    test("B's author follows A's site, A accepts, and A's publication reaches B", async () => {
      const handle = await a.app.services.federation.actors.siteUsername();
      await b.app.services.federation.inbox.follow(authorActor(authorB), `@${handle}@${new URL(a.url).host}`);
      await drain(a, b);
      const followers = await a.app.services.federation.store.followers(SITE_ACTOR, 0, null);
      assert.deepEqual(followers.map((f) => f.follower), [`${b.url}/ap/actors/${authorActor(authorB)}`]);
      assert.equal(followers[0]!.handle, `@bea@${new URL(b.url).host}`);
      assert.ok((await events(b)).some((e) => e.kind === 'Accept' && e.outcome === 'accepted'));

      const article = await a.app.services.content.visibleArticle(articleA).catch(() => null);
      assert.equal(article, null);
      await a.app.services.content.updateArticle(articleA, {
        lang: 'de', title: 'Stadtrat beschließt Haushalt', body: [{ type: 'paragraph', text: 'Der Rat hat getagt.' }], status: 'published', authorIds: [writerA], tagIds: [],
      });
      await drain(a, b);
      const received = (await events(b)).find((e) => e.kind === 'Create');
      assert.ok(received, 'B logged the Create');
      assert.equal(received.outcome, 'accepted');
      assert.equal(received.reason, `article received: ${a.url}/ap/articles/${articleA}`);
    });

    test("B's reply becomes a held comment on A, A approves it, B deletes it and A's comment goes", async () => {
      const ctxB = b.app.services.federation.federation.createContext(new URL(`${b.url}/`));
      const me = ctxB.getActorUri(authorActor(authorB));
      const noteId = new URL(`${b.url}/notes/1`);
      const note = new Note({
        id: noteId, attribution: me, to: PUBLIC_COLLECTION, replyTarget: new URL(`${a.url}/ap/articles/${articleA}`),
        content: `<p><span class="h-card"><a href="${a.url}/ap/actors/site" class="u-url mention">@<span>site</span></a></span> Gute Nachricht <script>alert(1)</script></p>`,
        url: noteId,
      });
      const siteA = new URL(`${a.url}/ap/actors/site`);
      await ctxB.sendActivity({ identifier: authorActor(authorB) }, { id: siteA, inboxId: new URL(`${a.url}/ap/actors/site/inbox`) }, new Create({ id: new URL(`${noteId.href}#create`), actor: me, object: note, to: PUBLIC_COLLECTION }));
      await drain(a, b);
      const stored = await a.app.services.federation.store.noteByUri(noteId.href);
      assert.ok(stored, 'the note is known on A');
      const comment = await a.app.services.discussion.store.byId(stored.comment_id);
      assert.equal(comment?.status, 'pending', "A's policy holds a first comment");
      assert.equal(comment?.origin_handle, `@bea@${new URL(b.url).host}`);
      assert.equal(comment?.origin_url, noteId.href);
      assert.equal(comment?.identity, `fediverse:${me.href}`);
      assert.equal(comment?.body, 'Gute Nachricht', 'the mention of A is dropped, the script element with its text');
      assert.doesNotMatch(comment?.html ?? '', /<script/);

      await a.app.services.moderation.decide(systemCaller('test'), [stored.comment_id], 'approve');
      const page = await (await fetch(`${a.url}/${(await a.app.services.content.visibleArticle(articleA)).slug}/`)).text();
      assert.match(page, new RegExp(`class="comment-origin" href="${noteId.href}"[^>]*>@bea@`));

      await ctxB.sendActivity({ identifier: authorActor(authorB) }, { id: siteA, inboxId: new URL(`${a.url}/ap/inbox`) }, new Delete({ id: new URL(`${noteId.href}#delete`), actor: me, object: new Tombstone({ id: noteId }), to: PUBLIC_COLLECTION }));
      await drain(a, b);
      assert.equal((await a.app.services.discussion.store.byId(stored.comment_id))?.status, 'deleted');
    });

    test("A's changes to the article go out as Update", async () => {
      const article = await a.app.services.content.visibleArticle(articleA);
      await a.app.services.content.updateArticle(articleA, {
        lang: 'de', title: 'Stadtrat beschließt Haushalt (aktualisiert)', body: [{ type: 'paragraph', text: 'Der Rat hat getagt und beschlossen.' }], status: 'published', authorIds: [writerA], tagIds: [],
      });
      await drain(a, b);
      const update = (await events(b)).find((e) => e.kind === 'Update');
      assert.ok(update, `B got the Update of ${article.slug}`);
      assert.equal(update.reason, 'update of Article');
    });

    test("with the setting on, a comment written on A goes out as a reply, and its removal as a Delete", async () => {
      await a.app.services.federation.settings.update({ federateComments: true });
      await a.app.services.settings.update('discussion', { policy: 'none' });
      const guest = guestCaller('203.0.113.7', a.app.services.secret, new Date());
      const posted = await a.app.services.operations.postComment(guest, articleA, { body: 'Ein Kommentar von der Seite.', parentId: null, name: 'Gerd Gast', email: 'gerd@example.org', notify: false });
      assert.equal(posted.status, 'published');
      await drain(a, b);
      const create = (await events(b)).find((e) => e.kind === 'Create' && e.reason !== `article received: ${a.url}/ap/articles/${articleA}`);
      assert.ok(create, 'B got the Create(Note) of the comment, signed by A');
      // B has no copy of A's article: the reply is to something B does not know.
      assert.equal(create.reason, 'reply to an unknown object');
      const note = (await fetch(`${a.url}/ap/comments/${posted.id}`, { headers: { accept: 'application/activity+json' } }));
      const body = (await note.json()) as { type: string; inReplyTo: string; content: string };
      assert.equal(body.type, 'Note');
      assert.equal(body.inReplyTo, `${a.url}/ap/articles/${articleA}`);
      assert.match(body.content, /Gerd Gast/);
      await a.app.services.moderation.decide(systemCaller('test'), [posted.id], 'reject');
      await drain(a, b);
      assert.ok((await events(b)).some((e) => e.kind === 'Delete'), 'B got the Delete');
    });

    test("deleting A's article sends Delete with a Tombstone", async () => {
      const before = (await events(b)).filter((e) => e.kind === 'Delete').length;
      await a.app.services.content.updateArticle(articleA, { lang: 'de', title: 'Stadtrat beschließt Haushalt', body: [], status: 'draft', authorIds: [writerA], tagIds: [] });
      await drain(a, b);
      const deletes = (await events(b)).filter((e) => e.kind === 'Delete');
      assert.ok(deletes.length > before, 'B got the Delete');
      assert.equal(deletes[0]!.reason, 'delete of an unknown object', 'B keeps no copy of the article, so there is nothing to remove');
      assert.equal((await a.app.services.federation.store.sentArticle(articleA))?.deleted_at !== null, true);
    });
  });
}
