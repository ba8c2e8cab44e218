import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { gzipPage, reusesEngine } from './gzip.js';

const page = Buffer.from('<article><h2>Haushalt 2027</h2><p>Der Stadtrat berät über Schulen, Busse und Bäder.</p></article>\n'.repeat(90));

test('on this Node the pages go through kept engines (a Node that changed their insides would fall back)', () => {
  assert.equal(reusesEngine(), true);
});

test('every page is a gzip member of its own, whatever came before it at either level', () => {
  const inputs = [page, Buffer.alloc(0), Buffer.from('ä'), randomBytes(300_000), page.subarray(0, 4000), page];
  for (const [i, input] of inputs.entries()) {
    for (const level of [1, 6]) {
      const out = gzipPage(input, level);
      assert.deepEqual(gunzipSync(out), input, `input ${i} at level ${level}`);
      assert.equal(out[0], 0x1f, 'a gzip header');
    }
  }
});

test('level 6 makes the smaller page, level 1 the quicker; the same input gives the same bytes again', () => {
  const quick = gzipPage(page, 1);
  const small = gzipPage(page, 6);
  assert.ok(small.length <= quick.length, `${small.length} at 6, ${quick.length} at 1`);
  assert.deepEqual(gzipPage(page, 1), quick);
  assert.deepEqual(gzipPage(page, 6), small);
});
