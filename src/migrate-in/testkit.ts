/**
 * Test-only helpers: a fresh site (SQLite, and PostgreSQL when `BLATTWERK_TEST_PG_URL` is
 * set) with the importers wired as the CLI wires them, and a few readers of the result.
 *
 * @example
 *   forEachSite('wordpress import', (site) => {
 *     test('imports', async () => { const report = await importWordPress(await site().deps(), FIXTURE); … });
 *   });
 */
import { after, before, describe } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createPostgresDatabase, testDatabaseKinds } from '../platform/testing.js';
import { importDepsFrom } from './deps.js';
import type { ImportDeps } from './session.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

export interface TestSite {
  app: App;
  dir: string;
  deps(): Promise<ImportDeps>;
  get(url: string): Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>;
  /** Row counts of the tables an import writes, to prove that a run changed nothing. */
  snapshot(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const TABLES = ['articles', 'authors', 'tags', 'comments', 'media', 'revisions', 'article_tags', 'article_authors', 'import_items', 'legacy_redirects', 'subscribers'] as const;

export async function createSite(kind: 'sqlite' | 'postgres', options: { publicUrl?: string } = {}): Promise<TestSite> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-migrate-'));
  const pg = kind === 'postgres' ? await createPostgresDatabase(process.env.BLATTWERK_TEST_PG_URL!) : null;
  const flags: Record<string, string> = { data: dir, 'log-level': 'silent', workers: 'false', ...(pg ? { 'database-url': pg.url } : {}) };
  if (options.publicUrl) flags['public-url'] = options.publicUrl;
  const app = await buildApp(loadConfig({ flags, env: {} }));
  return {
    app,
    dir,
    deps: () => importDepsFrom(app.services),
    get: async (url) => {
      const res = await app.http.inject({ method: 'GET', url });
      return { statusCode: res.statusCode, body: res.body, headers: res.headers };
    },
    async snapshot() {
      const counts: Record<string, number> = {};
      for (const table of TABLES) {
        const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(app.services.database.db);
        counts[table] = Number(rows[0]?.n ?? 0);
      }
      return counts;
    },
    async close() {
      await app.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a suite once per available database, with a fresh site for the suite. */
export function forEachSite(name: string, suite: (site: () => TestSite, kind: 'sqlite' | 'postgres') => void): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let site: TestSite | null = null;
      before(async () => {
        site = await createSite(kind);
      });
      after(async () => {
        await site?.close();
      });
      suite(() => {
        if (!site) throw new Error('site not ready');
        return site;
      }, kind);
    });
  }
}
