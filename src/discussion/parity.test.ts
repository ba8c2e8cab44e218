// One input, one answer, whichever door: the same comment through the JSON API and through
// the plain form gives the same stored result and the same status and error code, for a
// guest, a signed-in reader and a staff member. Then the cache: a like and a comment on one
// article touch that article's pages only. Runs on SQLite, and on PostgreSQL in the HTTP pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { sessionHash } from '../platform/privacy.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import type { ReaderTables } from './readers/tables.js';

let app: App;
let db: HttpTestDatabase;
let clock = new Date('2026-05-01T10:00:00Z');
const SITE = 'http://127.0.0.1:3000';
let ip = 1;
const freshIp = () => `10.9.0.${ip++}`;
let articleA = 0;
let staffCookie = '';
let staffCsrf = '';
let readerCookie = '';
let readerCsrf = '';

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  const { content, database, settings } = app.services;
  // Every guest is published directly, so that a held comment means a rule held it.
  await settings.update('discussion', { policy: 'none', identity: 'both' });
  const author = await content.createAuthor({ name: 'Jana Beispiel' });
  const tag = await content.createTag({ name: 'Stadtrat' });
  const a = await content.createArticle({
    lang: 'de', title: 'Haushalt beschlossen', body: [{ type: 'paragraph', text: 'Der Rat hat den Haushalt beschlossen.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [author.id], tagIds: [],
  });
  articleA = a.id;
  await content.createArticle({
    lang: 'de', title: 'Stadtfest im Juni', body: [{ type: 'paragraph', text: 'Das Stadtfest beginnt im Juni.' }],
    status: 'published', publishedAt: new Date('2026-04-29T10:00:00Z'), authorIds: [author.id], tagIds: [tag.id],
  });
  const user = await createUser(database.db, { email: 'redaktion@example.org', password: 'sehr-geheim-123', role: 'editor', name: 'Jana Beispiel' });
  await database.db.updateTable('authors').set({ user_id: user.id }).where('id', '=', author.id).execute();
  const anon = await page('/haushalt-beschlossen/');
  const signIn = await app.http.inject({
    method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': anon.csrf, origin: SITE },
    payload: { email: 'redaktion@example.org', password: 'sehr-geheim-123' },
  });
  assert.equal(signIn.statusCode, 200, signIn.body);
  staffCookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  staffCsrf = signIn.json().csrfToken;
  // A reader account with a session, as the magic link would leave it.
  const readers = database.db.withTables<ReaderTables>();
  const reader = await readers
    .insertInto('readers').values({ email: 'lena@example.org', name: 'Lena Leserin', created_at: clock.toISOString(), last_login_at: clock.toISOString() })
    .returning('id').executeTakeFirstOrThrow();
  const sid = 'reader-session-0123456789abcdef';
  await readers.insertInto('reader_sessions').values({ id_hash: sessionHash(sid), reader_id: reader.id, created_at: clock.toISOString(), expires_at: '2027-01-01T00:00:00.000Z' }).execute();
  readerCookie = `bw_sid=${sid}`;
  readerCsrf = (await page('/haushalt-beschlossen/', readerCookie)).csrf;
});

after(async () => {
  await app.close();
  await db.drop();
});

async function page(url: string, cookie?: string) {
  const res = await app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return {
    csrf: /name="csrf-token" content="([^"]+)"/.exec(res.body)![1]!,
    stamp: /name="stamp" value="([^"]+)"/.exec(res.body)?.[1] ?? '',
    etag: String(res.headers.etag),
    body: res.body,
  };
}

type Who = 'guest' | 'reader' | 'staff';
type Fields = { body: string; name?: string; email?: string; parentId?: number };

