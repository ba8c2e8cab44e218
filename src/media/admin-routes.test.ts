// Uploads through the newsroom API: real images are accepted with their credit and
// licence; everything else is refused clearly and leaves nothing behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let dir: string;
let db: HttpTestDatabase;
let staff: { cookie: string; csrf: string };
const SITE = 'http://127.0.0.1:3000';

before(async () => {
  db = await createHttpTestDatabase();
  dir = db.dataDir;
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  await createUser(app.services.database.db, { email: 'bild@example.org', password: 'bilder-bilder-1', role: 'editor' });
  const page = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  const login = await app.http.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: 'bild@example.org', password: 'bilder-bilder-1' } });
  staff = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken };
});

after(async () => {
  await app.close();
  await db.drop();
});

function upload(file: Buffer, filename: string, fields: Record<string, string> = {}, type = 'image/jpeg') {
  const boundary = '----blattwerk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return app.http.inject({
    method: 'POST', url: '/api/v1/admin/media',
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

const mediaFiles = () => (existsSync(join(dir, 'media')) ? readdirSync(join(dir, 'media'), { recursive: true }).filter((f) => String(f).includes('.')) : []);

test('a real photo is stored without its EXIF/GPS data, with variants, credit and licence', async () => {
  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a6ea5' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Geheim' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1' } })
    .toBuffer();
  assert.ok((await sharp(photo).metadata()).exif, 'the test photo carries EXIF');
  const res = await upload(photo, 'rathaus.jpg', { alt: 'Das Rathaus', credit: 'Jana Beispiel', licence: 'cc-by-4.0', sourceUrl: 'https://example.org/foto' });
  assert.equal(res.statusCode, 201, res.body);
  const item = res.json();
  assert.equal(item.licence, 'cc-by-4.0');
  assert.equal(item.credit, 'Jana Beispiel');
  assert.deepEqual([...new Set(item.variants.map((v: { format: string }) => v.format))].sort(), ['avif', 'jpeg', 'webp']);
  const stored = await app.http.inject({ method: 'GET', url: `/media/${item.path}` });
  assert.equal(stored.statusCode, 200);
  const meta = await sharp(stored.rawPayload).metadata();
  assert.equal(meta.exif, undefined, 'EXIF (and GPS in it) stripped');
});

test('refused: a non-image renamed .jpg, an SVG with script, a decompression bomb, an oversized file', async () => {
  const before = mediaFiles().length;
  const text = await upload(Buffer.from('this is not an image at all'), 'photo.jpg');
  assert.equal(text.statusCode, 415);
  assert.equal(text.json().error.field, 'file');
  const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), 'bild.svg', {}, 'image/svg+xml');
  assert.equal(svg.statusCode, 415);
  // 9,000 × 9,000 pixels (81 megapixels) of one colour compress to a few kilobytes as PNG.
  const bomb = await sharp({ create: { width: 9_000, height: 9_000, channels: 3, background: '#000' } }).greyscale().png({ compressionLevel: 9, palette: true, colours: 2 }).toBuffer();
  assert.ok(bomb.length < 2_000_000);
  const bombRes = await upload(bomb, 'bomb.png', {}, 'image/png');
  assert.equal(bombRes.statusCode, 413);
  const huge = Buffer.alloc(21 * 1024 * 1024, 1);
  const hugeRes = await upload(huge, 'huge.jpg');
  assert.equal(hugeRes.statusCode, 413);
  const badLicence = await upload(await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer(), 'x.png', { licence: 'mine' }, 'image/png');
  assert.equal(badLicence.statusCode, 400);
  assert.equal(badLicence.json().error.field, 'licence');
  assert.equal(mediaFiles().length, before, 'nothing was written');
  const count = await app.services.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 1);
});

test('uploads need a signed-in editor and the CSRF token', async () => {
  const res = await app.http.inject({ method: 'POST', url: '/api/v1/admin/media', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' });
  assert.equal(res.statusCode, 401);
  const noToken = await app.http.inject({ method: 'GET', url: '/api/v1/admin/media', headers: { cookie: staff.cookie } });
  assert.equal(noToken.statusCode, 200);
});

test('an image source must be an absolute http(s) address (URL_INVALID, 422, at the field)', async () => {
  const png = await sharp({ create: { width: 12, height: 12, channels: 3, background: '#abc' } }).png().toBuffer();
  const created = await upload(png, 'quelle.png', { sourceUrl: 'https://example.org/quelle' }, 'image/png');
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as number;
  const patch = (payload: object) =>
    app.http.inject({ method: 'PATCH', url: `/api/v1/admin/media/${id}`, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE }, payload });
  for (const sourceUrl of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/', 'https://trusted.example@evil.example/']) {
    const res = await patch({ sourceUrl });
    assert.equal(res.statusCode, 422, `${sourceUrl}: ${res.body}`);
    assert.deepEqual([res.json().error.code, res.json().error.field], ['URL_INVALID', 'sourceUrl'], sourceUrl);
    const refused = await upload(png, 'x.png', { sourceUrl }, 'image/png');
    assert.equal(refused.statusCode, 422, `${sourceUrl} on upload: ${refused.body}`);
    assert.equal(refused.json().error.field, 'sourceUrl');
  }
  const row = await app.services.database.db.selectFrom('media').select('source_url').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.source_url, 'https://example.org/quelle', 'a refused change changed nothing');
  assert.equal((await patch({ sourceUrl: '' })).json().sourceUrl, null, 'an empty source removes it');
});
