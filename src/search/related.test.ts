import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateTerms, distinctiveTerms, rerank } from './related.js';

test('candidateTerms orders by frequency, then length', () => {
  assert.deepEqual(candidateTerms(new Map([['rat', 2], ['haushalt', 5], ['schuld', 2]]), 2), ['haushalt', 'schuld']);
});

test('distinctiveTerms prefers frequent terms that are rare elsewhere', () => {
  const tf = new Map([['haushalt', 5], ['jahr', 5], ['einmalig', 9], ['kammerer', 1]]);
  const df = new Map([['haushalt', 3], ['jahr', 20], ['einmalig', 1], ['kammerer', 2]]);
  assert.deepEqual(distinctiveTerms(tf, df, 20), ['haushalt', 'kammerer']);
  assert.deepEqual(distinctiveTerms(tf, df, 20, 1), ['haushalt']);
});

test('rerank prefers the same language and lets shared tags break ties', () => {
  const hits = [
    { articleId: 1, lang: 'en', score: 3 },
    { articleId: 2, lang: 'de', score: 2 },
    { articleId: 3, lang: 'de', score: 2 },
  ];
  assert.deepEqual(rerank(hits, 'de', new Map()), [2, 3, 1]);
  assert.deepEqual(rerank(hits, 'de', new Map([[3, 1]])), [3, 2, 1]);
  assert.deepEqual(rerank(hits, 'en', new Map()), [1, 2, 3]);
});
