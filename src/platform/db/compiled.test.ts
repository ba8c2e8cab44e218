// compiledOnce (compiled.ts): the query is built once and each run binds its own values, in
// the right places, on SQLite and (with BLATTWERK_TEST_PG_URL) PostgreSQL, inside a transaction too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Generated, type Kysely } from 'kysely';
import { compiledOnce } from './compiled.js';
import { bareDatabases } from '../testing.js';

interface Notes {
  notes: { id: Generated<number>; author: string; body: string; stars: number | null };
}

test('built once, each run with its own values; constants stay; works in a transaction', async () => {
  for (const { kind, handle, done } of await bareDatabases()) {
    try {
      const db = handle.db as unknown as Kysely<Notes>;
      const idColumn = kind === 'postgres' ? sql`id serial primary key` : sql`id integer primary key autoincrement`;
      await sql`create table notes (${idColumn}, author text not null, body text not null, stars integer)`.execute(db);
      let builds = 0;
      const insert = compiledOnce((row: { author: string; body: string; stars: number | null }) => (builds++, db.insertInto('notes').values(row).returning('id')));
      const find = compiledOnce((p: { author: string; body: string }) =>
        (builds++, db.selectFrom('notes').select(['id', 'body']).where('author', '=', p.author).where('body', '!=', p.body).where('stars', 'is not', null).orderBy('id').limit(5)));
      const first = (await insert(db, { author: 'ada', body: 'one', stars: 1 })).rows[0]!.id;
      await db.transaction().execute(async (tx) => {
        await insert(tx, { author: 'ada', body: 'two', stars: 2 });
        await insert(tx, { author: 'bob', body: 'three', stars: null });
      });
      await insert(db, { author: 'ada', body: 'four', stars: null });
      assert.equal(builds, 1, `${kind}: the insert was built once`);
      assert.deepEqual((await find(db, { author: 'ada', body: 'two' })).rows, [{ id: first, body: 'one' }], kind);
      assert.deepEqual((await find(db, { author: 'ada', body: 'one' })).rows.map((r) => r.body), ['two'], kind);
      assert.deepEqual((await find(db, { author: 'bob', body: 'x' })).rows, [], `${kind}: a null is stored as null`);
      assert.equal(builds, 2);
    } finally {
      await done();
    }
  }
});
