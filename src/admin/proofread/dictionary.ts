/**
 * The newsroom dictionary: words the staff add ("Lindenau", "Bürgergeld", "Kyjiw"),
 * accepted in every language. Read from the database on every check (a few hundred rows),
 * so an entry added on one node counts on all of them at once.
 *
 * @example
 *   const dictionary = createNewsroomDictionary(db);
 *   await dictionary.add('Lindenau', { id: 1, name: 'Jana' });
 *   (await dictionary.known()).has('Lindenaus'); // true
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { knownWords } from './known.js';
import type { ProofreadTables, ProofreadWordRow } from './tables.js';
import type { KnownWords } from './types.js';

export const MAX_WORD = 64;
/** One word: letters and digits, joined by hyphens, apostrophes or dots ("z.B."). */
export const WORD_PATTERN = "^[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}'’.\\-]*$";
const WORD = new RegExp(WORD_PATTERN, 'u');

export interface DictionaryEntry {
  id: number;
  word: string;
  createdBy: string;
  createdAt: string;
}

const toEntry = (row: ProofreadWordRow): DictionaryEntry => ({
  id: row.id, word: row.word, createdBy: row.created_by, createdAt: row.created_at,
});

/**
 * The word as stored: trimmed and in composed Unicode (NFC), as Hunspell compares.
 *
 * @example
 *   normaliseWord('  Lindenau '); // 'Lindenau'
 *   normaliseWord('zwei Wörter'); // throws AppError VALIDATION, field 'word'
 */
export function normaliseWord(input: unknown): string {
  const word = typeof input === 'string' ? input.trim().normalize('NFC') : '';
  if (!word || word.length > MAX_WORD || !WORD.test(word)) {
    throw new AppError('VALIDATION', { field: 'word', detail: `one word of at most ${MAX_WORD} letters` });
  }
  return word;
}

export function createNewsroomDictionary(base: Kysely<Database>, now: () => Date = () => new Date()) {
  const db = base.withTables<ProofreadTables>();
  const find = (word: string) => db.selectFrom('proofread_words').selectAll().where('word', '=', word).executeTakeFirst();

  return {
    async list(): Promise<DictionaryEntry[]> {
      const rows = await db.selectFrom('proofread_words').selectAll().orderBy('word').execute();
      return rows.map(toEntry);
    },

    /** Adds a word; adding one that is there already is not an error (`created: false`). */
    async add(input: unknown, by: { id: number | null; name: string }): Promise<{ entry: DictionaryEntry; created: boolean }> {
      const word = normaliseWord(input);
      const result = await db
        .insertInto('proofread_words')
        .values({ word, created_by_user_id: by.id, created_by: by.name, created_at: now().toISOString() })
        .onConflict((oc) => oc.column('word').doNothing())
        .executeTakeFirst();
      const created = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      return { entry: toEntry((await find(word))!), created };
    },

    async remove(input: unknown): Promise<void> {
      const word = normaliseWord(input);
      const result = await db.deleteFrom('proofread_words').where('word', '=', word).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new AppError('NOT_FOUND', { field: 'word' });
    },

    async known(): Promise<KnownWords> {
      const rows = await db.selectFrom('proofread_words').select('word').execute();
      return knownWords(rows.map((r) => r.word));
    },
  };
}

export type NewsroomDictionary = ReturnType<typeof createNewsroomDictionary>;
