/**
 * An article's address follows its title until it is first published (Ghost and
 * WordPress do the same): a typo fixed in a draft's title is fixed in its address too,
 * and nobody outside the newsroom has seen the old one, so it leaves no redirect. From
 * the first publication on, or once someone types an address by hand, it stays; a later
 * change by hand leaves a redirect (service.ts). The rule is applied by the article
 * operations (operations.ts); this file holds its pieces.
 *
 * @example
 *   await freeSlug(db, 'stadtrat-tagt', 7); // 'stadtrat-tagt', or 'stadtrat-tagt-2' when another article has it
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { isValidSlug, slugify } from './slug.js';

type Db = Kysely<Database>;

/**
 * The one column this rule adds (0045_slug_follows_title). Kept out of the shared row type so
 * that the article reads (store.ts), which never need it, stay as they are.
 */
export const withFollowFlag = (db: Db) => db.withTables<{ articles: { id: number; slug_follows_title: number } }>();

/** Sets whether the article's address follows its title. */
export async function setSlugFollows(db: Db, articleId: number, follows: boolean): Promise<void> {
  await withFollowFlag(db).updateTable('articles').set({ slug_follows_title: follows ? 1 : 0 }).where('id', '=', articleId).execute();
}

/** Whether `slug` is taken by another article, now or as one of its old addresses. */
async function takenByOther(db: Db, slug: string, articleId: number | null): Promise<boolean> {
  const article = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
  if (article && article.id !== articleId) return true;
  const redirect = await db.selectFrom('slug_redirects').select('article_id').where('old_slug', '=', slug).executeTakeFirst();
  return Boolean(redirect && redirect.article_id !== articleId);
}

/** The title's address, or with -2, -3 … when another article has it; null when the title gives none. */
export async function freeSlug(db: Db, title: string, articleId: number | null): Promise<string | null> {
  const base = slugify(title);
  if (!base) return null;
  for (let n = 1; n < 100; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const candidate = base.slice(0, 80 - suffix.length).replace(/-+$/, '') + suffix;
    if (isValidSlug(candidate) && !(await takenByOther(db, candidate, articleId))) return candidate;
  }
  return null;
}

/** Whether the article's address still follows its title. */
export async function slugFollowsTitle(db: Db, articleId: number): Promise<boolean> {
  const row = await withFollowFlag(db).selectFrom('articles').select('slug_follows_title').where('id', '=', articleId).executeTakeFirst();
  return row?.slug_follows_title === 1;
}
