import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { eachDatabase } from '../platform/testing.js';
import type { Database } from '../platform/db/schema.js';
import { createEventBus } from '../platform/events.js';
import { connectSearchIndex, createSearchService, type SearchService } from './index.js';
import { SNIPPET_TTL_MS } from './service.js';
import { postgresBackend } from './postgres.js';
import { sqliteBackend, visibleAmong } from './sqlite.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-01T12:00:00.000Z');

interface Fixture {
  title: string;
  text: string[];
  lang?: 'de' | 'en';
  kind?: 'article' | 'page';
  status?: 'draft' | 'scheduled' | 'published';
  publishedAt?: Date;
  tags?: string[];
}

let counter = 0;

async function addArticle(db: Kysely<Database>, a: Fixture): Promise<number> {
  counter += 1;
  const at = (a.publishedAt ?? new Date(NOW.getTime() - counter * DAY)).toISOString();
  const { id } = await db
    .insertInto('articles')
    .values({
      kind: a.kind ?? 'article',
      slug: `artikel-${counter}`,
      lang: a.lang ?? 'de',
      title: a.title,
      body: JSON.stringify(a.text.map((text) => ({ type: 'paragraph', text }))),
      status: a.status ?? 'published',
      published_at: (a.status ?? 'published') === 'published' ? at : null,
      scheduled_at: a.status === 'scheduled' ? at : null,
      updated_at: at,
      created_at: at,
      subtitle: '',
      revised_at: null,
      featured_media_id: null,
      featured_caption: '',
      seo_title: '',
      seo_description: '',
      comments_open: 1,
      word_count: 0,
      reading_minutes: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, name] of (a.tags ?? []).entries()) {
    const slug = name.toLowerCase();
    let tag = await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    tag ??= await db.insertInto('tags').values({ slug, name, description: '' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('article_tags').values({ article_id: id, tag_id: tag.id, position }).execute();
  }
  return id;
}

const ids = (result: { items: { articleId: number }[] }) => result.items.map((i) => i.articleId);

eachDatabase('search', (handle, kind) => {
  let search: SearchService;
  const a: Record<string, number> = {};
  const find = (q: string, perPage = 20, page = 1, now = NOW) => search.search(q, { page, perPage, now });

  before(async () => {
    const { db } = handle();
    search = createSearchService(handle());
    // Three budget articles, three on cycling, two on football, one English budget piece.
    a.budget1 = await addArticle(db, {
      title: 'Stadtrat beschließt den Haushalt',
      text: [
        'Die Stadträte haben am Abend den Haushalt für das kommende Jahr beschlossen.',
        'Der Kämmerer warnt vor neuen Schulden: Das Defizit wächst auf zwölf Millionen Euro.',
        'Die Opposition nannte das Sparpaket <script>alert("x")</script> unsozial.',
      ],
      tags: ['Haushalt', 'Stadtrat'],
    });
    a.budget2 = await addArticle(db, {
      title: 'Kämmerer legt Sparpaket vor',
      text: [
        'Um die Schulden zu senken, schlägt der Kämmerer ein Sparpaket vor.',
        'Der Haushalt soll um drei Millionen Euro entlastet werden, das Defizit sinken.',
      ],
      tags: ['Haushalt'],
    });
    a.budget3 = await addArticle(db, {
      title: 'Defizit im Haushalt größer als erwartet',
      text: ['Neue Zahlen des Kämmerers: Schulden und Defizit steigen, der Haushalt wackelt. Millionen fehlen.'],
    });
    a.bike1 = await addArticle(db, {
      title: 'Neuer Radweg an der Hauptstraße',
      text: ['Der Radweg entlang der Hauptstraße wird verbreitert; Radfahrer und Fußgänger sollen getrennt fahren.'],
      tags: ['Verkehr'],
    });
    a.bike2 = await addArticle(db, {
      title: 'Radfahrer fordern sichere Kreuzungen',
      text: ['Eine Initiative der Radfahrer fordert sichere Kreuzungen und einen durchgehenden Radweg.'],
      tags: ['Verkehr'],
    });
    a.bike3 = await addArticle(db, {
      title: 'Straßenbahn und Radweg: Verkehrsplan vorgestellt',
      text: ['Der Verkehrsplan sieht mehr Straßenbahnen, Radwege und Tempo 30 vor.'],
    });
    a.ball1 = await addArticle(db, {
      title: 'Verein gewinnt das Derby',
      text: ['Mit zwei Toren in der Schlussphase gewinnt der Verein das Derby; die Fans feiern im Stadion.'],
    });
    a.ball2 = await addArticle(db, {
      title: 'Stadion wird saniert',
      text: ['Der Verein und die Fans freuen sich: Das Stadion wird vor der neuen Saison saniert.'],
    });
    a.councilEn = await addArticle(db, {
      lang: 'en',
      title: 'Councils struggle with budget deficits',
      text: ['Across the region, councils report growing debt and a budget deficit of millions.'],
    });
    a.titleOnly = await addArticle(db, {
      title: 'Haushaltssperre? Ein Überblick',
      text: ['Ein Text über etwas ganz anderes, nämlich Wetter und Wolken.'],
    });
    a.draft = await addArticle(db, { title: 'Entwurf Geheimplan', text: ['Der Geheimplan ist noch nicht fertig.'], status: 'draft' });
    a.scheduled = await addArticle(db, {
      title: 'Geheimplan terminiert',
      text: ['Geheimplan, geplant.'],
      status: 'scheduled',
      publishedAt: new Date(NOW.getTime() + DAY),
    });
    a.future = await addArticle(db, {
      title: 'Geheimplan der Zukunft',
      text: ['Der Geheimplan erscheint erst morgen.'],
      publishedAt: new Date(NOW.getTime() + DAY),
    });
    a.page = await addArticle(db, { kind: 'page', title: 'Impressum Geheimplan', text: ['Geheimplan-Seite.'] });
    a.hostile = await addArticle(db, {
      title: 'Angriff <script>alert(1)</script> auf die Kläranlage',
      text: ['Unbekannte haben die Kläranlage mit <img src=x onerror=alert(1)> "beschmiert".'],
    });
    for (let i = 1; i <= 5; i++) {
      a[`zebra${i}`] = await addArticle(db, { title: `Zebrastreifen Nummer ${i}`, text: ['Ein Zebrastreifen mehr.'] });
    }
    assert.equal(await search.reindexAll(), Object.keys(a).length - 2); // all but draft and scheduled
  });

  test('German stemming finds inflected forms', async () => {
    const haushalte = ids(await find('Haushalte'));
    for (const id of [a.budget1, a.budget2, a.budget3]) assert.ok(haushalte.includes(id!), 'Haushalte');
    assert.ok(ids(await find('Stadtrat')).includes(a.budget1!), 'Stadtrat finds Stadträte');
    assert.ok(ids(await find('Stadträte')).includes(a.budget1!), 'Stadträte');
    assert.deepEqual(ids(await find('Radwege Radfahrer')).sort(), [a.bike1!, a.bike2!].sort());
  });

  test('English stemming finds plurals', async () => {
    assert.deepEqual(ids(await find('council')), [a.councilEn]);
    assert.deepEqual(ids(await find('budget deficits ')), [a.councilEn]);
  });

  test('the last word is also a prefix', async () => {
    assert.ok(ids(await find('Haushalts')).includes(a.titleOnly!));
    assert.ok(ids(await find('Kläranl')).includes(a.hostile!));
    assert.deepEqual(ids(await find('Kläranl ')), []);
  });

  test('a title match ranks above a body match', async () => {
    const order = ids(await find('Sparpaket'));
    assert.deepEqual(order, [a.budget2, a.budget1]);
  });

  test('snippets mark matches and escape the text', async () => {
    const { items } = await find('Sparpaket unsozial');
    assert.equal(items.length, 1);
    const [item] = items;
    assert.equal(item!.slug.startsWith('artikel-'), true);
    assert.equal(item!.title, 'Stadtrat beschließt den Haushalt');
    const snippet = item!.snippet.toString();
    assert.match(snippet, /<mark>Sparpaket<\/mark> &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; <mark>unsozial<\/mark>/);
    assert.doesNotMatch(snippet, /<script|<img/);
    assert.ok(item!.publishedAt instanceof Date && item!.publishedAt < NOW);

    const hostile = (await find('Kläranlage')).items[0]!;
    assert.equal(hostile.title, 'Angriff <script>alert(1)</script> auf die Kläranlage');
    assert.doesNotMatch(hostile.snippet.toString(), /<script|<img/);
    assert.match(hostile.snippet.toString(), /<mark>Kläranlage<\/mark> mit &lt;img src=x/);
  });

  test('a title-only match shows the opening of the text', async () => {
    const item = (await find('Haushaltssperre')).items[0]!;
    assert.equal(item.snippet.toString(), 'Ein Text über etwas ganz anderes, nämlich Wetter und Wolken.');
  });

  test('drafts, scheduled, future articles and pages are not found', async () => {
    assert.deepEqual(ids(await find('Geheimplan')), []);
    const tomorrow = new Date(NOW.getTime() + 2 * DAY);
    assert.deepEqual(ids(await find('Geheimplan', 20, 1, tomorrow)), [a.future]);
  });

  test('results are paginated with the full total', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => find('Zebrastreifen', 2, page)));
    assert.deepEqual(pages.map((p) => p.total), [5, 5, 5, 5]);
    assert.deepEqual(pages.map((p) => p.items.length), [2, 2, 1, 0]);
    const seen = pages.flatMap(ids).sort((x, y) => x - y);
    assert.deepEqual(seen, [1, 2, 3, 4, 5].map((i) => a[`zebra${i}`]!).sort((x, y) => x - y));
  });

  test('hostile queries never throw', async () => {
    const queries = [
      '"', '""', '"Haushalt', 'NEAR(Haushalt Schulden, 2)', 'NEAR(', '*', 'Haus*', 'title:Haushalt', 'body : x',
      '-Haushalt', '^Haushalt', '(Haushalt OR', ')', 'Haushalt AND', 'OR', 'NOT', '{title body}: Rat', "it's",
      "'; DROP TABLE articles; --", 'a & b | !c', 'foo:*', '\\', '<->', 'x'.repeat(10_000),
      'Haushalt '.repeat(1200), '🎉🦊 Haushalt 👍', '🎉', 'die der und', 'the and of', '\u0301\u0308', '\u0000Haushalt',
      '', '   ',
    ];
    for (const q of queries) {
      const result = await find(q);
      assert.ok(Array.isArray(result.items) && result.total >= result.items.length, q.slice(0, 40));
    }
    assert.ok((await find('"Haushalt')).total >= 3);
    assert.ok((await find('NEAR(Haushalt Schulden, 2)')).total === 0); // "near" is not in any text
    assert.equal((await find('die der und')).total, 0);
  });

  test('odd paging input is clamped, not thrown', async () => {
    const result = await search.search('Zebrastreifen', { page: -3, perPage: 10_000, now: NOW });
    assert.equal(result.items.length, 5);
    const nan = await search.search('Zebrastreifen', { page: Number.NaN, perPage: 2, now: NOW });
    assert.equal(nan.items.length, 2);
  });

  // A SQLite query plan: PostgreSQL's backend has its own queries (postgres.ts).
  if (kind === 'sqlite') test('visible hits are looked up by id, not by walking the listing (SQLite plan)', async () => {
    const { db } = handle();
    const visible = visibleAmong([a.budget1!, a.bike1!, a.draft!, a.page!], NOW);
    const query = visible.compile(db);
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    const steps = plan.rows.map((row) => row.detail).join(' | ');
    assert.match(steps, /USING INTEGER PRIMARY KEY/, steps);
    assert.doesNotMatch(steps, /articles_listing/, steps);
    const shown = (await visible.$castTo<{ id: number }>().execute(db)).rows.map((row) => row.id).sort((x, y) => x - y);
    assert.deepEqual(shown, [a.budget1!, a.bike1!].sort((x, y) => x - y), 'drafts and pages stay hidden');
  });

  test('related articles share the topic', async () => {
    const related = await search.related(a.budget1!, 3, NOW);
    assert.equal(related.length, 3);
    assert.deepEqual(related.slice(0, 2).sort(), [a.budget2!, a.budget3!].sort());
    assert.ok(!related.includes(a.budget1!));

    const bikes = await search.related(a.bike1!, 2, NOW);
    assert.deepEqual(bikes.sort(), [a.bike2!, a.bike3!].sort());

    const ball = await search.related(a.ball1!, 1, NOW);
    assert.deepEqual(ball, [a.ball2]);

    assert.deepEqual(await search.related(a.draft!, 3, NOW), []);
    assert.deepEqual(await search.related(a.budget1!, 0, NOW), []);
  });

  test('related never lists what readers cannot see', async () => {
    const related = await search.related(a.future!, 5, new Date(NOW.getTime() + 2 * DAY));
    for (const id of [a.draft, a.scheduled, a.page]) assert.ok(!related.includes(id!));
    const now = await search.related(a.budget1!, 20, NOW);
    for (const id of [a.draft, a.scheduled, a.page, a.future]) assert.ok(!now.includes(id!));
  });

  test('reindexing after an edit finds the new text, not the old', async () => {
    const { db } = handle();
    const id = await addArticle(db, { title: 'Brückensanierung beginnt', text: ['Die Brücke wird saniert.'] });
    await search.index(id);
    assert.deepEqual(ids(await find('Brückensanierung')), [id]);

    await db
      .updateTable('articles')
      .set({ title: 'Tunnelbau beginnt', body: JSON.stringify([{ type: 'paragraph', text: 'Der Tunnel wird gebaut.' }]) })
      .where('id', '=', id)
      .execute();
    await search.index(id);
    assert.deepEqual(ids(await find('Brückensanierung')), []);
    assert.deepEqual(ids(await find('Tunnel')), [id]);

    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', id).execute();
    await search.index(id);
    assert.deepEqual(ids(await find('Tunnel')), []);
    await db.updateTable('articles').set({ status: 'published' }).where('id', '=', id).execute();
    await search.reindexAll();
    assert.deepEqual(ids(await find('Tunnel')), [id]);

    await db.deleteFrom('articles').where('id', '=', id).execute();
    assert.deepEqual(ids(await find('Tunnel')), []);
    await search.index(id); // a deleted article is simply not indexed
    await search.remove(id);
  });

  test('the same search after an edit shows the new text in its snippet (snippets are kept per query and text)', async () => {
    const { db } = handle();
    const id = await addArticle(db, { title: 'Fährhafen', text: ['Die alte Fähre fährt wieder.'] });
    await search.index(id);
    const before = (await find('Fähre')).items.find((item) => item.articleId === id);
    assert.match(String(before?.snippet), /alte/);
    await db.updateTable('articles').set({ body: JSON.stringify([{ type: 'paragraph', text: 'Die neue Fähre fährt wieder.' }]) }).where('id', '=', id).execute();
    await search.index(id);
    const after = (await find('Fähre')).items.find((item) => item.articleId === id);
    assert.match(String(after?.snippet), /neue/);
    assert.doesNotMatch(String(after?.snippet), /alte/);
    await db.deleteFrom('articles').where('id', '=', id).execute();
    await search.remove(id);
  });

  test('a snippet is reused without reading its text again, until its article is indexed here, forgotten, or SNIPPET_TTL_MS passes', async () => {
    const { db } = handle();
    let clock = Date.now();
    const here = createSearchService(handle(), () => clock);
    const elsewhere = createSearchService(handle()); // another thread or process on the same database
    const id = await addArticle(db, { title: 'Seilbahn', text: ['Die rote Gondel fährt.'] });
    await here.index(id);
    const snippetOf = async () => String((await here.search('Gondel', { page: 1, perPage: 20, now: NOW })).items.find((item) => item.articleId === id)?.snippet);
    assert.match(await snippetOf(), /rote/);
    const edit = async (colour: string) => {
      await db.updateTable('articles').set({ body: JSON.stringify([{ type: 'paragraph', text: `Die ${colour} Gondel fährt.` }]) }).where('id', '=', id).execute();
      await elsewhere.index(id);
    };
    await edit('blaue');
    assert.match(await snippetOf(), /rote/, 'indexed elsewhere: the snippet at hand is kept, its text not read again');
    clock += SNIPPET_TTL_MS;
    assert.match(await snippetOf(), /blaue/, 'no older than SNIPPET_TTL_MS');
    await edit('grüne');
    here.forget(id);
    assert.match(await snippetOf(), /grüne/, 'forgotten on the content event');
    await db.updateTable('articles').set({ body: JSON.stringify([{ type: 'paragraph', text: 'Die gelbe Gondel fährt.' }]) }).where('id', '=', id).execute();
    await here.index(id);
    assert.match(await snippetOf(), /gelbe/, 'indexed here');
    await db.deleteFrom('articles').where('id', '=', id).execute();
    await here.remove(id);
  });

  test('a word both languages stem alike finds the articles of both (one MATCH serves both)', async () => {
    const { db } = handle();
    const de = await addArticle(db, { title: 'Quaxelbrunnen saniert', text: ['Der Quaxelbrunnen sprudelt wieder.'] });
    const en = await addArticle(db, { title: 'Quaxelbrunnen restored', text: ['The Quaxelbrunnen fountain runs again.'], lang: 'en' });
    await search.index(de);
    await search.index(en);
    assert.deepEqual(ids(await find('Quaxelbrunnen')).sort((x, y) => x - y), [de, en].sort((x, y) => x - y));
    for (const id of [de, en]) {
      await db.deleteFrom('articles').where('id', '=', id).execute();
      await search.remove(id);
    }
  });

  test('reindexAll prunes entries of unpublished articles', async () => {
    const { db } = handle();
    const id = await addArticle(db, { title: 'Windpark genehmigt', text: ['Der Windpark kommt.'] });
    await search.index(id);
    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', id).execute();
    assert.deepEqual(ids(await find('Windpark')), []); // hidden by the query already
    await search.reindexAll();
    await db.updateTable('articles').set({ status: 'published' }).where('id', '=', id).execute();
    assert.deepEqual(ids(await find('Windpark')), []); // and gone from the index
  });

  test('content events keep the index in step', async () => {
    const { db } = handle();
    const errors: unknown[] = [];
    const bus = createEventBus({ error: (err) => errors.push(err) });
    const stop = connectSearchIndex(bus, search);
    const id = await addArticle(db, { title: 'Hafenfest eröffnet', text: ['Das Hafenfest lockt Besucher.'] });
    await bus.emit('article.saved', { articleId: id, slug: 'hafenfest', status: 'published' });
    assert.deepEqual(ids(await find('Hafenfest')), [id]);
    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', id).execute();
    await bus.emit('article.saved', { articleId: id, slug: 'hafenfest', status: 'draft' });
    await db.updateTable('articles').set({ status: 'published' }).where('id', '=', id).execute();
    assert.deepEqual(ids(await find('Hafenfest')), []);
    stop();
    assert.deepEqual(errors, []);
  });
});

