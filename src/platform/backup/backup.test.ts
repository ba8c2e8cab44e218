// Backup and restore: every row of every table comes back, within and across databases;
// restored PostgreSQL hands out fresh ids; a backup taken during writes is consistent;
// a non-empty database or a damaged file is refused without changing anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { setImmediate } from 'node:timers/promises';
import { sql } from 'kysely';
import { buildApp, buildServices, closeServices, type App } from '../../app.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/index.js';
import { migrateToLatest, type Migration } from '../db/migrate.js';
import { allMigrations } from '../../migrations.js';
import { createSearchService } from '../../search/index.js';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '../testing.js';
import { seedBusySite } from './fixture.js';
import { assertSameRows, dumpTables } from './compare.js';
import { BackupError, createBackup, NotEmptyError, restoreBackup } from './index.js';

let dir: string;
let source: App;
const cleanup: (() => Promise<void>)[] = [];
const pg = postgresTestUrl();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-backup-'));
  source = await buildApp(loadConfig({ flags: { data: join(dir, 'source'), 'log-level': 'silent', workers: 'false' }, env: {} }));
  await seedBusySite(source.services);
  // A score with more digits than a 4-byte float holds, to see it survive.
  await sql`update comments set spam_score = 0.123456789 where id = (select max(id) from comments)`.execute(source.services.database.db);
  await createBackup(source.services.database, join(dir, 'sqlite.jsonl.gz'));
});

after(async () => {
  await source.close();
  for (const step of cleanup.reverse()) await step();
  rmSync(dir, { recursive: true, force: true });
});

async function emptyDatabase(kind: 'sqlite' | 'postgres'): Promise<{ handle: DatabaseHandle; db: TestDatabase }> {
  const db = await createTestDatabase(kind);
  const handle = await openDatabase(db.url);
  cleanup.push(async () => {
    await handle.close();
    await db.drop();
  });
  return { handle, db };
}

const restore = (handle: DatabaseHandle, file: string) =>
  restoreBackup(handle, file, { migrations: allMigrations, reindex: () => createSearchService(handle).reindexAll() });

const searchTotal = async (handle: DatabaseHandle) => (await createSearchService(handle).search('Haushalt', { page: 1, perPage: 5 })).total;

test('SQLite → SQLite: every row of every table comes back; search works again', async () => {
  const file = join(dir, 'sqlite-again.jsonl.gz');
  const made = await createBackup(source.services.database, file);
  assert.ok(made.rows > 300 && made.tables.comments! > 200, JSON.stringify(made.tables));
  assert.ok(!('search_fts' in made.tables) && !('schema_migrations' in made.tables));
  const { handle } = await emptyDatabase('sqlite');
  const restored = await restore(handle, file);
  assert.deepEqual(restored.tables, made.tables);
  assertSameRows(await dumpTables(handle), await dumpTables(source.services.database), 'SQLite → SQLite');
  const secret = await handle.db.selectFrom('settings').select('value').where('key', '=', '__secret').executeTakeFirstOrThrow();
  assert.equal(secret.value, source.services.secret, 'the site key travels with the backup');
  assert.ok((await searchTotal(handle)) > 0);
  assert.equal(await searchTotal(handle), await searchTotal(source.services.database));
});

