import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, stemQuery, stemText, stemWord, tokenize } from './stem.js';

test('tokenize keeps letters, digits and umlauts and splits on everything else', () => {
  assert.deepEqual(
    tokenize('Bürger-Dialog: 2025 „Straße“ 🎉 naïve').map((t) => t.word),
    ['Bürger', 'Dialog', '2025', 'Straße', 'naïve'],
  );
  const [token] = tokenize('  Rat');
  assert.deepEqual(token, { word: 'Rat', start: 2, end: 5 });
});

test('German stems join singular, plural and umlaut forms', () => {
  assert.equal(stemWord('Haushalte', 'de'), stemWord('Haushalt', 'de'));
  assert.equal(stemWord('Stadträte', 'de'), stemWord('Stadtrat', 'de'));
  assert.equal(stemWord('Stadträte', 'de'), 'stadtrat');
});

test('English stems join plural forms and fold diacritics', () => {
  assert.equal(stemWord('councils', 'en'), stemWord('council', 'en'));
  assert.equal(stemWord('café', 'en'), 'cafe');
});

test('stemText drops stopwords of its language only', () => {
  assert.equal(stemText('Die Stadträte beraten den Haushalt', 'de'), 'stadtrat berat haushalt');
  assert.equal(stemText('The war and the councils', 'en'), 'war council');
  assert.equal(stemText('Der Krieg war lang', 'de'), 'krieg lang');
});

test('stemQuery quotes every term and prefixes only the word being typed', () => {
  assert.equal(stemQuery('Stadträte Haush', 'de'), '"stadtrat" AND "haush" *');
  assert.equal(stemQuery('Stadträte Haushalt ', 'de'), '"stadtrat" AND "haushalt"');
  assert.equal(stemQuery('Rat', 'de'), '"rat" *');
  assert.equal(stemQuery('ab', 'de'), '"ab"');
});

test('stemQuery turns FTS5 syntax into plain words', () => {
  const cases: [string, string | null][] = [
    ['"Haushalt" NEAR(Rat, 2)', '"haushalt" AND "near" AND "rat" AND "2"'],
    ['title:Haushalt', '"titl" AND "haushalt" *'],
    ['-Haushalt ^Rat *', '"haushalt" AND "rat"'],
    ['(((', null],
    ['🎉🎉', null],
    ['und oder die', null],
    ['"', null],
  ];
  for (const [q, expected] of cases) assert.equal(stemQuery(q, 'de'), expected, q);
});

test('stemQuery bounds hostile lengths', () => {
  const huge = stemQuery('Haushalt '.repeat(2000), 'de');
  assert.equal(huge, '"haushalt"');
  const many = stemQuery(Array.from({ length: 500 }, (_, i) => `wort${i}`).join(' '), 'de');
  assert.equal(many?.split(' AND ').length, 12);
  assert.equal(stemQuery('x'.repeat(10_000), 'de'), null);
});

test('parseQuery keeps a word that is a stopword only in the other language', () => {
  assert.deepEqual(parseQuery('war', 'en').terms.map((t) => t.word), ['war']);
  assert.deepEqual(parseQuery('war', 'de').terms, []);
});
