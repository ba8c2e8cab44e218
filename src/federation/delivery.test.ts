// Deliveries to servers that are down: page serving does not wait for them (a page answers
// while a delivery hangs on a server that never responds), a failed delivery is retried with
// backoff (its job waits with the error), and after the last attempt it is given up
// (`failed`, with the error, which the newsroom's federation page lists). A delivery that gets
// no answer is cut off by the queue's deadline. Remote fetches refuse private addresses, and
// loopback unless the test switch is set; followers whose inbox is private are refused. On
// both databases where a database is involved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { Socket, AddressInfo } from 'node:net';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createJobQueue } from '../platform/jobs/index.js';
import { OutboundError } from '../platform/outbound.js';
import { createTestDatabase, eachDatabase, testDatabaseKinds, type TestDatabase } from '../platform/testing.js';
import { documentLoader } from './loader.js';
import { SITE_ACTOR } from './objects.js';
import { createFederationQueue, FEDERATION_JOB } from './queue.js';

const silent = { info() {}, warn() {}, error() {} };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A server that takes connections and never answers. */
async function blackHole(): Promise<{ server: Server; url: string; sockets: Set<Socket>; requests: number }> {
  const sockets = new Set<Socket>();
  const hole = { server: createServer(() => void hole.requests++), url: '', sockets, requests: 0 };
  hole.server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => hole.server.listen(0, '127.0.0.1', resolve));
  hole.url = `http://127.0.0.1:${(hole.server.address() as AddressInfo).port}`;
  return hole;
}

test('remote fetches refuse private addresses, and loopback without the test switch', async () => {
  const saved = process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
  try {
    delete process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
    const load = documentLoader();
    for (const url of ['http://127.0.0.1:9/users/alice', 'http://10.0.0.8/users/alice', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x']) {
      await assert.rejects(load(url), (error: unknown) => error instanceof OutboundError && error.problem === 'private', url);
    }
    process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
    // The switch opens loopback only.
    await assert.rejects(load('http://10.0.0.8/users/alice'), (error: unknown) => error instanceof OutboundError && error.problem === 'private');
    await assert.rejects(load('file:///etc/passwd'), (error: unknown) => error instanceof OutboundError && error.problem === 'scheme');
  } finally {
    if (saved === undefined) delete process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
    else process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = saved;
  }
});

eachDatabase('a delivery without an answer', (handle) => {
  test('is cut off by the deadline and waits for its retry with the error', async () => {
    const jobs = createJobQueue(handle(), { logger: silent });
    const queue = createFederationQueue(jobs, { timeoutMs: 50 });
    const controller = new AbortController();
    void queue.listen(() => new Promise<void>(() => {}), { signal: controller.signal });
    await queue.enqueue({ type: 'outbox', inbox: 'https://slow.example/inbox' });
    assert.equal(await jobs.runOnce(10), 1);
    const row = await handle().db.withTables<import('../platform/jobs/index.js').JobsDatabase>().selectFrom('jobs').selectAll().where('kind', '=', FEDERATION_JOB).executeTakeFirstOrThrow();
    assert.equal(row.status, 'queued');
    assert.equal(row.attempts, 1);
    assert.match(row.last_error ?? '', /no answer within 50 ms/);
    assert.ok(row.run_at > new Date().toISOString(), 'the retry waits');
    controller.abort();
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`deliveries to servers that are down [${kind}]`, () => {
    let app: App;
    let db: TestDatabase;
    let base: string;

    before(async () => {
      process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
      db = await createTestDatabase(kind);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      app = await buildApp(loadConfig({ flags: { data: db.dataDir, 'database-url': db.url, 'log-level': 'silent', workers: 'false', 'public-url': base }, env: { BLATTWERK_FEDERATION: 'on' } }));
      await app.http.listen({ port, host: '127.0.0.1' });
      app.services.federation.startQueue();
    });

    after(async () => {
      await app?.close();
      await db?.drop();
    });

    test('a page answers while a delivery hangs; failures retry with backoff and are given up after the last attempt', async () => {
      const hole = await blackHole();
      const dead = `http://127.0.0.1:${await freePort()}`;
      const store = app.services.federation.store;
      await store.addFollower({ actor: SITE_ACTOR, follower: `${hole.url}/users/h`, handle: '@h@hole', name: 'H', url: null, inbox: `${hole.url}/inbox`, sharedInbox: null, followId: `${hole.url}/f/1`, status: 'accepted' });
      await store.addFollower({ actor: SITE_ACTOR, follower: `${dead}/users/d`, handle: '@d@dead', name: 'D', url: null, inbox: `${dead}/inbox`, sharedInbox: null, followId: `${dead}/f/1`, status: 'accepted' });
      await app.services.content.createArticle({ lang: 'de', title: 'Bericht aus dem Rat', body: [{ type: 'paragraph', text: 'Text.' }], status: 'published', authorIds: [], tagIds: [] });
      const jobs = app.services.jobs;
      const deliveries = () => app.services.database.db.withTables<import('../platform/jobs/index.js').JobsDatabase>().selectFrom('jobs').selectAll().where('kind', '=', FEDERATION_JOB).orderBy('id').execute();
      // The article job, the fan-out, then one delivery per inbox: run rounds until the
      // black hole has been asked; that delivery hangs, the other fails at once.
      const rounds: Promise<number>[] = [];
      while (hole.requests === 0) {
        rounds.push(jobs.runOnce(10));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const page = await fetch(`${base}/`);
      assert.equal(page.status, 200, 'the home page answers while a delivery hangs');
      for (const socket of hole.sockets) socket.destroy();
      await Promise.all(rounds);
      while ((await jobs.runOnce(10)) > 0);
      hole.server.close();
      const failedOnce = (await deliveries()).filter((j) => j.attempts === 1);
      assert.ok(failedOnce.length >= 2, JSON.stringify(await deliveries()));
      for (const job of failedOnce) {
        assert.equal(job.status, 'queued');
        assert.ok(job.last_error);
        assert.ok(job.run_at > new Date().toISOString(), 'waits for its retry');
      }
      // Every later attempt fails too (both servers are gone): after the eighth, given up.
      for (let attempt = 2; attempt <= 8; attempt++) {
        await app.services.database.db.withTables<import('../platform/jobs/index.js').JobsDatabase>().updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('kind', '=', FEDERATION_JOB).where('status', '=', 'queued').execute();
        await jobs.runOnce(10);
      }
      const end = (await deliveries()).filter((j) => j.payload.includes('/inbox'));
      assert.ok(end.length >= 2);
      for (const job of end) {
        assert.equal(job.status, 'failed', JSON.stringify(job));
        assert.equal(job.attempts, 8);
        assert.ok(job.last_error);
      }
    });
  });
}
