// The media library's edit and upload rules (issue 15, findings 8, 9 and 10): only editors,
// or the uploader of an image used in nothing but their own unpublished work, change an
// image's texts; an empty change is a coded error; an image with more pixels than the cap
// is refused from its header, before anything decodes it, and nothing is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser, type Role } from '../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import { AppError } from '../platform/errors.js';
import { createMediaService, MAX_PIXELS } from './index.js';

let app: App;
let db: HttpTestDatabase;
const SITE = 'http://127.0.0.1:3000';
type Session = { cookie: string; csrf: string; authorId: number };
const staff = new Map<string, Session>();

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const home = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.body)![1]!;
  const people: [string, Role][] = [['erika', 'editor'], ['anton', 'author'], ['conny', 'contributor'], ['carl', 'contributor']];
  for (const [i, [name, role]] of people.entries()) {
    const user = await createUser(app.services.database.db, { email: `${name}@example.org`, password: 'passwort-passwort', role, name });
    const author = await app.services.content.createAuthor({ name, slug: name, userId: user.id });
    const login = await app.http.inject({
      method: 'POST', url: '/api/v1/session', remoteAddress: `10.50.0.${i + 1}`,
      headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: `${name}@example.org`, password: 'passwort-passwort' },
    });
    assert.equal(login.statusCode, 200, login.body);
    staff.set(name, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken, authorId: author.id });
  }
});

after(async () => {
  await app.close();
  await db.drop();
});

