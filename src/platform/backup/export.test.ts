// Export and import: SQLite → export → import into PostgreSQL (or a second SQLite file
// without a PostgreSQL server) renders the same pages; importing twice changes nothing;
// the site key never leaves; a broken file imports nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadSecret, type App } from '../../app.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/index.js';
import { allMigrations } from '../../migrations.js';
import { createSearchService } from '../../search/index.js';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '../testing.js';
import { seedBusySite, type BusySite } from './fixture.js';
import { assertSameRows, dumpTables } from './compare.js';
import { exportSite, ImportError, importSite, type ExportDocument } from './index.js';

const PUBLIC = 'http://127.0.0.1:3000';
const clock = new Date('2026-05-01T10:00:00Z');
const targetKind = postgresTestUrl() ? 'postgres' : 'sqlite';
let dir: string;
let source: App;
let site: BusySite;
let file: string;
let target: TestDatabase;

const config = (data: string, databaseUrl?: string) =>
  loadConfig({ flags: { data, 'log-level': 'silent', workers: 'false', 'public-url': PUBLIC, ...(databaseUrl ? { 'database-url': databaseUrl } : {}) }, env: {} });

const importInto = (handle: DatabaseHandle, path = file) =>
  importSite(handle, path, { migrations: allMigrations, secret: () => loadSecret(handle), reindex: () => createSearchService(handle).reindexAll(), now: () => clock });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-export-'));
  source = await buildApp(config(join(dir, 'source')), { now: () => clock });
  site = await seedBusySite(source.services);
  file = join(dir, 'site.json');
  await exportSite(source.services.database, file, { now: () => clock });
  target = await createTestDatabase(targetKind);
});

