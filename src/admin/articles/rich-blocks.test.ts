// Bad tables, galleries and code through the article API (issue 14), on SQLite and (with
// BLATTWERK_TEST_PG_URL) PostgreSQL: a ragged table, an empty gallery and a code block of
// 1 MB are each refused with their coded error at their field, in German and English,
// and nothing is saved; a correct body with every new block is stored as sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createTestDatabase, staffSession, testDatabaseKinds, type TestDatabase } from '../../platform/testing.js';
import { createUser } from '../../platform/users.js';

const SITE = 'http://127.0.0.1:3000';

for (const kind of testDatabaseKinds()) {
  describe(`rich blocks through the article API [${kind}]`, () => {
    let app: App;
    let testDb: TestDatabase;
    let headers: Record<string, string>;
    let image: number;

    before(async () => {
      testDb = await createTestDatabase(kind);
      app = await buildApp(loadConfig({ flags: { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false }, env: {} }));
      await createUser(app.services.database.db, { email: 'eva@example.org', password: 'passwort-passwort', role: 'editor', name: 'Eva' });
      headers = (await staffSession(app.http, { email: 'eva@example.org', password: 'passwort-passwort', origin: SITE })).headers;
      const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#36a' } }).jpeg().toBuffer();
      image = (await app.services.media.importImage(jpeg, { name: 'bild', alt: 'Bild', credit: 'Jana', licence: 'cc-by-4.0' })).id;
    });

    after(async () => {
      await app?.close();
      await testDb?.drop();
    });

    const post = (title: string, body: unknown[], lang = 'de') =>
      app.http.inject({
        method: 'POST', url: '/api/v1/admin/articles', headers: { ...headers, 'accept-language': lang },
        payload: { title, lang: 'de', status: 'draft', authorIds: [], tagIds: [], body: [{ type: 'paragraph', text: 'Vorweg.' }, ...body] },
      });

    test('a ragged table, an empty gallery and a 1 MB code block: coded error at the field, nothing saved', async () => {
      const before = await app.services.database.db.selectFrom('articles').select('id').execute();
      const cases: [unknown, string, string, RegExp][] = [
        [{ type: 'table', rows: [['a', 'b'], ['c']] }, 'TABLE_RAGGED', 'body[1].rows[1]', /gleich viele Zellen/],
        [{ type: 'gallery', images: [] }, 'GALLERY_EMPTY', 'body[1].images', /mindestens ein Bild/],
        [{ type: 'code', text: 'x'.repeat(1024 * 1024) }, 'BLOCK_TOO_LONG', 'body[1].text', /zu lang/],
      ];
      for (const [block, code, field, message] of cases) {
        const res = await post('Abgelehnt', [block]);
        assert.equal(res.statusCode, 400, `${code}: ${res.body.slice(0, 200)}`);
        const error = res.json().error as { code: string; field: string; message: string };
        assert.equal(error.code, code);
        assert.equal(error.field, field);
        assert.match(error.message, message);
      }
      const english = await post('Rejected', [{ type: 'table', rows: [['a'], ['b', 'c']] }], 'en');
      assert.equal(english.json().error.field, 'body[1].rows[1]');
      const after = await app.services.database.db.selectFrom('articles').select('id').execute();
      assert.equal(after.length, before.length, 'nothing was saved');
    });

    test('a body with every new block is stored as sent', async () => {
      const body = [
        { type: 'table', headerRow: true, align: [null, 'right'], caption: 'Haushalt', source: 'Quelle: Stadt', rows: [['Bereich', 'Mio. €'], ['Kultur', '4,2']] },
        { type: 'code', text: 'a  b\n  c', language: 'Text' },
        { type: 'gallery', images: [{ mediaId: image, caption: 'Eins' }] },
        { type: 'details', summary: 'Mehr', text: 'H~2~O und [EU]{title="Europäische Union"}' },
        { type: 'separator' },
      ];
      const res = await post('Alles da', body);
      assert.equal(res.statusCode, 201, res.body.slice(0, 300));
      assert.deepEqual(res.json().body.slice(1), body);
    });
  });
}
