/**
 * Readers' data rights across capabilities (GDPR Art. 15, 17, 20): each capability that
 * keeps something tied to an e-mail address hands the readers' data page one source that
 * can find, export and erase it. The page asks every source, so a new kind of record joins
 * the export and the deletion by adding a source, not by editing the page.
 *
 * @example
 *   const source: PersonalDataSource = {
 *     kind: 'newsletter',
 *     async find(who) { return rows.filter((r) => r.email_hash === who.hash); },
 *     async erase(who) { return deleted; },
 *   };
 */

/** Whose data: the address as typed (lower-cased) and its keyed hash (`emailHash`). */
export interface DataSubject {
  email: string;
  hash: string;
}

export interface PersonalDataSource {
  /** The export's section name ("comments", "newsletter", …). */
  kind: string;
  /** Everything of this kind tied to the address, as plain JSON-ready records. */
  find(who: DataSubject): Promise<Record<string, unknown>[]>;
  /** Removes it (or, where a record must stay, every personal detail in it); how many records. */
  erase(who: DataSubject, at: Date): Promise<number>;
}