after(async () => {
  await source.close();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('the export is one documented JSON document without the site key', () => {
  const text = readFileSync(file, 'utf8');
  const doc = JSON.parse(text) as ExportDocument;
  assert.equal(doc.format, 'blattwerk-export');
  assert.equal(doc.version, 1);
  for (const key of ['articles', 'pages', 'authors', 'tags', 'media', 'comments', 'subscribers'] as const) assert.ok(Array.isArray(doc[key]), key);
  assert.equal(doc.pages.length, 1);
  const showcase = doc.articles.find((a) => a.slug === site.showcaseSlug)!;
  assert.deepEqual(showcase.authors, ['jana-beispiel', 'max-muster']);
  assert.deepEqual(showcase.tags, ['stadtrat', 'haushalt']);
  assert.equal((showcase.body[4] as { type: string }).type, 'image');
  const reply = doc.comments.find((c) => c.body.startsWith('> Die Zahlen fehlen'))!;
  assert.equal(doc.comments.find((c) => c.id === reply.parentId)?.authorName, 'Lea');
  assert.deepEqual(doc.comments.find((c) => c.body.startsWith('Guter Artikel'))?.edits.map((e) => e.body), ['Guter Artikel, tippfehler im Titel']);
  assert.equal(doc.settings.site && (doc.settings.site as { title: string }).title, 'Testblatt');
  assert.ok(!('__secret' in doc.settings));
  assert.ok(!text.includes(source.services.secret), 'the site key is nowhere in the file');
  assert.equal(doc.subscribers[0]?.email, 'leserin@example.org');
});

test(`SQLite → export → import into ${targetKind}: the same pages; a second import changes nothing`, async () => {
  const handle = await openDatabase(target.url);
  let imported: App | null = null;
  try {
    const first = await importInto(handle);
    assert.equal(first.comments.added, 205);
    assert.equal(first.articles.added + first.pages.added, 26);
    const afterFirst = await dumpTables(handle);
    const second = await importInto(handle);
    for (const [section, counts] of Object.entries(second)) assert.equal(counts.added, 0, `${section} added again`);
    assert.equal(second.comments.existing, 205);
    assertSameRows(await dumpTables(handle), afterFirst, 'second import');

    // Media files are not in the export; the operator copies DATA/media/ along (FORMAT.md).
    cpSync(join(dir, 'source', 'media'), join(dir, 'target', 'media'), { recursive: true });
    const copy = await buildApp(config(join(dir, 'target'), target.url), { now: () => clock });
    imported = copy;
    for (const path of ['/', `/${site.showcaseSlug}/`, `/tag/${site.tagSlug}/`, '/author/jana-beispiel/', '/ueber-uns/', '/feed.xml']) {
      const [a, b] = await Promise.all([source, copy].map((app) => app.http.inject({ method: 'GET', url: path })));
      assert.equal(b!.statusCode, a!.statusCode, path);
      assert.equal(a!.statusCode, 200, path);
      let [got, want] = [b!.body, a!.body].map(withoutVisitorBits) as [string, string];
      got = sameAuthorKeys(got, want, path);
      if (targetKind === 'postgres') {
        // "Related articles" are ranked by each database's own full-text engine (FTS5's
        // bm25 here, ts_rank there), so near-ties among the generated articles can fall
        // differently: same data, different ranking. Compare how many, not which.
        assert.equal(related(got).length, related(want).length, `${path}: related articles`);
        [got, want] = [got, want].map((h) => h.replace(RELATED, '<section class="related">…</section>')) as [string, string];
      }
      assertSamePage(got, want, path);
    }
    const page = (await copy.http.inject({ method: 'GET', url: `/${site.showcaseSlug}/` })).body;
    assert.match(page, /Sie stehen im Haushaltsplan/);
    assert.match(page, /id="comment-\d+"/);
  } finally {
    await imported?.close();
    await handle.close();
  }
});

test(`into a ${targetKind} site that has content: taken ids get new ones, every reference follows, a second import adds nothing`, async () => {
  const busy = await createTestDatabase(targetKind);
  const app = await buildApp(config(join(dir, 'busy'), busy.url), { now: () => clock });
  try {
    const { content, operations, settings, database } = app.services;
    await settings.update('discussion', { policy: 'none' });
    const tag = await content.createTag({ name: 'Stadtrat' }); // the same slug as in the file: matched, not added
    const other = await content.createArticle({
      lang: 'de', title: 'Schon da', body: [], status: 'published', publishedAt: clock, authorIds: [], tagIds: [tag.id],
    });
    for (const name of ['Eins', 'Zwei', 'Drei']) {
      await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: name }, other.id, { body: `Kommentar von ${name}`, parentId: null, name: name, email: `${name.toLowerCase()}@example.org`, notify: false });
    }
    const handle = database;
    const first = await importInto(handle);
    assert.deepEqual(first.tags, { added: 1, existing: 1 });
    assert.equal(first.articles.added, 25);
    assert.equal(first.comments.added, 205);

    const showcase = await handle.db.selectFrom('articles').selectAll().where('slug', '=', site.showcaseSlug).executeTakeFirstOrThrow();
    assert.notEqual(showcase.id, site.showcaseId, 'id 1 was taken here');
    const photo = await handle.db.selectFrom('media').select(['id', 'path']).where('id', '=', showcase.featured_media_id!).executeTakeFirstOrThrow();
    assert.match(photo.path, /rathaus/);
    assert.deepEqual(JSON.parse(showcase.body).find((b: { type: string }) => b.type === 'image').mediaId, photo.id);
    const byline = await handle.db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('authors.slug').where('article_id', '=', showcase.id).orderBy('position').execute();
    assert.deepEqual(byline.map((a) => a.slug), ['jana-beispiel', 'max-muster']);
    const thread = await handle.db.selectFrom('comments').selectAll().where('article_id', '=', showcase.id).orderBy('id').execute();
    const root = thread.find((c) => c.body.startsWith('Danke für den'))!;
    const reply = thread.find((c) => c.body.startsWith('> Die Zahlen'))!;
    const answer = thread.find((c) => c.body.startsWith('Und wer zahlt'))!;
    assert.equal(root.thread_id, root.id);
    assert.deepEqual([reply.parent_id, reply.thread_id, answer.parent_id, answer.thread_id], [root.id, root.id, reply.id, root.id]);
    const orphans = await handle.db.selectFrom('comments').select('id').where('parent_id', 'is', null).whereRef('thread_id', '!=', 'id').execute();
    assert.deepEqual(orphans, []);
    const page = await app.http.inject({ method: 'GET', url: `/${site.showcaseSlug}/` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`id="comment-${answer.id}"`));
    // New rows after the import get fresh ids (PostgreSQL's counters were moved along).
    const fresh = await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'n' }, showcase.id, { body: 'Nach dem Import', parentId: null, name: 'Neu', email: 'neu@example.org', notify: false });
    assert.ok(fresh.id > Math.max(...thread.map((c) => c.id)));

    const before = await dumpTables(handle);
    const second = await importInto(handle);
    for (const [section, counts] of Object.entries(second)) assert.equal(counts.added, 0, `${section} added again`);
    assertSameRows(await dumpTables(handle), before, 'second import into a busy site');
  } finally {
    await app.close();
    await busy.drop();
  }
});

