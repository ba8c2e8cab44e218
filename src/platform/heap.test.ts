// heap.ts: serving processes let their heaps grow further between full collections,
// unless the operator chose a growing factor themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAP_GROWING_PERCENT, growHeapsForServing, operatorChoseExternal, operatorChoseGrowth } from './heap.js';

test('an operator\'s own --heap-growing-percent is kept, on the command line or in NODE_OPTIONS', () => {
  assert.equal(operatorChoseGrowth(['--heap-growing-percent=50'], ''), true);
  assert.equal(operatorChoseGrowth(['--heap_growing_percent', '50'], ''), true);
  assert.equal(operatorChoseGrowth([], '--max-old-space-size=512 --heap-growing-percent=80'), true);
  assert.equal(operatorChoseGrowth(['--import', 'tsx', '--max-semi-space-size=8'], '--enable-source-maps'), false);
  assert.equal(growHeapsForServing(['--heap-growing-percent=50'], ''), null);
});

test('without one, the serving factor is set (its effect on collections is measured in bench/PROFILE.md section 9)', () => {
  assert.equal(growHeapsForServing([], ''), HEAP_GROWING_PERCENT);
});

test('an operator\'s own choice on memory outside the heap is kept, either way', () => {
  assert.equal(operatorChoseExternal(['--no-external-memory-accounted-in-global-limit'], ''), true);
  assert.equal(operatorChoseExternal([], '--external_memory_accounted_in_global_limit'), true);
  assert.equal(operatorChoseExternal(['--heap-growing-percent=50'], '--max-old-space-size=512'), false);
});
