/**
 * Reads published articles and pages as plain text for the site vocabulary: title,
 * subtitle and body. Straight from the `articles` table, as the search index does
 * (search/document.ts): the content service has no bulk read with bodies, and reading a
 * large archive article by article would cost three queries each.
 *
 * @example
 *   for await (const batch of publishedTexts(db).all()) console.log(batch.length);
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { bodyToText, type Block } from '../../content/index.js';
import type { PublishedSource, PublishedText } from './vocabulary.js';

const BATCH = 200;

function toText(row: { id: number; title: string; subtitle: string; body: string }): PublishedText {
  let body = '';
  try {
    const blocks: unknown = JSON.parse(row.body);
    // Code is not language: identifiers there would teach the vocabulary nonsense.
    body = Array.isArray(blocks) ? bodyToText(blocks as Block[], { code: false }) : '';
  } catch {
    // A body that does not parse teaches nothing rather than stopping the rest.
  }
  return { id: row.id, text: [row.title, row.subtitle, body].filter(Boolean).join('\n\n') };
}

export function publishedTexts(db: Kysely<Database>): PublishedSource {
  const columns = ['id', 'title', 'subtitle', 'body'] as const;
  return {
    async *all() {
      // Keyset pages, so a large archive never sits in memory as one result.
      for (let after = 0; ; ) {
        const rows = await db
          .selectFrom('articles')
          .select(columns)
          .where('status', '=', 'published')
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) return;
        yield rows.map(toText);
        after = rows.at(-1)!.id;
      }
    },
    async one(id) {
      const row = await db
        .selectFrom('articles')
        .select(columns)
        .where('id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst();
      return row ? toText(row) : null;
    },
  };
}
