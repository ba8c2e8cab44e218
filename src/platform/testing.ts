/**
 * Test helpers. `eachDatabase` runs a suite against a fresh SQLite file and, when
 * `BLATTWERK_TEST_PG_URL` names a PostgreSQL server, a fresh PostgreSQL database
 * (created for the suite, dropped after). With `BLATTWERK_REQUIRE_PG=1` (CI) a missing
 * server fails the run instead of skipping.
 *
 * @example
 *   eachDatabase('content store', (ctx) => {
 *     test('saves', async () => { const { db } = ctx(); ... });
 *   });
 */
import { after, before, describe } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { allMigrations } from '../migrations.js';

export function postgresTestUrl(): string | null {
  const url = process.env.BLATTWERK_TEST_PG_URL;
  if (!url && process.env.BLATTWERK_REQUIRE_PG === '1') {
    throw new Error('BLATTWERK_REQUIRE_PG=1 but BLATTWERK_TEST_PG_URL is not set');
  }
  return url || null;
}

/** Creates an empty PostgreSQL database; answers its URL and a function that drops it. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind plus a temporary data folder. */
export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'blattwerk-test-'));
  if (kind === 'sqlite') {
    return {
      url: `sqlite:${join(dataDir, 'test.db')}`,
      dataDir,
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = postgresTestUrl();
  if (!base) throw new Error('no PostgreSQL test server configured (BLATTWERK_TEST_PG_URL)');
  const pgDb = await createPostgresDatabase(base);
  return {
    url: pgDb.url,
    dataDir,
    async drop() {
      await pgDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testDatabaseKinds(): ('sqlite' | 'postgres')[] {
  return postgresTestUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** An open, unmigrated database of each kind this run has: for tests of the database layer itself. */
export async function bareDatabases(): Promise<{ kind: 'sqlite' | 'postgres'; handle: DatabaseHandle; done: () => Promise<void> }[]> {
  const out = [];
  for (const kind of testDatabaseKinds()) {
    const created = await createTestDatabase(kind);
    const handle = await openDatabase(created.url);
    out.push({ kind, handle, done: async () => { await handle.close(); await created.drop(); } });
  }
  return out;
}

/** Runs `suite` once per available database with a migrated, empty database. */
export function eachDatabase(name: string, suite: (handle: () => DatabaseHandle, kind: 'sqlite' | 'postgres') => void) {
  for (const kind of testDatabaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let handle: DatabaseHandle | null = null;
      let testDb: TestDatabase | null = null;
      before(async () => {
        testDb = await createTestDatabase(kind);
        handle = await openDatabase(testDb.url);
        await migrateToLatest(handle, allMigrations);
      });
      after(async () => {
        await handle?.close();
        await testDb?.drop();
      });
      suite(() => {
        if (!handle) throw new Error('database not ready');
        return handle;
      }, kind);
    });
  }
}

/**
 * The database the HTTP suites (whole app through `inject()`) run on: SQLite, or
 * PostgreSQL in the test runner's second pass (`BLATTWERK_TEST_HTTP_DB=postgres`), so
 * every page and API is shown on both without doubling each suite by hand.
 */
export function httpTestDatabaseKind(): 'sqlite' | 'postgres' {
  const kind = process.env.BLATTWERK_TEST_HTTP_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`BLATTWERK_TEST_HTTP_DB must be sqlite or postgres, not ${kind}`);
  return kind;
}

/**
 * A fresh database for an HTTP suite and the config flags that point the app at it.
 *
 * @example
 *   const db = await createHttpTestDatabase();
 *   const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent' }, env: {} }));
 *   // … after: await app.close(); await db.drop();
 */
export async function createHttpTestDatabase(): Promise<TestDatabase & { flags: { data: string; 'database-url': string } }> {
  const db = await createTestDatabase(httpTestDatabaseKind());
  return { ...db, flags: { data: db.dataDir, 'database-url': db.url } };
}

export type HttpTestDatabase = Awaited<ReturnType<typeof createHttpTestDatabase>>;

/** What `inject()` answers, as far as a sign-in needs it (Fastify's and light-my-request's shape). */
interface Injected {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  json(): unknown;
}
interface Injector {
  inject(request: { method: 'GET' | 'POST'; url: string; remoteAddress?: string; headers?: Record<string, string>; payload?: Record<string, unknown> }): Promise<Injected>;
}

/** A staff member's session over the API, with the headers a write needs. */
export interface StaffSession {
  cookie: string;
  csrf: string;
  /** cookie, CSRF token and origin: what every staff write sends. */
  headers: Record<string, string>;
}

/**
 * Signs a staff account in through `POST /api/v1/session`, as the newsroom does, and fails
 * the test with the answer when that is refused.
 *
 * @example
 *   await createUser(db, { email: 'eva@example.org', password: 'passwort-passwort', role: 'editor', name: 'Eva' });
 *   const eva = await staffSession(app.http, { email: 'eva@example.org', password: 'passwort-passwort' });
 *   await app.http.inject({ method: 'POST', url: '/api/v1/articles', headers: eva.headers, payload });
 */
export async function staffSession(
  http: Injector,
  login: { email: string; password: string; origin?: string; remoteAddress?: string },
): Promise<StaffSession> {
  const origin = login.origin ?? 'http://127.0.0.1:3000';
  const page = await http.inject({ method: 'GET', url: '/' });
  const anonymous = /name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
  if (!anonymous) throw new Error('the home page carries no CSRF token');
  const res = await http.inject({
    method: 'POST', url: '/api/v1/session', ...(login.remoteAddress ? { remoteAddress: login.remoteAddress } : {}),
    headers: { 'x-csrf-token': anonymous, origin }, payload: { email: login.email, password: login.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${login.email} refused: ${res.statusCode} ${res.body}`);
  const cookie = /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))?.[0];
  const csrf = (res.json() as { csrfToken?: unknown }).csrfToken;
  if (!cookie || typeof csrf !== 'string') throw new Error('the sign-in answer lacks the session cookie or the CSRF token');
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf, origin } };
}

/**
 * Waits until a render thread has made a page it holds back (`x-blattwerk-fault: late`), i.e.
 * until `pool.held` passes `before`: on a busy machine an idle-class thread may wait for a core,
 * so a fixed sleep is not enough.
 */
export async function untilHeld(pool: { readonly held: number }, before: number): Promise<void> {
  for (const deadline = Date.now() + 20_000; pool.held === before; ) {
    if (Date.now() >= deadline) throw new Error('the render thread did not make the held page within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * V8's collector, for tests of what young (`minor`) and full (`major`) collections free: the
 * test runner does not start Node with --expose-gc. ArrayBuffers are then freed during the
 * collection, not after it in the background, so `process.memoryUsage().arrayBuffers` says
 * at once what a collection left.
 *
 * @example
 *   const gc = collector();
 *   gc({ type: 'minor', execution: 'sync' });
 */
export function collector(): (options: { type: 'minor' | 'major'; execution: 'sync' }) => void {
  setFlagsFromString('--expose-gc');
  setFlagsFromString('--no-concurrent-array-buffer-sweeping');
  return runInNewContext('gc') as (options: { type: 'minor' | 'major'; execution: 'sync' }) => void;
}
