// Durable commits on SQLite (durable.ts): the group's transaction runs at synchronous = NORMAL
// and nothing else does; a write is acknowledged only after the WAL has been synced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Generated, type Kysely } from 'kysely';
import { openDatabase } from './index.js';
import { relaxedCommits, walSync } from './durable.js';
import { createGroupCommit } from './group-commit.js';

interface Notes {
  notes: { id: Generated<number>; body: string };
}

/** A sync the test finishes by hand, noting the connection's level when it began. */
function heldSync(level: () => number) {
  const calls: { level: number; finish: () => void }[] = [];
  const datasync = () => new Promise<void>((resolve) => calls.push({ level: level(), finish: resolve }));
  return { calls, datasync };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function sqliteNotes() {
  const dir = mkdtempSync(join(tmpdir(), 'bw-durable-'));
  const handle = await openDatabase(`sqlite:${join(dir, 'test.db')}`);
  const db = handle.db as unknown as Kysely<Notes>;
  await sql`create table notes (id integer primary key autoincrement, body text not null)`.execute(db);
  const level = () => handle.sqlite!.pragma('synchronous', { simple: true }) as number;
  return { handle, db, level, done: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
}

test('a group is acknowledged only after its WAL sync, and only its own transaction runs at NORMAL', async () => {
  const { handle, db, level, done } = await sqliteNotes();
  try {
    const held = heldSync(level);
    const durably = relaxedCommits(db, handle.sqlite!, walSync('unused', held.datasync));
    const commit = createGroupCommit(db, { durably });
    const seen: string[] = [];
    let insideLevel = -1;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const grouped = commit(async (tx) => {
      insideLevel = level();
      await gate; // the transaction stays open while another write asks for the connection
      return (await tx.insertInto('notes').values({ body: 'grouped' }).returning('id').executeTakeFirstOrThrow()).id;
    }).then((id) => (seen.push('grouped acknowledged'), id));
    await turn();
    const plain = db.insertInto('notes').values({ body: 'plain' }).execute().then(() => seen.push(`plain written at ${level()}`));
    await turn();
    assert.deepEqual(seen, [], 'the plain write waits for the connection');
    release();
    await plain;
    await turn();
    assert.equal(insideLevel, 1, 'the group ran at NORMAL');
    assert.deepEqual(seen, ['plain written at 2'], 'the plain write ran after FULL was back; the group is not yet acknowledged');
    assert.equal(held.calls.length, 1, 'the WAL sync was asked for');
    assert.equal(held.calls[0]!.level, 2, 'FULL is restored before the sync');
    await turn();
    assert.deepEqual(seen, ['plain written at 2'], 'no acknowledgement before the sync has finished');
    held.calls[0]!.finish();
    assert.ok((await grouped) > 0);
    assert.deepEqual(seen, ['plain written at 2', 'grouped acknowledged']);
    assert.equal(level(), 2, 'the connection stays at FULL');
  } finally {
    await done();
  }
});

test('syncs are coalesced: a commit while one runs waits for the next, which starts after it', async () => {
  const calls: (() => void)[] = [];
  const wal = walSync('unused', () => new Promise<void>((resolve) => calls.push(resolve)));
  const order: string[] = [];
  const first = wal.after().then(() => order.push('first'));
  const second = wal.after().then(() => order.push('second'));
  const third = wal.after().then(() => order.push('third'));
  assert.equal(calls.length, 1, 'one sync at a time');
  calls[0]!();
  await first;
  await turn();
  assert.deepEqual(order, ['first'], 'commits made while the first sync ran are not covered by it');
  assert.equal(calls.length, 1 + 1, 'one more sync for both');
  calls[1]!();
  await Promise.all([second, third]);
  assert.deepEqual(order, ['first', 'second', 'third']);
  await wal.close();
});

test('the handle syncs the real WAL file, and closing waits for it', async () => {
  const { handle, db, level, done } = await sqliteNotes();
  try {
    const { result, onDisk } = await handle.durably((tx) => sql`insert into notes (body) values ('kept')`.execute(tx));
    assert.equal(result.numAffectedRows, 1n);
    assert.equal(level(), 2);
    assert.ok(existsSync(`${handle.sqlite!.name}-wal`));
    await onDisk;
    const rows = await db.selectFrom('notes').select('body').execute();
    assert.deepEqual(rows, [{ body: 'kept' }]);
  } finally {
    await done();
  }
});
