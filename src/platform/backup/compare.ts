/**
 * For the backup tests: every row of every backed-up table as sorted JSON lines, so two
 * databases (of either kind) can be compared table by table, row by row.
 *
 * @example
 *   assert.deepEqual(await dumpTables(restored), await dumpTables(source));
 */
import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../db/index.js';
import { readCatalog } from './catalog.js';
import { readRows } from './rows.js';
import { encodeValue } from './values.js';

export async function dumpTables(handle: Pick<DatabaseHandle, 'db' | 'dialect'>): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of await readCatalog(handle.db, handle.dialect)) {
    const rows: string[] = [];
    for await (const row of readRows(handle.db, handle.dialect, table)) {
      // By column name: the same migrations may order columns differently one day.
      const named = Object.fromEntries(table.columns.map((c, i) => [c, encodeValue(row[i])]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
      rows.push(JSON.stringify(named));
    }
    // Text keys sort differently in the two databases (collations): compare as sets.
    dump[table.name] = rows.sort();
  }
  return dump;
}

/**
 * Fails naming each table that differs and only the rows that differ (a full dump of a
 * few hundred rows would bury the one that matters).
 */
export function assertSameRows(actual: Record<string, string[]>, expected: Record<string, string[]>, label = ''): void {
  const problems: string[] = [];
  for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const a = actual[table];
    const e = expected[table];
    if (!a || !e) {
      problems.push(`${table}: only in ${a ? 'actual' : 'expected'}`);
      continue;
    }
    const missing = e.filter((row) => !a.includes(row));
    const extra = a.filter((row) => !e.includes(row));
    if (missing.length || extra.length || a.length !== e.length) {
      problems.push(`${table} (${a.length} rows, expected ${e.length}):\n  missing ${missing.slice(0, 3).join('\n          ')}\n  extra   ${extra.slice(0, 3).join('\n          ')}`);
    }
  }
  assert.equal(problems.length, 0, `${label}\n${problems.join('\n')}`);
}
