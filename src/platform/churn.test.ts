import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { ChurnTable } from './churn.js';
import { collector } from './testing.js';

test('a churn table keeps, finds, takes and counts entries by number or by text', () => {
  const table = new ChurnTable<string>();
  table.set(1, 'one').set('/suche?q=rat', 'search').set('__proto__', 'odd').set('constructor', 'odder');
  assert.equal(table.size, 4);
  assert.equal(table.get(1), 'one');
  assert.equal(table.get('1'), 'one', 'a number and its text are the same key');
  assert.equal(table.get('__proto__'), 'odd', 'no prototype: any text is a key');
  assert.equal(table.has('toString'), false);
  assert.equal(table.get('toString'), undefined);
  table.set(1, 'eins');
  assert.equal(table.size, 4, 'setting a key again replaces its entry');
  assert.equal(table.take(1), 'eins');
  assert.equal(table.take(1), undefined, 'taken once');
  assert.equal(table.delete('missing'), false);
  assert.equal(table.delete('constructor'), true);
  assert.deepEqual(table.values().sort(), ['odd', 'search']);
  assert.equal(table.size, 2);
  table.clear();
  assert.equal(table.size, 0);
  assert.deepEqual(table.values(), []);
});

/**
 * What young collections keep of values that passed through a table, two at a time, as a
 * render thread's answers do: the old generation's growth over 10,000 entries of ~0.5 KB,
 * after the table's store has once been promoted.
 */
function keptByYoungCollections(table: { set(key: number, value: unknown): unknown; delete(key: number): unknown }): number {
  const gc = collector();
  const oldSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;
  let id = 0;
  const live: number[] = [];
  const churn = (entries: number) => {
    for (let i = 0; i < entries; i++) {
      const key = ++id;
      table.set(key, { key, payload: new Array(64).fill(key) });
      live.push(key);
      if (live.length > 2) table.delete(live.shift()!);
    }
  };
  gc({ type: 'major', execution: 'sync' });
  churn(1000);
  gc({ type: 'minor', execution: 'sync' });
  gc({ type: 'minor', execution: 'sync' }); // the table's store of the moment is now old
  const before = oldSpace();
  for (let round = 0; round < 5; round++) {
    churn(2000);
    gc({ type: 'minor', execution: 'sync' });
  }
  gc({ type: 'minor', execution: 'sync' });
  return oldSpace() - before;
}

test('values that passed through a churn table do not outlive young collections (a Map keeps them until a full one)', () => {
  // The table first: V8 allocates the values of a site whose values lived long (the Map's)
  // straight into the old generation afterwards.
  const churn = keptByYoungCollections(new ChurnTable());
  const map = keptByYoungCollections(new Map());
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MB`;
  // 10,000 values of ~0.5 KB: a Map kept ~5 MB of them on Node 24; the table keeps at most
  // the few entries it holds at each collection (and what the test itself allocates).
  assert.ok(churn < 512 * 1024, `the churn table let ${mb(churn)} into the old generation (a Map: ${mb(map)})`);
});
