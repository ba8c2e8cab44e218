// Tables, code, galleries, details, separators and the new inline marks: what the
// renderer writes, what the plain text holds, and what validation refuses (with its code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block } from './blocks.js';
import type { MediaItem } from '../media/types.js';
import { BlockValidationError, bodyToText, renderBody, validateBlocks, type RenderContext } from './render.js';
import { inlineToText, renderInline } from './inline.js';

const photo = (id: number, over: Partial<MediaItem> = {}): MediaItem => ({
  id,
  path: `2026/11/bild-${id}.jpg`,
  mime: 'image/jpeg',
  width: 1600,
  height: 900,
  alt: `Bild ${id}`,
  caption: '',
  credit: 'Erika Mustermann',
  sourceUrl: null,
  licence: 'cc-by-4.0',
  variants: [{ path: `2026/11/bild-${id}-480.jpg`, width: 480, format: 'jpeg' }],
  ...over,
});

function ctx(over: Partial<RenderContext> = {}): RenderContext {
  return { lang: 'de', media: new Map([[1, photo(1)], [2, photo(2, { alt: '' })]]), supportUrl: '/support/', donationText: '', ...over };
}
const render = (blocks: Block[], c = ctx()) => renderBody(blocks, c).toString();

test('inline marks: sub, sup, strikethrough and abbr with its title', () => {
  assert.equal(renderInline('H~2~O, E = mc^2^').toString(), 'H<sub>2</sub>O, E = mc<sup>2</sup>');
  assert.equal(renderInline('~~alt~~ neu').toString(), '<s>alt</s> neu');
  assert.equal(renderInline('[BSW]{title="Bündnis Sahra Wagenknecht"}').toString(), '<abbr title="Bündnis Sahra Wagenknecht">BSW</abbr>');
  assert.equal(renderInline('[x]{title="a\\" onmouseover=\\"alert(1)"}').toString(), '<abbr title="a&quot; onmouseover=&quot;alert(1)">x</abbr>');
  assert.equal(renderInline('\\~\\~nicht\\~\\~ und 2\\^3').toString(), '~~nicht~~ und 2^3', 'escaped marks stay characters');
  assert.equal(inlineToText('H~2~O und [EU]{title="Europäische Union"} ~~weg~~'), 'H2O und EU weg');
});

test('a table: caption, header row and column with scope, alignment, source, in a labelled scroll region', () => {
  const out = render([
    {
      type: 'table',
      headerRow: true,
      headerColumn: true,
      caption: 'Haushalt *2025*',
      source: 'Quelle: [Stadt](https://example.org)',
      align: [null, 'right'],
      rows: [['Bereich', 'Mio. €'], ['Kultur', '4,2'], ['Schule', '12^1^']],
    },
  ]);
  assert.equal(
    out,
    '<div class="table-block"><div class="table-scroll" role="region" aria-label="Haushalt 2025" tabindex="0"><table>' +
      '<caption>Haushalt <em>2025</em></caption>' +
      '<thead><tr><th scope="col">Bereich</th><th scope="col" class="ta-right">Mio. €</th></tr></thead>' +
      '<tbody><tr><th scope="row">Kultur</th><td class="ta-right">4,2</td></tr><tr><th scope="row">Schule</th><td class="ta-right">12<sup>1</sup></td></tr></tbody>' +
      '</table></div><p class="table-source">Quelle: <a href="https://example.org" rel="noopener">Stadt</a></p></div>',
  );
  const plain = render([{ type: 'table', rows: [['a', 'b']] }], ctx({ plain: true }));
  assert.equal(plain, '<div class="table-block"><div class="table-scroll"><table><tbody><tr><td>a</td><td>b</td></tr></tbody></table></div></div>');
  assert.match(render([{ type: 'table', rows: [['<script>']] }]), /aria-label="Tabelle"[\s\S]*<td>&lt;script&gt;<\/td>/);
});

test('code keeps its whitespace and markup as typed; the language is only a label', () => {
  const text = 'if (a < b) {\n    x = *y*;\n}\n';
  assert.equal(
    render([{ type: 'code', text, language: 'C++' }]),
    '<figure class="code-block"><figcaption class="code-language">C++</figcaption><pre tabindex="0"><code class="code language-c++">if (a &lt; b) {\n    x = *y*;\n}</code></pre></figure>',
  );
  assert.equal(render([{ type: 'code', text: '  /\\_/\\\n ( o.o )', preformatted: true }]), '<pre class="preformatted" tabindex="0">  /\\_/\\\n ( o.o )</pre>');
  assert.equal(render([{ type: 'code', text: '   \n' }]), '', 'empty code renders nothing');
});

test('a gallery: each image links to its full size, with caption and credit; missing images are left out', () => {
  const out = render([
    { type: 'gallery', caption: 'Das Fest', images: [{ mediaId: 1, caption: 'Die *Bühne*' }, { mediaId: 99 }, { mediaId: 2 }] },
  ]);
  assert.match(out, /^<figure class="gallery"><ul class="gallery-grid">/);
  assert.equal((out.match(/<li>/g) ?? []).length, 2);
  assert.match(out, /<a class="gallery-open" href="\/media\/2026\/11\/bild-1\.jpg"><picture>.*alt="Bild 1".*<span class="visually-hidden"> \(Bild 1 in voller Größe öffnen\)<\/span><\/a>/);
  assert.match(out, /<span class="visually-hidden">Bild 3 in voller Größe öffnen<\/span>/, 'a decorative image still names its link');
  assert.match(out, /<span class="image-caption">Die <em>Bühne<\/em><\/span> <small class="image-credit">Foto: Erika Mustermann/);
  assert.match(out, /<figcaption class="gallery-caption">Das Fest<\/figcaption><\/figure>$/);
  assert.equal(render([{ type: 'gallery', images: [{ mediaId: 99 }] }]), '');
  const heic = render([{ type: 'gallery', images: [{ mediaId: 3 }] }], ctx({ media: new Map([[3, photo(3, { path: 'x/y.heic', mime: 'image/heic' })]]) }));
  assert.match(heic, /href="\/media\/2026\/11\/bild-3-480\.jpg"/, 'a format browsers cannot show opens as its widest JPEG');
});

