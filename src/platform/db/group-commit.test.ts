// Group commit (group-commit.ts) on real SQLite, and PostgreSQL when BLATTWERK_TEST_PG_URL is set:
// writes of one turn share a transaction, each caller gets its own result after the commit,
// and a write that fails fails alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Generated, type Kysely } from 'kysely';
import { createGroupCommit } from './group-commit.js';
import { bareDatabases } from '../testing.js';

interface Notes {
  notes: { id: Generated<number>; body: string };
}

test('writes of one turn are committed together; each caller gets its own id; a failing write fails alone', async () => {
  for (const { kind, handle, done } of await bareDatabases()) {
    try {
      const db = handle.db as unknown as Kysely<Notes>;
      const idColumn = kind === 'postgres' ? sql`id serial primary key` : sql`id integer primary key autoincrement`;
      await sql`create table notes (${idColumn}, body text not null unique)`.execute(db);
      const commit = createGroupCommit(db);
      const insert = (body: string) => commit(async (tx) => (await tx.insertInto('notes').values({ body }).returning('id').executeTakeFirstOrThrow()).id);
      const results = await Promise.allSettled([
        ...Array.from({ length: 50 }, (_, i) => insert(`note ${i}`)),
        insert('note 7'), // breaks the unique rule: only this one may fail
      ]);
      const ids = results.slice(0, 50).map((r) => (r.status === 'fulfilled' ? r.value : -1));
      assert.equal(new Set(ids).size, 50, `${kind}: fifty different ids`);
      assert.ok(ids.every((id) => id > 0), `${kind}: every good write acknowledged`);
      assert.equal(results[50]!.status, 'rejected', `${kind}: the duplicate refused`);
      const rows = await sql<{ n: number }>`select count(*) as n from notes`.execute(db);
      assert.equal(Number(rows.rows[0]!.n), 50, `${kind}: fifty rows stored, none twice`);
      // And again in a later turn: the queue keeps working after a failed group.
      assert.ok((await insert('later')) > 0);
    } finally {
      await done();
    }
  }
});
