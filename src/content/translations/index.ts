/**
 * Translations: an article linked to the same story in the other language. The link is
 * symmetric (one row each way) and one per language: linking a new German version of an
 * English article replaces the old one. Readers see both pages carry `hreflang` alternates
 * and a visible switch; only published, due counterparts are shown.
 *
 * @example
 *   const translations = createTranslations({ db, bus, now });
 *   await translations.link(caller, 12, 31);   // 12 (de) ⇄ 31 (en)
 *   await translations.of(12);                 // [{ id: 31, lang: 'en', slug: 'council-budget', title: '…' }]
 */
import type { Kysely } from 'kysely';
import { hasRole, type Caller } from '../../platform/caller.js';
import type { Database } from '../../platform/db/schema.js';
import type { Migration } from '../../platform/db/migrate.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import { isLanguage, type Language } from '../../platform/i18n.js';

export type TranslationsTable = { article_id: number; translation_id: number; created_at: string };
type Tables = { article_translations: TranslationsTable };

export const translationsMigrations: Migration[] = [
  {
    name: '0060_article_translations',
    async up(db) {
      await db.schema
        .createTable('article_translations')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('translation_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_translations_pk', ['article_id', 'translation_id'])
        .execute();
    },
  },
];

/** A published counterpart of an article, as the page links it. */
export interface TranslationLink {
  id: number;
  lang: Language;
  slug: string;
  title: string;
}

export interface TranslationsDeps {
  db: Kysely<Database>;
  bus: Pick<EventBus, 'emit'>;
  now: () => Date;
}

export function createTranslations(deps: TranslationsDeps) {
  const db = deps.db.withTables<Tables>();

  async function article(id: number) {
    const row = await db.selectFrom('articles').select(['id', 'lang', 'kind']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { field: 'translationId' });
    return row;
  }

  function mayLink(caller: Caller) {
    if (!hasRole(caller, ['admin', 'editor'])) throw new AppError('FORBIDDEN');
  }

  async function changed(ids: number[]) {
    const rows = ids.length ? await db.selectFrom('articles').select(['id', 'slug', 'status']).where('id', 'in', ids).execute() : [];
    for (const row of rows) await deps.bus.emit('article.saved', { articleId: row.id, slug: row.slug, status: row.status });
  }

  return {
    /** Links two articles in different languages, replacing either one's link in that language. */
    async link(caller: Caller, articleId: number, translationId: number): Promise<void> {
      mayLink(caller);
      const [a, b] = await Promise.all([article(articleId), article(translationId)]);
      if (a.lang === b.lang) throw new AppError('TRANSLATION_SAME_LANGUAGE', { field: 'translationId' });
      const at = deps.now().toISOString();
      await db.transaction().execute(async (tx) => {
        // One counterpart per language: drop both sides' old links in the other's language.
        for (const [self, other] of [[a, b], [b, a]] as const) {
          const old = await tx
            .selectFrom('article_translations')
            .innerJoin('articles', 'articles.id', 'article_translations.translation_id')
            .select('article_translations.translation_id')
            .where('article_translations.article_id', '=', self.id)
            .where('articles.lang', '=', other.lang)
            .execute();
          for (const { translation_id } of old) {
            await tx.deleteFrom('article_translations').where((eb) => eb.or([
              eb.and([eb('article_id', '=', self.id), eb('translation_id', '=', translation_id)]),
              eb.and([eb('article_id', '=', translation_id), eb('translation_id', '=', self.id)]),
            ])).execute();
          }
        }
        await tx.insertInto('article_translations').values([
          { article_id: a.id, translation_id: b.id, created_at: at },
          { article_id: b.id, translation_id: a.id, created_at: at },
        ]).execute();
      });
      // Both pages show the other: each one's cached page goes.
      await changed([a.id, b.id]);
    },

    async unlink(caller: Caller, articleId: number): Promise<void> {
      mayLink(caller);
      const others = await db.selectFrom('article_translations').select('translation_id').where('article_id', '=', articleId).execute();
      await db.deleteFrom('article_translations').where((eb) => eb.or([eb('article_id', '=', articleId), eb('translation_id', '=', articleId)])).execute();
      await changed([articleId, ...others.map((o) => o.translation_id)]);
    },

    /** The published, due counterparts of an article (what readers may follow). */
    async of(articleId: number): Promise<TranslationLink[]> {
      const rows = await db
        .selectFrom('article_translations')
        .innerJoin('articles', 'articles.id', 'article_translations.translation_id')
        .select(['articles.id', 'articles.lang', 'articles.slug', 'articles.title'])
        .where('article_translations.article_id', '=', articleId)
        .where('articles.status', '=', 'published')
        .where('articles.published_at', '<=', deps.now().toISOString())
        .orderBy('articles.lang')
        .execute();
      return rows.flatMap((r) => (isLanguage(r.lang) ? [{ id: r.id, lang: r.lang, slug: r.slug, title: r.title }] : []));
    },
  };
}

export type Translations = ReturnType<typeof createTranslations>;
