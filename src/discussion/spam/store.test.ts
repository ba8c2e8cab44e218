import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../../platform/testing.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { allMigrations } from '../../migrations.js';
import { SpamClassifier } from './bayes.js';
import { spamMigrations } from './migrations.js';
import { createRateLimiter, createSpamStore, type SpamStore } from './store.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

eachDatabase('spam store', (handle) => {
  let store: SpamStore;

  before(async () => {
    // Until the composition root lists 0006_spam, the suite adds it itself.
    const listed = allMigrations.some((m) => m.name === spamMigrations[0]?.name);
    await migrateToLatest(handle(), listed ? allMigrations : [...allMigrations, ...spamMigrations]);
    store = createSpamStore(handle());
  });

  test('max hits in the window are allowed, the next is refused with a retry time', async () => {
    const limiter = createRateLimiter(handle(), { windowSeconds: 60, max: 3 });
    const key = 'comment:ip:aaa';
    for (const s of [0, 10, 20]) assert.deepEqual(await limiter.check(key, at(s)), { allowed: true, retryAfterSeconds: 0 });
    const refused = await limiter.check(key, at(30));
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAfterSeconds, 30); // the hit at 0 leaves the window at 60
    assert.equal(await store.count(key, at(-1)), 3, 'a refused hit is not recorded');
  });

  test('the window slides', async () => {
    const limiter = createRateLimiter(handle(), { windowSeconds: 60, max: 2 });
    const key = 'comment:ip:slide';
    assert.equal((await limiter.check(key, at(0))).allowed, true);
    assert.equal((await limiter.check(key, at(40))).allowed, true);
    assert.deepEqual(await limiter.check(key, at(59.5)), { allowed: false, retryAfterSeconds: 1 });
    assert.equal((await limiter.check(key, at(60))).allowed, true, 'the hit at 0 has left the window');
    assert.deepEqual(await limiter.check(key, at(61)), { allowed: false, retryAfterSeconds: 39 });
    assert.equal((await limiter.check(key, at(100))).allowed, true);
  });

  test('keys are independent', async () => {
    const limiter = createRateLimiter(handle(), { windowSeconds: 600, max: 1 });
    assert.equal((await limiter.check('comment:ip:one', at(0))).allowed, true);
    assert.equal((await limiter.check('comment:ip:one', at(1))).allowed, false);
    assert.equal((await limiter.check('comment:ip:two', at(1))).allowed, true);
    assert.equal((await limiter.check('comment:id:one', at(1))).allowed, true);
  });

  test('a concurrent burst gets exactly max through', async () => {
    const limiter = createRateLimiter(handle(), { windowSeconds: 60, max: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => limiter.check('comment:ip:burst', at(0))));
    assert.equal(results.filter((r) => r.allowed).length, 3);
    assert.ok(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds === 60));
  });

  test('hit, count and prune', async () => {
    await store.hit('newsletter:ip:p', at(0));
    await store.hit('newsletter:ip:p', at(10));
    await store.hit('newsletter:ip:q', at(20));
    assert.equal(await store.count('newsletter:ip:p', at(-1)), 2);
    assert.equal(await store.count('newsletter:ip:p', at(0)), 1, 'since is exclusive');
    assert.ok((await store.prune(at(15))) >= 2);
    assert.equal(await store.count('newsletter:ip:p', at(-1)), 0);
    assert.equal(await store.count('newsletter:ip:q', at(-1)), 1);
  });

  test('the model round-trips and concurrent saves are detected', async () => {
    assert.equal(await store.loadModel('comments'), null);
    const model = new SpamClassifier();
    model.train('spam', 'Cheap pills at https://cheap-pills.example');
    model.train('ham', 'Der Haushalt wurde beschlossen.');
    const first = await store.saveModel('comments', model, null, T0);
    assert.equal(first, T0.toISOString());
    assert.equal(await store.saveModel('comments', model, null, T0), null, 'already exists');

    const loaded = await store.loadModel('comments');
    assert.ok(loaded);
    assert.equal(loaded.updatedAt, first);
    assert.deepEqual(loaded.model.toJSON(), model.toJSON());
    const text = 'pills https://cheap-pills.example';
    assert.deepEqual(loaded.model.score(text), model.score(text));

    // Two nodes loaded the same version; the second save must not overwrite the first.
    loaded.model.train('spam', 'Casino bonus https://casino-bonus.example');
    const second = await store.saveModel('comments', loaded.model, first, T0); // same millisecond
    assert.ok(second && second > (first ?? ''), 'the version moves even within one millisecond');
    assert.equal(await store.saveModel('comments', model, first, at(1)), null);
    assert.deepEqual((await store.loadModel('comments'))?.model.trained, { spam: 2, ham: 1 });
  });
});
