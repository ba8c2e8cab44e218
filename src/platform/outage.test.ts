// A database that goes away and comes back (PostgreSQL): requests fail with 503 and a clear
// message while it is away, the node recovers by itself, nothing acknowledged is lost.
// A TCP proxy in the test stands between the app and PostgreSQL and is cut and restored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig } from './config.js';
import { createPostgresDatabase, postgresTestUrl } from './testing.js';

const base = postgresTestUrl();

function proxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  return {
    get port() {
      return port;
    },
    open,
    async cut() {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
  };
}

test('PostgreSQL away: 503 with a clear message; back: the node recovers; acknowledged writes kept', { skip: !base && 'no PostgreSQL (BLATTWERK_TEST_PG_URL)', timeout: 60_000 }, async () => {
  const database = await createPostgresDatabase(base!);
  const url = new URL(database.url);
  const link = proxy({ host: url.hostname, port: Number(url.port || 5432) });
  await link.open();
  url.hostname = '127.0.0.1';
  url.port = String(link.port);
  const dir = mkdtempSync(join(tmpdir(), 'bw-outage-'));
  const app = await buildApp(loadConfig({ flags: { data: dir, 'log-level': 'silent', workers: false, 'database-url': url.toString(), 'page-cache': 'false' }, env: {} }));
  try {
    await app.services.settings.update('discussion', { policy: 'none' });
    const article = await app.services.content.createArticle({ lang: 'de', title: 'Ausfall', body: [], status: 'published', authorIds: [], tagIds: [] });
    const page = await app.http.inject({ method: 'GET', url: '/ausfall/' });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    const post = (body: string) =>
      app.http.inject({
        method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: '10.5.0.1',
        headers: { 'x-csrf-token': csrf, origin: 'http://127.0.0.1:3000' }, payload: { body, name: 'Ada', email: 'ada@example.org' },
      });
    const before = await post('Vor dem Ausfall');
    assert.equal(before.statusCode, 201);

    await link.cut();
    const down = await app.http.inject({ method: 'GET', url: '/ausfall/', headers: { accept: 'application/json' } });
    assert.equal(down.statusCode, 503, down.body);
    assert.equal(down.json().error.code, 'DATABASE_UNAVAILABLE');
    assert.ok(Number(down.headers['retry-after']) > 0);
    const ready = await app.http.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    const html = await app.http.inject({ method: 'GET', url: '/ausfall/' });
    assert.equal(html.statusCode, 503);
    assert.match(html.body, /Datenbank ist gerade nicht erreichbar/);
    const refused = await post('Während des Ausfalls');
    assert.equal(refused.statusCode, 503, 'a write while the database is away is refused, not acknowledged');

    await link.open();
    const deadline = Date.now() + 20_000;
    let back = await app.http.inject({ method: 'GET', url: '/readyz' });
    while (back.statusCode !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      back = await app.http.inject({ method: 'GET', url: '/readyz' });
    }
    assert.equal(back.statusCode, 200, 'the node recovers by itself');
    assert.equal((await post('Nach dem Ausfall')).statusCode, 201);
    const bodies = (await app.services.database.db.selectFrom('comments').select('body').orderBy('id').execute()).map((c) => c.body);
    assert.deepEqual(bodies, ['Vor dem Ausfall', 'Nach dem Ausfall']);
  } finally {
    await app.close().catch(() => undefined);
    await link.cut().catch(() => undefined); // a listening proxy would keep the process alive
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
