// House-style checks: each fires on its case, with offsets that slice out the flagged text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proofread } from './proofread.js';
import { quoteFindings } from './quotes.js';
import { doubledPunctuation, doubledWords, spacing } from './style.js';
import type { RawFinding } from './types.js';

const at = (text: string, f: RawFinding) => text.slice(f.offset, f.offset + f.length);
const summary = (text: string, found: RawFinding[]) => found.map((f) => [f.code, f.offset, at(text, f), f.suggestions]);

test('doubled words are flagged across case, with the single word as suggestion', () => {
  const text = 'Heute hat der der Stadtrat Der der Tagung';
  assert.deepEqual(summary(text, doubledWords(text, 'de')), [
    ['doubled-word', 10, 'der der', ['der']],
    ['doubled-word', 27, 'Der der', ['Der']],
  ]);
});

test('doubles that are good grammar are not flagged', () => {
  assert.deepEqual(doubledWords('Der Mann, der der Frau hilft, weiß, ob sie sie kennt.', 'de'), []);
  assert.deepEqual(doubledWords('She had had enough; he said that that was fine.', 'en'), []);
  assert.deepEqual(doubledWords('Das Ende\nEnde der Zeile', 'de'), [], 'not across lines');
  assert.deepEqual(doubledWords('Das Dasein', 'de'), [], 'whole words only');
});

test('double spaces, a space before punctuation and a missing space after it', () => {
  const text = 'Der Stadtrat  tagt . Dann kam er,sagte es.Danach war Schluss !';
  assert.deepEqual(summary(text, spacing(text)), [
    ['double-space', 12, '  ', [' ']],
    ['space-before-punctuation', 18, ' .', ['.']],
    ['space-before-punctuation', 60, ' !', ['!']],
    ['missing-space', 32, ',', [', ']],
    ['missing-space', 41, '.', ['. ']],
  ]);
});

test('spacing rules leave abbreviations, numbers, domains, ellipses and gender forms alone', () => {
  const text = 'Z. B. 3,5 % oder 1.000 Euro, z.B. example.org, Leser:innen, er sagte ... nichts, .NET und  \n eingerückt';
  assert.deepEqual(spacing(text), []);
});

test('doubled commas and full stops, but not an ellipsis', () => {
  const text = 'Erstens,, zweitens.. drittens... Ende';
  assert.deepEqual(summary(text, doubledPunctuation(text)), [
    ['doubled-punctuation', 7, ',,', [',']],
    ['doubled-punctuation', 18, '..', ['.', '…']],
  ]);
});

test('balanced German quotes pass; an unclosed „ and a stray “ are flagged', () => {
  assert.deepEqual(quoteFindings('Er sagte „Hallo“ und „Tschüss“.', 'de'), []);
  const text = 'Er sagte „Hallo und ging. Dann kam sie.';
  assert.deepEqual(summary(text, quoteFindings(text, 'de')), [['quote-unclosed', 9, '„', []]]);
  const stray = 'Er ging“ und kam „wieder“.';
  assert.deepEqual(summary(stray, quoteFindings(stray, 'de')), [['quote-unopened', 7, '“', []]]);
});

test('unbalanced English quotes are flagged', () => {
  const text = 'He said “hello and “goodbye”.';
  assert.deepEqual(summary(text, quoteFindings(text, 'en')), [['quote-unclosed', 8, '“', []]]);
});

test('mixed styles: English or straight quotes in German text, each once, with the German mark', () => {
  const text = 'Er sagte „Hallo“ und "Tschüss" und “Servus” und „Moin”.';
  assert.deepEqual(summary(text, quoteFindings(text, 'de')), [
    ['quote-mixed', 21, '"', ['„']],
    ['quote-mixed', 29, '"', ['“']],
    ['quote-mixed', 35, '“', ['„']],
    ['quote-mixed', 42, '”', ['“']],
    ['quote-mixed', 53, '”', ['“']],
  ]);
});

test('a text in one style other than the expected one is not mixed', () => {
  assert.deepEqual(quoteFindings('Er sagte »Hallo« und »Tschüss«.', 'de'), []);
  assert.deepEqual(quoteFindings('Il a dit «bonjour» et «salut».', 'de'), []);
  assert.deepEqual(quoteFindings('He said "hi" and "bye".', 'en'), []);
});

test('proofread reports house style in order, worded in the language, and skips addresses', async () => {
  const text = 'Der der Rat  tagt „heute. Siehe https://example.org/a,,b.Der';
  const found = await proofread(text, 'de', { spelling: false });
  assert.deepEqual(found.map((f) => [f.code, f.offset]), [['doubled-word', 0], ['double-space', 11], ['quote-unclosed', 18]]);
  assert.equal(found[1]!.message, 'Doppeltes Leerzeichen');
  const english = await proofread('the the end', 'en', { spelling: false });
  assert.equal(english[0]!.message, 'Doubled word: “the”');
});
