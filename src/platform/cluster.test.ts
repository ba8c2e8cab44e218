// Two app nodes on one PostgreSQL database behave as one site (needs BLATTWERK_TEST_PG_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../app.js';
import { loadConfig } from './config.js';
import { createPostgresDatabase, postgresTestUrl } from './testing.js';

const base = postgresTestUrl();
let nodeA: App;
let nodeB: App;
let drop: () => Promise<void>;
const dirs: string[] = [];
let articleId = 0;

async function node(url: string): Promise<App> {
  // Separate data folders: all the nodes share is the database (and the secret in it).
  const dir = mkdtempSync(join(tmpdir(), 'bw-node-'));
  dirs.push(dir);
  const app = await buildApp(
    loadConfig({ flags: { data: dir, 'log-level': 'silent', workers: false, 'database-url': url }, env: {} }),
  );
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

before(async () => {
  if (!base) return;
  const database = await createPostgresDatabase(base);
  drop = database.drop;
  nodeA = await node(database.url);
  nodeB = await node(database.url);
  await nodeA.services.settings.update('discussion', { policy: 'none' });
  const article = await nodeA.services.content.createArticle({
    lang: 'de', title: 'Zwei Knoten', body: [{ type: 'paragraph', text: 'Ein Text.' }], status: 'published', authorIds: [], tagIds: [],
  });
  articleId = article.id;
});

after(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await drop?.();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const port = (app: App) => (app.http.server.address() as AddressInfo).port;

function waitFor<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not met in time'));
      setTimeout(tick, 20);
    };
    tick();
  });
}

test('both nodes share one secret, so a CSRF token from one is good on the other', { skip: !base && 'no PostgreSQL' }, () => {
  assert.equal(nodeA.services.secret, nodeB.services.secret);
  assert.equal(nodeA.services.csrf.tokenFor('abc'), nodeB.services.csrf.tokenFor('abc'));
});

test('a comment posted through node A arrives live at a reader streaming from node B', { skip: !base && 'no PostgreSQL (BLATTWERK_TEST_PG_URL)' }, async () => {
  let received = '';
  const request = http.get(`http://127.0.0.1:${port(nodeB)}/api/v1/articles/${articleId}/comments/stream`, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (received += chunk));
  });
  try {
    await waitFor(() => (received.includes('retry:') ? true : undefined));
    await nodeA.services.operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'a' }, articleId, { body: 'Grüße von Knoten A', parentId: null, name: 'Ada', email: 'ada@example.org', notify: false });
    const frame = await waitFor(() => (/event: comment\ndata: (.*)\n/.exec(received)?.[1]));
    assert.match(JSON.parse(frame).html, /Grüße von Knoten A/);
  } finally {
    request.destroy();
  }
});

test('an article edited on node A is fresh on node B (page caches dropped together)', { skip: !base && 'no PostgreSQL' }, async () => {
  const url = `http://127.0.0.1:${port(nodeB)}/zwei-knoten/`;
  const first = await (await fetch(url)).text();
  assert.match(first, /Ein Text\./);
  const article = (await nodeA.services.content.store.findBy('id', articleId))!;
  await nodeA.services.content.updateArticle(articleId, {
    lang: 'de', title: article.title, body: [{ type: 'paragraph', text: 'Ein neuer Text.' }], status: 'published', authorIds: [], tagIds: [],
  });
  const deadline = Date.now() + 10_000;
  let body = '';
  while (Date.now() < deadline) {
    body = await (await fetch(url)).text();
    if (body.includes('Ein neuer Text.')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.match(body, /Ein neuer Text\./);
});

test('a job enqueued once runs exactly once with both nodes working the queue', { skip: !base && 'no PostgreSQL' }, async () => {
  const runs: string[] = [];
  for (const [name, app] of [['A', nodeA], ['B', nodeB]] as const) {
    app.services.jobs.register<{ n: number }>('test.once', async () => {
      runs.push(name);
    });
  }
  for (let i = 0; i < 20; i++) await nodeA.services.jobs.enqueue('test.once', { n: i });
  await Promise.all([nodeA.services.jobs.runOnce(50), nodeB.services.jobs.runOnce(50), nodeA.services.jobs.runOnce(50), nodeB.services.jobs.runOnce(50)]);
  assert.equal(runs.length, 20);
});
