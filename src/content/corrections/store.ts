/**
 * SQL for suggestions, public notes and the decision log, written once for SQLite and
 * PostgreSQL. Deciding a suggestion is a conditional update (`where status = 'open'`), so
 * two editors clicking at once cannot both apply it. The log is only ever inserted into.
 *
 * @example
 *   const store = createCorrectionsStore(db);
 *   const id = await store.insertSuggestion({ articleId: 7, passage: 'Urkaine', … });
 *   await store.claim(id, 'applied', { userId: 1, name: 'Chefin' }, now);
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import {
  correctionsDb,
  type CorrectionLogRow,
  type CorrectionsTx,
  type NoteRow,
  type SuggestionKind,
  type SuggestionRow,
  type SuggestionStatus,
} from './tables.js';

export interface Actor {
  userId: number | null;
  name: string;
}

export interface NewSuggestion {
  articleId: number;
  passage: string;
  blockIndex: number | null;
  field: string;
  replacement: string;
  kind: SuggestionKind;
  note: string;
  name: string;
  email: string;
  ipHash: string;
  at: Date;
}

/** A suggestion with its article's title and slug, as the inbox shows it. */
export type InboxRow = SuggestionRow & { article_slug: string; article_title: string };

export interface ListFilter {
  status: SuggestionStatus;
  /** Only articles one of whose authors is this staff account (role author). */
  authorUserId?: number;
  limit: number;
}

export function createCorrectionsStore(base: Kysely<Database>) {
  const db = correctionsDb(base);

  return {
    db,

    async insertSuggestion(s: NewSuggestion): Promise<number> {
      const row = await db
        .insertInto('correction_suggestions')
        .values({
          article_id: s.articleId,
          passage: s.passage,
          block_index: s.blockIndex,
          field: s.field,
          replacement: s.replacement,
          kind: s.kind,
          note: s.note,
          reader_name: s.name,
          reader_email: s.email,
          ip_hash: s.ipHash,
          status: 'open',
          created_at: s.at.toISOString(),
          decided_at: null,
          decided_by_user_id: null,
          decided_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async suggestion(id: number): Promise<SuggestionRow | undefined> {
      return db.selectFrom('correction_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The inbox; the author filter sits in the query, so an author never loads others' rows. */
    async list(filter: ListFilter): Promise<InboxRow[]> {
      let query = db
        .selectFrom('correction_suggestions')
        .innerJoin('articles', 'articles.id', 'correction_suggestions.article_id')
        .selectAll('correction_suggestions')
        .select(['articles.slug as article_slug', 'articles.title as article_title'])
        .where('correction_suggestions.status', '=', filter.status);
      if (filter.authorUserId !== undefined) {
        const userId = filter.authorUserId;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('article_authors')
              .innerJoin('authors', 'authors.id', 'article_authors.author_id')
              .select('article_authors.article_id')
              .whereRef('article_authors.article_id', '=', 'correction_suggestions.article_id')
              .where('authors.user_id', '=', userId),
          ),
        );
      }
      return query.orderBy('correction_suggestions.id', filter.status === 'open' ? 'asc' : 'desc').limit(filter.limit).execute();
    },

    /**
     * Moves an open suggestion to `status`; false when it was no longer open (someone
     * else decided first).
     */
    async claim(id: number, status: Exclude<SuggestionStatus, 'open'>, actor: Actor, at: Date, tx: CorrectionsTx = db): Promise<boolean> {
      const result = await tx
        .updateTable('correction_suggestions')
        .set({ status, decided_at: at.toISOString(), decided_by_user_id: actor.userId, decided_by: actor.name.slice(0, 200) })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Undoes a claim whose change could not be made, so the suggestion stays in the inbox. */
    async release(id: number): Promise<void> {
      await db
        .updateTable('correction_suggestions')
        .set({ status: 'open', decided_at: null, decided_by_user_id: null, decided_by: null })
        .where('id', '=', id)
        .execute();
    },

    async insertNote(note: { articleId: number; suggestionId: number | null; text: string; actor: Actor; at: Date }, tx: CorrectionsTx = db): Promise<NoteRow> {
      return tx
        .insertInto('correction_notes')
        .values({
          article_id: note.articleId,
          suggestion_id: note.suggestionId,
          text: note.text,
          created_at: note.at.toISOString(),
          created_by_user_id: note.actor.userId,
          created_by: note.actor.name.slice(0, 200),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Public notes of many articles in one query, oldest first per article. */
    async notesFor(articleIds: readonly number[]): Promise<NoteRow[]> {
      if (articleIds.length === 0) return [];
      return db
        .selectFrom('correction_notes')
        .selectAll()
        .where('article_id', 'in', [...new Set(articleIds)])
        .orderBy('article_id')
        .orderBy('id')
        .execute();
    },

    async writeLog(
      entry: { action: 'apply' | 'dismiss' | 'note'; suggestionId: number | null; articleId: number; actor: Actor; reason: string; detail: string; at: Date },
      tx: CorrectionsTx = db,
    ): Promise<void> {
      await tx
        .insertInto('correction_log')
        .values({
          action: entry.action,
          suggestion_id: entry.suggestionId,
          article_id: entry.articleId,
          actor_user_id: entry.actor.userId,
          actor: entry.actor.name.slice(0, 200),
          reason: entry.reason.slice(0, 2000),
          detail: entry.detail.slice(0, 2000),
          created_at: entry.at.toISOString(),
        })
        .execute();
    },

    async log(filter: { articleId?: number; limit: number }): Promise<CorrectionLogRow[]> {
      let query = db.selectFrom('correction_log').selectAll();
      if (filter.articleId !== undefined) query = query.where('article_id', '=', filter.articleId);
      return query.orderBy('id', 'desc').limit(filter.limit).execute();
    },
  };
}

export type CorrectionsStore = ReturnType<typeof createCorrectionsStore>;
