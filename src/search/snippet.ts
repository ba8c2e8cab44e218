/**
 * Result snippets, built here from the stored original text rather than by the database,
 * so SQLite and PostgreSQL show the same thing: about 30 words around the densest cluster
 * of matching words, those words wrapped in `<mark>`, everything else escaped.
 *
 * @example
 *   const isMatch = queryMatcher('Haushalt', 'de');
 *   snippet('Der Stadtrat berät den Haushalt <script>.', isMatch).toString();
 *   // 'Der Stadtrat berät den <mark>Haushalt</mark> &lt;script&gt;.'
 */
import { html, join, type HtmlValue, type SafeHtml } from '../platform/html.js';
import type { Language } from '../platform/i18n.js';
import { MAX_WORD, normaliseWord, parseQuery, stemWord, tokenize } from './stem.js';
import { isStopword } from './stopwords.js';

export type WordMatcher = (word: string) => boolean;

/**
 * Whether a word of a document in `lang` matches the query: same stem as a query term,
 * or starting with the stem of a last term still being typed.
 *
 * @example
 *   queryMatcher('Stadträte', 'de')('Stadtrat'); // true
 */
export function queryMatcher(q: string, lang: Language): WordMatcher {
  const { terms, prefix } = parseQuery(q, lang);
  const wanted = new Set(terms.map((t) => t.stem));
  const start = prefix ? terms.at(-1)?.stem : undefined;
  // Keyed by the word as written: a snippet asks for every word of every hit's text, and
  // most repeat, so normalising each one again cost more than the lookup (issue 16 profile).
  const memo = new Map<string, boolean>();
  return (word) => {
    let hit = memo.get(word);
    if (hit === undefined) {
      const lower = normaliseWord(word);
      const stem = lower.length > MAX_WORD || isStopword(lower, lang) ? '' : stemWord(lower, lang);
      hit = stem !== '' && (wanted.has(stem) || (start !== undefined && stem.startsWith(start)));
      if (memo.size >= 50_000) memo.clear();
      memo.set(word, hit);
    }
    return hit;
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

/**
 * About `size` words of `text` around its best cluster of matches (the opening words
 * when nothing matches, e.g. when only the title did), matches marked, all escaped.
 */
export function snippet(text: string, isMatch: WordMatcher, size = 30): SafeHtml {
  const tokens = tokenize(text);
  if (tokens.length === 0) return html``;
  const matches: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (isMatch(tokens[i]!.word)) matches.push(i);
  const marked = new Set(matches);
  const [from, to] = bestWindow(matches, tokens.length, size);
  const parts: HtmlValue[] = [];
  let cursor = from === 0 ? 0 : tokens[from]!.start;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    const gap = collapse(text.slice(cursor, token.start));
    parts.push(i === from ? gap.trimStart() : gap);
    parts.push(marked.has(i) ? html`<mark>${token.word}</mark>` : token.word);
    cursor = token.end;
  }
  // Keep the punctuation right after the last word ("Haushalt." not "Haushalt").
  const rest = to === tokens.length ? text.slice(cursor) : text.slice(cursor, tokens[to]!.start).split(/\s/)[0]!;
  parts.push(collapse(rest).trimEnd());
  if (from > 0) parts.unshift('… ');
  if (to < tokens.length) parts.push(' …');
  return join(parts);
}

/** [from, to) token range of `size` tokens containing the most matches, centred on them. */
export function bestWindow(matches: readonly number[], count: number, size: number): [number, number] {
  if (count <= size) return [0, count];
  if (matches.length === 0) return [0, size];
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < matches.length; i++) {
    while (j < matches.length && matches[j]! < matches[i]! + size) j++;
    if (j - i > bestCount) [best, bestCount] = [i, j - i];
  }
  const first = matches[best]!;
  const last = matches[best + bestCount - 1]!;
  const from = Math.min(Math.max(0, first - Math.floor((size - (last - first + 1)) / 2)), count - size);
  return [from, from + size];
}
