/**
 * Spelling findings: every word neither Hunspell nor the site's own words accept, nor the
 * German compounding rules of compound.ts make of known words, with suggestions. Hyphenated words are judged by their parts, so in "90-Minnuten" only
 * "Minnuten" is underlined; abbreviations ("usw.") and elisions ("geht’s") pass.
 *
 * The dictionary sits behind a `SpellEngine` (a worker thread by default), so the words
 * go to it in two batches, not one by one: every form the rules below might ask about,
 * then the unknown words for suggestions.
 *
 * @example
 *   const found = await spellingFindings('Die Urkaine', { engine: workerEngine(), variant: 'de-DE' });
 *   // [{ word: 'Urkaine', offset: 4, length: 7, kind: 'spelling', suggestions: ['Ukraine'], … }]
 */
import { compoundForms, isWellFormedCompound, nearMisses } from './compound.js';
import type { SpellEngine } from './engine.js';
import { nearWords } from './near.js';
import { hasDigit, hasLetter, hyphenParts, isAllCaps, words, withoutSoftHyphens, type Token } from './tokens.js';
import type { KnownWords, RawFinding, Variant } from './types.js';

export interface SpellingOptions {
  engine: SpellEngine;
  variant: Variant;
  known?: KnownWords;
  /** Accept words in capitals ("BSW", "ÖVP") as abbreviations; default true. */
  ignoreAllCaps?: boolean;
  /**
   * Suggestions for at most this many distinct unknown words (default 30); the rest are
   * still flagged, without suggestions. Each costs up to ~300 ms of the engine's time.
   */
  maxSuggested?: number;
  /** Ranges to leave alone (addresses); computed from the text when absent. */
  skip?: readonly [number, number][];
}

const MAX_SUGGESTIONS = 5;
const APOSTROPHE = /['\u2019]/;
const HYPHEN = /[-\u2010]/;

/** The rules, over a `correct` lookup; the same code first collects the forms to look up. */
function accepter(correct: (form: string) => boolean, known: KnownWords | undefined, ignoreAllCaps: boolean) {
  const accepted = (raw: string, next: string | undefined): boolean => {
    const word = withoutSoftHyphens(raw);
    if (word.length < 2 || !hasLetter(word)) return true;
    // "A320", "COVID19": codes, not words. A hyphenated word is judged by its parts instead.
    if (hasDigit(word) && !HYPHEN.test(word)) return true;
    if (ignoreAllCaps && isAllCaps(word)) return true;
    if (known?.has(word) || correct(word)) return true;
    // "usw." and "Verteidigungs- und Sicherheitspolitik": the mark belongs to the word.
    if ((next === '.' || next === '-') && correct(word + next)) return true;
    const apostrophe = APOSTROPHE.exec(word);
    if (apostrophe) {
      // "geht’s", "Lindenau's": a known word with an elided "es" or a possessive.
      const rest = word.slice(apostrophe.index + 1);
      if (rest.length <= 2 && accepted(word.slice(0, apostrophe.index), undefined)) return true;
      if (apostrophe[0] === '\u2019' && correct(word.replace(/\u2019/g, "'"))) return true;
    }
    return false;
  };

  /** The unknown words of one token: none, the token, or its unknown hyphen parts. */
  return (token: Token, next: string | undefined): Token[] => {
    if (accepted(token.text, next)) return [];
    const parts = hyphenParts(token);
    if (parts.length === 1) return [token];
    // Parts all fine though Hunspell refuses the whole: trust the parts ("Lindenau-Plan").
    return parts.filter((part, i) => !accepted(part.text, i < parts.length - 1 ? '-' : next));
  };
}

export async function spellingFindings(text: string, options: SpellingOptions): Promise<RawFinding[]> {
  const { engine, variant, known, ignoreAllCaps = true, maxSuggested = 30 } = options;
  const tokens = words(text, options.skip).map((token) => ({ token, next: text[token.offset + token.text.length] }));

  // Pass 1 answers "unknown" to everything, which walks every fallback and so collects
  // every form pass 2 could ask about; one batch to the engine answers them all.
  const wanted = new Set<string>();
  const collect = accepter((form) => {
    wanted.add(form);
    return false;
  }, known, ignoreAllCaps);
  for (const { token, next } of tokens) collect(token, next);
  const forms = [...wanted];
  const answers = await engine.check(variant, forms);
  const good = new Set(forms.filter((_, i) => answers[i]));
  const unknownOf = accepter((form) => good.has(form), known, ignoreAllCaps);
  let unknown = tokens.flatMap(({ token, next }) => unknownOf(token, next));

  // Pass 3, German only: words the dictionary refused may be compounds or derivations of
  // known words (compound.ts), unless they are one slip away from a known word.
  if (variant.startsWith('de') && unknown.length) {
    const accepted = await compoundsOf(unknown, engine, variant, known);
    unknown = unknown.filter((t) => !accepted.has(t.text));
  }

  const toSuggest = [...new Set(unknown.map((t) => t.text))].slice(0, maxSuggested);
  const hunspell = await engine.suggest(variant, toSuggest.map(withoutSoftHyphens));
  const suggestions = new Map(toSuggest.map((word, i) => [word, merge(withoutSoftHyphens(word), hunspell[i] ?? [], known)]));

  return unknown.map((token) => ({
    word: token.text,
    offset: token.offset,
    length: token.text.length,
    kind: 'spelling',
    code: 'spelling',
    suggestions: suggestions.get(token.text) ?? [],
    params: { word: token.text },
  }));
}

/** Hunspell's suggestions, with the site's own words that are one edit away put first. */
function merge(word: string, hunspell: readonly string[], known: KnownWords | undefined): string[] {
  const near = known?.words ? nearWords(word, known.words()) : [];
  const merged = [
    ...near.filter((n) => n.distance <= 1).map((n) => n.word),
    ...hunspell,
    ...near.filter((n) => n.distance > 1).map((n) => n.word),
  ];
  return [...new Set(merged)].filter((s) => s !== word).slice(0, MAX_SUGGESTIONS);
}

/** Beyond this many distinct unknown words (a word list, a foreign text) the rest stay flagged. */
const MAX_COMPOUND_WORDS = 100;

/** Which of the unknown words are well-formed compounds of known words and no slip of one. */
async function compoundsOf(unknown: readonly Token[], engine: SpellEngine, variant: Variant, known: KnownWords | undefined): Promise<Set<string>> {
  const distinct = [...new Set(unknown.map((t) => t.text))].slice(0, MAX_COMPOUND_WORDS);
  const ask = async (forms: string[]) => {
    const unique = [...new Set(forms)];
    const answers = unique.length ? await engine.check(variant, unique) : [];
    return new Set(unique.filter((_, i) => answers[i]));
  };
  const parts = await ask(distinct.flatMap((w) => compoundForms(withoutSoftHyphens(w))));
  const splitting = distinct.filter((w) => isWellFormedCompound(withoutSoftHyphens(w), (f) => parts.has(f), known));
  const slips = await ask(splitting.flatMap((w) => nearMisses(withoutSoftHyphens(w))));
  return new Set(splitting.filter((w) => !nearMisses(withoutSoftHyphens(w)).some((f) => slips.has(f))));
}
