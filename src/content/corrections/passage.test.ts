// Finding and replacing a reader's passage: pure functions, no database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block } from '../blocks.js';
import { describeSlot, locate, occurrences, replaceOnce, textSlots } from './passage.js';

const body: Block[] = [
  { type: 'paragraph', text: 'Der Krieg in der **Urkaine** dauert an.' },
  { type: 'heading', level: 2, text: 'Was die Urkaine braucht' },
  { type: 'list', ordered: false, items: ['Munition', 'Geld für die Urkaine'] },
  { type: 'quote', text: 'Wir bleiben.', attribution: 'Präsident der Urkaine' },
  { type: 'image', mediaId: 3, caption: 'Kiew im Winter' },
  { type: 'footnotes', items: [{ id: '1', text: 'Quelle: Urkaine-Ministerium' }] },
];
const article = { title: 'Lage in der Urkaine', subtitle: '', body };

test('text slots cover title and every readable block field, in reading order', () => {
  const slots = textSlots(article).map((s) => describeSlot(s));
  assert.deepEqual(slots, [
    'title', 'body[0].text', 'body[1].text', 'body[2].items[0]', 'body[2].items[1]',
    'body[3].text', 'body[3].attribution', 'body[4].caption', 'body[5].items[0].text',
  ]);
});

test('without a recorded place the first field in reading order is chosen', () => {
  assert.deepEqual(locate(article, 'Urkaine'), { block: null, field: 'title', text: 'Lage in der Urkaine' });
  assert.equal(locate({ ...article, title: 'Lage' }, 'Urkaine')?.block, 0);
  assert.equal(locate(article, 'Ukraine'), null);
  assert.equal(locate(article, ''), null);
});

test('a recorded place wins; a moved passage is accepted only when it is unambiguous', () => {
  assert.deepEqual(locate(article, 'Urkaine', { block: 2, field: 'items.1' }), { block: 2, field: 'items.1', text: 'Geld für die Urkaine' });
  // Many occurrences elsewhere and none at the recorded place: ambiguous, so stale.
  assert.equal(locate(article, 'Urkaine', { block: 9, field: 'text' }), null);
  // A block was inserted above: the single occurrence moved from block 4 to block 5.
  const moved = [{ type: 'paragraph', text: 'Neu.' } as Block, ...body];
  assert.deepEqual(locate({ ...article, body: moved }, 'Kiew im Winter', { block: 4, field: 'caption' }), { block: 5, field: 'caption', text: 'Kiew im Winter' });
});

test('replaceOnce changes exactly one occurrence in one field and nothing else', () => {
  const text = { title: 'T', subtitle: '', body: [{ type: 'paragraph', text: 'die die Katze, die' } as Block, ...body] };
  const slot = locate(text, 'die die')!;
  const next = replaceOnce(text, slot, 'die die', 'die');
  assert.equal((next.body[0] as { text: string }).text, 'die Katze, die');
  assert.deepEqual(next.body.slice(1), body, 'other blocks unchanged');
  assert.equal((text.body[0] as { text: string }).text, 'die die Katze, die', 'the input is not mutated');
  const footnote = replaceOnce(article, { block: 5, field: 'items.0.text', text: '' }, 'Urkaine', 'Ukraine');
  assert.deepEqual(footnote.body[5], { type: 'footnotes', items: [{ id: '1', text: 'Quelle: Ukraine-Ministerium' }] });
  assert.equal(replaceOnce(article, { block: null, field: 'title', text: '' }, 'Urkaine', 'Ukraine').title, 'Lage in der Ukraine');
});

test('replacement text is inserted literally: no $& patterns', () => {
  const text = { title: 'Preis: 5 Euro', subtitle: '', body: [] };
  assert.equal(replaceOnce(text, locate(text, '5 Euro')!, '5 Euro', "$& $' $1 Dollar").title, "Preis: $& $' $1 Dollar");
});

test('occurrences counts non-overlapping matches', () => {
  assert.equal(occurrences('aaaa', 'aa'), 2);
  assert.equal(occurrences('abc', ''), 0);
});

test('the inbox names a place in words, not as a developer path', async () => {
  const { placeInWords } = await import('./passage.js');
  assert.equal(placeInWords({ block: null, field: 'title' }, 'de'), 'in der Überschrift');
  assert.equal(placeInWords({ block: 3, field: 'text' }, 'de'), 'im 4. Block des Textes');
  assert.equal(placeInWords({ block: 2, field: 'items.1' }, 'de'), 'im 3. Block des Textes, 2. Listenpunkt');
  assert.equal(placeInWords({ block: 4, field: 'caption' }, 'en'), 'in the caption (block 5)');
  assert.equal(placeInWords({ block: 3, field: 'attribution' }, 'en'), 'in the quote’s attribution (block 4)');
});
