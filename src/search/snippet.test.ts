import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestWindow, queryMatcher, snippet } from './snippet.js';

test('matches are marked and everything is escaped', () => {
  const out = snippet('Der <script>alert(1)</script> Haushalt & die Haushalte.', queryMatcher('Haushalt', 'de'));
  assert.equal(
    out.toString(),
    'Der &lt;script&gt;alert(1)&lt;/script&gt; <mark>Haushalt</mark> &amp; die <mark>Haushalte</mark>.',
  );
});

test('the window sits around the densest cluster of matches', () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
  words[20] = 'Rat';
  words[150] = 'Stadtrat';
  words[152] = 'Stadträte';
  const out = snippet(words.join(' '), queryMatcher('Stadtrat', 'de'), 10).toString();
  assert.match(out, /^… .*<mark>Stadtrat<\/mark> w151 <mark>Stadträte<\/mark>.* …$/);
  assert.equal(out.replace(/<\/?mark>/g, '').split(' ').filter((w) => w !== '…').length, 10);
});

test('without a match in the text the snippet is its opening', () => {
  const out = snippet('„Zitat“ am Anfang und dann noch viel mehr Text', queryMatcher('Haushalt', 'de'), 4);
  assert.equal(out.toString(), '„Zitat“ am Anfang und …');
});

test('prefix matching follows the word still being typed', () => {
  const isMatch = queryMatcher('Haush', 'de');
  assert.equal(isMatch('Haushaltsdebatte'), true);
  assert.equal(isMatch('Haus'), false);
  assert.equal(queryMatcher('Haush ', 'de')('Haushaltsdebatte'), false);
});

test('bestWindow', () => {
  assert.deepEqual(bestWindow([], 5, 30), [0, 5]);
  assert.deepEqual(bestWindow([], 100, 30), [0, 30]);
  assert.deepEqual(bestWindow([99], 100, 30), [70, 100]);
  assert.deepEqual(bestWindow([50], 100, 30), [36, 66]);
});
