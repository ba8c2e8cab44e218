// Plural forms: every message with a count goes through the catalogue's plural branches
// (Intl.PluralRules), in German and English, so "1 Kommentare" cannot come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, formatDate, pluralCategory, translator } from './i18n.js';
import { discussionMessages } from '../discussion/messages.js';
import { notifyMessages } from '../discussion/notify/messages.js';
import { deskMessages } from '../discussion/moderation/desk-messages.js';
import { siteMessages } from '../site/messages.js';

test('plural categories come from Intl.PluralRules for both languages', () => {
  assert.equal(pluralCategory(1, 'de'), 'one');
  assert.equal(pluralCategory(0, 'de'), 'other');
  assert.equal(pluralCategory(2, 'en'), 'other');
  assert.equal(pluralCategory(1, 'en'), 'one');
});

test('format picks the branch, writes the number in the language and fills nested parameters', () => {
  const text = '{count, plural, =0 {keine für {who}} one {# Antwort für {who}} other {# Antworten für {who}}}';
  assert.equal(format(text, 'de', { count: 0, who: 'Ada' }), 'keine für Ada');
  assert.equal(format(text, 'de', { count: 1, who: 'Ada' }), '1 Antwort für Ada');
  assert.equal(format(text, 'de', { count: 1234, who: 'Ada' }), '1.234 Antworten für Ada');
  assert.equal(format('{count, plural, one {# reply} other {# replies}}', 'en', { count: 1234 }), '1,234 replies');
  assert.equal(format('Hallo {name}, {missing}', 'de', { name: 'Ada' }), 'Hallo Ada, {missing}');
});

const cases: [string, (n: number) => string, string, string][] = [
  ['discussion count de', (n) => translator('de', discussionMessages)('comments.count', { count: n }), '1 Kommentar', '2 Kommentare'],
  ['discussion count en', (n) => translator('en', discussionMessages)('comments.count', { count: n }), '1 comment', '2 comments'],
  ['continue de', (n) => translator('de', discussionMessages)('comments.continue', { count: n }), 'Diese Unterhaltung fortsetzen (1 Antwort)', 'Diese Unterhaltung fortsetzen (2 Antworten)'],
  ['continue en', (n) => translator('en', discussionMessages)('comments.continue', { count: n }), 'Continue this thread (1 reply)', 'Continue this thread (2 replies)'],
  ['new de', (n) => translator('de', discussionMessages)('comments.new', { count: n }), '1 neuer Kommentar – anzeigen', '2 neue Kommentare – anzeigen'],
  ['new en', (n) => translator('en', discussionMessages)('comments.new', { count: n }), '1 new comment – show', '2 new comments – show'],
  ['card count de', (n) => translator('de', siteMessages)('article.commentCount', { count: n }), '1 Kommentar', '2 Kommentare'],
  ['card count en', (n) => translator('en', siteMessages)('article.commentCount', { count: n }), '1 comment', '2 comments'],
  ['search de', (n) => translator('de', siteMessages)('search.results', { count: n, q: 'x' }), '1 Treffer für „x“', '2 Treffer für „x“'],
  ['search en', (n) => translator('en', siteMessages)('search.results', { count: n, q: 'x' }), '1 result for “x”', '2 results for “x”'],
  ['queue mail de', (n) => translator('de', notifyMessages)('queue.subject', { count: n }), '1 Kommentar wartet auf Freigabe', '2 Kommentare warten auf Freigabe'],
  ['queue mail en', (n) => translator('en', notifyMessages)('queue.subject', { count: n }), '1 comment awaits moderation', '2 comments await moderation'],
  ['desk de', (n) => translator('de', deskMessages)('desk.done', { count: n }), '1 Kommentar bearbeitet.', '2 Kommentare bearbeitet.'],
  ['desk en', (n) => translator('en', deskMessages)('desk.done', { count: n }), '1 comment handled.', '2 comments handled.'],
];

for (const [name, say, one, two] of cases) {
  test(`plural: ${name}`, () => {
    assert.equal(say(1), one);
    assert.equal(say(2), two);
  });
}

test('no catalogue message counts with a bare "{count}" (every count has plural branches)', () => {
  for (const catalogue of [discussionMessages, notifyMessages, deskMessages, siteMessages]) {
    for (const lang of ['de', 'en'] as const) {
      for (const [key, text] of Object.entries(catalogue[lang])) {
        assert.ok(!String(text).includes('{count}'), `${lang} ${key}: ${text}`);
      }
    }
  }
});

test('formatDate gives each date, language and time of day its own text, however often asked', () => {
  const late = new Date('2026-02-13T23:30:00Z'); // 14 February in Berlin
  for (let round = 0; round < 2; round++) {
    assert.equal(formatDate(late, 'de'), '14. Februar 2026');
    assert.equal(formatDate(late, 'en'), '14 February 2026');
    assert.equal(formatDate(late, 'de', true), '14. Februar 2026 um 00:30');
    assert.equal(formatDate(new Date(late.getTime() + 60_000), 'de', true), '14. Februar 2026 um 00:31');
  }
  assert.throws(() => formatDate(new Date('not a date'), 'de'), RangeError);
});
