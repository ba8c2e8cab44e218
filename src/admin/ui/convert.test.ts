// The editor's conversion between our structured body and its document, checked against
// the server's own renderer: whatever goes through the editor renders as before, and
// whatever an editor types (asterisks, brackets, marks that overlap) comes back as typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JSONContent } from '@tiptap/core';
import { renderBody, type Block } from '../../content/index.js';
import { renderInline } from '../../content/inline.js';
import { demoArticles, demoPages } from '../../demo/content.js';
import type { MediaItem } from '../../media/index.js';
import { blocksToDoc, docToBlocks } from './client/convert.browser.js';
import { inlineToJson, jsonToInline, mergeText, type InlineMark } from './client/inline.browser.js';

const media = new Map<number, MediaItem>(
  Array.from({ length: 40 }, (_, i) => [i + 1, {
    id: i + 1, path: `2026/01/bild-${i + 1}.jpg`, mime: 'image/jpeg', width: 800, height: 600, alt: 'Alt', caption: 'Bildtext',
    credit: 'Jana Beispiel', sourceUrl: null, licence: 'cc-by-4.0', variants: [],
  } satisfies MediaItem]),
);
const ctx = { lang: 'de' as const, media, supportUrl: '/support/', donationText: 'Bitte spenden Sie.' };

test('every demo body renders the same after a trip through the editor', () => {
  const bodies = [...demoArticles, ...demoPages].map((a) => a.body as Block[]);
  assert.ok(bodies.length > 10);
  for (const body of bodies) {
    const before = renderBody(body, ctx).toString();
    const after = renderBody(docToBlocks(blocksToDoc(body)), ctx).toString();
    assert.equal(after, before);
  }
});

test('the editor document has the node for every block type', () => {
  const body: Block[] = [
    { type: 'paragraph', text: 'Hallo **Welt** mit Fußnote[^quelle]' },
    { type: 'heading', level: 3, text: 'Zwischentitel' },
    { type: 'list', ordered: true, items: ['eins', '*zwei*'] },
    { type: 'quote', text: 'Wir bauen.', attribution: 'Ulrike Kessler', sourceUrl: 'https://example.org/rede' },
    { type: 'image', mediaId: 3, caption: 'Das Rathaus' },
    { type: 'embed', provider: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ', title: 'Rede' },
    { type: 'donation' },
    { type: 'footnotes', items: [{ id: 'quelle', text: 'Haushaltsplan 2026' }] },
  ];
  const doc = blocksToDoc(body);
  assert.deepEqual(doc.content?.map((n) => n.type), ['paragraph', 'heading', 'orderedList', 'quote', 'image', 'embed', 'donation', 'footnotes']);
  assert.deepEqual(doc.content?.[0]?.content?.at(-1), { type: 'footnoteRef', attrs: { id: 'quelle' } });
  assert.deepEqual(docToBlocks(doc), body);
});

test('empty paragraphs and list items are not saved; an empty body is one paragraph', () => {
  assert.deepEqual(blocksToDoc([]), { type: 'doc', content: [{ type: 'paragraph' }] });
  const doc: JSONContent = {
    type: 'doc',
    content: [
      { type: 'paragraph' },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }] },
      { type: 'quote', attrs: { attribution: '', sourceUrl: '', sourceTitle: '' }, content: [{ type: 'text', text: 'Zitat' }] },
    ],
  };
  assert.deepEqual(docToBlocks(doc), [{ type: 'list', ordered: false, items: ['a'] }, { type: 'quote', text: 'Zitat' }]);
});

