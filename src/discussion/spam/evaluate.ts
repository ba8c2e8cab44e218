/**
 * Measures the classifier on the corpus: trains on the deterministic 70 % split and
 * reports precision, recall and F1 for spam on the held-out 30 %. Run it after changing
 * the tokenizer or the corpus:
 *
 *   node --import tsx src/discussion/spam/evaluate.ts
 *
 * @example
 *   const { precision, recall } = evaluateHeldOut();
 */
import { fileURLToPath } from 'node:url';
import { SpamClassifier } from './bayes.js';
import { splitCorpus, type LabelledText } from './corpus.js';

export interface Evaluation {
  threshold: number;
  trained: number;
  tested: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Held-out items the classifier got wrong, for looking at. */
  mistakes: (LabelledText & { probability: number })[];
}

/**
 * Trains a fresh classifier on the training split and scores the held-out split; a text
 * counts as spam at `probability >= threshold` (the same default as `checkClassifier`).
 *
 * @example
 *   evaluateHeldOut().f1; // e.g. 0.97
 */
export function evaluateHeldOut(threshold = 0.5): Evaluation {
  const { train, test } = splitCorpus();
  const model = new SpamClassifier();
  for (const item of train) model.train(item.label, item.text);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  const mistakes: Evaluation['mistakes'] = [];
  for (const item of test) {
    const { probability } = model.score(item.text);
    const saysSpam = probability >= threshold;
    if (saysSpam && item.label === 'spam') truePositives++;
    else if (saysSpam) falsePositives++;
    else if (item.label === 'spam') falseNegatives++;
    else trueNegatives++;
    if (saysSpam !== (item.label === 'spam')) mistakes.push({ ...item, probability });
  }
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return {
    threshold, trained: train.length, tested: test.length,
    truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1, mistakes,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** The report as printed by the script (Markdown, to paste into bench/RESULTS.md). */
export function formatEvaluation(e: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `Spam classifier, held-out split (trained on ${e.trained}, tested on ${e.tested}, threshold ${e.threshold}):`,
    '',
    '| precision | recall | F1 | TP | FP | FN | TN |',
    '|---|---|---|---|---|---|---|',
    `| ${pct(e.precision)} | ${pct(e.recall)} | ${pct(e.f1)} | ${e.truePositives} | ${e.falsePositives} | ${e.falseNegatives} | ${e.trueNegatives} |`,
    ...(e.mistakes.length ? ['', 'Misclassified:'] : []),
    ...e.mistakes.map((m) => `- ${m.label} scored ${m.probability.toFixed(3)}: ${m.text.slice(0, 100)}`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatEvaluation(evaluateHeldOut()));
}
