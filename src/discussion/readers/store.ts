/**
 * The SQL of reader accounts, written once for SQLite and PostgreSQL. Times are ISO
 * strings, so "not expired" is a text comparison in both databases.
 *
 * @example
 *   const store = createReaderStore(handle.db);
 *   const reader = await store.bySession(sessionHash(sid), new Date().toISOString());
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { ReaderLoginsTable, ReaderRow, ReaderTables } from './tables.js';

/** More than anyone mutes by hand; keeps `/api/v1/me` small. */
export const MAX_MUTES = 1000;

export function createReaderStore(base: Kysely<Database>) {
  const db = base.withTables<ReaderTables>();

  return {
    async byEmail(email: string): Promise<ReaderRow | undefined> {
      return db.selectFrom('readers').selectAll().where('email', '=', email).executeTakeFirst();
    },

    /** Finds or creates the account of `email`; two confirmations at once end in one row. */
    async signedIn(email: string, name: string, at: string): Promise<ReaderRow> {
      await db
        .insertInto('readers')
        .values({ email, name, created_at: at, last_login_at: at })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
      await db.updateTable('readers').set({ last_login_at: at }).where('email', '=', email).execute();
      return (await this.byEmail(email))!;
    },

    async bySession(idHash: string, now: string): Promise<ReaderRow | undefined> {
      return db
        .selectFrom('reader_sessions')
        .innerJoin('readers', 'readers.id', 'reader_sessions.reader_id')
        .selectAll('readers')
        .where('reader_sessions.id_hash', '=', idHash)
        .where('reader_sessions.expires_at', '>', now)
        .executeTakeFirst();
    },

    async addSession(idHash: string, readerId: number, at: string, expiresAt: string): Promise<void> {
      await db.insertInto('reader_sessions').values({ id_hash: idHash, reader_id: readerId, created_at: at, expires_at: expiresAt }).execute();
    },

    async dropSession(idHash: string): Promise<void> {
      await db.deleteFrom('reader_sessions').where('id_hash', '=', idHash).execute();
    },

    async addLogin(row: ReaderLoginsTable): Promise<void> {
      await db.insertInto('reader_logins').values(row).execute();
    },

    /** The link if it is unused and unexpired at `now`. */
    async openLogin(tokenHash: string, now: string) {
      return db
        .selectFrom('reader_logins')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },

    /** Marks the link used; false when someone else used it first (two clicks, two tabs). */
    async useLogin(tokenHash: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('reader_logins')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async pruneLogins(before: string): Promise<void> {
      await db.deleteFrom('reader_logins').where('expires_at', '<', before).execute();
    },

    async mutes(readerId: number): Promise<string[]> {
      const rows = await db.selectFrom('reader_mutes').select('muted_key').where('reader_id', '=', readerId).orderBy('created_at').limit(MAX_MUTES).execute();
      return rows.map((row) => row.muted_key);
    },

    async mute(readerId: number, key: string, at: string): Promise<void> {
      await db
        .insertInto('reader_mutes')
        .values({ reader_id: readerId, muted_key: key, created_at: at })
        .onConflict((oc) => oc.columns(['reader_id', 'muted_key']).doNothing())
        .execute();
    },

    async unmute(readerId: number, key: string): Promise<void> {
      await db.deleteFrom('reader_mutes').where('reader_id', '=', readerId).where('muted_key', '=', key).execute();
    },

    async muteCount(readerId: number): Promise<number> {
      const row = await db.selectFrom('reader_mutes').select((eb) => eb.fn.countAll<number>().as('n')).where('reader_id', '=', readerId).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type ReaderStore = ReturnType<typeof createReaderStore>;
