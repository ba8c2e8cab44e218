/**
 * Words, stems and queries for German and English. The SQLite index stores stemmed text
 * (FTS5 has no German stemmer and better-sqlite3 cannot register a tokenizer), so the
 * same functions stem when indexing, when querying and when highlighting snippets; that
 * keeps the three in agreement. PostgreSQL stems with its own Snowball configurations,
 * which implement the same algorithms.
 *
 * @example
 *   stemText('Die Stadträte beraten den Haushalt', 'de'); // 'stadtrat berat haushalt'
 *   stemQuery('Haushalte "NEAR(', 'de');                 // '"haushalt" AND "near"'
 */
import snowball, { type Stemmer } from 'snowball-stemmers';
import type { Language } from '../platform/i18n.js';
import { isStopword } from './stopwords.js';

/** Longer "words" are pasted garbage (hashes, base64); indexing them only bloats the index. */
export const MAX_WORD = 64;
/** Generous for real queries; bounds the work a hostile 10,000-character query can cause. */
const MAX_QUERY_CHARS = 400;
const MAX_QUERY_WORDS = 12;
/** Shorter prefixes would expand to a large part of the vocabulary. */
const MIN_PREFIX = 3;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export interface Token {
  /** The word as written in the text. */
  word: string;
  start: number;
  end: number;
}

/**
 * The words of a text with their positions: runs of Unicode letters, digits and combining
 * marks. Everything else (punctuation, emoji, FTS5 and tsquery operators) separates words.
 *
 * @example
 *   tokenize('Bürger-Dialog!').map((t) => t.word); // ['Bürger', 'Dialog']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    tokens.push({ word: match[0], start, end: start + match[0].length });
  }
  return tokens;
}

/** NFC and lower case: how a word is compared with stopwords and handed to a stemmer. */
export function normaliseWord(word: string): string {
  return word.normalize('NFC').toLowerCase();
}

const stemmers = new Map<Language, Stemmer>();
const ALGORITHM: Record<Language, string> = { de: 'german', en: 'english' };

function stemmerFor(lang: Language): Stemmer {
  let stemmer = stemmers.get(lang);
  if (!stemmer) stemmers.set(lang, (stemmer = snowball.newStemmer(ALGORITHM[lang])));
  return stemmer;
}

/**
 * The Snowball stem of one word, without diacritics. The German stemmer already turns
 * "ä" into "a"; folding the rest here ("café") matches what FTS5's `remove_diacritics`
 * does to the index, so the highlighter marks exactly the words the index matched.
 *
 * @example
 *   stemWord('Stadträte', 'de'); // 'stadtrat'
 *   stemWord('councils', 'en');  // 'council'
 */
// A site's vocabulary is finite and Snowball is slow per word: snippets and indexing stem
// the same words over and over. Bounded so hostile input cannot grow it without end.
const STEM_MEMO_LIMIT = 200_000;
const stemMemo: Record<Language, Map<string, string>> = { de: new Map(), en: new Map() };

export function stemWord(word: string, lang: Language): string {
  const lower = normaliseWord(word);
  const memo = stemMemo[lang];
  let stem = memo.get(lower);
  if (stem === undefined) {
    stem = stemmerFor(lang).stem(lower).normalize('NFD').replace(/\p{M}+/gu, '');
    if (memo.size >= STEM_MEMO_LIMIT) memo.clear();
    memo.set(lower, stem);
  }
  return stem;
}

/** Whether a word takes part in indexing and querying at all in `lang`. */
function indexable(lower: string, lang: Language): boolean {
  return lower.length <= MAX_WORD && HAS_LETTER_OR_DIGIT.test(lower) && !isStopword(lower, lang);
}

/**
 * The stems of all indexable words of `text`, in order, stopwords left out.
 *
 * @example
 *   stems('Der Rat und die Räte', 'de'); // ['rat', 'rat']
 */
export function stems(text: string, lang: Language): string[] {
  const out: string[] = [];
  for (const { word } of tokenize(text)) {
    const lower = normaliseWord(word);
    if (!indexable(lower, lang)) continue;
    const stem = stemWord(lower, lang);
    if (stem) out.push(stem);
  }
  return out;
}

/**
 * Text as the SQLite index stores it: stems separated by spaces.
 *
 * @example
 *   stemText('Die Stadträte beraten den Haushalt', 'de'); // 'stadtrat berat haushalt'
 */
export function stemText(text: string, lang: Language): string {
  return stems(text, lang).join(' ');
}

export interface QueryTerm {
  /** Lower-case word as the user typed it (only letters, digits and marks). */
  word: string;
  stem: string;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** The last term is still being typed: match it as a prefix too. */
  prefix: boolean;
}

/**
 * The words of a user's query that count in `lang`: stopwords of that language dropped,
 * duplicates (by stem) dropped, at most 12. Each language drops only its own stopwords,
 * because an English "war" must still find English articles although German "war" is a
 * stopword; a German document simply never requires its stopwords to be present.
 *
 * @example
 *   parseQuery('die Haushalte', 'de'); // { terms: [{ word: 'haushalte', stem: 'haushalt' }], prefix: true }
 */
export function parseQuery(q: string, lang: Language): ParsedQuery {
  // A word cut in half by the length limit is dropped, not searched as a prefix.
  const text = q.length > MAX_QUERY_CHARS ? q.slice(0, MAX_QUERY_CHARS).replace(/[\p{L}\p{N}\p{M}]+$/u, '') : q;
  const tokens = tokenize(text);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  let lastKept = false;
  for (const [i, token] of tokens.entries()) {
    const word = normaliseWord(token.word);
    lastKept = false;
    if (!indexable(word, lang)) continue;
    const stem = stemWord(word, lang);
    if (!stem || seen.has(stem)) continue;
    if (terms.length === MAX_QUERY_WORDS) break;
    seen.add(stem);
    terms.push({ word, stem });
    lastKept = i === tokens.length - 1;
  }
  const last = tokens.at(-1);
  // Only a word the input ends in is "being typed"; "Rat " with a space means the word.
  const prefix =
    lastKept && last !== undefined && last.end === text.length && (terms.at(-1)?.stem.length ?? 0) >= MIN_PREFIX;
  return { terms, prefix };
}

/**
 * A safe FTS5 MATCH expression for the stemmed index of `lang`, or null when nothing is
 * left to search for. Every term is a quoted string (quotes doubled, though tokens cannot
 * contain any), so no user input is ever read as FTS5 syntax (NEAR, column filters, `^`,
 * `*`, `-`, parentheses); terms are ANDed; the last may be a prefix.
 *
 * @example
 *   stemQuery('Stadträte Haush', 'de'); // '"stadtrat" AND "haush" *'
 *   stemQuery('und oder', 'de');        // null
 */
export function stemQuery(q: string, lang: Language): string | null {
  const { terms, prefix } = parseQuery(q, lang);
  if (terms.length === 0) return null;
  return terms
    .map((term, i) => `"${term.stem.replaceAll('"', '""')}"${prefix && i === terms.length - 1 ? ' *' : ''}`)
    .join(' AND ');
}
