/**
 * The table of `0012_proofread`, kept beside the code that owns it. A type alias, not an
 * interface: Kysely's `withTables` wants a type with an implicit index signature.
 *
 * @example
 *   const db = handle.db.withTables<ProofreadTables>();
 *   await db.selectFrom('proofread_words').select('word').execute();
 */
import type { Generated, Selectable } from 'kysely';

export type ProofreadWordsTable = {
  id: Generated<number>;
  word: string;
  created_by_user_id: number | null;
  /** The name at the time, so the entry still says who added it after the account is gone. */
  created_by: string;
  created_at: string;
};

export type ProofreadTables = {
  proofread_words: ProofreadWordsTable;
};

export type ProofreadWordRow = Selectable<ProofreadWordsTable>;
