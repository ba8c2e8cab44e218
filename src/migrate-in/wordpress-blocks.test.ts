// A block-editor export of a WordPress.com-hosted site (fixtures/wordpress-blocks.xml)
// imported with its media folder laid out year/month/name, on SQLite and PostgreSQL:
// every core block lands in its richest block, footnotes with their markers, the gallery
// and the table whole; what is approximated is noted by kind; old media addresses, sized
// variants, attachment ids and non-Latin page addresses redirect.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Block } from '../content/index.js';
import { importWordPress } from './wordpress.js';
import { FIXTURES, forEachSite } from './testkit.js';
import type { ReportJson } from './report.js';
import { importDb } from './tables.js';

const FIXTURE = join(FIXTURES, 'wordpress-blocks.xml');

/** The media folder as WordPress.com's media export lays it out: year/month/name, no wp-content. */
async function mediaFolder(dir: string): Promise<string> {
  const root = join(dir, 'kiezblatt-media');
  mkdirSync(join(root, '2025/06'), { recursive: true });
  for (const [name, colour] of [['buehne', '#a64'], ['kuchen', '#6a4'], ['abend', '#46a']] as const) {
    await sharp({ create: { width: 80, height: 60, channels: 3, background: colour } }).jpeg().toFile(join(root, `2025/06/${name}.jpg`));
  }
  return root;
}

