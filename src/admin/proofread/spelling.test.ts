// Spelling through the real Hunspell (wasm) and the npm dictionaries: the typos that went
// out on the page this product grew from, German compounds, names, variants, English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proofread } from './proofread.js';
import { knownWords } from './known.js';
import type { Finding } from './types.js';

const spelling = (findings: Finding[]) => findings.filter((f) => f.kind === 'spelling');

test('the published typos are flagged, with the right word among the first three suggestions', async () => {
  const text = 'Nach 90 Minnuten: Die Urkaine und das Verteidigungsministeer.';
  const found = spelling(await proofread(text, 'de'));
  assert.deepEqual(found.map((f) => f.word), ['Minnuten', 'Urkaine', 'Verteidigungsministeer']);
  const expected = ['Minuten', 'Ukraine', 'Verteidigungsminister'];
  found.forEach((f, i) => {
    assert.ok(f.suggestions.slice(0, 3).includes(expected[i]!), `${f.word}: ${f.suggestions.join(', ')}`);
    assert.equal(text.slice(f.offset, f.offset + f.length), f.word);
    assert.equal(f.message, `Unbekanntes Wort: „${f.word}“`);
  });
});

test('correct German compounds are not flagged (what nspell gets wrong)', async () => {
  const text = 'Die Bundesregierung, der Stadtrat, die Pressemitteilung, die Haushaltsdebatte im Verteidigungsministerium.';
  assert.deepEqual(spelling(await proofread(text, 'de')), []);
});

test('in a hyphenated word only the misspelled part is underlined', async () => {
  const text = 'Das 90-Minnuten-Spiel';
  const [finding, ...rest] = spelling(await proofread(text, 'de'));
  assert.equal(rest.length, 0);
  assert.equal(finding?.word, 'Minnuten');
  assert.equal(finding?.offset, 7);
  assert.equal(finding?.suggestions[0], 'Minuten');
});

test('abbreviations, elisions, codes, capitals and addresses are left alone', async () => {
  const text = 'Laut CDU usw. geht’s z. B. um A320 und COVID-19, Verteidigungs- und Sicherheitspolitik, siehe https://example.org/Urkaine oder presse@example.org.';
  assert.deepEqual(spelling(await proofread(text, 'de')), []);
});

test("the site's own words pass, with their genitive; without them the name is flagged", async () => {
  const text = 'Laut Lindenau und Lindenaus Büro';
  assert.deepEqual(spelling(await proofread(text, 'de')).map((f) => f.word), ['Lindenau', 'Lindenaus']);
  assert.deepEqual(spelling(await proofread(text, 'de', { known: knownWords(['Lindenau']) })), []);
});

test('a near miss of a known name is suggested first', async () => {
  const [finding] = spelling(await proofread('Frau Lindenua sagte', 'de', { known: knownWords(['Lindenau']) }));
  assert.equal(finding?.suggestions[0], 'Lindenau');
});

test('English: "recieve" is flagged with "receive"; messages follow the option', async () => {
  const [finding, ...rest] = spelling(await proofread("We don't recieve letters.", 'en'));
  assert.equal(rest.length, 0);
  assert.equal(finding?.word, 'recieve');
  assert.equal(finding?.suggestions[0], 'receive');
  assert.equal(finding?.message, 'Unknown word: “recieve”');
  const [german] = await proofread('recieve', 'en', { messages: 'de' });
  assert.equal(german?.message, 'Unbekanntes Wort: „recieve“');
});

test('Swiss, Austrian and British dictionaries are used when asked for', async () => {
  assert.equal(spelling(await proofread('Ein Müesli', 'de')).length, 1);
  assert.equal(spelling(await proofread('Ein Müesli', 'de', { variant: 'de-CH' })).length, 0);
  assert.equal(spelling(await proofread('Im Jänner', 'de')).length, 1);
  assert.equal(spelling(await proofread('Im Jänner', 'de', { variant: 'de-AT' })).length, 0);
  assert.equal(spelling(await proofread('The colour', 'en')).length, 1);
  assert.equal(spelling(await proofread('The colour', 'en', { variant: 'en-GB' })).length, 0);
  await assert.rejects(proofread('x', 'en', { variant: 'de-CH' }), RangeError);
});

test('offsets count UTF-16 code units, as the editor does', async () => {
  const text = '😀 Die Urkaine';
  const [finding] = spelling(await proofread(text, 'de'));
  assert.equal(finding?.offset, 7);
  assert.equal(text.slice(finding!.offset, finding!.offset + finding!.length), 'Urkaine');
});

test('beyond maxSuggested unknown words are still flagged, without suggestions', async () => {
  const found = spelling(await proofread('Urkaine Minnuten Urkaine', 'de', { maxSuggested: 1 }));
  assert.deepEqual(found.map((f) => f.suggestions.length > 0), [true, false, true]);
});
