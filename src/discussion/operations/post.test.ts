// The post operation tells notifications about a published comment before announcing it
// (issue 16: they take the writer from there instead of reading the row back), and says
// nothing of a held one. The real app's database, article and settings; the rest plain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { guestCaller } from '../../platform/caller.js';
import { loadConfig } from '../../platform/config.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import type { AnnouncedComment } from '../service.js';
import { makePostComment } from './post.js';

for (const kind of testDatabaseKinds()) {
  describe(`postComment announcing [${kind}]`, () => {
    let app: App;
    let testDb: TestDatabase;
    let articleId = 0;
    const told: (AnnouncedComment | string)[] = [];

    const post = () => {
      const { database, discussion, content, settings, secret } = app.services;
      return makePostComment({
        db: database.db, store: discussion.store, article: (ref) => content.visibleArticle(ref), settings, secret, now: () => new Date(),
        screen: async () => ({ action: 'accept', score: 0, reasons: [] }), isTrusted: async () => false, checkForm: () => [],
        limits: { limit: async () => undefined }, reservedNames: { names: async () => [] },
        bus: { emit: async (event) => void told.push(event) },
        announcing: (comment) => void told.push(comment),
      });
    };

    before(async () => {
      testDb = await createTestDatabase(kind);
      app = await buildApp(loadConfig({ flags: { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false }, env: {} }));
      articleId = (await app.services.content.createArticle({
        lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
        status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [],
      })).id;
    });
    after(async () => {
      await app?.close();
      await testDb?.drop();
    });

    test('a published guest comment is announced to notifications first, with its stored address', async () => {
      await app.services.settings.update('discussion', { policy: 'none' });
      told.length = 0;
      const caller = guestCaller('10.1.0.1', app.services.secret, new Date());
      const { id } = await post()(caller, articleId, { body: 'Ein Kommentar.', name: 'Lea Gast', email: ' Lea@Example.org', parentId: null, notify: false });
      assert.deepEqual(told, [{ commentId: id, userId: null, authorEmail: 'lea@example.org' }, 'comment.published']);
    });

    test('a held comment is not', async () => {
      await app.services.settings.update('discussion', { policy: 'all' });
      told.length = 0;
      const caller = guestCaller('10.1.0.2', app.services.secret, new Date());
      await post()(caller, articleId, { body: 'Noch ein Kommentar.', name: 'Max Gast', email: 'max@example.org', parentId: null, notify: false });
      assert.deepEqual(told, ['comment.pending']);
    });
  });
}
