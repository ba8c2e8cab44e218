// The large-site generator makes consistent data on both databases (small sizes here;
// the measured large run is in bench/RESULTS.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildServices, closeServices } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createTestDatabase, testDatabaseKinds } from '../platform/testing.js';
import { generateLargeSite } from './generate.js';

for (const kind of testDatabaseKinds()) {
  test(`generates articles and well-formed comment threads [${kind}]`, async () => {
    const testDb = await createTestDatabase(kind);
    const services = await buildServices(loadConfig({ flags: { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent' }, env: {} }));
    try {
      const made = await generateLargeSite(services, { articles: 60, comments: 700 });
      assert.deepEqual(made, { articles: 60, comments: 700 });
      const { db } = services.database;
      const comments = await db.selectFrom('comments').select(['id', 'parent_id', 'thread_id', 'depth', 'article_id']).execute();
      assert.equal(comments.length, 700);
      const byId = new Map(comments.map((c) => [c.id, c]));
      for (const c of comments) {
        if (c.parent_id === null) {
          assert.equal(c.thread_id, c.id);
          assert.equal(c.depth, 0);
        } else {
          const parent = byId.get(c.parent_id)!;
          assert.equal(parent.article_id, c.article_id);
          assert.equal(c.depth, parent.depth + 1);
          assert.equal(c.thread_id, parent.thread_id);
        }
      }
      const found = await services.search.search('stadtrat', { page: 1, perPage: 5 });
      assert.ok(found.total > 0, 'the generated articles are searchable');
    } finally {
      await closeServices(services);
      await testDb.drop();
    }
  });
}
