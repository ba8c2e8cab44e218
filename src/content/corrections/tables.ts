/**
 * The tables of `0010_corrections`, kept beside the code that owns them. Type aliases, not
 * interfaces: Kysely's `withTables` wants types with an implicit index signature.
 *
 * @example
 *   const db = correctionsDb(handle.db);
 *   await db.selectFrom('correction_suggestions').selectAll().where('status', '=', 'open').execute();
 */
import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export type SuggestionKind = 'typo' | 'fact';
export type SuggestionStatus = 'open' | 'applied' | 'dismissed';

export type SuggestionsTable = {
  id: Generated<number>;
  article_id: number;
  /** The exact text the reader selected, as it stands in the article's source. */
  passage: string;
  /** Where the passage was found when suggested: a block index, or null for title/subtitle. */
  block_index: number | null;
  /** The field inside that block (`text`, `items.2`, `items.0.text`) or `title`/`subtitle`. */
  field: string;
  replacement: string;
  kind: SuggestionKind;
  note: string;
  reader_name: string;
  reader_email: string;
  ip_hash: string;
  status: SuggestionStatus;
  created_at: string;
  decided_at: string | null;
  decided_by_user_id: number | null;
  decided_by: string | null;
};

export type NotesTable = {
  id: Generated<number>;
  article_id: number;
  /** The suggestion that led to the note, if any. */
  suggestion_id: number | null;
  text: string;
  created_at: string;
  created_by_user_id: number | null;
  created_by: string;
};

export type CorrectionLogTable = {
  id: Generated<number>;
  /** `apply`, `dismiss` or `note`. */
  action: string;
  suggestion_id: number | null;
  article_id: number;
  actor_user_id: number | null;
  actor: string;
  /** Why, in the editor's words (may be empty). */
  reason: string;
  /** What exactly changed, e.g. `"Urkaine" → "Ukraine" in body[2].text`. */
  detail: string;
  created_at: string;
};

export type CorrectionTables = {
  correction_suggestions: SuggestionsTable;
  correction_notes: NotesTable;
  correction_log: CorrectionLogTable;
};

export type CorrectionsDatabase = Database & CorrectionTables;
export type CorrectionsDb = Kysely<CorrectionsDatabase>;
export type CorrectionsTx = CorrectionsDb | Transaction<CorrectionsDatabase>;

export type SuggestionRow = Selectable<SuggestionsTable>;
export type NoteRow = Selectable<NotesTable>;
export type CorrectionLogRow = Selectable<CorrectionLogTable>;

/** Our view of the shared database handle. */
export function correctionsDb(db: Kysely<Database>): CorrectionsDb {
  return db.withTables<CorrectionTables>();
}