test('a broken item imports nothing and says where it is', async () => {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as ExportDocument;
  (doc.comments[3] as unknown as Record<string, unknown>).parentId = 'drei';
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify(doc, null, 2)); // pretty-printed: read whole, not line by line
  const fresh = await createTestDatabase('sqlite');
  const handle = await openDatabase(fresh.url);
  try {
    await assert.rejects(importInto(handle, broken), (error: Error) => error instanceof ImportError && /comments\[3\]\.parentId/.test(error.message));
    const counts = await handle.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(counts.n), 0);
    writeFileSync(broken, readFileSync(file, 'utf8').split('\n').slice(0, -30).join('\n'));
    await assert.rejects(importInto(handle, broken), /incomplete/);
  } finally {
    await handle.close();
    await fresh.drop();
  }
});

const RELATED = /<section class="related"[\s\S]*?<\/section>/;
const related = (html: string) => [...(RELATED.exec(html)?.[0] ?? '').matchAll(/card-title"><a href="([^"]+)"/g)].map((m) => m[1]);

/** Per-visitor bits differ between any two requests: the CSRF token and the form stamp. */
function withoutVisitorBits(html: string): string {
  return html
    .replace(/(name="csrf-token" content=")[^"]+"/g, '$1…"')
    .replace(/(name="_csrf" value=")[^"]+"/g, '$1…"')
    .replace(/(name="stamp" value=")[^"]+"/g, '$1…"');
}

/**
 * Commenter keys (`data-author-key`, for muting) are keyed with the site's secret, which
 * an export never carries: the new site labels commenters differently. What must hold is
 * that it labels them consistently — the same commenters share a key on both sites.
 */
function sameAuthorKeys(imported: string, source: string, path: string): string {
  const keys = (html: string) => [...html.matchAll(/data-author-key="([^"]+)"/g)].map((m) => m[1]!);
  const [mine, theirs] = [keys(imported), keys(source)];
  assert.equal(mine.length, theirs.length, `${path}: commenter keys`);
  const relabel = new Map<string, string>();
  mine.forEach((key, i) => {
    assert.equal(relabel.get(key) ?? theirs[i], theirs[i], `${path}: commenter ${i} keyed inconsistently`);
    relabel.set(key, theirs[i]!);
  });
  assert.equal(new Set(relabel.values()).size, relabel.size, `${path}: two commenters share a key`);
  return imported.replace(/data-author-key="([^"]+)"/g, (_, key: string) => `data-author-key="${relabel.get(key)}"`);
}

function assertSamePage(actual: string, expected: string, path: string): void {
  if (actual === expected) return;
  let at = 0;
  while (actual[at] === expected[at]) at++;
  assert.fail(`${path} differs at ${at}:\n  imported: …${actual.slice(Math.max(0, at - 80), at + 120)}…\n  source:   …${expected.slice(Math.max(0, at - 80), at + 120)}…`);
}
