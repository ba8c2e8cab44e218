// The site vocabulary with a plain-object source and bus: what it learns, what it
// forgets, and that a change during the first load is not lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventBus } from '../../platform/events.js';
import { editDistance, nearWords } from './near.js';
import { createSiteVocabulary, vocabularyOf, type PublishedSource, type PublishedText } from './vocabulary.js';

function fakeSource(initial: PublishedText[]) {
  const texts = new Map(initial.map((t) => [t.id, t]));
  let gate: Promise<void> = Promise.resolve();
  const source: PublishedSource = {
    async *all() {
      const snapshot = [...texts.values()];
      await gate;
      yield snapshot;
    },
    async one(id) {
      return texts.get(id) ?? null;
    },
  };
  return { source, texts, hold: (until: Promise<void>) => (gate = until) };
}

const silent = { error: () => undefined };
const saved = (articleId: number) => ({ articleId, slug: `a-${articleId}`, status: 'published' });

test('vocabularyOf keeps whole words and hyphen parts, no numbers or single letters', () => {
  assert.deepEqual(vocabularyOf('Der Lindenau-Plan, 2026, A und G7'), ['Der', 'Lindenau-Plan', 'Lindenau', 'Plan', 'und']);
});

test('names count after one article, other words after two', async () => {
  const { source } = fakeSource([
    { id: 1, text: 'Frau Lindenau sprach über Bürgerhaushalte und Quartiersräte.' },
    { id: 2, text: 'Die Quartiersräte tagen.' },
  ]);
  const known = await createSiteVocabulary(source).known();
  assert.ok(known.has('Lindenau'));
  assert.ok(known.has('Lindenaus'), 'genitive');
  assert.ok(known.has('Quartiersräte'));
  assert.ok(!known.has('über'), 'a lower-case word from one article only');
});

test('a lower-case word in only one article is not learnt; its capitalised form at a sentence start is', async () => {
  const { source } = fakeSource([
    { id: 1, text: 'Das queerfeministische Kollektiv.' },
    { id: 2, text: 'Kollektiv und queerfeministische Gruppe.' },
    { id: 3, text: 'Nur einmal: rechtsoffene Szene.' },
  ]);
  const known = await createSiteVocabulary(source).known();
  assert.ok(known.has('queerfeministische'));
  assert.ok(known.has('Queerfeministische'));
  assert.ok(!known.has('rechtsoffene'));
  assert.ok(!known.has('lindenau'), 'a name does not pass in lower case');
  assert.deepEqual([...known.words!()].sort(), ['Das', 'Gruppe', 'Kollektiv', 'Nur', 'Szene', 'queerfeministische']);
});

test('article.saved and article.deleted refresh one article: a corrected typo is forgotten', async () => {
  const bus = createEventBus(silent);
  const { source, texts } = fakeSource([{ id: 1, text: 'Krieg in der Urkaine' }]);
  const vocabulary = createSiteVocabulary(source, bus);
  assert.ok((await vocabulary.known()).has('Urkaine'));
  texts.set(1, { id: 1, text: 'Krieg in der Ukraine' });
  texts.set(2, { id: 2, text: 'Herr Kowalczyk' });
  await bus.emit('article.saved', saved(1));
  await bus.emit('article.saved', saved(2));
  const known = await vocabulary.known();
  assert.ok(!known.has('Urkaine'));
  assert.ok(known.has('Kowalczyk'));
  texts.delete(2);
  await bus.emit('article.deleted', saved(2));
  assert.ok(!(await vocabulary.known()).has('Kowalczyk'));
  vocabulary.stop();
  texts.set(3, { id: 3, text: 'Frau Nowak' });
  await bus.emit('article.saved', saved(3));
  assert.ok(!(await vocabulary.known()).has('Nowak'), 'stopped: no longer listening');
});

test('an article saved while the first load runs is read again afterwards', async () => {
  const bus = createEventBus(silent);
  const { source, texts, hold } = fakeSource([{ id: 1, text: 'Herr Urbanek' }]);
  let release!: () => void;
  hold(new Promise((resolve) => (release = resolve)));
  const vocabulary = createSiteVocabulary(source, bus);
  const first = vocabulary.known(); // reads its snapshot, then waits at the gate
  await new Promise((resolve) => setImmediate(resolve));
  texts.set(1, { id: 1, text: 'Herr Urbaneck' });
  await bus.emit('article.saved', saved(1));
  release();
  const known = await first;
  assert.ok(known.has('Urbaneck'));
  assert.ok(!known.has('Urbanek'));
});

test('an import (taxonomy.changed) makes the vocabulary read every published article again', async () => {
  const bus = createEventBus(silent);
  const { source, texts } = fakeSource([{ id: 1, text: 'Frau Lindenau' }]);
  const vocabulary = createSiteVocabulary(source, bus);
  assert.ok(!(await vocabulary.known()).has('Kowalczyk'));
  // An import writes rows directly, without article events, then says so once.
  texts.set(2, { id: 2, text: 'Herr Kowalczyk' });
  texts.set(3, { id: 3, text: 'Frau Nowak' });
  await bus.emit('taxonomy.changed', { kind: 'tag' });
  const known = await vocabulary.known();
  assert.ok(known.has('Kowalczyk') && known.has('Nowak') && known.has('Lindenau'));
  vocabulary.stop();
});

test('a failed first load is tried again', async () => {
  let calls = 0;
  const source: PublishedSource = {
    async *all() {
      if (++calls === 1) throw new Error('database away');
      yield [{ id: 1, text: 'Frau Lindenau' }];
    },
    one: async () => null,
  };
  const vocabulary = createSiteVocabulary(source);
  await assert.rejects(vocabulary.known(), /database away/);
  assert.ok((await vocabulary.known()).has('Lindenau'));
});

test('edit distance counts a swap as one edit and gives up past the limit', () => {
  assert.equal(editDistance('Urkaine', 'Ukraine', 2), 1);
  assert.equal(editDistance('Lindenau', 'Lindenau', 2), 0);
  assert.equal(editDistance('Lindenau', 'Linde', 2), 3);
  assert.deepEqual(nearWords('Lindenua', ['Lindenau', 'Linden', 'Stadtrat', 'lindenau']), [
    { word: 'Lindenau', distance: 1 },
    { word: 'Linden', distance: 2 },
    { word: 'lindenau', distance: 2 },
  ]);
});
