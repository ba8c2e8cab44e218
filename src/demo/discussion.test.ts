// The demo's living discussion (issue 12), seeded through the discussion's own operations
// on a fresh demo site: the showcase has about thirty comments from a dozen readers,
// several levels deep, author replies with the badge, a typo pointed out with its
// correction waiting in the inbox, a long pasted quote, likes, and one comment held; two
// smaller threads elsewhere; the festival programme in German and English, linked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoSite, SHOWCASE_PATH, type DemoSite } from '../site/fixture.js';
import { seedDemo } from './seed.js';

let site: DemoSite;

before(async () => {
  site = await startDemoSite();
});

after(async () => {
  await site?.close();
});

const db = () => site.app.services.database.db;

test('the showcase carries a living discussion', async () => {
  const article = await site.app.services.content.store.findBy('slug', SHOWCASE_PATH.slice(1, -1));
  assert.ok(article);
  const rows = await db().selectFrom('comments').selectAll().where('article_id', '=', article.id).execute();
  const published = rows.filter((r) => r.status === 'published');
  assert.ok(published.length >= 28 && published.length <= 34, `published: ${published.length}`);
  const readers = new Set(published.filter((r) => r.user_id === null).map((r) => r.author_name));
  assert.ok(readers.size >= 12, `readers: ${readers.size}`);
  assert.ok(Math.max(...published.map((r) => r.depth)) >= 4, 'several levels deep');
  assert.ok(published.some((r) => r.body.length > 1000 && r.body.includes('\n> ')), 'a long pasted quote');
  assert.ok(published.reduce((sum, r) => sum + r.likes, 0) >= 100, 'likes');
  assert.deepEqual(rows.filter((r) => r.status === 'pending').map((r) => r.author_name), ['Rainer P.'], 'one comment held for moderation');
  const byAuthor = published.filter((r) => r.user_id !== null);
  assert.ok(byAuthor.length >= 4, 'the author answers');

  const page = await fetch(`${site.baseUrl}${SHOWCASE_PATH}`).then((r) => r.text());
  assert.ok((page.match(/class="badge badge-author"/g) ?? []).length >= 4, 'author replies carry the badge');
  assert.match(page, new RegExp(`<a class="byline-comments" href="#comments">${published.length} Kommentare</a>`));
  assert.match(page, /Komunalaufsicht/, 'the typo the reader points out is in the text');
  assert.match(page, /„Komunalaufsicht“ mit einem m/);
  assert.match(page, /class="continue-thread"|data-depth="4"/);

  const suggestions = await db().selectFrom('correction_suggestions' as never).selectAll().execute() as unknown as { passage: string; replacement: string; status: string; article_id: number }[];
  assert.deepEqual(suggestions.map((s) => [s.passage, s.replacement, s.status, s.article_id]), [['Komunalaufsicht', 'Kommunalaufsicht', 'open', article.id]]);
});

test('two smaller threads elsewhere, one in English, and a story in both languages linked as translations', async () => {
  const counts = await db().selectFrom('comments').innerJoin('articles', 'articles.id', 'comments.article_id')
    .select(['articles.slug', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('articles.slug').execute();
  const bySlug = Object.fromEntries(counts.map((c) => [c.slug, Number(c.n)]));
  assert.ok((bySlug['lindenbluetenfest-programm'] ?? 0) >= 3, JSON.stringify(bySlug));
  assert.ok((bySlug['lindenau-budget-explained'] ?? 0) >= 3, JSON.stringify(bySlug));
  const de = await fetch(`${site.baseUrl}/lindenbluetenfest-programm/`).then((r) => r.text());
  assert.match(de, /hreflang="en" href="[^"]+\/linden-blossom-festival-programme\/"/);
  assert.match(de, /Read in English/);
  const en = await fetch(`${site.baseUrl}/linden-blossom-festival-programme/`).then((r) => r.text());
  assert.match(en, /<html lang="en">/);
  assert.match(en, /Auf Deutsch lesen/);
});

test('seeding again adds nothing', async () => {
  const before = await db().selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await seedDemo(site.app.services);
  const after = await db().selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
});
