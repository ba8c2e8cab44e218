/**
 * Reads articles as the index wants them: plain text of subtitle and body, tag names.
 * Shared by both databases (plain Kysely); loads many articles in two queries.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { isLanguage } from '../platform/i18n.js';
import type { Block } from '../content/index.js';
// Not yet re-exported by content/index.ts; the one reach into another capability's folder.
import { bodyToText } from '../content/index.js';
import type { IndexDocument } from './backend.js';

function plainBody(json: string): string {
  try {
    const blocks: unknown = JSON.parse(json);
    return Array.isArray(blocks) ? bodyToText(blocks as Block[]) : '';
  } catch {
    // A body that does not parse is indexed without text rather than blocking the rest.
    return '';
  }
}

/**
 * Index documents of the given articles that are published (at any time, past or
 * future: the search query hides future ones), keyed by id. Missing ids are absent.
 *
 * @example
 *   const docs = await loadDocuments(db, [7]);
 *   docs.get(7)?.title; // 'Stadtrat beschließt Haushalt'
 */
export async function loadDocuments(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, IndexDocument>> {
  const docs = new Map<number, IndexDocument>();
  if (ids.length === 0) return docs;
  const [rows, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'lang', 'title', 'subtitle', 'body'])
      .where('id', 'in', [...ids])
      .where('status', '=', 'published')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', [...ids])
      .orderBy('article_tags.position')
      .execute(),
  ]);
  const tagNames = new Map<number, string[]>();
  for (const tag of tags) tagNames.set(tag.article_id, [...(tagNames.get(tag.article_id) ?? []), tag.name]);
  for (const row of rows) {
    docs.set(row.id, {
      articleId: row.id,
      lang: isLanguage(row.lang) ? row.lang : 'de',
      title: row.title,
      body: [row.subtitle, plainBody(row.body)].filter(Boolean).join('\n\n'),
      tags: (tagNames.get(row.id) ?? []).join(' '),
    });
  }
  return docs;
}
