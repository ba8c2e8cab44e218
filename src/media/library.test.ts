// The media library as the newsroom works with it (issue 11): search and the filters for
// unused images and images without a credit, deletion refused while an image is used
// (with the list), replacing a file behind the same image, the library's form pages, and
// bad files that change nothing. Runs on SQLite, and on PostgreSQL in the HTTP suites'
// second pass (BLATTWERK_TEST_HTTP_DB=postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import { buildEditorBundle, editorBundleMissing } from '../admin/ui/build.mjs';

let app: App;
let db: HttpTestDatabase;
let staff: { cookie: string; csrf: string; authorId: number };
const SITE = 'http://127.0.0.1:3000';

before(async () => {
  // The library page names its own script (built beside the editor's); another file may be
  // building it at the same time in a process of its own, and the build replaces it whole.
  if (editorBundleMissing()) await buildEditorBundle({ quiet: true });
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const user = await createUser(app.services.database.db, { email: 'mediathek@example.org', password: 'bilder-bilder-1', role: 'editor', name: 'Mia Mediathek' });
  const author = await app.services.content.createAuthor({ name: 'Mia Mediathek', slug: 'mia', userId: user.id });
  const page = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  const login = await app.http.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: 'mediathek@example.org', password: 'bilder-bilder-1' } });
  assert.equal(login.statusCode, 200, login.body);
  staff = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken, authorId: author.id };
});

after(async () => {
  await app.close();
  await db.drop();
});

function multipart(file: Buffer, fields: Record<string, string> = {}, type = 'image/png') {
  const boundary = '----blattwerk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bild.png"\r\nContent-Type: ${type}\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function send(method: 'POST' | 'PUT', url: string, file: Buffer, fields: Record<string, string> = {}, type = 'image/png') {
  const body = multipart(file, fields, type);
  return app.http.inject({ method, url, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE, 'content-type': body.type }, payload: body.payload });
}

const json = (method: 'GET' | 'DELETE', url: string) => app.http.inject({ method, url, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE, accept: 'application/json' } });
const form = (url: string, fields: Record<string, string>) =>
  app.http.inject({
    method: 'POST', url,
    headers: { cookie: staff.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: staff.csrf, ...fields }).toString(),
  });

let shade = 10;
const png = (width = 40, height = 30) => sharp({ create: { width, height, channels: 3, background: { r: shade++ % 256, g: 90, b: 140 } } }).png().toBuffer();

