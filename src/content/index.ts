export { createContentService, type ContentService, type Lookup } from './service.js';
export type { Keyset, ListFilter } from './store.js'; // Content API (issue 17)
export { createArticleOperations, type ArticleOperations, type AuditRecord } from './operations.js';
export { assertMayEdit, ownsArticle } from './rules.js';
export { TaxonomyInvalid, TAXONOMY_LIMITS } from './taxonomy.js';
export type { Article, ArticleSummary, ArticleInput, Author, AuthorInput, Tag, TagInput, Page } from './types.js';
export type { Block, TableBlock, CodeBlock, GalleryBlock, GalleryImage, TableAlign } from './blocks.js';
export { mediaIdsOf } from './blocks.js';
export { slugify, isValidSlug } from './slug.js';
export { contentMigrations } from './migrations.js';
// Translations (issue 12): an article linked to its version in the other language.
export { createTranslations, translationsMigrations, type Translations, type TranslationLink } from './translations/index.js';
export { registerTranslationRoutes } from './translations/routes.js';
export {
  renderBody,
  renderImageFigure,
  bodyToText,
  readingTimeMinutes,
  validateBlocks,
  mediaUrl,
  BlockValidationError,
  BODY_LIMITS,
  type BlockErrorCode,
  type RenderContext,
} from './render.js';
export { escapeInline } from './inline-rules.js';
export { renderInline, inlineToText } from './inline.js';
// Corrections from readers (content/corrections); routes are registered from its routes.ts.
export {
  createCorrectionsService,
  renderCorrectionNotes,
  renderSuggestLink,
  latestNoteAt,
  correctionsMigrations,
  type CorrectionsService,
  type CorrectionNote,
} from './corrections/index.js';
