/**
 * House-style checks that need no dictionary: doubled words, double spaces, a space
 * before punctuation, a missing space after it, doubled commas and full stops. Pure
 * functions over the text; offsets in UTF-16 code units.
 *
 * @example
 *   styleFindings('Der der Stadtrat  tagt .', 'de').map((f) => f.code);
 *   // ['doubled-word', 'double-space', 'space-before-punctuation']
 */
import type { Language, RawFinding } from './types.js';

// Doubles that are often right: German relative pronoun after article ("…, die die Stadt"
// is caught by the comma rule below), "ob sie sie kennt"; English "had had", "that that".
const LEGITIMATE_DOUBLES: Record<Language, Set<string>> = {
  de: new Set(['sie']),
  en: new Set(['had', 'that', 'is']),
};

const DOUBLED_WORD = /(?<![\p{L}\p{N}])(\p{L}+)([^\S\n]+)\1(?![\p{L}\p{N}])/giu;
const DOUBLE_SPACE = /(?<=\S)[ \u00A0]{2,}(?=\S)/gu;
// A space before , ; : ! ? or a single full stop that ends something ("Stadtrat ."), but
// not "… ." or "Er sagte ... nichts", nor ".NET" or ":-)".
const SPACE_BEFORE = /(?<=[\p{L}\p{N})\]“”"»«])[ \u00A0]+([,;:!?]|\.(?!\.))(?=\s|$|[“”"»«)\]])/gu;
const MISSING_SPACE = [
  /(?<=\p{L})([,;])(?=\p{L})/gu,
  // "Ende.Der" but not "z.B." or "example.org": an upper-case letter that starts a word.
  /(?<=\p{Ll})([.!?:])(?=\p{Lu}\p{Ll})/gu,
];
const DOUBLED_PUNCTUATION = /,{2,}|;{2,}|(?<!\.)\.\.(?!\.)/gu;

export function doubledWords(text: string, language: Language): RawFinding[] {
  const found: RawFinding[] = [];
  for (const m of text.matchAll(DOUBLED_WORD)) {
    const [whole, first] = m as unknown as [string, string];
    if (LEGITIMATE_DOUBLES[language].has(first.toLowerCase())) continue;
    // ", der der Frau hilft": a relative pronoun followed by an article is good German.
    if (language === 'de' && /,[^\S\n]*$/u.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    found.push({
      word: whole, offset: m.index, length: whole.length, kind: 'doubled-word', code: 'doubled-word',
      suggestions: [first], params: { word: first },
    });
  }
  return found;
}

export function spacing(text: string): RawFinding[] {
  const found: RawFinding[] = [];
  for (const m of text.matchAll(DOUBLE_SPACE)) {
    found.push({ word: m[0], offset: m.index, length: m[0].length, kind: 'spacing', code: 'double-space', suggestions: [' '] });
  }
  for (const m of text.matchAll(SPACE_BEFORE)) {
    const mark = m[1]!;
    found.push({
      word: m[0], offset: m.index, length: m[0].length, kind: 'spacing', code: 'space-before-punctuation',
      suggestions: [mark], params: { mark },
    });
  }
  for (const pattern of MISSING_SPACE) {
    for (const m of text.matchAll(pattern)) {
      const mark = m[1]!;
      found.push({
        word: mark, offset: m.index, length: mark.length, kind: 'spacing', code: 'missing-space',
        suggestions: [`${mark} `], params: { mark },
      });
    }
  }
  return found;
}

export function doubledPunctuation(text: string): RawFinding[] {
  return [...text.matchAll(DOUBLED_PUNCTUATION)].map((m) => ({
    word: m[0], offset: m.index, length: m[0].length, kind: 'punctuation' as const, code: 'doubled-punctuation' as const,
    // Two full stops are a stop too many or an ellipsis a stop short.
    suggestions: m[0].startsWith('.') ? ['.', '…'] : [m[0][0]!], params: { mark: m[0] },
  }));
}

/** All dictionary-free checks except quotes, in one list (not yet sorted). */
export function styleFindings(text: string, language: Language): RawFinding[] {
  return [...doubledWords(text, language), ...spacing(text), ...doubledPunctuation(text)];
}
