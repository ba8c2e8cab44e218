// An article using every block and every inline mark survives export → import
// unchanged: through the JSON export (blattwerk export / import) and through the
// WordPress export (WXR, then our WordPress importer), into an empty site on SQLite and
// on PostgreSQL. Through JSON the body is identical, ids included; through WXR images
// get new ids, so they are compared by what a reader sees (file, alt, caption).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadSecret } from '../app.js';
import type { Block } from '../content/index.js';
import type { MediaItem } from '../media/index.js';
import { allMigrations } from '../migrations.js';
import { exportSite, importSite } from '../platform/backup/index.js';
import { testDatabaseKinds } from '../platform/testing.js';
import { createSearchService } from '../search/index.js';
import { importWordPress } from './wordpress.js';
import { exportWxr } from './wxr-export.js';
import { createSite, type TestSite } from './testkit.js';

const ORIGIN = 'https://stadtblatt.example';
const MARKS = '**fett**, *kursiv*, `code`, ~~gestrichen~~, H~2~O, E = mc^2^, [BSW]{title="Bündnis \\"Sahra\\" Wagenknecht"}, [Link](https://example.org/a_b) und eine Fußnote[^quelle]';

function everyBlock(images: number[]): Block[] {
  const [a, b, c] = images as [number, number, number];
  return [
    { type: 'paragraph', text: `Alle Auszeichnungen: ${MARKS}.` },
    { type: 'heading', level: 2, text: 'Zweite *Ebene*' },
    { type: 'heading', level: 3, text: 'Dritte Ebene' },
    { type: 'heading', level: 4, text: 'Vierte Ebene' },
    { type: 'list', ordered: false, items: ['eins mit ~~Strich~~', 'zwei mit H~2~O'] },
    { type: 'list', ordered: true, items: ['erstens', 'zweitens[^zwei]'] },
    { type: 'quote', text: 'Erster Absatz.\n\nZweiter mit **Nachdruck**.', attribution: 'Die Kämmerin', sourceUrl: 'https://example.org/rede', sourceTitle: 'Rede im Rat' },
    { type: 'image', mediaId: a, caption: 'Das *Rathaus*', alt: 'Rathaus bei Nacht' },
    { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Die Sitzung', caption: 'Mitschnitt' },
    { type: 'embed', provider: 'link', url: 'https://example.org/bericht', title: 'Der Bericht' },
    {
      type: 'table',
      headerRow: true,
      headerColumn: true,
      align: [null, 'right', 'center'],
      caption: 'Haushalt *2025*',
      source: 'Quelle: [Kämmerei](https://example.org/haushalt)',
      rows: [['Bereich', 'Mio. €', 'Trend'], ['Kultur', '4,2', '~~fällt~~ steigt'], ['Schule', '12^1^', 'gleich[^quelle]']],
    },
    { type: 'code', text: 'def summe(posten):\n    return sum(p.betrag for p in posten)  # <b>nicht fett</b>', language: 'Python' },
    { type: 'code', text: '  /\\_/\\\n ( o.o )  Haushalt\n  > ^ <', preformatted: true },
    { type: 'gallery', caption: 'Der *Markt*', images: [{ mediaId: b, caption: 'Stände', alt: 'Marktstände' }, { mediaId: c, alt: 'Bühne' }] },
    { type: 'details', summary: 'Wie wir *gerechnet* haben', text: 'Mit den Zahlen der Kämmerei.\n\nStand: Mai[^zwei]' },
    { type: 'separator' },
    { type: 'donation', text: 'Unterstützen Sie **unabhängigen** Journalismus.' },
    { type: 'paragraph', text: 'Nach der Spende.' },
    { type: 'footnotes', items: [{ id: 'quelle', text: 'Laut *Protokoll*.' }, { id: 'zwei', text: 'Zweite Fußnote mit [Link](https://example.org/fn).' }] },
  ];
}

/** A body as a reader sees it: each image by its alt, caption and picture, not its id. */
function shown(body: Block[], media: Map<number, MediaItem>): unknown[] {
  const picture = (id: number) => {
    const item = media.get(id);
    return item ? { alt: item.alt, size: `${item.width}x${item.height}`, credit: item.credit } : null;
  };
  return body.map((b) =>
    b.type === 'image' ? { ...b, mediaId: picture(b.mediaId) }
    : b.type === 'gallery' ? { ...b, images: b.images.map((i) => ({ ...i, mediaId: picture(i.mediaId) })) }
    : b,
  );
}

for (const kind of testDatabaseKinds()) {
  describe(`an article with every block and mark, round trip [${kind}]`, () => {
    let source: TestSite;
    let body: Block[];
    let sourceMedia: Map<number, MediaItem>;
    const targets: TestSite[] = [];

    before(async () => {
      source = await createSite(kind, { publicUrl: ORIGIN });
      const { media, content } = source.app.services;
      const ids: number[] = [];
      for (const [name, w, h, colour] of [['rathaus', 64, 48, '#964'], ['markt', 48, 64, '#469'], ['buehne', 60, 40, '#694']] as const) {
        const file = await sharp({ create: { width: w, height: h, channels: 3, background: colour } }).jpeg().toBuffer();
        const item = await media.importImage(file, { name, alt: `${name} (Bibliothek)`, caption: '', credit: 'Jana Beispiel', licence: 'cc-by-4.0' });
        ids.push(item.id);
      }
      const author = await content.createAuthor({ name: 'Jana Beispiel', slug: 'jana' });
      const article = await content.createArticle({
        lang: 'de', title: 'Alles auf einmal', subtitle: 'Jeder Block, jede Auszeichnung', status: 'published',
        publishedAt: new Date('2025-05-01T08:00:00Z'), authorIds: [author.id], tagIds: [], body: everyBlock(ids),
      });
      body = article.body;
      assert.deepEqual(body, everyBlock(ids), 'the body as written is stored as it is');
      sourceMedia = await media.getMany(ids);
    });

    after(async () => {
      for (const site of targets) await site.close();
      await source.close();
    });

    test('JSON export → import: the same body, ids included, and the same page', async () => {
      const file = join(source.dir, 'site.json');
      await exportSite(source.app.services.database, file);
      const target = await createSite(kind);
      targets.push(target);
      const handle = target.app.services.database;
      await importSite(handle, file, { migrations: allMigrations, secret: () => loadSecret(handle), reindex: () => createSearchService(handle).reindexAll() });
      const copy = await target.app.services.content.store.findBy('slug', 'alles-auf-einmal');
      assert.deepEqual(copy?.body, body);
      const main = (html: string) => /<div class="article-body">[\s\S]*?<\/div>\n\n/.exec(html)?.[0];
      assert.equal(main((await target.get('/alles-auf-einmal/')).body), main((await source.get('/alles-auf-einmal/')).body));
    });

    test('WordPress export → our WordPress import: every block and mark comes back', async () => {
      const file = join(source.dir, 'site.xml');
      const stream = createWriteStream(file);
      const { services } = source.app;
      const done = once(stream, 'close');
      await exportWxr({ db: services.database.db, content: services.content, media: services.media, settings: services.settings, publicUrl: ORIGIN }, stream);
      await done;
      const target = await createSite(kind);
      targets.push(target);
      const report = await importWordPress(await target.deps(), file, { mediaDir: join(source.dir, 'media') });
      const notes = (await report.full()).review.notes.filter((n) => /alles/i.test(n.item));
      report.dispose();
      assert.deepEqual(notes, [], 'nothing of this article was approximated');
      const copy = (await target.app.services.content.store.findBy('slug', 'alles-auf-einmal'))!;
      const copyMedia = await target.app.services.media.getMany(copy.body.flatMap((b) => (b.type === 'image' ? [b.mediaId] : b.type === 'gallery' ? b.images.map((i) => i.mediaId) : [])));
      assert.deepEqual(shown(copy.body, copyMedia), shown(body, sourceMedia));
    });
  });
}