/** The same fields through one door; answers status, code and the stored comment. */
async function through(door: 'api' | 'form', who: Who, fields: Fields) {
  const cookie = who === 'staff' ? staffCookie : who === 'reader' ? readerCookie : undefined;
  const remoteAddress = freshIp();
  let res;
  if (door === 'api') {
    const csrf = who === 'staff' ? staffCsrf : who === 'reader' ? readerCsrf : (await page('/haushalt-beschlossen/')).csrf;
    res = await app.http.inject({
      method: 'POST', url: `/api/v1/articles/haushalt-beschlossen/comments`, remoteAddress,
      headers: { 'x-csrf-token': csrf, origin: SITE, ...(cookie ? { cookie } : {}) },
      payload: fields,
    });
  } else {
    const form = await page('/haushalt-beschlossen/', cookie);
    clock = new Date(clock.getTime() + 60_000); // a person takes a while to write
    const values: Record<string, string> = { _csrf: form.csrf, stamp: form.stamp, body: fields.body };
    if (fields.name !== undefined) values.name = fields.name;
    if (fields.email !== undefined) values.email = fields.email;
    if (fields.parentId !== undefined) values.parentId = String(fields.parentId);
    res = await app.http.inject({
      method: 'POST', url: '/haushalt-beschlossen/comments', remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, ...(cookie ? { cookie } : {}) },
      payload: new URLSearchParams(values).toString(),
    });
  }
  clock = new Date(clock.getTime() + 1000);
  const ok = door === 'api' ? res.statusCode === 201 : res.statusCode === 303;
  const code = ok ? null : door === 'api' ? (res.json() as { error: { code: string } }).error.code : codeOfPage(res.body);
  const id = ok ? (door === 'api' ? (res.json() as { id: number }).id : Number(/comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? 0)) : 0;
  const row = id ? await app.services.discussion.store.byId(id) : undefined;
  return {
    status: ok ? 'stored' : res.statusCode,
    code,
    stored: row ? { status: row.status, name: row.author_name, email: row.author_email, identity: row.identity.split(':')[0], userId: row.user_id !== null } : null,
  };
}

/** A refused form page names its error by message; the catalogue tells which code that is. */
function codeOfPage(body: string): string {
  const message = /<p class="notice notice-error" role="alert">([^<]*)<\/p>/.exec(body)?.[1] ?? '';
  for (const [code, text] of Object.entries(ERRORS)) if (message === text) return code;
  return `unknown: ${message}`;
}

const ERRORS: Record<string, string> = {};

test('the same comment through the API and the form: same status, code and stored result, for guest, reader and staff', async () => {
  const { errorMessages } = await import('../platform/errors.js');
  for (const [code, text] of Object.entries(errorMessages.de)) ERRORS[code] = text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  let n = 0;
  const unique = (text: string) => `${text} (${++n})`;
  const cases: [string, Who, (door: string) => Fields, string | null][] = [
    ['guest, valid', 'guest', (d) => ({ body: unique(`Gute Übersicht ${d}`), name: 'Klaus R.', email: 'klaus@example.org' }), null],
    ['guest, no name', 'guest', () => ({ body: unique('Ohne Namen'), name: '', email: 'klaus@example.org' }), 'NAME_REQUIRED'],
    ['guest, name too long', 'guest', () => ({ body: unique('Langer Name'), name: 'N'.repeat(81), email: 'klaus@example.org' }), 'NAME_TOO_LONG'],
    ['guest, bad e-mail', 'guest', () => ({ body: unique('Falsche Adresse'), name: 'Klaus R.', email: 'kein-mail' }), 'EMAIL_INVALID'],
    ['guest, body too long', 'guest', () => ({ body: 'x'.repeat(20_001), name: 'Klaus R.', email: 'klaus@example.org' }), 'COMMENT_TOO_LONG'],
    ['guest, empty body', 'guest', () => ({ body: '   ', name: 'Klaus R.', email: 'klaus@example.org' }), 'COMMENT_EMPTY'],
    ['guest takes the author\u2019s name', 'guest', () => ({ body: unique('Ich bin die Autorin'), name: 'jana  beispiel', email: 'x@example.org' }), 'NAME_RESERVED'],
    ['guest, unknown parent', 'guest', () => ({ body: unique('Antwort'), name: 'Klaus R.', email: 'klaus@example.org', parentId: 999_999 }), 'COMMENT_PARENT_INVALID'],
    ['reader, valid (form names ignored)', 'reader', (d) => ({ body: unique(`Leserin schreibt ${d}`), name: 'Jemand Anderes', email: 'x@example.org' }), null],
    ['staff, valid (form names ignored)', 'staff', (d) => ({ body: unique(`Die Autorin antwortet ${d}`), name: 'Jemand Anderes', email: 'x@example.org' }), null],
    ['staff, body too long', 'staff', () => ({ body: 'x'.repeat(20_001) }), 'COMMENT_TOO_LONG'],
  ];
  for (const [label, who, fields, code] of cases) {
    const api = await through('api', who, fields('api'));
    const form = await through('form', who, fields('form'));
    assert.deepEqual(form, api, label);
    assert.equal(api.code, code, `${label}: ${JSON.stringify(api)}`);
  }
  // Who wrote what: the staff member under her account (author badge), the reader under hers.
  const rows = await app.services.database.db.selectFrom('comments').select(['author_name', 'identity', 'user_id', 'author_email', 'status']).execute();
  const staff = rows.filter((r) => r.identity.startsWith('user:'));
  assert.equal(staff.length, 2);
  assert.ok(staff.every((r) => r.author_name === 'Jana Beispiel' && r.user_id !== null && r.status === 'published' && r.author_email === ''));
  const readers = rows.filter((r) => r.identity.startsWith('reader:'));
  assert.ok(readers.length === 2 && readers.every((r) => r.author_name === 'Lena Leserin'));
  const pageNow = await page('/haushalt-beschlossen/');
  assert.match(pageNow.body, /Die Autorin antwortet form[\s\S]*?|badge-author/);
  assert.ok((pageNow.body.match(/badge badge-author/g) ?? []).length >= 2, 'both staff replies carry the author badge');
});

