// Round trip: a site (the WordPress fixture, with images) exported as WXR and imported
// into an empty site (SQLite and PostgreSQL) has the same articles and comment threads.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { mediaIdsOf, type Article, type Block } from '../content/index.js';
import type { MediaItem } from '../media/index.js';
import { createUser } from '../platform/users.js';
import { testDatabaseKinds } from '../platform/testing.js';
import { importWordPress } from './wordpress.js';
import { exportWxr } from './wxr-export.js';
import { createSite, FIXTURES, type TestSite } from './testkit.js';

const ORIGIN = 'https://stadtblatt.example';
let source: TestSite;
let file: string;

async function exportSite(site: TestSite, target: string) {
  const { services } = site.app;
  const stream = createWriteStream(target);
  return exportWxr({ db: services.database.db, content: services.content, media: services.media, settings: services.settings, publicUrl: ORIGIN }, stream);
}

before(async () => {
  source = await createSite('sqlite', { publicUrl: ORIGIN });
  await createUser(source.app.services.database.db, { email: 'jana@example.org', password: 'ein-langes-passwort-1', role: 'editor' });
  const uploads = join(source.dir, 'uploads');
  mkdirSync(join(uploads, '2025/02'), { recursive: true });
  for (const name of ['rathaus', 'markt']) {
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#964' } }).jpeg().toFile(join(uploads, `2025/02/${name}.jpg`));
  }
  await importWordPress(await source.deps(), join(FIXTURES, 'wordpress.xml'), { mediaDir: uploads });
  // An article written here, with what the editor makes that WordPress has not.
  const { content } = source.app.services;
  const author = (await content.store.authorBy('slug', 'jana'))!;
  await content.createArticle({
    lang: 'de', title: 'Hier geschrieben: Quelle & Zitat', subtitle: 'Mit <Sonderzeichen> ]]> und 🌉', status: 'published',
    publishedAt: new Date('2025-03-01T10:00:00Z'), authorIds: [author.id], tagIds: [], seoTitle: 'SEO-Titel',
    body: [
      { type: 'paragraph', text: 'Text mit **fett**, *kursiv*, `code` und [Link](https://example.org/a_b).' },
      { type: 'quote', text: 'Erster Absatz.\n\nZweiter Absatz.', attribution: 'Die Bürgermeisterin' },
      { type: 'embed', provider: 'link', url: 'https://example.org/bericht', title: 'Der Bericht' },
      { type: 'list', ordered: true, items: ['eins', 'zwei'] },
    ],
  });
  file = join(source.dir, 'export.xml');
  await exportSite(source, file);
});
after(() => source.close());