async function upload(fields: Record<string, string>): Promise<{ id: number; path: string; variants: { path: string }[] }> {
  const res = await send('POST', '/api/v1/admin/media', await png(), { licence: 'cc-by-4.0', ...fields });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const filesOnDisk = () => (existsSync(join(db.dataDir, 'media')) ? readdirSync(join(db.dataDir, 'media'), { recursive: true }).map(String).filter((f) => f.includes('.')) : []);
const rowCount = async () => Number((await app.services.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

test('search and filters: unused images, images missing a credit, a word in the texts', async () => {
  const credited = await upload({ credit: 'Jana Beispiel', caption: 'Das Rathaus im Regen', name: 'rathaus' });
  const uncredited = await upload({ caption: 'Marktplatz' });
  const inGallery = await upload({ credit: 'Dpa', caption: 'Demo 100% friedlich' });
  await app.services.content.createArticle({
    lang: 'de', title: 'Galerie vom Markt', status: 'draft', authorIds: [staff.authorId], tagIds: [],
    body: [{ type: 'gallery', images: [{ mediaId: inGallery.id, caption: '', alt: 'Demo' }], caption: '' }],
  });
  const ids = async (query: string) => (await json('GET', `/api/v1/admin/media${query}`)).json().media.map((m: { id: number }) => m.id) as number[];
  const unused = await ids('?filter=unused');
  assert.ok(unused.includes(credited.id) && unused.includes(uncredited.id), 'both unused images listed');
  assert.ok(!unused.includes(inGallery.id), 'an image in a gallery is used');
  const noCredit = await ids('?filter=uncredited');
  assert.ok(noCredit.includes(uncredited.id));
  assert.ok(!noCredit.includes(credited.id) && !noCredit.includes(inGallery.id));
  assert.deepEqual(await ids('?q=RATHAUS'), [credited.id], 'case-insensitive, in the caption');
  assert.deepEqual(await ids('?q=jana'), [credited.id], 'in the credit');
  assert.deepEqual(await ids('?q=100%25'), [inGallery.id], 'a percent sign is a character, not a wildcard');
  const listed = (await json('GET', '/api/v1/admin/media')).json().media.find((m: { id: number }) => m.id === inGallery.id);
  assert.deepEqual(listed.uses.map((u: { kind: string; title: string }) => [u.kind, u.title]), [['article', 'Galerie vom Markt']]);
  assert.equal((await json('GET', '/api/v1/admin/media?filter=everything')).statusCode, 400);

  // The page: the same search as a plain form, cards with their uses and the missing credit.
  const page = await app.http.inject({ method: 'GET', url: '/admin/media/?filter=uncredited', headers: { cookie: staff.cookie } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`id="media-${uncredited.id}"`));
  assert.doesNotMatch(page.body, new RegExp(`id="media-${credited.id}"`));
  assert.match(page.body, /Credit fehlt/);
  assert.match(page.body, /id="media-drop"/);
  assert.match(page.body, /<script type="module" src="\/assets\/media\.[^"]+\.js"/, 'the page loads its own small script, not the editor');
});

test('delete is refused while an image is used, naming the articles; once unused it goes with its files', async () => {
  const image = await upload({ credit: 'Jana Beispiel' });
  const article = await app.services.content.createArticle({
    lang: 'de', title: 'Der Stadtrat <tagt>', status: 'published', authorIds: [staff.authorId], tagIds: [],
    body: [{ type: 'paragraph', text: 'Text.' }], featuredMediaId: image.id,
  });
  const [files, rows] = [filesOnDisk().length, await rowCount()];
  const refused = await json('DELETE', `/api/v1/admin/media/${image.id}`);
  assert.equal(refused.statusCode, 409, refused.body);
  const error = refused.json().error;
  assert.equal(error.code, 'MEDIA_IN_USE');
  assert.deepEqual(error.uses, [{ kind: 'article', id: article.id, title: 'Der Stadtrat <tagt>', status: 'published' }]);
  assert.deepEqual([filesOnDisk().length, await rowCount()], [files, rows], 'nothing deleted');

  // The form door says the same, with links to the article (its title escaped).
  const page = await form(`/admin/media/${image.id}/delete`, { confirm: 'yes' });
  assert.equal(page.statusCode, 409);
  assert.match(page.body, new RegExp(`href="/admin/articles/${article.id}/">Der Stadtrat &lt;tagt&gt;</a>`));
  assert.equal(await rowCount(), rows);
  const unconfirmed = await form(`/admin/media/${image.id}/delete`, {});
  assert.equal(unconfirmed.statusCode, 400);

  await app.services.content.updateArticle(article.id, {
    lang: 'de', title: article.title, status: 'published', authorIds: [staff.authorId], tagIds: [], body: article.body, featuredMediaId: null,
  });
  const gone = await form(`/admin/media/${image.id}/delete`, { confirm: 'yes' });
  assert.equal(gone.statusCode, 303);
  assert.equal(gone.headers.location, '/admin/media/?done=deleted');
  assert.equal(await rowCount(), rows - 1);
  assert.equal(filesOnDisk().length, files - 1 - image.variants.length, 'the original and every variant removed');
  assert.equal((await json('DELETE', `/api/v1/admin/media/${image.id}`)).statusCode, 404);
});

test('replacing a file keeps the id, texts and uses; the public page shows the new file; a bad file changes nothing', async () => {
  const image = await upload({ credit: 'Alte Aufnahme', alt: 'Brücke' });
  const article = await app.services.content.createArticle({
    lang: 'de', title: 'Brücke gesperrt', status: 'published', authorIds: [staff.authorId], tagIds: [],
    body: [{ type: 'image', mediaId: image.id, caption: '' }],
  });
  const replaced = await send('PUT', `/api/v1/admin/media/${image.id}/file`, await png(80, 60), { name: 'neue-bruecke' });
  assert.equal(replaced.statusCode, 200, replaced.body);
  const item = replaced.json();
  assert.equal(item.id, image.id);
  assert.equal(item.credit, 'Alte Aufnahme');
  assert.equal(item.width, 80);
  assert.notEqual(item.path, image.path);
  assert.ok(!existsSync(join(db.dataDir, 'media', image.path)), 'the old original is gone');
  const pub = await app.http.inject({ method: 'GET', url: `/${article.slug}/` });
  assert.equal(pub.statusCode, 200);
  assert.ok(pub.body.includes(item.variants[0].path), 'the article shows the new file');

  const before = filesOnDisk().length;
  for (const [bytes, type] of [[Buffer.from('kein Bild'), 'image/png'], [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml']] as const) {
    const bad = await send('PUT', `/api/v1/admin/media/${image.id}/file`, bytes, {}, type);
    assert.equal(bad.statusCode, 415, bad.body);
    assert.equal(bad.json().error.field, 'file');
  }
  assert.equal(filesOnDisk().length, before);
  const row = await app.services.database.db.selectFrom('media').select(['path', 'width']).where('id', '=', image.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.path, row.width], [item.path, 80], 'the image still shows the replacement');
});

test('the form saves the texts with a CC licence; a bad source is refused at its field with the typed values kept', async () => {
  const image = await upload({});
  const page = await app.http.inject({ method: 'GET', url: `/admin/media/${image.id}/`, headers: { cookie: staff.cookie } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<optgroup label="Creative Commons"><option value="cc0-1.0"/);
  const refused = await form(`/admin/media/${image.id}/`, { alt: 'Kind <b>mit</b> Ball', caption: '', credit: 'Foto Fritz', sourceUrl: 'javascript:alert(1)', licence: 'cc-by-sa-4.0' });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="media-sourceUrl"[^>]*aria-invalid="true"/);
  assert.match(refused.body, /value="Kind &lt;b&gt;mit&lt;\/b&gt; Ball"/, 'typed values kept, escaped');
  assert.match(refused.body, /<option value="cc-by-sa-4.0" selected>/);
  let row = await app.services.database.db.selectFrom('media').selectAll().where('id', '=', image.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.alt, row.credit, row.licence], ['', '', 'cc-by-4.0'], 'nothing saved');
  const saved = await form(`/admin/media/${image.id}/`, { alt: 'Kind mit Ball', caption: 'Spielplatz', credit: 'Foto Fritz', sourceUrl: 'https://example.org/foto', licence: 'cc-by-sa-4.0' });
  assert.equal(saved.statusCode, 303);
  row = await app.services.database.db.selectFrom('media').selectAll().where('id', '=', image.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.alt, row.caption, row.credit, row.source_url, row.licence], ['Kind mit Ball', 'Spielplatz', 'Foto Fritz', 'https://example.org/foto', 'cc-by-sa-4.0']);
  const badLicence = await form(`/admin/media/${image.id}/`, { alt: 'x', caption: '', credit: '', sourceUrl: '', licence: 'meine-eigene' });
  assert.equal(badLicence.statusCode, 422);
  assert.match(badLicence.body, /id="media-licence"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="media-licence"|name="licence" aria-describedby="media-licence-help media-licence-error" aria-invalid="true"/);
});

test('an image under the pixel cap is stored with its longest edge capped; bombs and non-images store nothing', async () => {
  // 7,000 × 7,000 = 49 megapixels (under the 50-megapixel cap): decoded once, stored at most 3,840 px wide and high.
  const big = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#345' } }).png({ compressionLevel: 9 }).toBuffer();
  const res = await send('POST', '/api/v1/admin/media', big, { licence: 'cc0-1.0' });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual([res.json().width, res.json().height], [3840, 3840]);
  const [files, rows] = [filesOnDisk().length, await rowCount()];
  // 8,000 × 7,400 = 59.2 megapixels claimed by a header; refused before decoding.
  const bomb = pngBomb(8000, 7400);
  assert.ok(bomb.length < 100_000, `${bomb.length} bytes`);
  const refused = await send('POST', '/api/v1/admin/media', bomb, { licence: 'cc0-1.0' });
  assert.equal(refused.statusCode, 413);
  assert.deepEqual([refused.json().error.code, refused.json().error.field], ['IMAGE_TOO_LARGE', 'file']);
  const pdf = await send('POST', '/api/v1/admin/media', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n'), { licence: 'cc0-1.0' }, 'application/pdf');
  assert.equal(pdf.statusCode, 415);
  const truncated = await send('POST', '/api/v1/admin/media', (await png(300, 300)).subarray(0, 200), { licence: 'cc0-1.0' });
  assert.equal(truncated.statusCode, 415, 'a cut-off PNG is damaged data, not an image');
  assert.deepEqual([filesOnDisk().length, await rowCount()], [files, rows], 'nothing stored');
});

/** A PNG whose header claims `width` × `height` grey pixels, all zero: a few dozen kilobytes of deflate. */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc((width + 1) * height), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

test('the library, an image\'s page and the editor speak English when the site does', async () => {
  const image = await upload({});
  await app.services.settings.update('site', { language: 'en' });
  const library = await app.http.inject({ method: 'GET', url: '/admin/media/', headers: { cookie: staff.cookie } });
  assert.match(library.body, /Upload images/);
  assert.match(library.body, /Missing credit/);
  assert.doesNotMatch(library.body, /Bilder hochladen/);
  const edit = await app.http.inject({ method: 'GET', url: `/admin/media/${image.id}/`, headers: { cookie: staff.cookie } });
  assert.match(edit.body, /Replace file/);
  assert.match(edit.body, /Only possible while the image is not used anywhere/);
  const editor = await app.http.inject({ method: 'GET', url: '/admin/articles/new/', headers: { cookie: staff.cookie } });
  assert.match(editor.body, /Social media post/);
  assert.match(editor.body, /Filter blocks/);
  const refused = await json('DELETE', `/api/v1/admin/media/${image.id}`);
  assert.equal(refused.statusCode, 204);
  await app.services.settings.update('site', { language: 'de' });
});
