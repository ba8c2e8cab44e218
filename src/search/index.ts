/**
 * Search: full-text search with German and English stemming, and related articles
 * computed from the text. Other capabilities import only from here.
 *
 * @example
 *   import { createSearchService, connectSearchIndex } from '../search/index.js';
 *   const search = createSearchService(handle);
 *   connectSearchIndex(bus, search);
 *   const results = await search.search(query, { page: 1, perPage: 10 });
 */
export {
  createSearchService,
  type SearchService,
  type SearchOptions,
  type SearchResults,
  type SearchResultItem,
} from './service.js';
export { connectSearchIndex } from './events.js';
export { cachedRelated } from './related-cache.js';
export { searchMigrations } from './migrations.js';
export { stemText, stemQuery, stemWord } from './stem.js';