test('typed characters that mean something in Markdown stay literal', () => {
  for (const typed of ['2 * 3 * 4', 'snake_case_name', '[nicht] verlinkt', 'a \\ b', '<script>alert(1)</script>', 'AT&T &amp; mehr', '`code`', '[^fake] ref', '**fett?**']) {
    const doc = [{ type: 'text', text: typed }];
    const source = jsonToInline(doc);
    const rendered = renderInline(source).toString();
    const plain = rendered.replace(/<sup>.*?<\/sup>/g, '');
    // What readers see is the typed text, escaped; nothing became markup.
    if (!typed.includes('[^')) assert.equal(plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"'), typed, source);
  }
});

const MARKS: InlineMark[] = [{ type: 'bold' }, { type: 'italic' }, { type: 'code' }, { type: 'link', attrs: { href: 'https://example.org/a_b' } }];

/** A small deterministic generator: runs of words with every combination of marks. */
function* docs(): Generator<JSONContent[]> {
  const words = ['Wort', ' zwei ', 'drei', 'x', ' ', 'Ende.'];
  for (let seed = 0; seed < 600; seed++) {
    let state = seed * 7919 + 13;
    const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
    const nodes: JSONContent[] = [];
    const length = 1 + next(5);
    for (let i = 0; i < length; i++) {
      if (next(8) === 0) {
        nodes.push({ type: 'hardBreak' });
        continue;
      }
      const marks = MARKS.filter(() => next(3) === 0);
      nodes.push({ type: 'text', text: words[next(words.length)]!, ...(marks.length ? { marks } : {}) });
    }
    yield mergeText(nodes);
  }
}

/** What a reader would see: the rendered HTML of the serialized text. */
const rendered = (nodes: JSONContent[]) => renderInline(jsonToInline(nodes)).toString();

test('overlapping marks survive serializing and parsing', () => {
  let checked = 0;
  for (const nodes of docs()) {
    const source = jsonToInline(nodes);
    const back = inlineToJson(source);
    // Parsing what we wrote and writing it again is stable, and renders the same.
    assert.equal(jsonToInline(back), source, JSON.stringify(nodes));
    assert.equal(rendered(back), rendered(nodes));
    // The words and their marks are what the editor had (white space may leave a mark).
    const words = (list: JSONContent[]) => list.flatMap((n) => (n.type === 'text' ? [...(n.text ?? '').matchAll(/\S+/g)].map((m) => `${m[0]}:${(n.marks ?? []).map((k) => k.type).sort().join('+')}`) : [n.type]));
    assert.deepEqual(words(back), words(nodes), source);
    checked++;
  }
  assert.equal(checked, 600);
});

test('links whose text is their address are written as autolinks', () => {
  const nodes = [{ type: 'text', text: 'https://example.org/x_y', marks: [{ type: 'link', attrs: { href: 'https://example.org/x_y' } }] }];
  assert.equal(jsonToInline(nodes), '<https://example.org/x_y>');
  assert.deepEqual(inlineToJson('<https://example.org/x_y>'), nodes);
});

test('tables, code, galleries, details and separators go through the editor unchanged (issue 14)', () => {
  const body: Block[] = [
    { type: 'table', headerRow: true, headerColumn: true, align: [null, 'right'], caption: 'Haushalt *2025*', source: 'Quelle: Stadt', rows: [['Bereich', 'Mio. €'], ['Kultur', '4,2[^q]']] },
    { type: 'table', rows: [['a', 'b']] },
    { type: 'code', text: 'def f():\n    return 1', language: 'Python' },
    { type: 'code', text: '  /\\_/\\\n ( o.o )', preformatted: true },
    { type: 'gallery', caption: 'Der Markt', images: [{ mediaId: 3, caption: 'Stände', alt: 'Marktstände' }, { mediaId: 4 }] },
    { type: 'details', summary: 'Methode', text: 'Erster Absatz.\n\nZweiter mit ~~Strich~~.' },
    { type: 'separator' },
    { type: 'footnotes', items: [{ id: 'q', text: 'Quelle' }] },
  ];
  const doc = blocksToDoc(body);
  assert.deepEqual(doc.content?.map((n) => n.type), ['table', 'table', 'codeBlock', 'codeBlock', 'gallery', 'details', 'horizontalRule', 'footnotes']);
  assert.deepEqual(docToBlocks(doc), body);
  assert.equal(renderBody(docToBlocks(doc), ctx).toString(), renderBody(body, ctx).toString());
});

test('an empty gallery is sent as it is, for the server to refuse at its field; empty code is dropped', () => {
  const doc: JSONContent = { type: 'doc', content: [{ type: 'paragraph' }, { type: 'gallery', attrs: { images: [], caption: '' } }, { type: 'codeBlock', attrs: { language: '' } }] };
  assert.deepEqual(docToBlocks(doc), [{ type: 'gallery', images: [] }]);
});

test('sub, sup, strikethrough and abbreviations come back as typed', () => {
  for (const text of [
    'H~2~O und E = mc^2^',
    '~~alt~~ neu und **~~fett gestrichen~~**',
    'Die [BSW]{title="Bündnis Sahra Wagenknecht"} und die [EU]{title="Europäische \\"Union\\""}',
    'Tiefer ~a\\ b~ Abstand',
    'Zeichen \\~ und \\^ bleiben',
  ]) {
    assert.equal(jsonToInline(inlineToJson(text)), text, text);
    assert.equal(renderInline(jsonToInline(inlineToJson(text))).toString(), renderInline(text).toString());
  }
  const marks = inlineToJson('[BSW]{title="Bündnis"} H~2~O');
  assert.deepEqual(marks[0], { type: 'text', text: 'BSW', marks: [{ type: 'abbr', attrs: { title: 'Bündnis' } }] });
  assert.deepEqual(marks.find((n) => n.text === '2')?.marks, [{ type: 'subscript' }]);
  // Typed characters stay characters: a tilde or caret an editor types is escaped.
  assert.equal(jsonToInline([{ type: 'text', text: 'ca. ~20 Grad, 2^10' }]), 'ca. \\~20 Grad, 2\\^10');
});
