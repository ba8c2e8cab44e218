/**
 * Keeps the index in step with content: every saved, published or deleted article is
 * re-read and indexed or removed (`index` decides which), and a tag change rebuilds the
 * index because tag names are part of every tagged article's document.
 *
 * @example
 *   const stop = connectSearchIndex(bus, search);
 */
import type { EventBus } from '../platform/events.js';
import type { SearchService } from './service.js';

export function connectSearchIndex(bus: EventBus, search: Pick<SearchService, 'index' | 'reindexAll' | 'forget'>): () => void {
  // Snippets made of the old text are forgotten at once (`index` forgets them again once the
  // index holds the new text: a search in between may have read the old one).
  const reindex = async ({ articleId }: { articleId: number }) => {
    search.forget(articleId);
    await search.index(articleId);
  };
  const stops = [
    bus.on('article.saved', reindex),
    bus.on('article.published', reindex),
    bus.on('article.deleted', reindex),
    bus.on('taxonomy.changed', async ({ kind }) => {
      if (kind !== 'tag') return;
      search.forget();
      await search.reindexAll();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
