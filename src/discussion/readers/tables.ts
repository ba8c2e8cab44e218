/**
 * The tables of `0018_readers`, kept beside the code that owns them. Type aliases, not
 * interfaces: Kysely's `withTables` wants types with an implicit index signature.
 *
 * @example
 *   const db = handle.db.withTables<ReaderTables>();
 *   await db.selectFrom('readers').select('name').where('id', '=', 7).executeTakeFirst();
 */
import type { Generated, Selectable } from 'kysely';

export type ReadersTable = {
  id: Generated<number>;
  /** Lower-cased; the address the sign-in links go to and reply notifications use. */
  email: string;
  name: string;
  created_at: string;
  last_login_at: string;
};

/** One signed-in browser: the hash of its `bw_sid` cookie, never the cookie itself. */
export type ReaderSessionsTable = {
  id_hash: string;
  reader_id: number;
  created_at: string;
  expires_at: string;
};

/** A mailed sign-in link: good once (`used_at`), until `expires_at`. */
export type ReaderLoginsTable = {
  token_hash: string;
  email: string;
  /** Site-relative path to go back to after signing in. */
  return_to: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** Commenters a reader chose not to see: opaque commenter keys (see key.ts). */
export type ReaderMutesTable = {
  reader_id: number;
  muted_key: string;
  created_at: string;
};

export type ReaderTables = {
  readers: ReadersTable;
  reader_sessions: ReaderSessionsTable;
  reader_logins: ReaderLoginsTable;
  reader_mutes: ReaderMutesTable;
};

export type ReaderRow = Selectable<ReadersTable>;
