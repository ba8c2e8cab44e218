/**
 * How a listed word matches words in running text, shared by the site vocabulary and the
 * newsroom dictionary: "Lindenau" also accepts the genitive "Lindenaus", and a lower-case
 * entry ("tracking") also accepts its capitalised form at the start of a sentence.
 *
 * @example
 *   const known = knownWords(['Lindenau', 'tracking']);
 *   known.has('Lindenaus'); // true
 *   known.has('Tracking');  // true
 *   known.has('lindenau');  // false: a name keeps its capital
 */
import type { KnownWords } from './types.js';

/** The word itself, then the listed forms it may be an inflection or capitalisation of. */
export function baseForms(word: string): string[] {
  const forms = [word];
  if (/^\p{Lu}/u.test(word)) {
    const lower = word.charAt(0).toLowerCase() + word.slice(1);
    if (lower !== word) forms.push(lower);
    if (word.length > 3 && word.endsWith('s')) forms.push(word.slice(0, -1));
  }
  return forms;
}

/** A fixed list of words as `KnownWords`. */
export function knownWords(list: Iterable<string>): KnownWords {
  const set = new Set(list);
  return {
    has: (word) => baseForms(word).some((form) => set.has(form)),
    words: () => set,
  };
}

/** Accepts what any of `lists` accepts. */
export function anyOf(...lists: KnownWords[]): KnownWords {
  return {
    has: (word) => lists.some((list) => list.has(word)),
    *words() {
      for (const list of lists) if (list.words) yield* list.words();
    },
  };
}
