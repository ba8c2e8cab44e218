// Content store contract: runs against SQLite and PostgreSQL (see platform/testing.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../platform/testing.js';
import { createEventBus, type EventName } from '../platform/events.js';
import { AppError } from '../platform/errors.js';
import { createContentService } from './service.js';
import type { AuthorInput } from './types.js';

const silent = { error: () => undefined };

eachDatabase('content service', (handle) => {
  let clock = new Date('2026-03-01T10:00:00Z');
  const events: [EventName, unknown][] = [];
  const setup = () => {
    const bus = createEventBus(silent);
    bus.onAny((event, payload) => void events.push([event, payload]));
    return createContentService({ db: handle().db, bus, now: () => clock });
  };

  test('a listing total is reused until the content changes or a minute passes', async () => {
    const content = setup();
    const { db } = handle();
    const kind = 'page' as const; // pages: no other test here publishes one
    const before = (await content.listPublished({ kind })).total;
    // Written behind the service's back: no event, so the kept total still holds…
    await db
      .insertInto('articles')
      .values({
        kind, slug: 'seite-ohne-ereignis', lang: 'de', title: 'Seite', subtitle: '', body: '[]', status: 'published',
        published_at: new Date(clock.getTime() - 1000).toISOString(), scheduled_at: null, updated_at: clock.toISOString(),
        created_at: clock.toISOString(), revised_at: null, featured_media_id: null, featured_caption: '', seo_title: '',
        seo_description: '', comments_open: 1, word_count: 0, reading_minutes: 1,
      })
      .execute();
    assert.equal((await content.listPublished({ kind })).total, before);
    // …until a minute has passed,
    clock = new Date(clock.getTime() + 61_000);
    assert.equal((await content.listPublished({ kind })).total, before + 1);
    // and a change through the service (an event) counts again at once.
    await content.createArticle({ kind, lang: 'de', title: 'Noch eine Seite', body: [], status: 'published', authorIds: [], tagIds: [] });
    assert.equal((await content.listPublished({ kind })).total, before + 2);
  });

  test('creates an article with authors and tags in order, and keeps a revision', async () => {
    const content = setup();
    const anna = await content.createAuthor({ name: 'Anna Beispiel', bio: { de: 'Reporterin' }, books: [{ title: 'Das Rathaus', url: 'https://example.org/buch' }] });
    const ben = await content.createAuthor({ name: 'Ben Muster' });
    const tag = await content.createTag({ name: 'Stadtrat' });
    const article = await content.createArticle({
      lang: 'de',
      title: 'Stadtrat beschließt Haushalt für Bäder',
      subtitle: 'Eine lange Sitzung',
      body: [{ type: 'paragraph', text: 'Der Stadtrat hat **heute** entschieden.' }],
      status: 'published',
      authorIds: [ben.id, anna.id],
      tagIds: [tag.id],
    });
    assert.equal(article.slug, 'stadtrat-beschliesst-haushalt-fuer-baeder');
    assert.deepEqual(article.authors.map((a) => a.name), ['Ben Muster', 'Anna Beispiel']);
    assert.equal(article.tags[0]?.slug, 'stadtrat');
    assert.equal(article.authors[1]?.books[0]?.title, 'Das Rathaus');
    assert.equal(article.status, 'published');
    assert.ok(article.publishedAt);
    assert.equal(article.wordCount, 5);
    const revisions = await content.listRevisions(article.id);
    assert.equal(revisions.length, 1);
    assert.ok(events.some(([e]) => e === 'article.published'));
  });

  test('refuses a taken slug, a bad slug, an empty title and bad blocks, and changes nothing', async () => {
    const content = setup();
    const before = (await content.store.list({ limit: 100, offset: 0 })).total;
    const base = { lang: 'de' as const, body: [], status: 'draft' as const, authorIds: [], tagIds: [] };
    await assert.rejects(content.createArticle({ ...base, title: 'Stadtrat beschließt Haushalt für Bäder' }), (e: AppError) => e.code === 'SLUG_TAKEN');
    await assert.rejects(content.createArticle({ ...base, title: 'X', slug: 'Böse/../slug' }), (e: AppError) => e.code === 'SLUG_INVALID');
    await assert.rejects(content.createArticle({ ...base, title: 'X', slug: 'admin' }), (e: AppError) => e.code === 'SLUG_INVALID');
    await assert.rejects(content.createArticle({ ...base, title: '   ' }), (e: AppError) => e.code === 'VALIDATION' && e.field === 'title');
    await assert.rejects(
      content.createArticle({ ...base, title: 'Blöcke', body: [{ type: 'nonsense' }] as never }),
      (e: AppError) => e.code === 'VALIDATION' && (e.field ?? '').startsWith('body[0]'),
    );
    await assert.rejects(content.createArticle({ ...base, title: 'Ohne Autor', authorIds: [99999] }), (e: AppError) => e.code === 'VALIDATION');
    assert.equal((await content.store.list({ limit: 100, offset: 0 })).total, before);
  });

  test('a changed slug redirects from the old one, and revisions accumulate', async () => {
    const content = setup();
    const article = (await content.store.findBy('slug', 'stadtrat-beschliesst-haushalt-fuer-baeder'))!;
    clock = new Date('2026-03-02T10:00:00Z');
    const input = {
      lang: article.lang,
      title: article.title + ' und Bibliothek',
      slug: 'haushalt-baeder-bibliothek',
      body: article.body,
      status: article.status,
      authorIds: article.authors.map((a) => a.id),
      tagIds: article.tags.map((t) => t.id),
    };
    const updated = await content.updateArticle(article.id, input);
    assert.equal(updated.slug, 'haushalt-baeder-bibliothek');
    assert.ok(updated.revisedAt, 'a published text that changed has an updated date');
    assert.deepEqual(await content.lookupPublic('stadtrat-beschliesst-haushalt-fuer-baeder'), { redirect: 'haushalt-baeder-bibliothek' });
    const found = await content.lookupPublic('haushalt-baeder-bibliothek');
    assert.ok(found && 'article' in found);
    assert.equal((await content.listRevisions(article.id)).length, 2);
    // Taking the old address back removes the redirect instead of looping.
    await content.updateArticle(article.id, { ...input, slug: 'stadtrat-beschliesst-haushalt-fuer-baeder' });
    const back = await content.lookupPublic('stadtrat-beschliesst-haushalt-fuer-baeder');
    assert.ok(back && 'article' in back);
    assert.deepEqual(await content.lookupPublic('haushalt-baeder-bibliothek'), { redirect: 'stadtrat-beschliesst-haushalt-fuer-baeder' });
  });

  test('drafts and scheduled articles stay hidden until their time, then publish once', async () => {
    const content = setup();
    const base = { lang: 'en' as const, body: [{ type: 'paragraph' as const, text: 'Council news.' }], authorIds: [], tagIds: [] };
    await content.createArticle({ ...base, title: 'A draft', status: 'draft' });
    const scheduled = await content.createArticle({
      ...base,
      title: 'Festival opens',
      status: 'scheduled',
      scheduledAt: new Date(clock.getTime() + 3_600_000),
    });
    assert.equal(await content.lookupPublic('a-draft'), null);
    assert.equal(await content.lookupPublic('festival-opens'), null);
    assert.equal(await content.publishDue(), 0);
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    // Two nodes racing: the compare-and-set lets exactly one publish.
    const results = await Promise.all([content.publishDue(), content.publishDue()]);
    assert.equal(results[0]! + results[1]!, 1);
    const found = await content.lookupPublic('festival-opens');
    assert.ok(found && 'article' in found);
    assert.equal(found.article.id, scheduled.id);
    assert.equal(found.article.publishedAt?.toISOString(), scheduled.scheduledAt?.toISOString());
  });

  test('lists published articles newest first, by tag and by author, with totals', async () => {
    const content = setup();
    const tag = (await content.store.tagBy('slug', 'stadtrat'))!;
    const anna = (await content.store.authorBy('slug', 'anna-beispiel'))!;
    for (let i = 1; i <= 12; i++) {
      clock = new Date(clock.getTime() + 60_000);
      await content.createArticle({
        lang: 'de',
        title: `Meldung ${i}`,
        body: [{ type: 'paragraph', text: `Text ${i}` }],
        status: 'published',
        authorIds: i % 2 ? [anna.id] : [],
        tagIds: i % 3 === 0 ? [tag.id] : [],
      });
    }
    const first = await content.listPublished({ page: 1, perPage: 5 });
    assert.equal(first.items[0]?.title, 'Meldung 12');
    assert.equal(first.total, 14);
    assert.equal(first.pages, 3);
    const third = await content.listPublished({ page: 3, perPage: 5 });
    assert.equal(third.items.length, 4);
    const byTag = await content.listPublished({ tagId: tag.id });
    assert.equal(byTag.total, 5);
    const byAuthor = await content.listPublished({ authorId: anna.id });
    assert.equal(byAuthor.total, 7);
    assert.ok(byAuthor.items.every((a) => a.authors.some((x) => x.id === anna.id)));
  });

  test('author links and books take only absolute http(s) addresses (URL_INVALID, 422, at the field)', async () => {
    const content = setup();
    for (const url of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/', '/pfad/', 'https://trusted.example@evil.example/']) {
      for (const [input, field] of [
        [{ links: [{ label: 'Website', url: 'https://example.org/' }, { label: 'X', url }] }, 'links[1].url'],
        [{ books: [{ title: 'Das Buch', url }] }, 'books[0].url'],
      ] as [Pick<AuthorInput, 'links' | 'books'>, string][]) {
        await assert.rejects(content.createAuthor({ name: 'Eve Schurke', ...input }), (error: unknown) => {
          assert.ok(error instanceof AppError, String(error));
          assert.deepEqual([error.code, error.status, error.field], ['URL_INVALID', 422, field], url);
          return true;
        });
      }
    }
    assert.equal(await content.store.authorBy('slug', 'eve-schurke'), null, 'nothing was stored');
    const kept = await content.createAuthor({
      name: 'Eva Beispiel', links: [{ label: ' Website ', url: ' https://example.org/eva ' }], books: [{ title: 'Die Stadt', url: 'http://example.org/buch', year: 2024 }],
    });
    assert.deepEqual(kept.links, [{ label: 'Website', url: 'https://example.org/eva' }]);
    assert.deepEqual(kept.books, [{ title: 'Die Stadt', url: 'http://example.org/buch', year: 2024 }]);
  });
});
