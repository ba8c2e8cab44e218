/**
 * One call for every check: spelling (Hunspell plus the site's own words) and house
 * style. The editor's inline marks, the pre-publish checklist and
 * `POST /api/v1/admin/proofread` all come through here.
 *
 * @example
 *   const findings = await proofread('Nach 90 Minnuten sprach der der Minister.', 'de');
 *   findings.map((f) => [f.kind, f.word, f.suggestions[0]]);
 *   // [['spelling', 'Minnuten', 'Minuten'], ['doubled-word', 'der der', 'der']]
 */
import { translator } from '../../platform/i18n.js';
import { workerEngine, type SpellEngine } from './engine.js';
import { proofreadMessages } from './messages.js';
import { quoteFindings } from './quotes.js';
import { spellingFindings } from './spelling.js';
import { styleFindings } from './style.js';
import { inRanges, skippedRanges } from './tokens.js';
import { DEFAULT_VARIANT, isVariantOf, type Finding, type KnownWords, type Language, type RawFinding, type Variant } from './types.js';

export interface ProofreadOptions {
  /** Which dictionary: 'de-AT', 'de-CH' or 'en-GB' instead of the language's default. */
  variant?: Variant;
  /** The site's published names and the newsroom dictionary (see `ProofreadService`). */
  known?: KnownWords;
  /** Language of the messages, e.g. the editor's; defaults to the text's. */
  messages?: Language;
  /** false: house style only, no dictionary is loaded. */
  spelling?: boolean;
  /** See `SpellingOptions.maxSuggested`. */
  maxSuggested?: number;
  /** Accept words in capitals as abbreviations (default true). */
  ignoreAllCaps?: boolean;
  /** Where Hunspell runs; default a worker thread shared by the process. */
  engine?: SpellEngine;
}

export async function proofread(text: string, language: Language, options: ProofreadOptions = {}): Promise<Finding[]> {
  const variant = options.variant ?? DEFAULT_VARIANT[language];
  if (!isVariantOf(variant, language)) throw new RangeError(`${variant} is not a variant of ${language}`);
  const skip = skippedRanges(text);
  const style = [...styleFindings(text, language), ...quoteFindings(text, language)].filter(
    (f) => !inRanges(skip, f.offset, f.offset + f.length),
  );
  const spelling =
    options.spelling === false
      ? []
      : await spellingFindings(text, {
          engine: options.engine ?? workerEngine(),
          variant,
          skip,
          ...(options.known ? { known: options.known } : {}),
          ...(options.maxSuggested !== undefined ? { maxSuggested: options.maxSuggested } : {}),
          ...(options.ignoreAllCaps !== undefined ? { ignoreAllCaps: options.ignoreAllCaps } : {}),
        });
  const t = translator(options.messages ?? language, proofreadMessages);
  return [...spelling, ...style]
    .sort((a, b) => a.offset - b.offset || a.length - b.length)
    .map(({ params, ...finding }: RawFinding) => ({ ...finding, message: t(finding.code, params) }));
}
