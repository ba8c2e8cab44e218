/**
 * Correction suggestions a reader sent with their address: exported with their passage and
 * state; on deletion the suggestion stays for the editors (it is about the article), with
 * the reader's name and address erased.
 *
 * @example
 *   registerPrivacyRoutes(http, { ...services, personalData: [correctionsPersonalData(db)] });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { PersonalDataSource } from '../../platform/personal-data.js';
import type { CorrectionTables } from './tables.js';

export function correctionsPersonalData(handle: Kysely<Database>): PersonalDataSource {
  const db = handle.withTables<CorrectionTables>();
  return {
    kind: 'correctionSuggestions',
    async find(who) {
      return db
        .selectFrom('correction_suggestions')
        .select(['id', 'article_id as articleId', 'passage', 'replacement', 'note', 'reader_name as name', 'reader_email as email', 'status', 'created_at as at'])
        .where('reader_email', '=', who.email)
        .execute();
    },
    async erase(who) {
      const result = await db.updateTable('correction_suggestions').set({ reader_name: '', reader_email: '' }).where('reader_email', '=', who.email).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