forEachSite('WordPress block-editor import', (site) => {
  let json: ReportJson;
  let body: Block[];
  let page: string;

  before(async () => {
    const report = await importWordPress(await site().deps(), FIXTURE, { mediaDir: await mediaFolder(site().dir) });
    json = await report.full();
    report.dispose();
    body = (await site().app.services.content.store.findBy('slug', 'strassenfest'))!.body;
    page = (await site().get('/strassenfest/')).body;
  });

  test('every image came from the media folder, whatever host served it', () => {
    assert.equal(json.added.images, 3, 'Bühne, Kuchen and Abend; the featured image lives on a foreign CDN');
    assert.deepEqual(json.remoteMedia.urls, ['https://fremd-cdn.example.net/bilder/titelbild.jpg']);
  });

  test('inline marks: sub, sup, strikethrough and abbr; footnote markers in place', () => {
    assert.deepEqual(body[0], {
      type: 'paragraph',
      text: 'Wasser ist H~2~O, Energie E = mc^2^, der ~~alte~~ ~~Termin~~ ~~fiel~~ aus, und die [BVV]{title="Bezirksverordnetenversammlung"} tagte.[^6fb4d0d2-5bc9-4e37-b2d4-0b1b3e7c3a52]',
    });
    assert.match(page, /Wasser ist H<sub>2<\/sub>O, Energie E = mc<sup>2<\/sup>, der <s>alte<\/s> <s>Termin<\/s> <s>fiel<\/s> aus/);
    assert.match(page, /<abbr title="Bezirksverordnetenversammlung">BVV<\/abbr> tagte\.<sup><a href="#fn-6fb4d0d2-5bc9-4e37-b2d4-0b1b3e7c3a52" id="fnref-6fb4d0d2-5bc9-4e37-b2d4-0b1b3e7c3a52">1<\/a><\/sup>/);
    assert.doesNotMatch(page, /tagte\.1/, 'the marker is not glued to the text');
  });

  test('the table: header cells with scope, alignment, caption with its footnote', () => {
    const table = body.find((b) => b.type === 'table');
    assert.deepEqual(table, {
      type: 'table',
      headerRow: true,
      rows: [['Stand', 'Besucher', 'Umsatz'], ['Kuchen', '1.200', '3.400 €'], ['Flohmarkt', '850', '–']],
      align: [null, 'right', 'right'],
      caption: 'Stände und Besucher[^0c1d2e3f-0000-4000-8000-000000000002]',
    });
    assert.match(page, /<table><caption>Stände und Besucher<sup><a href="#fn-0c1d2e3f-0000-4000-8000-000000000002"[^>]*>2<\/a><\/sup><\/caption><thead><tr><th scope="col">Stand<\/th><th scope="col" class="ta-right">Besucher<\/th>/);
    assert.match(page, /<td class="ta-right">3\.400 €<\/td>/);
  });

  test('code keeps its language and lines; preformatted text and verse keep their whitespace', () => {
    const code = body.filter((b) => b.type === 'code');
    assert.deepEqual(code[0], { type: 'code', text: 'def besucher(stand):\n    return stand.zaehler  # fett im Code', language: 'python' });
    assert.deepEqual(code[1], { type: 'code', text: '  /\\_/\\     Festkatze\n ( o.o )    sagt Hallo\n  > ^ <', preformatted: true });
    assert.deepEqual(code[2], { type: 'code', text: 'Die Straße summt,\n    der Abend glüht.', preformatted: true });
    assert.match(page, /<pre tabindex="0"><code class="code language-python">def besucher\(stand\):\n {4}return stand\.zaehler/);
    assert.match(page, /<pre class="preformatted" tabindex="0"> {2}\/\\_\/\\ {5}Festkatze\n \( o\.o \) {4}sagt Hallo\n {2}&gt; \^ &lt;<\/pre>/);
  });

  test('the gallery: library images with their captions and the gallery caption', () => {
    const gallery = body.find((b) => b.type === 'gallery');
    assert.equal(gallery?.type, 'gallery');
    if (gallery?.type !== 'gallery') return;
    assert.equal(gallery.images.length, 2);
    assert.equal(gallery.images[0]!.caption, 'Die **Bühne**');
    assert.equal(gallery.images[0]!.alt, 'Die Bühne am Abend');
    assert.equal(gallery.images[1]!.alt, 'Kuchenstand');
    assert.equal(gallery.caption, 'Das Fest in Bildern');
    assert.match(page, /<figure class="gallery"><ul class="gallery-grid"><li><figure class="gallery-item"><a class="gallery-open" href="\/media\/\d{4}\/\d{2}\/buehne-[^"]+\.jpg">/);
  });

  test('details, separator, columns, group, buttons, cover, media-text, quote with its source, embed', () => {
    assert.ok(body.some((b) => b.type === 'details' && b.summary === 'Wie wir gezählt haben' && b.text === 'An beiden Eingängen mit Zählern.\n\n– Samstag\n– Sonntag'));
    assert.match(page, /<details class="details-block"><summary>Wie wir gezählt haben<\/summary><p>An beiden Eingängen mit Zählern\.<\/p><p>– Samstag<br>\n– Sonntag<\/p><\/details>/);
    assert.ok(body.some((b) => b.type === 'separator'));
    const texts = body.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    assert.ok(texts.indexOf('Linke Spalte zuerst.') < texts.indexOf('Rechte Spalte danach.'), 'columns in reading order');
    assert.ok(texts.includes('Ein Absatz in einer Gruppe.'));
    assert.ok(texts.includes('[Jetzt spenden](https://kiezblatt.example/spenden)'), 'the button is a link');
    const cover = body.findIndex((b) => b.type === 'image' && b.alt === 'Abendstimmung');
    assert.ok(cover >= 0 && body[cover + 1]?.type === 'paragraph' && (body[cover + 1] as { text: string }).text === 'Bis nächstes Jahr!', 'the cover is its image, then its text');
    const media = body.findIndex((b) => b.type === 'image' && b.alt === 'Die Bühne');
    assert.ok(media >= 0 && (body[media + 1] as { text: string }).text === 'Text neben dem Bild.', 'media-text is its image, then its text');
    assert.deepEqual(body.find((b) => b.type === 'quote'), {
      type: 'quote', text: 'So voll war es noch nie.', attribution: 'Anna Schmidt', sourceUrl: 'https://kiezblatt.example/interview', sourceTitle: 'im Interview',
    });
    assert.ok(body.some((b) => b.type === 'embed' && b.provider === 'youtube'));
  });

  test('the footnotes block sits where wp:footnotes stood, with both footnotes', () => {
    const last = body.at(-1);
    assert.deepEqual(last, {
      type: 'footnotes',
      items: [
        { id: '6fb4d0d2-5bc9-4e37-b2d4-0b1b3e7c3a52', text: 'Laut *Protokoll* der Sitzung.' },
        { id: '0c1d2e3f-0000-4000-8000-000000000002', text: 'Zählung des Festvereins.' },
      ],
    });
    assert.match(page, /<li id="fn-6fb4d0d2-5bc9-4e37-b2d4-0b1b3e7c3a52"><p>Laut <em>Protokoll<\/em> der Sitzung\./);
  });

  test('what is approximated or left out is noted, grouped by kind with counts', () => {
    const count = (kind: string) => json.review.kinds[kind]?.count ?? 0;
    for (const kind of [
      'columns flattened', 'group flattened', 'buttons shown as links', 'cover shown as image and text', 'media and text shown one below the other',
      'spacer left out', 'page break left out', 'dynamic block left out', 'plugin block converted from its HTML', 'details approximated',
      'formatting in preformatted text dropped', 'formatting dropped', 'featured image not imported', 'comment formatting dropped',
    ]) {
      assert.ok(count(kind) >= 1, `a note of kind "${kind}"`);
    }
    assert.equal(count('formatting in preformatted text dropped'), 2, 'the <b> in the code, the <em> in the verse');
    assert.equal(json.review.notes.length, json.review.count, 'every note, none cut');
    const dynamic = json.review.notes.find((n) => n.kind === 'dynamic block left out');
    assert.match(dynamic?.message ?? '', /latest-posts/);
    assert.match(dynamic?.item ?? '', /post 200 "Das Straßenfest/, 'a note names the post');
    const comment = json.review.notes.find((n) => n.kind === 'comment formatting dropped');
    assert.match(comment?.message ?? '', /sub.*an image|an image.*sub/);
  });

  test('a remote featured image that did not come in shows nothing, and no request goes to its host', () => {
    assert.doesNotMatch(page, /fremd-cdn\.example\.net/);
    assert.doesNotMatch(page, /featured-image/);
  });

  test('the comment keeps its strikethrough; images and tables are not carried into it', async () => {
    const db = site().app.services.database.db;
    const comment = await db.selectFrom('comments').select(['body', 'html']).where('author_name', '=', 'Lea').executeTakeFirstOrThrow();
    assert.match(comment.body, /~~Nie wieder~~ Immer wieder\. H2O gab es gratis\./);
    assert.match(comment.html, /<s>Nie wieder<\/s>/);
    assert.doesNotMatch(comment.html, /tracker\.example|<img|<table/);
  });

  test('Greek and Cyrillic pages get transliterated addresses; the old ones redirect', async () => {
    const greek = await site().app.services.content.store.findBy('slug', 'dimotiko');
    assert.equal(greek?.title, 'Δημοτικό Συμβούλιο');
    const russian = await site().app.services.content.store.findBy('slug', 'gorodskoy-sovet');
    assert.equal(russian?.kind, 'page');
    const old = await site().get('/%CE%B4%CE%B7%CE%BC%CE%BF%CF%84%CE%B9%CE%BA%CF%8C/');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/dimotiko/');
    assert.equal((await site().get('/?page_id=211')).headers.location, '/gorodskoy-sovet/');
  });

  test('old media addresses, their sized variants and /?attachment_id=N redirect to the image', async () => {
    const kuchen = await site().get('/?attachment_id=302');
    assert.equal(kuchen.statusCode, 301);
    assert.match(String(kuchen.headers.location), /^\/media\/\d{4}\/\d{2}\/kuchen-[0-9a-f]+\.jpg$/);
    const sized = await site().get('/2025/06/kuchen-150x150.jpg');
    assert.equal(sized.statusCode, 301, 'a sized variant goes where the original went');
    assert.equal(sized.headers.location, kuchen.headers.location);
    assert.equal((await site().get('/2025/06/kuchen.jpg')).headers.location, kuchen.headers.location);
    const page = await site().get('/2025/06/14/strassenfest/buehne/');
    assert.equal(page.statusCode, 301, 'the attachment page');
    assert.match(String(page.headers.location), /^\/media\/\d{4}\/\d{2}\/buehne-/);
    const notes = await importDb(site().app.services.database.db).selectFrom('import_notes').select(['kind']).execute();
    assert.equal(notes.length, json.review.count, 'every note is stored, with its kind');
    assert.ok(notes.every((n) => n.kind !== ''));
  });
});