test('details, separator; feeds get details open', () => {
  assert.equal(
    render([{ type: 'details', summary: 'Die *Methode*', text: 'Erster.\n\nZweiter.' }, { type: 'separator' }]),
    '<details class="details-block"><summary>Die <em>Methode</em></summary><p>Erster.</p><p>Zweiter.</p></details>\n<hr class="separator">',
  );
  assert.match(render([{ type: 'details', summary: 'S', text: 'T' }], ctx({ plain: true })), /^<details class="details-block" open>/);
});

test('footnote references work in cells, summaries and details', () => {
  const out = render([
    { type: 'table', rows: [['Wert[^q]']] },
    { type: 'details', summary: 'S', text: 'Text[^q]' },
    { type: 'footnotes', items: [{ id: 'q', text: 'Quelle' }] },
  ]);
  assert.match(out, /<td>Wert<sup><a href="#fn-q" id="fnref-q">1<\/a><\/sup><\/td>/);
  assert.match(out, /Text<sup><a href="#fn-q" id="fnref-q\.2">1<\/a><\/sup>/);
});

test('bodyToText takes cells, captions, summaries and code as typed', () => {
  const blocks: Block[] = [
    { type: 'table', caption: 'Haushalt', rows: [['Kultur', '4,2'], ['Schule', '**12**']], source: 'Quelle: Stadt' },
    { type: 'code', text: 'let x = a * b;' },
    { type: 'gallery', images: [{ mediaId: 1, caption: 'Bühne' }], caption: 'Fest' },
    { type: 'details', summary: 'Methode', text: 'Wir *zählten*.' },
    { type: 'separator' },
  ];
  assert.equal(bodyToText(blocks), 'Haushalt\n\nKultur · 4,2\n\nSchule · 12\n\nQuelle: Stadt\n\nlet x = a * b;\n\nBühne\n\nFest\n\nMethode\n\nWir zählten.');
  assert.doesNotMatch(bodyToText(blocks, { code: false }), /let x/);
});

test('validation keeps the known fields and drops switches that are off', () => {
  const out = validateBlocks([
    { type: 'table', rows: [['a', 'b']], headerRow: false, headerColumn: true, align: [null, null], caption: null, extra: 1 },
    { type: 'code', text: 'x', language: '  Python ', preformatted: false },
    { type: 'gallery', images: [{ mediaId: 1, caption: 'c', junk: true }] },
    { type: 'details', summary: 'S', text: '' },
    { type: 'separator', text: 'ignored' },
  ]);
  assert.deepEqual(out, [
    { type: 'table', rows: [['a', 'b']], headerColumn: true },
    { type: 'code', text: 'x', language: 'Python' },
    { type: 'gallery', images: [{ mediaId: 1, caption: 'c' }] },
    { type: 'details', summary: 'S', text: '' },
    { type: 'separator' },
  ]);
});

test('bad tables, galleries and code are refused at their field with their code', () => {
  const cases: [unknown, string, string][] = [
    [{ type: 'table', rows: [['a', 'b'], ['c']] }, 'body[0].rows[1]', 'TABLE_RAGGED'],
    [{ type: 'table', rows: [['a', 'b']], align: ['left'] }, 'body[0].align', 'TABLE_RAGGED'],
    [{ type: 'table', rows: [] }, 'body[0].rows', 'VALIDATION'],
    [{ type: 'table', rows: [['a', 5]] }, 'body[0].rows[0][1]', 'VALIDATION'],
    [{ type: 'table', rows: [['a']], align: ['middle'] }, 'body[0].align[0]', 'VALIDATION'],
    [{ type: 'table', rows: [['a']], headerRow: 'yes' }, 'body[0].headerRow', 'VALIDATION'],
    [{ type: 'gallery', images: [] }, 'body[0].images', 'GALLERY_EMPTY'],
    [{ type: 'gallery', images: [{ mediaId: 0 }] }, 'body[0].images[0].mediaId', 'VALIDATION'],
    [{ type: 'code', text: 'x'.repeat(1024 * 1024) }, 'body[0].text', 'BLOCK_TOO_LONG'],
    [{ type: 'code', text: 'x', language: 'a\nb' }, 'body[0].language', 'VALIDATION'],
    [{ type: 'details', summary: ' ', text: 'x' }, 'body[0].summary', 'VALIDATION'],
    [{ type: 'paragraph', text: 'x'.repeat(100_001) }, 'body[0].text', 'BLOCK_TOO_LONG'],
  ];
  for (const [block, path, code] of cases) {
    assert.throws(
      () => validateBlocks([block]),
      (err: unknown) => err instanceof BlockValidationError && err.path === path && err.errorCode === code,
      `${JSON.stringify(block).slice(0, 80)} → ${path} ${code}`,
    );
  }
});
