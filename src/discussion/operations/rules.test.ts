// The discussion's article cache (rules.ts `cachedArticles`): a burst of posts reads the
// article once; any article event, or the time bound, makes the next post read it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventBus } from '../../platform/events.js';
import { cachedArticles } from './rules.js';

test('the article is read once for a burst of posts, again after an article event or the time bound', async () => {
  const bus = createEventBus({ error: () => undefined });
  let clock = new Date('2026-05-01T10:00:00Z');
  let reads = 0;
  let open = true;
  const article = cachedArticles(async (ref) => ({ ref, commentsOpen: open, read: ++reads }), bus, () => clock, 5_000);
  for (let i = 0; i < 10; i++) assert.equal((await article('stadtrat-tagt')).read, 1);
  assert.equal(reads, 1);
  // The newsroom closes the discussion: the save's event makes the next post see it.
  open = false;
  await bus.emit('article.saved', { articleId: 1, slug: 'stadtrat-tagt', status: 'published' });
  assert.equal((await article('stadtrat-tagt')).commentsOpen, false);
  assert.equal(reads, 2);
  await bus.emit('article.published', { articleId: 1, slug: 'stadtrat-tagt' });
  await article('stadtrat-tagt');
  await bus.emit('article.deleted', { articleId: 1, slug: 'stadtrat-tagt' });
  await article('stadtrat-tagt');
  assert.equal(reads, 4);
  // Without an event (another node missed it), five seconds at most.
  clock = new Date(clock.getTime() + 4_999);
  await article('stadtrat-tagt');
  assert.equal(reads, 4);
  clock = new Date(clock.getTime() + 2);
  await article('stadtrat-tagt');
  assert.equal(reads, 5);
  // A failed read (not found) is not kept.
  const failing = cachedArticles(async () => { throw new Error('NOT_FOUND'); }, bus, () => clock);
  await assert.rejects(failing('gibt-es-nicht'));
  await assert.rejects(failing('gibt-es-nicht'));
});