test('staff are not rate-limited like guests; guests are', async () => {
  let staffRefused = 0;
  for (let i = 0; i < 12; i++) {
    const res = await app.http.inject({
      method: 'POST', url: '/api/v1/articles/haushalt-beschlossen/comments', remoteAddress: '10.9.9.9',
      headers: { 'x-csrf-token': staffCsrf, origin: SITE, cookie: staffCookie }, payload: { body: `Redaktion, Nachtrag ${i}` },
    });
    if (res.statusCode !== 201) staffRefused++;
  }
  assert.equal(staffRefused, 0);
  const { csrf } = await page('/haushalt-beschlossen/');
  const codes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await app.http.inject({
      method: 'POST', url: '/api/v1/articles/haushalt-beschlossen/comments', remoteAddress: '10.9.9.10',
      headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { body: `Gast schreibt ${i}`, name: 'Gast', email: 'gast@example.org' },
    });
    codes.push(res.statusCode);
  }
  assert.ok(codes.includes(429), codes.join(','));
});

test('a like counts once per reader identity and can be taken back', async () => {
  const { csrf } = await page('/haushalt-beschlossen/');
  const [row] = await app.services.database.db.selectFrom('comments').select('id').where('status', '=', 'published').orderBy('id').limit(1).execute();
  const like = (method: 'POST' | 'DELETE', headers: Record<string, string>) =>
    app.http.inject({ method, url: `/api/v1/comments/${row!.id}/like`, remoteAddress: '10.9.8.1', headers: { origin: SITE, ...headers } });
  const before = (await app.services.discussion.store.byId(row!.id))!.likes;
  // Five cookie-less likes from one address are one like.
  for (let i = 0; i < 5; i++) assert.equal((await like('POST', { 'x-csrf-token': csrf })).statusCode, 200);
  assert.equal((await app.services.discussion.store.byId(row!.id))!.likes, before + 1);
  // Staff like as their account, once, and take it back.
  assert.equal((await like('POST', { 'x-csrf-token': staffCsrf, cookie: staffCookie })).json().likes, before + 2);
  assert.equal((await like('POST', { 'x-csrf-token': staffCsrf, cookie: staffCookie })).json().likes, before + 2);
  const back = await like('DELETE', { 'x-csrf-token': staffCsrf, cookie: staffCookie });
  assert.deepEqual(back.json(), { likes: before + 1, liked: false });
  assert.equal((await like('DELETE', { 'x-csrf-token': staffCsrf, cookie: staffCookie })).json().likes, before + 1, 'taking back twice changes nothing');
});

