// `blattwerk serve --processes 2` on one SQLite file: a comment posted through one process
// arrives live on a stream held by the other, whose cached page is refreshed; a scheduled
// article is published exactly once. Real processes (node:cluster), real HTTP on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildServices, closeServices } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createWebhookStore } from '../distribution/webhooks/store.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const METRICS = 'metrics-token-for-the-test';
let dir: string;
let child: ChildProcess;
let base: string;
let output = '';
let articleId = 0;
const deliveries: { event: string; slug?: string }[] = [];
let receiver: http.Server;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) assert.fail(`${what} did not happen in time\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One kept-alive socket, so every request on it reaches the same process. */
function connection() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`${base}${path}`, { agent, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
  /** Open live streams in the process at the other end (its own /metrics). */
  const streams = async () => Number(/^blattwerk_sse_connections (\d+)/m.exec((await get('/metrics', { authorization: `Bearer ${METRICS}` })).body)?.[1] ?? -1);
  return { agent, get, streams };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-processes-'));
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { event: string; data?: { article?: { slug?: string } } };
      deliveries.push({ event: parsed.event, slug: parsed.data?.article?.slug });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // The site before it serves: an article to discuss, one scheduled, a webhook receiver.
  const services = await buildServices(loadConfig({ flags: { data: dir, 'log-level': 'silent' }, env: {} }));
  try {
    await services.settings.update('discussion', { policy: 'none' });
    const article = await services.content.createArticle({
      lang: 'de', title: 'Zwei Prozesse', body: [{ type: 'paragraph', text: 'Ein Text.' }], status: 'published', authorIds: [], tagIds: [],
    });
    articleId = article.id;
    await services.content.createArticle({
      lang: 'de', title: 'Später erscheinend', body: [{ type: 'paragraph', text: 'Geplant.' }], status: 'scheduled',
      scheduledAt: new Date(Date.now() + 20_000), authorIds: [], tagIds: [],
    });
    await createWebhookStore(services.database.db).insert({
      url: hookUrl, events: ['article.published'], secret: 'geheim-geheim-geheim', description: 'test', createdBy: null, now: new Date(),
    });
  } finally {
    await closeServices(services);
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [join(root, 'bin/blattwerk.js'), 'serve', '--processes', '2', '--render-threads', '0', '--data', dir, '--port', String(port), '--log-level', 'warn'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BLATTWERK_FROM_SOURCE: '1', BLATTWERK_METRICS_TOKEN: METRICS,
      BLATTWERK_RATE_LIMITS: 'off', BLATTWERK_OUTBOUND_ALLOW_LOOPBACK: '1',
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('both processes listening', () => ((output.match(/Blattwerk is running at/g) ?? []).length >= 2 ? true : undefined), 200_000);
});

after(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a comment posted to one process appears live on a stream held by the other, and the other\'s cached page is refreshed', { timeout: 240_000 }, async () => {
  // The stream lands on one process; find a kept-alive connection to it and one to the other.
  let streamed = '';
  const stream = http.get(`${base}/api/v1/articles/${articleId}/comments/stream`, (res) => {
    res.setEncoding('utf8').on('data', (chunk: string) => (streamed += chunk));
  });
  try {
    await until('the stream opened', () => (streamed.includes('retry:') ? true : undefined));
    const pool = Array.from({ length: 8 }, () => connection());
    let holder: ReturnType<typeof connection> | undefined;
    let other: ReturnType<typeof connection> | undefined;
    for (const c of pool) {
      const open = await c.streams();
      if (open === 1) holder ??= c;
      else if (open === 0) other ??= c;
    }
    assert.ok(holder && other, 'connections reached both processes');
    // The streaming process caches the article page (second request from its cache).
    const page = `/zwei-prozesse/`;
    assert.equal((await holder.get(page)).status, 200);
    const cached = await holder.get(page);
    assert.doesNotMatch(cached.body, /Grüße aus dem anderen Prozess/);
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(cached.body)![1]!;
    // Posted through the other process.
    const posted = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/v1/articles/${articleId}/comments`, {
        method: 'POST', agent: other.agent,
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: base },
      }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ body: 'Grüße aus dem anderen Prozess.', name: 'Ada', email: 'ada@example.org' }));
    });
    assert.equal(posted, 201);
    assert.equal(await other.streams(), 0, 'the comment went through the process without the stream');
    const frame = await until('the comment on the stream', () => /event: comment\ndata: (.*)\n/.exec(streamed)?.[1]);
    assert.match(JSON.parse(frame).html, /Grüße aus dem anderen Prozess\./);
    const refreshed = await until('the cached page refreshed', async () => {
      const body = (await holder.get(page)).body;
      return body.includes('Grüße aus dem anderen Prozess.') ? body : undefined;
    });
    assert.match(refreshed, /Grüße aus dem anderen Prozess\./);
    for (const c of pool) c.agent.destroy();
  } finally {
    stream.destroy();
  }
});

test('a scheduled article is published exactly once with two processes', { timeout: 240_000 }, async () => {
  await until('the scheduled article published', async () => ((await fetch(`${base}/spaeter-erscheinend/`)).status === 200 ? true : undefined), 120_000);
  await until('the webhook delivered', () => (deliveries.length > 0 ? true : undefined), 60_000);
  // Every delivery job done: nothing left that could deliver a second time.
  const services = await buildServices(loadConfig({ flags: { data: dir, 'log-level': 'silent', workers: false }, env: {} }));
  try {
    await until('every webhook delivery job finished', async () => {
      const open = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM jobs WHERE kind = 'webhook.deliver' AND status IN ('queued', 'running')`.execute(services.database.db);
      return Number(open.rows[0]?.n) === 0 ? true : undefined;
    });
    const rows = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE event = 'article.published'`.execute(services.database.db);
    assert.equal(Number(rows.rows[0]?.n), 1);
  } finally {
    await closeServices(services);
  }
  assert.deepEqual(deliveries.filter((d) => d.event === 'article.published'), [{ event: 'article.published', slug: 'spaeter-erscheinend' }]);
});