test('the export is WXR 1.2 as WordPress reads it', () => {
  const xml = readFileSync(file, 'utf8');
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8" \?>/);
  assert.match(xml, /<wp:wxr_version>1\.2<\/wp:wxr_version>/);
  assert.match(xml, /<wp:author><wp:author_id>\d+<\/wp:author_id><wp:author_login><!\[CDATA\[jana\]\]><\/wp:author_login><wp:author_email><!\[CDATA\[jana@example.org\]\]>/);
  assert.match(xml, /<wp:tag><wp:term_id>\d+<\/wp:term_id><wp:tag_slug><!\[CDATA\[stadtrat\]\]>/);
  assert.match(xml, /<wp:post_type><!\[CDATA\[attachment\]\]><\/wp:post_type>\s*<wp:attachment_url><!\[CDATA\[https:\/\/stadtblatt\.example\/media\//);
  assert.match(xml, /<wp:status><!\[CDATA\[future\]\]><\/wp:status>/);
  assert.match(xml, /<wp:comment_parent>[1-9]\d*<\/wp:comment_parent>/);
  assert.match(xml, /<content:encoded><!\[CDATA\[<p>Der Stadtrat hat am Donnerstag <strong>sieben Stunden<\/strong>/);
  assert.match(xml, /href="https:\/\/stadtblatt\.example\/2024\/11\/02\/vorbericht\/"/, 'site-relative links made absolute');
  assert.match(xml, /<excerpt:encoded><!\[CDATA\[Mit &lt;Sonderzeichen&gt; \]\]&gt; und 🌉\]\]><\/excerpt:encoded>/, 'plain text goes out as HTML');
  assert.doesNotMatch(xml, /data-embed-src|embed-consent/, 'embeds as WordPress writes them, not our consent markup');
});

/** An article as the comparison sees it: what a reader gets, independent of ids. */
async function shape(site: TestSite, article: Article) {
  const media = await site.app.services.media.getMany(mediaIdsOf(article.body));
  // An image shows its own caption and alt, else the library's: compare what is shown.
  const shown = (i: { mediaId: number; alt?: string; caption?: string }, items: Map<number, MediaItem>) =>
    ({ alt: i.alt ?? items.get(i.mediaId)?.alt, caption: i.caption ?? items.get(i.mediaId)?.caption, found: items.has(i.mediaId) });
  const block = (b: Block, items: Map<number, MediaItem>) =>
    b.type === 'image' ? { type: 'image', ...shown(b, items) }
    : b.type === 'gallery' ? { ...b, images: b.images.map((i) => shown(i, items)) }
    : b;
  const comments = await site.app.services.database.db.selectFrom('comments').selectAll().where('article_id', '=', article.id).orderBy('created_at').orderBy('id').execute();
  const byId = new Map(comments.map((c) => [c.id, c]));
  return {
    kind: article.kind, title: article.title, subtitle: article.subtitle, status: article.status, lang: article.lang,
    publishedAt: article.publishedAt?.toISOString(), scheduledAt: article.scheduledAt?.toISOString(),
    commentsOpen: article.commentsOpen, seo: [article.seoTitle, article.seoDescription],
    authors: article.authors.map((a) => a.slug).slice(0, 1), tags: article.tags.map((t) => t.slug).sort(),
    featured: article.featuredMediaId !== null,
    body: article.body.map((b) => block(b, media)),
    comments: comments.map((c) => ({
      parent: c.parent_id === null ? null : byId.get(c.parent_id)?.body || byId.get(c.parent_id)?.created_at,
      depth: c.depth, status: c.status, author: c.author_name, body: c.body, at: c.created_at, staff: c.user_id !== null,
    })),
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`round trip into an empty site [${kind}]`, () => {
    let target: TestSite;
    before(async () => {
      target = await createSite(kind);
      await createUser(target.app.services.database.db, { email: 'jana@example.org', password: 'ein-langes-passwort-1', role: 'editor' });
      await importWordPress(await target.deps(), file, { mediaDir: join(source.dir, 'media') });
    });
    after(() => target.close());

    test('same articles, bodies and comment threads', async () => {
      const ids = await source.app.services.database.db.selectFrom('articles').select(['slug']).orderBy('id').execute();
      const copied = await target.app.services.database.db.selectFrom('articles').select(['slug']).orderBy('id').execute();
      assert.deepEqual(copied.map((r) => r.slug).sort(), ids.map((r) => r.slug).sort());
      for (const { slug } of ids) {
        const a = (await source.app.services.content.store.findBy('slug', slug))!;
        const b = (await target.app.services.content.store.findBy('slug', slug))!;
        assert.deepEqual(await shape(target, b), await shape(source, a), slug);
      }
    });

    test('the pages read the same', async () => {
      for (const path of ['/haushalt-2025/', '/markttag/', '/hier-geschrieben-quelle-zitat/']) {
        const strip = (html: string) =>
          html
            .replace(/<head>[\s\S]*?<\/head>/, '')
            // Related articles come from each database's own full-text search, ranked its way.
            .replace(/<section class="related"[\s\S]*?<\/section>/, '').replace(/\/media\/[^"\s,]+/g, 'MEDIA').replace(/(id|data-id|for|href|action|value|datetime|data-author-key)="[^"]*"/g, '').replace(/\b\d+\b/g, 'N');
        const main = (html: string) => strip(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '');
        assert.equal(main((await target.get(path)).body), main((await source.get(path)).body), path);
      }
    });

    test('exporting the copy gives the same file, apart from ids and image names', async () => {
      const again = join(target.dir, 'again.xml');
      await exportSite(target, again);
      const normalise = (xml: string) =>
        xml
          .replace(/<pubDate>[^<]*<\/pubDate>/, '')
          .replace(/\/media\/[^"<\]]+/g, 'MEDIA')
          // A stored image is named after its content hash; the copy's file got one more.
          .replace(/(rathaus|markt)-[0-9a-f-]+/g, '$1')
          .replace(/\d+/g, 'N')
          .split('\n')
          .sort()
          .join('\n');
      assert.equal(normalise(readFileSync(again, 'utf8')), normalise(readFileSync(file, 'utf8')));
    });
  });
}
