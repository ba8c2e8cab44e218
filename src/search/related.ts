/**
 * "Related articles" from the text: an article is described by its most distinctive
 * stemmed terms (frequent in it, rare elsewhere: tf × idf), the index is asked for
 * articles matching any of them, and the answer is re-ranked to prefer the same language
 * and, a little, shared tags. The pure parts live here so they can be tested alone.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { SimilarHit } from './backend.js';

/** Enough to pin a topic down; more terms drift into incidental words. */
export const RELATED_TERMS = 12;
/**
 * Terms whose document frequency is looked up, most frequent first. Bounds the work for
 * long articles; a term used once in a long text rarely makes the top 12 anyway.
 */
export const CANDIDATE_TERMS = 150;
/** Score factor for an article in another language: still possible, rarely preferred. */
const OTHER_LANGUAGE = 0.5;
/** Score bonus per shared tag, capped, so tags break ties but cannot outvote the text. */
const TAG_BONUS = 0.1;
const MAX_TAG_BONUS = 0.3;

/**
 * The terms worth looking up: highest weighted frequency first, longer terms first on ties.
 *
 * @example
 *   candidateTerms(new Map([['rat', 2], ['haushalt', 5]])); // ['haushalt', 'rat']
 */
export function candidateTerms(tf: ReadonlyMap<string, number>, max = CANDIDATE_TERMS): string[] {
  return [...tf]
    .sort(([a, x], [b, y]) => y - x || b.length - a.length || (a < b ? -1 : 1))
    .slice(0, max)
    .map(([term]) => term);
}

/**
 * The `count` terms with the highest tf × ln(total / df). Terms only this article has
 * (df ≤ 1) cannot lead anywhere, terms in (nearly) every article describe nothing.
 *
 * @example
 *   distinctiveTerms(new Map([['haushalt', 5], ['jahr', 5]]), new Map([['haushalt', 3], ['jahr', 20]]), 20);
 *   // ['haushalt']
 */
export function distinctiveTerms(
  tf: ReadonlyMap<string, number>,
  df: ReadonlyMap<string, number>,
  total: number,
  count = RELATED_TERMS,
): string[] {
  const scored: [string, number][] = [];
  for (const [term, docs] of df) {
    const idf = Math.log(total / docs);
    if (docs > 1 && idf > 0) scored.push([term, (tf.get(term) ?? 0) * idf]);
  }
  return scored
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, count)
    .map(([term]) => term);
}

/**
 * Orders similar articles: text score, scaled down for another language, up for shared tags.
 *
 * @example
 *   rerank([{ articleId: 2, lang: 'en', score: 3 }, { articleId: 3, lang: 'de', score: 2 }], 'de', new Map());
 *   // [3, 2]
 */
export function rerank(hits: readonly SimilarHit[], lang: string, sharedTags: ReadonlyMap<number, number>): number[] {
  return hits
    .map((hit, position) => {
      const tags = Math.min(MAX_TAG_BONUS, TAG_BONUS * (sharedTags.get(hit.articleId) ?? 0));
      const score = hit.score * (hit.lang === lang ? 1 : OTHER_LANGUAGE) * (1 + tags);
      return { id: hit.articleId, score, position };
    })
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .map((hit) => hit.id);
}

/** For each of `ids` that shares tags with `articleId`: how many. */
export async function sharedTagCounts(db: Kysely<Database>, articleId: number, ids: readonly number[]) {
  const counts = new Map<number, number>();
  if (ids.length === 0) return counts;
  const rows = await db
    .selectFrom('article_tags')
    .select(['article_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('article_id', 'in', [...ids])
    .where('tag_id', 'in', (qb) => qb.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId))
    .groupBy('article_id')
    .execute();
  for (const row of rows) counts.set(row.article_id, Number(row.n));
  return counts;
}
