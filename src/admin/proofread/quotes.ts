/**
 * Quotation marks: every quote opened is closed, nothing is closed that was not opened,
 * and one text keeps to one style. The style the text's language expects wins (German
 * „…“, English “…”); without it, the style used most. Marks of another style are
 * reported once as mixed, with the replacement, and still count for the balance, so
 * „Hallo” is one finding (”), not two.
 *
 * @example
 *   quoteFindings('Er sagte „Hallo" und ging.', 'de').map((f) => [f.code, f.word, f.suggestions]);
 *   // [['quote-mixed', '"', ['“']]]
 */
import type { Language, RawFinding } from './types.js';

type Style = 'german' | 'english' | 'straight' | 'guillemets';
type Role = 'open' | 'close';

interface Mark {
  offset: number;
  char: string;
  style: Style;
  role: Role;
}

const QUOTE = /[„“”"»«]/g;
const PREFERRED: Record<Language, Style> = { de: 'german', en: 'english' };

/** Opening where a word starts: at the start, after a space, a bracket or a dash. */
function opensHere(text: string, offset: number): boolean {
  return offset === 0 || /[\s([{\u2013\u2014/-]/u.test(text[offset - 1]!);
}

function classify(text: string): { marks: Mark[]; guillemetOpen: string } {
  // » first means German »…«; « first means Swiss and French «…».
  const firstGuillemet = /[»«]/.exec(text)?.[0];
  const guillemetOpen = firstGuillemet ?? '»';
  const marks = [...text.matchAll(QUOTE)].map((m): Mark => {
    const char = m[0];
    const offset = m.index;
    const role: Role = opensHere(text, offset) ? 'open' : 'close';
    switch (char) {
      case '„':
        return { offset, char, style: 'german', role: 'open' };
      case '“': // German closing, English opening: the position decides.
        return { offset, char, style: role === 'open' ? 'english' : 'german', role };
      case '”':
        return { offset, char, style: 'english', role: 'close' };
      case '"':
        return { offset, char, style: 'straight', role };
      default:
        return { offset, char, style: 'guillemets', role: char === guillemetOpen ? 'open' : 'close' };
    }
  });
  return { marks, guillemetOpen };
}

function primaryStyle(marks: readonly Mark[], language: Language): Style | null {
  if (marks.length === 0) return null;
  if (marks.some((m) => m.style === PREFERRED[language])) return PREFERRED[language];
  const counts = new Map<Style, number>();
  for (const m of marks) counts.set(m.style, (counts.get(m.style) ?? 0) + 1);
  // Most used; on a tie the one that came first (Map keeps insertion order).
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

export function quoteFindings(text: string, language: Language): RawFinding[] {
  const { marks, guillemetOpen } = classify(text);
  const primary = primaryStyle(marks, language);
  if (!primary) return [];
  const guillemetClose = guillemetOpen === '»' ? '«' : '»';
  const expected: Record<Style, Record<Role, string>> = {
    german: { open: '„', close: '“' },
    english: { open: '“', close: '”' },
    straight: { open: '"', close: '"' },
    guillemets: { open: guillemetOpen, close: guillemetClose },
  };
  const pair = `${expected[primary].open}…${expected[primary].close}`;
  const finding = (mark: Mark, code: RawFinding['code'], suggestions: string[] = []): RawFinding => ({
    word: mark.char, offset: mark.offset, length: 1, kind: 'quotes', code, suggestions,
    params: { quote: mark.char, expected: pair },
  });

  const found: RawFinding[] = [];
  const open: Mark[] = [];
  for (const mark of marks) {
    if (mark.style !== primary) found.push(finding(mark, 'quote-mixed', [expected[primary][mark.role]]));
    if (mark.role === 'open') open.push(mark);
    else if (!open.pop()) found.push(finding(mark, 'quote-unopened'));
  }
  for (const mark of open) found.push(finding(mark, 'quote-unclosed'));
  return found;
}
