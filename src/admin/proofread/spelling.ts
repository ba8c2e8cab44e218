/**
 * Spelling findings: every word neither Hunspell nor the site's own words accept, with
 * suggestions. Hyphenated words are judged by their parts, so in "90-Minnuten" only
 * "Minnuten" is underlined; abbreviations ("usw.") and elisions ("geht’s") pass.
 *
 * @example
 *   const found = await spellingFindings('Die Urkaine', { speller: await speller('de-DE') });
 *   // [{ word: 'Urkaine', offset: 4, length: 7, kind: 'spelling', suggestions: ['Ukraine'], … }]
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Speller } from './hunspell.js';
import { nearWords } from './near.js';
import { hasDigit, hasLetter, hyphenParts, isAllCaps, words, withoutSoftHyphens, type Token } from './tokens.js';
import type { KnownWords, RawFinding } from './types.js';

export interface SpellingOptions {
  speller: Speller;
  known?: KnownWords;
  /** Accept words in capitals ("BSW", "ÖVP") as abbreviations; default true. */
  ignoreAllCaps?: boolean;
  /**
   * Suggestions for at most this many distinct unknown words (default 30); the rest are
   * still flagged, without suggestions. Each costs up to ~150 ms, so a pasted word list
   * must not hold the server for minutes.
   */
  maxSuggested?: number;
  /** Ranges to leave alone (addresses); computed from the text when absent. */
  skip?: readonly [number, number][];
}

const MAX_SUGGESTIONS = 5;
const APOSTROPHE = /['\u2019]/;

export async function spellingFindings(text: string, options: SpellingOptions): Promise<RawFinding[]> {
  const { speller, known, ignoreAllCaps = true, maxSuggested = 30 } = options;

  const accepted = (raw: string, next: string | undefined): boolean => {
    const word = withoutSoftHyphens(raw);
    if (word.length < 2 || !hasLetter(word) || hasDigit(word)) return true;
    if (ignoreAllCaps && isAllCaps(word)) return true;
    if (known?.has(word) || speller.correct(word)) return true;
    // "usw." and "Verteidigungs- und Sicherheitspolitik": the mark belongs to the word.
    if ((next === '.' || next === '-') && speller.correct(word + next)) return true;
    const apostrophe = APOSTROPHE.exec(word);
    if (apostrophe) {
      // "geht’s", "Lindenau's": a known word with an elided "es" or a possessive.
      const rest = word.slice(apostrophe.index + 1);
      if (rest.length <= 2 && accepted(word.slice(0, apostrophe.index), undefined)) return true;
      if (apostrophe[0] === '\u2019' && speller.correct(word.replace(/\u2019/g, "'"))) return true;
    }
    return false;
  };

  const unknown: Token[] = [];
  for (const token of words(text, options.skip)) {
    const next = text[token.offset + token.text.length];
    if (accepted(token.text, next)) continue;
    const parts = hyphenParts(token);
    if (parts.length === 1) {
      unknown.push(token);
      continue;
    }
    const bad = parts.filter((part, i) => !accepted(part.text, i < parts.length - 1 ? '-' : next));
    // Every part is fine but Hunspell refuses the whole: trust the parts ("Lindenau-Plan").
    unknown.push(...bad);
  }

  const suggestions = new Map<string, string[]>();
  for (const { text: raw } of unknown) {
    if (suggestions.has(raw)) continue;
    if (suggestions.size >= maxSuggested) break;
    suggestions.set(raw, suggest(withoutSoftHyphens(raw), speller, known));
    // Hunspell is synchronous: let other requests through between expensive suggestions.
    await nextTurn();
  }

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
function suggest(word: string, speller: Speller, known: KnownWords | undefined): string[] {
  const near = known?.words ? nearWords(word, known.words()) : [];
  const merged = [
    ...near.filter((n) => n.distance <= 1).map((n) => n.word),
    ...speller.suggest(word),
    ...near.filter((n) => n.distance > 1).map((n) => n.word),
  ];
  return [...new Set(merged)].filter((s) => s !== word).slice(0, MAX_SUGGESTIONS);
}