function upload(who: string, file: Buffer, filename = 'bild.png') {
  const { cookie, csrf } = staff.get(who)!;
  const boundary = `----blattwerk${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="licence"\r\n\r\ncc-by-4.0\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.http.inject({
    method: 'POST', url: '/api/v1/admin/media',
    headers: { cookie, 'x-csrf-token': csrf, origin: SITE, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

function patch(who: string, id: number, payload: object) {
  const { cookie, csrf } = staff.get(who)!;
  return app.http.inject({ method: 'PATCH', url: `/api/v1/admin/media/${id}`, headers: { cookie, 'x-csrf-token': csrf, origin: SITE }, payload });
}

let colour = 0;
async function image(who: string): Promise<number> {
  // A different picture each time: the same bytes would be the same file.
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: colour++ % 256, g: 80, b: 120 } } }).png().toBuffer();
  const res = await upload(who, png);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}

async function article(author: string, status: 'draft' | 'published', mediaId: number, where: 'featured' | 'body' = 'body') {
  return app.services.content.createArticle({
    lang: 'de', title: `${author} ${status} ${mediaId}`, status, authorIds: [staff.get(author)!.authorId], tagIds: [],
    body: where === 'body' ? [{ type: 'image', mediaId, caption: '' }] : [], featuredMediaId: where === 'featured' ? mediaId : null,
  });
}

const altOf = async (id: number) =>
  (await app.services.database.db.selectFrom('media').select('alt').where('id', '=', id).executeTakeFirstOrThrow()).alt;

test('editors change any image; others only their own upload used in nothing but their own drafts', async () => {
  // Conny's image in Conny's draft: hers to describe.
  const own = await image('conny');
  await article('conny', 'draft', own);
  assert.equal((await patch('conny', own, { alt: 'Meine Grafik' })).statusCode, 200);

  // The same contributor may not touch an image in someone else's published article ...
  const published = await image('erika');
  await article('erika', 'published', published, 'featured');
  for (const who of ['conny', 'carl', 'anton']) {
    const res = await patch(who, published, { alt: 'gekapert', credit: 'jemand', licence: 'cc0-1.0' });
    assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
    assert.equal(res.json().error.code, 'FORBIDDEN');
  }
  assert.equal(await altOf(published), '', 'nothing changed');

  // ... nor another contributor's image, even one not used anywhere yet.
  const carls = await image('carl');
  assert.equal((await patch('conny', carls, { caption: 'fremd' })).statusCode, 403);
  assert.equal((await patch('carl', carls, { caption: 'meins' })).statusCode, 200);

  // Her own upload, once it appears in another author's draft or in her own published work: editors only.
  const shared = await image('conny');
  await article('anton', 'draft', shared);
  assert.equal((await patch('conny', shared, { alt: 'x' })).statusCode, 403);
  const antons = await image('anton');
  await article('anton', 'published', antons);
  assert.equal((await patch('anton', antons, { alt: 'x' })).statusCode, 403, 'published work is an editor\'s to change');

  // Editors may change all of these.
  for (const id of [own, published, carls, shared, antons]) assert.equal((await patch('erika', id, { alt: `Beschreibung ${id}` })).statusCode, 200);
  assert.equal(await altOf(published), `Beschreibung ${published}`);
});

test('an edit with nothing to change is a coded error (422, NOTHING_TO_CHANGE), not a server error', async () => {
  const id = await image('erika');
  const res = await patch('erika', id, {});
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(res.json().error.code, 'NOTHING_TO_CHANGE');
  const unknown = await patch('erika', 999_999, {});
  assert.equal(unknown.statusCode, 404);
});

/**
 * A PNG of `width` × `height` grey pixels, all zero: the header says 59 megapixels, the
 * file is a few kilobytes of deflate. (sharp would make the same, in seconds rather than
 * milliseconds.)
 */
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
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  const rows = deflateSync(Buffer.alloc((width + 1) * height), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

test('a 59-megapixel PNG of ~57 KB is refused from its header with a clear code, and nothing is stored', async () => {
  const bomb = pngBomb(10_000, 5_900);
  assert.ok(bomb.length > 40_000 && bomb.length < 80_000, `${bomb.length} bytes`);
  const meta = await sharp(bomb).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['png', 10_000, 5_900], 'a real PNG header');
  const files = () => (existsSync(join(db.dataDir, 'media')) ? readdirSync(join(db.dataDir, 'media'), { recursive: true }).length : 0);
  const count = async () => Number((await app.services.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const [filesBefore, rowsBefore] = [files(), await count()];
  const res = await upload('erika', bomb, 'bomb.png');
  assert.equal(res.statusCode, 413, res.body);
  assert.deepEqual([res.json().error.code, res.json().error.field], ['IMAGE_TOO_LARGE', 'file']);
  assert.match(res.json().error.message, /Megapixel/);
  assert.deepEqual([files(), await count()], [filesBefore, rowsBefore], 'nothing stored');
});

test('an image under the pixel cap that takes longer than the decode limit is refused (IMAGE_TOO_LARGE) and nothing is stored', async () => {
  // 49 megapixels, 16 bits per channel with alpha, interlaced (Adam7), of one grey (~0.6 MB):
  // it passes the header check, and decoding it at full size takes minutes (interlacing makes
  // the decoder hold the whole picture; a plain 8-bit grey PNG of that size decodes in 0.2 s on
  // a quiet machine, so it could not show the limit). The service is made with its time limit
  // at the lowest sharp takes (1 s), the option the app leaves at DECODE_SECONDS: so the
  // refusal below is the time limit firing, not the pixel cap.
  const slow = await sharp({ create: { width: 7_000, height: 7_000, channels: 4, background: '#888' } })
    .toColourspace('rgb16').png({ progressive: true, compressionLevel: 9 }).toBuffer();
  assert.ok(7_000 * 7_000 < MAX_PIXELS, 'under the pixel cap');
  const meta = await sharp(slow).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['png', 7_000, 7_000]);
  const media = createMediaService({ db: app.services.database.db, dataDir: db.dataDir, decodeSeconds: 1 });
  const files = () => (existsSync(media.root) ? readdirSync(media.root, { recursive: true }).filter((f) => !String(f).match(/^\d{4}(\/\d{2})?$/)).length : 0);
  const count = async () => Number((await app.services.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const [filesBefore, rowsBefore] = [files(), await count()];
  await assert.rejects(media.importImage(slow, { licence: 'cc-by-4.0', name: 'langsam' }), (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.deepEqual([error.code, error.status, error.field], ['IMAGE_TOO_LARGE', 413, 'file']);
    assert.match(error.detail ?? '', /too long to decode/, 'refused by the time limit, not as damaged or too many pixels');
    return true;
  });
  assert.deepEqual([files(), await count()], [filesBefore, rowsBefore], 'nothing stored');
  // The same service takes an ordinary image: the limit refuses the slow one, not every upload.
  const small = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 80, b: 20 } } }).png().toBuffer();
  const taken = await media.importImage(small, { licence: 'cc-by-4.0', name: 'klein' });
  assert.equal(taken.width, 40);
});
