// The setting "credit and licence before an image is published", through the article
// API on SQLite and (with BLATTWERK_TEST_PG_URL) PostgreSQL: off, anything publishes; on,
// an image without a credit (in the body or featured) stops publishing and scheduling,
// with a coded error naming the field, while drafts still save; a credit lets it through.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createTestDatabase, staffSession, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { createUser } from '../../platform/users.js';

const SITE = 'http://127.0.0.1:3000';

for (const kind of testDatabaseKinds()) {
  describe(`image credit rule [${kind}]`, () => {
    let app: App;
    let testDb: TestDatabase;
    let headers: Record<string, string>;
    let uncredited: number;
    let credited: number;
    let authorId: number;

    before(async () => {
      testDb = await createTestDatabase(kind);
      app = await buildApp(loadConfig({ flags: { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false }, env: {} }));
      await createUser(app.services.database.db, { email: 'eva@example.org', password: 'passwort-passwort', role: 'editor', name: 'Eva' });
      headers = (await staffSession(app.http, { email: 'eva@example.org', password: 'passwort-passwort', origin: SITE })).headers;
      const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#36a' } }).jpeg().toBuffer();
      uncredited = (await app.services.media.importImage(jpeg, { name: 'ohne', alt: 'Ohne', credit: '', sourceUrl: null, licence: 'cc-by-4.0' })).id;
      credited = (await app.services.media.importImage(jpeg, { name: 'mit', alt: 'Mit', credit: 'Jana Beispiel', sourceUrl: null, licence: 'cc-by-4.0' })).id;
      authorId = (await app.services.content.createAuthor({ name: 'Eva Schreiber' })).id;
    });

    after(async () => {
      await app?.close();
      await testDb?.drop();
    });

    const article = (title: string, status: string, extra: Record<string, unknown> = {}) => ({
      title, lang: 'de', status, authorIds: [authorId], tagIds: [],
      body: [{ type: 'paragraph', text: 'Der Stadtrat tagt.' }, { type: 'image', mediaId: uncredited }], ...extra,
    });
    const send = (method: 'POST' | 'PUT', url: string, payload: object) => app.http.inject({ method, url, headers, payload });
    const setRule = (on: boolean) => app.http.inject({ method: 'PUT', url: '/api/v1/admin/settings/editorial', headers, payload: { requireImageCredit: on } });

    test('off by default: an image without a credit publishes', async () => {
      assert.equal((await app.services.settings.get('editorial')).requireImageCredit, false);
      const res = await send('POST', '/api/v1/admin/articles', article('Ohne Regel', 'published'));
      assert.equal(res.statusCode, 201, res.body);
    });

    test('on: publishing or scheduling is refused with IMAGE_CREDIT_MISSING naming the image; a draft saves', async () => {
      // Editors cannot switch the rule; the owner or an admin can (through the settings page or API).
      assert.equal((await setRule(true)).statusCode, 403);
      await app.services.settings.update('editorial', { requireImageCredit: true });

      const refused = await send('POST', '/api/v1/admin/articles', article('Mit Regel', 'published'));
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().error.code, 'IMAGE_CREDIT_MISSING');
      assert.equal(refused.json().error.field, 'body[1].mediaId');
      assert.match(refused.json().error.message, /Quellenangabe oder Lizenz/);
      assert.equal((await app.http.inject({ method: 'GET', url: '/mit-regel/' })).statusCode, 404, 'nothing was published');

      const draft = await send('POST', '/api/v1/admin/articles', article('Mit Regel', 'draft'));
      assert.equal(draft.statusCode, 201, draft.body);
      const id = draft.json().id as number;
      const publish = await send('PUT', `/api/v1/admin/articles/${id}`, article('Mit Regel', 'published'));
      assert.equal(publish.statusCode, 422);
      const schedule = await send('PUT', `/api/v1/admin/articles/${id}`, article('Mit Regel', 'scheduled', { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }));
      assert.equal(schedule.statusCode, 422);
      const featured = await send('PUT', `/api/v1/admin/articles/${id}`, article('Mit Regel', 'published', { body: [], featuredMediaId: uncredited }));
      assert.equal(featured.json().error.field, 'featuredMediaId');
      assert.equal((await app.services.content.store.findBy('id', id))!.status, 'draft');

      // With credited images it goes out.
      const ok = await send('PUT', `/api/v1/admin/articles/${id}`, article('Mit Regel', 'published', { body: [{ type: 'image', mediaId: credited }], featuredMediaId: credited }));
      assert.equal(ok.statusCode, 200, ok.body);
      // Adding the credit in the library lets the first image through as well.
      const patched = await app.http.inject({ method: 'PATCH', url: `/api/v1/admin/media/${uncredited}`, headers, payload: { credit: 'Foto: Stadtarchiv' } });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal((await send('PUT', `/api/v1/admin/articles/${id}`, article('Mit Regel', 'published'))).statusCode, 200);
      await app.services.settings.update('editorial', { requireImageCredit: false });
    });
  });
}
