/**
 * A multinomial naive Bayes spam classifier, trained by moderators' decisions ("spam" /
 * "not spam") and stored as JSON (see `store.ts`). Besides a probability it answers the
 * tokens that moved the verdict most, so a moderator sees why a comment was held.
 *
 * Tokens are language-agnostic on purpose (German and English comments share one model):
 * lower-cased words, `host:` tokens for link targets, and two shape tokens (`links:N`,
 * `len:bucket`). No stemming: spam vocabulary is formulaic, and inflections of a word
 * get their own counts quickly enough.
 *
 * @example
 *   const model = new SpamClassifier();
 *   model.train('spam', 'Cheap pills at https://cheap-pills.example');
 *   model.train('ham', 'Der Haushalt wurde gestern beschlossen.');
 *   model.score('Pills! https://cheap-pills.example/buy').probability; // close to 1
 */
import { linkHosts, withoutLinks } from './text.js';

export type Label = 'spam' | 'ham';

export interface SpamScore {
  /** Probability that the text is spam, 0…1. */
  probability: number;
  /** The tokens that moved the verdict most, strongest first; spamminess 0…1 (0.5 neutral). */
  tokens: { token: string; spamminess: number }[];
}

/** Serialised form; `counts[token] = [spam occurrences, ham occurrences]`. */
export interface SpamModelJSON {
  version: 1;
  docs: { spam: number; ham: number };
  counts: Record<string, [number, number]>;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
/** Longer "words" are hashes and base64 noise; each would be a token seen once. */
const MAX_WORD = 40;
const EXPLAIN = 8;
const LENGTHS: [number, string][] = [[80, 'xs'], [200, 's'], [600, 'm'], [1500, 'l']];

/**
 * The tokens of a text, with repeats (the model is multinomial).
 *
 * @example
 *   tokenize('Gute Pillen: https://www.cheap-pills.example/x');
 *   // ['gute', 'pillen', 'host:cheap-pills.example', 'links:1', 'len:xs']
 */
export function tokenize(text: string): string[] {
  const words = (withoutLinks(text).toLowerCase().match(WORD) ?? []).filter(
    (w) => w.length >= 2 && w.length <= MAX_WORD,
  );
  const hosts = linkHosts(text);
  const length = LENGTHS.find(([max]) => text.length < max)?.[1] ?? 'xl';
  return [...words, ...hosts.map((h) => `host:${h}`), `links:${Math.min(hosts.length, 3)}`, `len:${length}`];
}

export class SpamClassifier {
  private docs = { spam: 0, ham: 0 };
  private totals = { spam: 0, ham: 0 };
  private counts = new Map<string, [number, number]>();

  /** Learns one labelled text. */
  train(label: Label, text: string): void {
    this.add(label, text, 1);
  }

  /** Forgets a text learnt earlier with the same label (a moderator changed their mind). */
  untrain(label: Label, text: string): void {
    this.add(label, text, -1);
  }

  /**
   * The spam probability of a text and the tokens behind it. Tokens the model has never
   * seen are left out: with smoothing they would only favour whichever class happens to
   * have learnt fewer tokens, which says nothing about this text.
   */
  score(text: string): SpamScore {
    if (this.docs.spam === 0 || this.docs.ham === 0) return { probability: 0.5, tokens: [] };
    const vocabulary = this.counts.size;
    const allDocs = this.docs.spam + this.docs.ham;
    let logOdds = Math.log((this.docs.spam + 1) / (allDocs + 2)) - Math.log((this.docs.ham + 1) / (allDocs + 2));
    const moved = new Map<string, { weight: number; spamminess: number }>();
    for (const token of tokenize(text)) {
      const count = this.counts.get(token);
      if (!count) continue;
      const pSpam = (count[0] + 1) / (this.totals.spam + vocabulary);
      const pHam = (count[1] + 1) / (this.totals.ham + vocabulary);
      const delta = Math.log(pSpam) - Math.log(pHam);
      logOdds += delta;
      const seen = moved.get(token);
      moved.set(token, { weight: (seen?.weight ?? 0) + delta, spamminess: pSpam / (pSpam + pHam) });
    }
    const tokens = [...moved]
      .sort((a, b) => Math.abs(b[1].weight) - Math.abs(a[1].weight))
      .slice(0, EXPLAIN)
      .map(([token, m]) => ({ token, spamminess: Math.round(m.spamminess * 1000) / 1000 }));
    return { probability: 1 / (1 + Math.exp(-logOdds)), tokens };
  }

  /** How many texts of each label the model has learnt. */
  get trained(): { spam: number; ham: number } {
    return { ...this.docs };
  }

  toJSON(): SpamModelJSON {
    return { version: 1, docs: { ...this.docs }, counts: Object.fromEntries([...this.counts].map(([t, [s, h]]) => [t, [s, h]])) };
  }

  /**
   * A classifier from `toJSON()` output (or its parsed JSON text).
   *
   * @example
   *   const copy = SpamClassifier.fromJSON(JSON.parse(JSON.stringify(model)));
   */
  static fromJSON(json: unknown): SpamClassifier {
    const data = json as Partial<SpamModelJSON> | null;
    if (!data || data.version !== 1 || !data.docs || typeof data.counts !== 'object' || data.counts === null) {
      throw new TypeError('not a serialised SpamClassifier (version 1)');
    }
    const model = new SpamClassifier();
    model.docs = { spam: count(data.docs.spam), ham: count(data.docs.ham) };
    for (const [token, pair] of Object.entries(data.counts)) {
      if (!Array.isArray(pair)) throw new TypeError(`bad counts for token ${token}`);
      const entry: [number, number] = [count(pair[0]), count(pair[1])];
      model.counts.set(token, entry);
      model.totals.spam += entry[0];
      model.totals.ham += entry[1];
    }
    return model;
  }

  private add(label: Label, text: string, sign: 1 | -1): void {
    const index = label === 'spam' ? 0 : 1;
    // Clamping at zero keeps the model sane when asked to forget what it never learnt.
    this.docs[label] = Math.max(0, this.docs[label] + sign);
    for (const token of tokenize(text)) {
      const entry = this.counts.get(token) ?? [0, 0];
      if (sign < 0 && entry[index] === 0) continue;
      entry[index] += sign;
      this.totals[label] += sign;
      if (entry[0] === 0 && entry[1] === 0) this.counts.delete(token);
      else this.counts.set(token, entry);
    }
  }
}

function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError('bad count in model');
  return value;
}
