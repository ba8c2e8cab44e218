/**
 * Related articles change only when an article is saved, so the answer is kept in
 * memory until then; computing it costs several index queries, and an article page
 * asks for it on every render.
 *
 * @example
 *   const related = cachedRelated(search, bus);
 *   await related(12, 3); // computed once, then from memory until an article changes
 */
import type { EventBus } from '../platform/events.js';
import type { SearchService } from './service.js';

export function cachedRelated(search: Pick<SearchService, 'related'>, bus: EventBus, maxEntries = 5000) {
  const memo = new Map<string, Promise<number[]>>();
  const clear = () => memo.clear();
  bus.on('article.saved', clear);
  bus.on('article.published', clear);
  bus.on('article.deleted', clear);
  bus.on('taxonomy.changed', clear);
  return (articleId: number, limit = 3, now?: Date): Promise<number[]> => {
    const key = `${articleId}:${limit}`;
    let hit = memo.get(key);
    if (!hit) {
      if (memo.size >= maxEntries) memo.clear();
      hit = search.related(articleId, limit, now).catch((error: unknown) => {
        memo.delete(key);
        throw error;
      });
      memo.set(key, hit);
    }
    return hit;
  };
}