test('SQLite → PostgreSQL → PostgreSQL → SQLite: rows identical each way; new ids follow the restored ones', { skip: !pg && 'no BLATTWERK_TEST_PG_URL' }, async () => {
  const fromSqlite = join(dir, 'to-pg.jsonl.gz');
  await createBackup(source.services.database, fromSqlite);
  const first = await emptyDatabase('postgres');
  await restore(first.handle, fromSqlite);
  assertSameRows(await dumpTables(first.handle), await dumpTables(source.services.database), 'SQLite → PostgreSQL');
  // comments.spam_score is a double on both databases (0019): all nine digits survive.
  const { rows: [score] } = await sql<{ s: number }>`select spam_score as s from comments where spam_score > 0.1`.execute(first.handle.db);
  assert.equal(Number(score?.s), 0.123456789);

  const onPostgres = await dumpTables(first.handle);
  const fromPg = join(dir, 'pg.jsonl.gz');
  await createBackup(first.handle, fromPg);
  const second = await emptyDatabase('postgres');
  await restore(second.handle, fromPg);
  assertSameRows(await dumpTables(second.handle), onPostgres, 'PostgreSQL → PostgreSQL');
  assert.equal(await searchTotal(second.handle), await searchTotal(source.services.database));

  const back = await emptyDatabase('sqlite');
  const again = join(dir, 'pg-to-sqlite.jsonl.gz');
  await createBackup(second.handle, again);
  await restore(back.handle, again);
  assertSameRows(await dumpTables(back.handle), onPostgres, 'PostgreSQL → SQLite');

  // The restored PostgreSQL site takes new comments, articles and jobs without id clashes.
  const services = await buildServices(loadConfig({ flags: { data: join(dir, 'pg-site'), 'database-url': second.db.url, 'log-level': 'silent' }, env: {} }));
  try {
    const topComment = Number((await sql<{ n: number }>`select max(id) as n from comments`.execute(second.handle.db)).rows[0]!.n);
    const showcase = await services.database.db.selectFrom('articles').select('id').where('slug', '=', 'haushaltsdebatte-im-stadtrat').executeTakeFirstOrThrow();
    const posted = await services.operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'x' }, showcase.id, { body: 'Nach der Wiederherstellung.', parentId: null, name: 'Neu', email: 'neu@example.org', notify: false });
    assert.equal(posted.id, topComment + 1);
    const article = await services.content.createArticle({ lang: 'de', title: 'Nach dem Umzug', body: [], status: 'draft', authorIds: [], tagIds: [] });
    assert.ok(article.id > 26);
    // A job id handed out and deleted before the backup is not handed out again.
    const sourceMark = Number((await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'jobs'`.execute(source.services.database.db)).rows[0]!.seq);
    const job = await services.jobs.enqueue('backup.test', { n: 3 });
    assert.equal(job, sourceMark + 1);
  } finally {
    await closeServices(services);
  }
});

for (const kind of pg ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
  test(`a backup taken while comments are written is one consistent snapshot [${kind}]`, async () => {
    // A copy of the site, so the comments written here do not change the other tests' source.
    const site = await emptyDatabase(kind);
    await restore(site.handle, join(dir, 'sqlite.jsonl.gz'));
    const target = site.handle;
    const url = site.db.url;
    // A second connection writes, per transaction, a job (a table the backup reads early)
    // and a comment with its edit (tables it reads late): a backup that was not one
    // snapshot would hold comments whose job it missed.
    const writer = await openDatabase(url);
    // Not waiting for the disk on each write lets many commits land while the backup runs.
    writer.sqlite?.pragma('synchronous = OFF');
    let running = true;
    let during = 0;
    const writes = (async () => {
      for (let n = 0; running && n < 5000; n++) {
        const at = new Date().toISOString();
        await writer.db.transaction().execute(async (tx) => {
          await sql`insert into jobs (kind, payload, run_at, max_attempts, created_at) values ('live', ${String(n)}, ${at}, 1, ${at})`.execute(tx);
          const row = await tx.insertInto('comments').values({
            article_id: 1, parent_id: null, thread_id: null, depth: 0, author_name: 'Live', author_email: '', identity: 'email:live',
            session_hash: null, user_id: null, body: `live-${n}`, html: `<p>live-${n}</p>`, status: 'published', likes: 0, ip_hash: '',
            spam_score: 0, spam_reasons: '[]', created_at: at, edited_at: null, deleted_at: null,
          }).returning('id').executeTakeFirstOrThrow();
          await tx.insertInto('comment_edits').values({ comment_id: row.id, body: `live-${n}`, created_at: at }).execute();
        });
        during++;
        // better-sqlite3 answers synchronously: without this the loop would never let the backup run.
        await setImmediate();
      }
    })();
    for (let i = 0; during < 3 && i < 10_000; i++) await setImmediate();
    const file = join(dir, `live-${kind}.jsonl.gz`);
    const startedAt = during;
    await createBackup(target, file, { batchSize: 10 });
    const duringBackup = during - startedAt;
    running = false;
    await writes;
    await writer.close();
    const { handle } = await emptyDatabase('sqlite');
    await restore(handle, file); // foreign keys are checked: an edit without its comment would fail here
    const count = async (table: string, where: string) =>
      Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(handle.db)).rows[0]!.n);
    const jobs = await count('jobs', "kind = 'live'");
    assert.ok(jobs >= 3);
    assert.equal(await count('comments', "body like 'live-%'"), jobs);
    assert.equal(await count('comment_edits', "body like 'live-%'"), jobs);
    assert.ok(duringBackup > 0, 'the writer committed while the backup ran');
    console.log(`[${kind}] ${duringBackup} comment+edit transactions committed while the backup ran`);
  });
}

test('an older backup goes back into its own schema, then newer migrations upgrade the restored rows', async () => {
  const file = join(dir, 'sqlite.jsonl.gz');
  // A migration from "the next version": it counts the comments it finds, like a data migration would.
  const next: Migration = {
    name: '9999_backup_probe',
    async up(db) {
      await db.schema.createTable('backup_probe').addColumn('comments', 'integer').execute();
      await sql`insert into backup_probe (comments) select count(*) from comments having count(*) > 0`.execute(db);
    },
  };
  const upgraded = async (prepare?: (handle: DatabaseHandle) => Promise<unknown>) => {
    const { handle } = await emptyDatabase('sqlite');
    await prepare?.(handle);
    await restoreBackup(handle, file, { migrations: [...allMigrations, next] });
    const row = (await sql<{ n: number }>`select comments as n from backup_probe`.execute(handle.db)).rows[0];
    return row ? Number(row.n) : null;
  };
  const comments = Number((await sql<{ n: number }>`select count(*) as n from comments`.execute(source.services.database.db)).rows[0]!.n);
  assert.equal(await upgraded(), comments, 'the newer migration ran over the restored comments');
  // A database someone already migrated to the newer version still takes the backup (its
  // migrations ran before the rows arrived, so they had nothing to upgrade).
  assert.equal(await upgraded((handle) => migrateToLatest(handle, [...allMigrations, next])), null);
});

test('a database with content is refused; a truncated or damaged file restores nothing', async () => {
  const file = join(dir, 'sqlite.jsonl.gz');
  const busy = await openDatabase(`sqlite:${join(dir, 'source', 'blattwerk.db')}`);
  try {
    await assert.rejects(restore(busy, file), NotEmptyError);
  } finally {
    await busy.close();
  }
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
  const truncated = join(dir, 'truncated.jsonl.gz');
  writeFileSync(truncated, gzipSync(lines.slice(0, -40).join('\n')));
  const damaged = join(dir, 'damaged.jsonl.gz');
  writeFileSync(damaged, readFileSync(file).subarray(0, 2000));
  for (const bad of [truncated, damaged]) {
    const { handle } = await emptyDatabase('sqlite');
    await assert.rejects(restore(handle, bad), BackupError);
    const rows = await dumpTables(handle);
    assert.deepEqual(Object.entries(rows).filter(([, r]) => r.length > 0).map(([t]) => t), [], `${bad} left rows behind`);
  }
});