// More matches than either backend ranks in one go (a window of the newest 500): the total is capped and "at least", pages stay full and disjoint, and
// the strongest match still comes first.
eachDatabase('search with many matches', (handle, kind) => {
  let search: SearchService;
  let strongest = 0;

  before(async () => {
    const { db } = handle();
    search = createSearchService(handle());
    // Written in order of publication, as a newsroom does (later ids are newer articles);
    // both backends rank a window of the newest matches, which holds the title match.
    for (let i = 0; i < 1_100; i++) {
      const id = await addArticle(db, {
        title: i === 1_060 ? 'Gemeinderat tagt: Gemeinderat entscheidet' : `Meldung ${i} aus dem Viertel`,
        text: [`Im Viertel ${i} hat der Gemeinderat über Laternen, Bänke und Bäume beraten.`],
        publishedAt: new Date(NOW.getTime() - (1_100 - i) * 3_600_000),
      });
      if (i === 1_060) strongest = id;
    }
    await search.reindexAll();
  });

  test('the total is capped and marked as a lower bound', async () => {
    const result = await search.search('Gemeinderat', { page: 1, perPage: 10, now: NOW });
    assert.equal(result.total, 1000);
    assert.equal(result.totalIsLowerBound, true);
    assert.equal(result.items.length, 10);
  });

  test('the title match ranks first among many body matches', async () => {
    const result = await search.search('Gemeinderat', { page: 1, perPage: 10, now: NOW });
    assert.equal(result.items[0]?.articleId, strongest);
  });

  test('pages are full and do not repeat each other', async () => {
    const seen = new Set<number>();
    for (let page = 1; page <= 8; page++) {
      const result = await search.search('Gemeinderat', { page, perPage: 20, now: NOW });
      assert.equal(result.items.length, 20, `page ${page}`);
      for (const item of result.items) {
        assert.ok(!seen.has(item.articleId), `article ${item.articleId} again on page ${page}`);
        seen.add(item.articleId);
      }
    }
  });

  test('document frequencies agree with an exact count (PostgreSQL: from its column statistics)', async () => {
    const { db } = handle();
    // ANALYZE fills the statistics the PostgreSQL backend reads for common lexemes.
    if (kind === 'postgres') await sql`ANALYZE search_documents`.execute(db);
    const backend = kind === 'postgres' ? postgresBackend(db) : sqliteBackend(db);
    const terms = [...(await backend.termFrequencies(strongest)).keys()];
    assert.ok(terms.length >= 5, `terms: ${terms.join(', ')}`);
    const df = await backend.documentFrequencies(terms);
    const common = terms.filter((t) => (df.get(t) ?? 0) > 1000);
    const rare = terms.filter((t) => (df.get(t) ?? 0) === 1);
    assert.ok(common.length > 0 && rare.length > 0, JSON.stringify([...df]));
    for (const term of terms) {
      const exact =
        kind === 'postgres'
          ? Number((await sql<{ n: string }>`SELECT count(*) AS n FROM search_documents WHERE tsv @@ ${`'${term}'`}::tsquery`.execute(db)).rows[0]!.n)
          : Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${`"${term}"`}`.execute(db)).rows[0]!.n);
      assert.equal(df.get(term), exact, term);
    }
  });
});

// The newest matches are not visible yet (published for a later time): the ranked window fills
// with them, and the search must widen it to reach the visible ones instead of stopping there.
eachDatabase('search past a window of matches readers may not see yet', (handle) => {
  let search: SearchService;
  const visible: number[] = [];

  before(async () => {
    const { db } = handle();
    search = createSearchService(handle());
    for (let i = 0; i < 3; i++) {
      visible.push(await addArticle(db, { title: `Laternenfest im Viertel ${i}`, text: ['Das Laternenfest beginnt am Abend.'], publishedAt: new Date(NOW.getTime() - (i + 1) * DAY) }));
    }
    for (let i = 0; i < 600; i++) {
      await addArticle(db, { title: `Laternenfest Vorschau ${i}`, text: ['Vom Laternenfest im nächsten Jahr.'], publishedAt: new Date(NOW.getTime() + (i + 1) * 3_600_000) });
    }
    await search.reindexAll();
  });

  test('the visible matches are found and counted, the future ones not', async () => {
    const result = await search.search('Laternenfest', { page: 1, perPage: 10, now: NOW });
    assert.deepEqual(result.items.map((item) => item.articleId).sort((x, y) => x - y), [...visible].sort((x, y) => x - y));
    assert.equal(result.total, 3);
  });
});
