// How fast a check is, for the editor: the worker starts and loads a dictionary once,
// then a long article is checked in a fraction of a second. The figures go to the test
// output (and src/admin/README.md); the floor asserted is far below them, so a busy
// machine does not fail the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { proofread } from './proofread.js';
import { knownWords } from './known.js';

const PARAGRAPH =
  'Der Stadtrat hat am Donnerstag nach einer langen Haushaltsdebatte den Entwurf der Bürgermeisterin Lindenau ' +
  'beschlossen. In einer Pressemitteilung kündigte die Bundesregierung an, das Verteidigungsministerium werde ' +
  '„zeitnah“ über die Unterstützung der Ukraine entscheiden. Die Opposition kritisierte den 90-Minuten-Takt ' +
  'der Beratungen, z. B. bei den Sitzungen des Ausschusses für Stadtentwicklung und Verkehrsplanung.';

/** 20,000 different words from the German dictionary: nothing cached, no repeats. */
function freshWords(): string {
  const dic = readFileSync(new URL('index.dic', import.meta.resolve('dictionary-de')), 'utf8').split('\n');
  const stems = dic.slice(20).map((line) => line.split('/')[0]!.trim()).filter((w) => /^\p{L}+$/u.test(w));
  const step = Math.floor(stems.length / 20_000);
  return Array.from({ length: 20_000 }, (_, i) => stems[i * step]!).join(' ');
}

const rate = (words: number, ms: number) => Math.round(words / (ms / 1000));

test('checking runs at tens of thousands of words per second once loaded', async (t) => {
  let start = performance.now();
  await proofread('Stadtrat', 'de'); // starts the worker and loads the dictionary there
  const loadMs = performance.now() - start;

  const article = Array.from({ length: 400 }, () => PARAGRAPH).join('\n\n');
  const articleWords = article.split(/\s+/).length;
  const known = knownWords(['Lindenau']);
  start = performance.now();
  const findings = await proofread(article, 'de', { known });
  const articleMs = performance.now() - start;

  const fresh = freshWords();
  start = performance.now();
  await proofread(fresh, 'de', { maxSuggested: 0 });
  const freshMs = performance.now() - start;

  t.diagnostic(
    `worker start and dictionary load ${loadMs.toFixed(0)} ms; ` +
      `article of ${articleWords} words ${articleMs.toFixed(0)} ms = ${rate(articleWords, articleMs)} words/s; ` +
      `20000 distinct words ${freshMs.toFixed(0)} ms = ${rate(20_000, freshMs)} words/s`,
  );
  assert.deepEqual(findings, []);
  assert.ok(rate(articleWords, articleMs) > 10_000);
  assert.ok(rate(20_000, freshMs) > 5_000);
});
