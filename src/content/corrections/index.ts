/**
 * Corrections from readers: suggestions on a passage, one-click apply as a new revision,
 * public correction notes on the page and in feeds, and an append-only decision log.
 * Routes are registered by the composition root from `routes.ts`, not exported here,
 * because they depend on the site's page frame (which itself imports content).
 *
 * @example
 *   const corrections = createCorrectionsService({ db, content, bus, now });
 *   renderCorrectionNotes(await corrections.notes(article.id), article.lang);
 */
export { createCorrectionsService, type CorrectionsService, type CorrectionNote, type Staff } from './service.js';
export { renderCorrectionNotes, renderSuggestLink, latestNoteAt } from './view.js';
export { correctionsMigrations } from './migrations.js';
