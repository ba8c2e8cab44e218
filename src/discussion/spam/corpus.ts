/**
 * A labelled corpus of reader comments and spam (German and English), written for this
 * project, to train and measure the classifier, and to seed a fresh site's model so it
 * is useful before moderators have trained it. The texts live in `corpus-ham.ts` and
 * `corpus-spam.ts`.
 *
 * @example
 *   const { train, test } = splitCorpus();
 *   for (const item of train) model.train(item.label, item.text);
 */
import type { Label } from './bayes.js';
import { hamTexts } from './corpus-ham.js';
import { spamTexts } from './corpus-spam.js';

export interface LabelledText {
  label: Label;
  text: string;
}

export const SPAM_CORPUS: readonly LabelledText[] = [
  ...hamTexts.map((text) => ({ label: 'ham' as const, text })),
  ...spamTexts.map((text) => ({ label: 'spam' as const, text })),
];

/**
 * A deterministic split into training and held-out items: each label is shuffled with a
 * seeded generator and cut at `trainShare`, so both halves keep the corpus's balance and
 * every run (and every machine) measures the same thing.
 *
 * @example
 *   splitCorpus().test.length; // 30 % of each label, rounded down
 */
export function splitCorpus(trainShare = 0.7, seed = 20260301): { train: LabelledText[]; test: LabelledText[] } {
  const random = mulberry32(seed);
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const label of ['ham', 'spam'] as const) {
    const items = shuffle(SPAM_CORPUS.filter((item) => item.label === label), random);
    const cut = Math.ceil(items.length * trainShare);
    train.push(...items.slice(0, cut));
    test.push(...items.slice(cut));
  }
  return { train, test };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** A small, well-known seeded PRNG; `Math.random` cannot be seeded. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
