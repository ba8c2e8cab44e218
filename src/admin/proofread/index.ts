/**
 * Proofreading: Hunspell spelling for German and English, the site's own vocabulary, the
 * newsroom dictionary and house-style checks. Other modules import from here only.
 *
 * @example
 *   import { proofread, proofreaderOf } from '../admin/proofread/index.js';
 *   await proofread('Die Urkaine', 'de');            // without the site's words
 *   await proofreaderOf(services).check(text, 'de');  // with them
 */
export { proofread, type ProofreadOptions } from './proofread.js';
export { createProofreadService, proofreaderOf, type ProofreadService } from './service.js';
export { registerProofreadRoutes } from './routes.js';
export { proofreadMigrations } from './migrations.js';
export { knownWords, anyOf } from './known.js';
export type { Finding, FindingKind, FindingCode, KnownWords, Variant } from './types.js';
