/**
 * The shapes the proofreader speaks in: findings an editor can underline, the kinds of
 * check, and the word lists a site adds to the dictionaries.
 *
 * @example
 *   const finding: Finding = { word: 'Urkaine', offset: 4, length: 7, kind: 'spelling', code: 'spelling', message: '…', suggestions: ['Ukraine'] };
 */
import type { Language } from '../../platform/i18n.js';

export type { Language };

export type FindingKind = 'spelling' | 'doubled-word' | 'quotes' | 'spacing' | 'punctuation';

/** Finer than the kind, stable for tests and for the editor's wording. */
export type FindingCode =
  | 'spelling'
  | 'doubled-word'
  | 'quote-unclosed'
  | 'quote-unopened'
  | 'quote-mixed'
  | 'double-space'
  | 'space-before-punctuation'
  | 'missing-space'
  | 'doubled-punctuation';

export interface Finding {
  /** The flagged text, exactly `text.slice(offset, offset + length)`. */
  word: string;
  /** In UTF-16 code units of the checked text, as JavaScript strings and editors count. */
  offset: number;
  length: number;
  kind: FindingKind;
  code: FindingCode;
  message: string;
  /** Replacements for `word`, best first; may be empty. */
  suggestions: string[];
}

/** A finding before its message is worded in the reader's language. */
export type RawFinding = Omit<Finding, 'message'> & { params?: Record<string, string> };

/** Dictionaries: German (Germany, Austria, Switzerland) and English (US, UK). */
export const VARIANTS = ['de-DE', 'de-AT', 'de-CH', 'en-US', 'en-GB'] as const;
export type Variant = (typeof VARIANTS)[number];

export const DEFAULT_VARIANT: Record<Language, Variant> = { de: 'de-DE', en: 'en-US' };

export function isVariantOf(variant: string, language: Language): variant is Variant {
  return (VARIANTS as readonly string[]).includes(variant) && variant.startsWith(`${language}-`);
}

/**
 * Words a site accepts beyond the dictionaries (its published names, the newsroom
 * dictionary). `words` lets the proofreader suggest a known name for a near miss.
 */
export interface KnownWords {
  has(word: string): boolean;
  words?(): Iterable<string>;
}
