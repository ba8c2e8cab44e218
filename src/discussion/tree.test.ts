import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTree, countVisible, type TreeInput } from './tree.js';

const c = (id: number, parentId: number | null, minute: number, likes = 0, visible = true): TreeInput => ({
  id,
  parentId,
  likes,
  createdAt: `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  visible,
});

test('nests replies under their parents, oldest first', () => {
  const tree = buildTree([c(3, 1, 3), c(1, null, 1), c(2, 1, 2), c(4, 2, 4), c(5, null, 5)], { sort: 'oldest' });
  assert.deepEqual(tree.map((n) => n.comment.id), [1, 5]);
  assert.deepEqual(tree[0]!.children.map((n) => n.comment.id), [2, 3]);
  assert.deepEqual(tree[0]!.children[0]!.children.map((n) => n.comment.id), [4]);
  assert.equal(countVisible(tree), 5);
});

test('sorts top-level comments by newest or most liked; replies stay chronological', () => {
  const rows = [c(1, null, 1, 5), c(2, null, 2, 9), c(3, null, 3, 0), c(4, 1, 4, 100), c(5, 1, 5, 0)];
  assert.deepEqual(buildTree(rows, { sort: 'newest' }).map((n) => n.comment.id), [3, 2, 1]);
  const liked = buildTree(rows, { sort: 'liked' });
  assert.deepEqual(liked.map((n) => n.comment.id), [2, 1, 3]);
  assert.deepEqual(liked[1]!.children.map((n) => n.comment.id), [4, 5]);
});

test('a removed comment with replies stays as a placeholder; without replies it is gone', () => {
  const tree = buildTree([c(1, null, 1, 0, false), c(2, 1, 2), c(3, null, 3, 0, false)], { sort: 'oldest' });
  assert.deepEqual(tree.map((n) => [n.comment.id, n.comment.visible]), [[1, false]]);
  assert.equal(tree[0]!.children[0]!.comment.id, 2);
  assert.equal(countVisible(tree), 1);
});

test('a reply whose parent is missing is not lost', () => {
  const tree = buildTree([c(7, 99, 1)], { sort: 'oldest' });
  assert.equal(tree[0]!.comment.id, 7);
});
