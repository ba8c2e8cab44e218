// Crash safety (issue 6): while a load generator posts comments, `kill -9` the server;
// after a restart every comment that got a 201 is there exactly once and the database
// passes its checks — on SQLite and, with BLATTWERK_TEST_PG_URL, on PostgreSQL.
// The server runs as users run it: `node bin/blattwerk.js serve` as a child process.
// Each case starts the server three times; a start from source takes 5–25 s on a busy 2-core
// machine (Node 24, every module transpiled by tsx), so the bound per case is generous: 150 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { buildServices, closeServices } from '../../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/index.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing.js';
import { readCatalog } from './catalog.js';

const bin = fileURLToPath(new URL('../../../bin/blattwerk.js', import.meta.url));
const HOST = '127.0.0.1';
/** Comments acknowledged before the kill; "a few hundred". */
const ACKNOWLEDGED_BEFORE_KILL = 300;
const POSTERS = 12;
const ROUNDS = 2;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function serve(db: TestDatabase, port: number): ChildProcess {
  const child = spawn(process.execPath, [bin, 'serve', '--data', db.dataDir, '--port', String(port), '--host', HOST], {
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BLATTWERK_FROM_SOURCE: '1', BLATTWERK_LOG_LEVEL: 'silent',
      BLATTWERK_DATABASE_URL: db.url,
      // Hundreds of comments from one address: lift the per-IP limit (src/discussion/defence.ts).
      BLATTWERK_RATE_LIMITS: 'off',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => process.stderr.write(`[server ${port}] ${chunk}`));
  return child;
}

/** Polls /healthz until the server answers; a boot takes a few seconds when run from source. */
async function ready(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`http://${HOST}:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(50);
  }
  throw new Error('server did not come up within 60 s');
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));

async function postComment(port: number, articleId: number, csrf: string, body: string): Promise<number> {
  const res = await fetch(`http://${HOST}:${port}/api/v1/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin: `http://${HOST}:${port}` },
    body: JSON.stringify({ body, name: 'Crash Test', email: 'crash@example.org' }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function csrfToken(port: number, slug: string): Promise<string> {
  const page = await (await fetch(`http://${HOST}:${port}/${slug}/`)).text();
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the article page carries a CSRF token');
  return token;
}

for (const kind of testDatabaseKinds()) {
  test(`kill -9 while comments are posted: every acknowledged comment survives exactly once [${kind}]`, { timeout: 150_000 }, async () => {
    const started = Date.now();
    const db = await createTestDatabase(kind);
    const children: ChildProcess[] = [];
    try {
      // A prior process on the same database seeds the article and lets comments through unmoderated.
      const services = await buildServices(loadConfig({ flags: { data: db.dataDir, 'database-url': db.url, 'log-level': 'silent' }, env: {} }));
      const article = await services.content.createArticle({
        lang: 'de', title: 'Absturztest', body: [{ type: 'paragraph', text: 'Hier wird kommentiert.' }], status: 'published',
        publishedAt: new Date(Date.now() - 60_000), authorIds: [], tagIds: [],
      });
      await services.settings.update('discussion', { policy: 'none' });
      await closeServices(services);

      const port = await freePort();
      const acknowledged: string[] = [];
      let next = 0;
      // Two crashes in a row: the second hits a database that recovered from the first.
      for (let round = 1; round <= ROUNDS; round++) {
        const server = serve(db, port);
        children.push(server);
        await ready(port, server);
        const csrf = await csrfToken(port, article.slug);
        const refused: number[] = [];
        const goal = acknowledged.length + ACKNOWLEDGED_BEFORE_KILL;
        let killed = false;
        const poster = async () => {
          while (!killed) {
            const body = `crash-${next++}`;
            try {
              const status = await postComment(port, article.id, csrf, body);
              if (status === 201) acknowledged.push(body);
              else if (!killed) refused.push(status);
            } catch {
              // The connection died with the server: not acknowledged, so no promise made.
            }
          }
        };
        const load = Array.from({ length: POSTERS }, poster);
        for (let i = 0; acknowledged.length < goal && i < 2000 && refused.length === 0; i++) await sleep(10);
        server.kill('SIGKILL');
        killed = true;
        await exited(server);
        await Promise.all(load);
        assert.deepEqual(refused, [], 'every comment before the kill was accepted');
        assert.ok(acknowledged.length >= goal, `round ${round}: only ${acknowledged.length} acknowledged`);
      }
      const attempted = next;
      const acked = acknowledged.length;

      const restarted = serve(db, port);
      children.push(restarted);
      await ready(port, restarted);

      const handle = await openDatabase(db.url);
      try {
        const rows = (await sql<{ body: string; n: number }>`
          select body, count(*) as n from comments where body like 'crash-%' group by body`.execute(handle.db)).rows;
        const stored = new Map(rows.map((r) => [r.body, Number(r.n)]));
        const lost = acknowledged.filter((body) => !stored.has(body));
        assert.deepEqual(lost, [], 'acknowledged comments lost');
        const duplicated = [...stored].filter(([, n]) => n > 1);
        assert.deepEqual(duplicated, [], 'duplicated comments');
        // Every top-level comment points at its own thread: no half-finished insert.
        const orphans = await sql`select id from comments where parent_id is null and (thread_id is null or thread_id <> id)`.execute(handle.db);
        assert.equal(orphans.rows.length, 0);

        if (kind === 'sqlite') {
          assert.deepEqual(handle.sqlite!.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
          assert.deepEqual(handle.sqlite!.pragma('foreign_key_check'), []);
        } else {
          for (const table of await readCatalog(handle.db, 'postgres')) {
            await sql`select count(*) from ${sql.table(table.name)}`.execute(handle.db);
          }
        }
        // The restarted site takes a new comment, and it is stored.
        assert.equal(await postComment(port, article.id, await csrfToken(port, article.slug), 'after-restart'), 201);
        const after = await sql`select id from comments where body = 'after-restart'`.execute(handle.db);
        assert.equal(after.rows.length, 1);
        console.log(
          `[${kind}] ${attempted} posts attempted, ${acked} acknowledged, ${stored.size} stored ` +
            `(${stored.size - acked} in flight at a kill landed), ${ROUNDS} kills, 0 lost, 0 duplicated; ${Date.now() - started} ms`,
        );
      } finally {
        await handle.close();
      }
      restarted.kill('SIGTERM');
      await exited(restarted);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
      await db.drop();
    }
  });
}