test('a comment at the depth cap offers no reply link; replying to it is refused', async () => {
  await app.services.settings.update('discussion', { depthCap: 1 });
  const post = (body: string, parentId?: number) =>
    app.http.inject({
      method: 'POST', url: '/api/v1/articles/haushalt-beschlossen/comments', remoteAddress: freshIp(),
      headers: { 'x-csrf-token': staffCsrf, origin: SITE, cookie: staffCookie }, payload: { body, ...(parentId ? { parentId } : {}) },
    });
  const top = (await post('Oben')).json().id as number;
  const deep = (await post('Eine Ebene tiefer', top)).json().id as number;
  const html = (await page('/haushalt-beschlossen/')).body;
  const block = (id: number) => html.slice(html.indexOf(`id="comment-${id}"`), html.indexOf('</footer>', html.indexOf(`id="comment-${id}"`)));
  assert.match(block(top), /class="reply-link"/);
  assert.doesNotMatch(block(deep), /class="reply-link"/);
  const refused = await post('Zu tief', deep);
  assert.equal(refused.json().error.code, 'COMMENT_DEPTH');
  await app.services.settings.update('discussion', { depthCap: 8 });
});

test('a like and a comment on article A leave article B, the tag page and the feeds cached; A shows the change', async () => {
  const cached = ['/stadtfest-im-juni/', '/tag/stadtrat/', '/feed.xml'];
  const first = new Map<string, string>();
  for (const url of [...cached, '/haushalt-beschlossen/']) {
    const res = await app.http.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    first.set(url, String(res.headers.etag));
  }
  const cache = app.services.pages.cache;
  assert.ok(cache.peek('/stadtfest-im-juni/') && cache.peek('/tag/stadtrat/') && cache.peek('/haushalt-beschlossen/'));
  const { csrf } = await page('/haushalt-beschlossen/');
  const [row] = await app.services.database.db.selectFrom('comments').select('id').where('article_id', '=', articleA).where('status', '=', 'published').orderBy('id', 'desc').limit(1).execute();
  const liked = await app.http.inject({ method: 'POST', url: `/api/v1/comments/${row!.id}/like`, remoteAddress: freshIp(), headers: { origin: SITE, 'x-csrf-token': csrf } });
  assert.equal(liked.statusCode, 200);
  assert.equal(cache.peek('/haushalt-beschlossen/')?.stale, true, "A's page is marked stale by the like (sent while it is rendered again)");
  const posted = await app.http.inject({
    method: 'POST', url: '/api/v1/articles/haushalt-beschlossen/comments', remoteAddress: freshIp(),
    headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { body: 'Ein neuer Gedanke zum Haushalt.', name: 'Maria', email: 'maria@example.org' },
  });
  assert.equal(posted.statusCode, 201, posted.body);
  for (const url of cached) {
    if (url !== '/feed.xml') assert.ok(cache.peek(url), `${url} still in the page cache`);
    const res = await app.http.inject({ method: 'GET', url, headers: { 'if-none-match': first.get(url)! } });
    assert.equal(res.statusCode, 304, `${url} unchanged (same ETag)`);
  }
  const a = await app.http.inject({ method: 'GET', url: '/haushalt-beschlossen/' });
  assert.notEqual(String(a.headers.etag), first.get('/haushalt-beschlossen/'));
  assert.match(a.body, /Ein neuer Gedanke zum Haushalt/);
});

test('the cached page asks guests for name and e-mail, and tells signed-in staff and readers under which name they write', async () => {
  const url = '/stadtfest-im-juni/';
  const fields = /name="name"[^>]*>[\s\S]*name="email"/;
  // Over a real socket too: cached pages are answered before Fastify, where the session's
  // caller is not known yet the first time.
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.http.server.address() as { port: number };
  // The app (and with it the listening server) is closed in after().
  {
    for (let round = 0; round < 2; round++) {
      const guest = await (await fetch(`http://127.0.0.1:${port}${url}`)).text();
      assert.match(guest, fields);
      assert.doesNotMatch(guest, /Sie schreiben als/);
      const staff = await (await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie: staffCookie } })).text();
      assert.doesNotMatch(staff, fields);
      assert.match(staff, /Sie schreiben als Jana Beispiel\./);
      const reader = await (await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie: readerCookie } })).text();
      assert.doesNotMatch(reader, fields);
      assert.match(reader, /Sie schreiben als Lena Leserin\./);
      assert.doesNotMatch(reader + staff + guest, /\u0000/, 'no marker reaches a browser');
      assert.ok(app.services.pages.cache.peek(url), 'one cached page serves all three');
    }
  }
});
