/**
 * Splits text into the words a spell checker should see, with their offsets (UTF-16 code
 * units, as the editor counts). Web addresses, e-mail addresses, @handles and #hashtags
 * are not language and are skipped; the house-style checks skip them too.
 *
 * @example
 *   words('Siehe https://example.org, Herr Lindenau.');
 *   // [{ text: 'Siehe', offset: 0 }, { text: 'Herr', offset: 27 }, { text: 'Lindenau', offset: 32 }]
 */

export interface Token {
  text: string;
  offset: number;
}

// Letters and digits, joined by hyphens and apostrophes inside a word ("90-Minuten",
// "don't"). The soft hyphen belongs to the word so it cannot split one in two.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}\u00AD]*(?:[-\u2010'\u2019][\p{L}\p{M}\p{N}\u00AD]+)*/gu;

const NOT_LANGUAGE = new RegExp(
  [
    /\b(?:https?:\/\/|www\.)[^\s<>"„“”«»]*[^\s<>"„“”«».,;:!?)\]'’]/u.source,
    /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u.source,
    // A bare domain: only with a lower-case ending, so "Ende.Der" stays a missing space.
    /\b(?:[\p{L}\p{N}-]+\.)+[a-z]{2,6}\b(?:\/[^\s]*[^\s.,;:!?)])?/u.source,
    /(?<![\p{L}\p{N}])[@#][\p{L}\p{N}_]+/u.source,
  ].join('|'),
  'gu',
);

/** Ranges [start, end) of web and e-mail addresses, handles and hashtags, in text order. */
export function skippedRanges(text: string): [number, number][] {
  return [...text.matchAll(NOT_LANGUAGE)].map((m) => [m.index, m.index + m[0].length]);
}

/** True when [start, end) overlaps one of the sorted `ranges`. */
export function inRanges(ranges: readonly [number, number][], start: number, end: number): boolean {
  // Binary search: a long text has many links and many words to test against them.
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = ranges[mid]!;
    if (to <= start) lo = mid + 1;
    else if (from >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * The words of `text` outside addresses, handles and hashtags.
 *
 * @example
 *   words('Der 90-Minuten-Takt').map((t) => t.text); // ['Der', '90-Minuten-Takt']
 */
export function words(text: string, skip: readonly [number, number][] = skippedRanges(text)): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    if (!inRanges(skip, match.index, match.index + match[0].length)) tokens.push({ text: match[0], offset: match.index });
  }
  return tokens;
}

/** Splits a token at its hyphens, keeping each part's offset. */
export function hyphenParts(token: Token): Token[] {
  const parts: Token[] = [];
  let start = 0;
  for (const piece of token.text.split(/[-\u2010]/)) {
    parts.push({ text: piece, offset: token.offset + start });
    start += piece.length + 1;
  }
  return parts;
}

export const hasLetter = (word: string) => /\p{L}/u.test(word);
export const hasDigit = (word: string) => /\p{N}/u.test(word);
/** "CDU", "NATO": an abbreviation, not a word the dictionaries must know. */
export const isAllCaps = (word: string) => word.length > 1 && /^[\p{Lu}\p{N}]+$/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word);
export const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
export const withoutSoftHyphens = (word: string) => word.replace(/\u00AD/g, '');
