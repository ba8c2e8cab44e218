// The discussion through HTTP: plain forms, JSON API, CSRF, moderation, rate limits and
// bad input. A controllable clock stands in for waiting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createUser } from '../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
let clock = new Date('2026-05-01T10:00:00Z');
const SITE = 'http://127.0.0.1:3000';
let articleId = 0;
let ipCounter = 1;
const freshIp = () => `10.0.0.${ipCounter++}`;

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  const { content, database } = app.services;
  const author = await content.createAuthor({ name: 'Jana Beispiel' });
  const article = await content.createArticle({
    lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [author.id], tagIds: [],
  });
  articleId = article.id;
  await content.createArticle({
    lang: 'de', title: 'Geschlossen', body: [], status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'),
    commentsOpen: false, authorIds: [], tagIds: [],
  });
  await createUser(database.db, { email: 'moderation@example.org', password: 'sehr-geheim-123', role: 'moderator', name: 'Moderation' });
});

after(async () => {
  await app.close();
  await db.drop();
});

async function pageTokens(url = '/stadtrat-tagt/', cookie?: string) {
  const res = await app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return {
    csrf: /name="csrf-token" content="([^"]+)"/.exec(res.body)![1]!,
    stamp: /name="stamp" value="([^"]+)"/.exec(res.body)?.[1] ?? '',
    body: res.body,
  };
}

function postForm(fields: Record<string, string>, options: { cookie?: string; origin?: string; ip?: string; url?: string } = {}) {
  return app.http.inject({
    method: 'POST',
    url: options.url ?? '/stadtrat-tagt/comments',
    remoteAddress: options.ip ?? freshIp(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: options.origin ?? SITE,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    payload: new URLSearchParams(fields).toString(),
  });
}

async function staffSession() {
  const { csrf } = await pageTokens('/');
  const res = await app.http.inject({
    method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: SITE },
    payload: { email: 'moderation@example.org', password: 'sehr-geheim-123' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0];
  return { cookie, csrf: res.json().csrfToken as string };
}

const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

test('a guest comments through the plain form; the first comment is held, a moderator approves it', async () => {
  const { csrf, stamp } = await pageTokens();
  later(10);
  const res = await postForm({ _csrf: csrf, stamp, name: 'Lea Leserin', email: 'lea@example.org', body: 'Danke für den **Bericht**!' });
  assert.equal(res.statusCode, 303, res.body);
  assert.match(String(res.headers.location), /\?held=1#comments$/);
  assert.match(String(res.headers['set-cookie']), /bw_sid=.*HttpOnly.*SameSite=Lax/i);
  const held = await app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' });
  assert.doesNotMatch(held.body, /Danke für den/);

  const staff = await staffSession();
  const queue = await app.http.inject({ method: 'GET', url: '/api/v1/admin/comments', headers: { cookie: staff.cookie } });
  assert.equal(queue.statusCode, 200);
  const pending = queue.json().comments.find((c: { author: { name: string } }) => c.author.name === 'Lea Leserin');
  assert.ok(pending);
  const approve = await app.http.inject({
    method: 'POST', url: `/api/v1/admin/comments/${pending.id}/approve`,
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE }, payload: { reason: 'passt' },
  });
  assert.equal(approve.statusCode, 200, approve.body);
  assert.equal(approve.json().status, 'published');
  const shown = await app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' });
  assert.match(shown.body, /Danke für den <strong>Bericht<\/strong>!/);
  assert.match(shown.body, /id="comment-\d+"/);
  assert.doesNotMatch(shown.body, /lea@example\.org/, 'the e-mail is never shown');

  const log = await app.http.inject({ method: 'GET', url: '/api/v1/admin/moderation-log', headers: { cookie: staff.cookie } });
  const entry = log.json().entries.find((e: { comment_id: number }) => e.comment_id === pending.id);
  assert.equal(entry.action, 'approve');
  assert.equal(entry.actor, 'Moderation');
  assert.equal(entry.reason, 'passt');
});

test('a known commenter is published directly; the JSON API answers 201 with id and status', async () => {
  const { csrf } = await pageTokens();
  const res = await app.http.inject({
    method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: freshIp(),
    headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { body: 'Noch eine Anmerkung.', name: 'Lea Leserin', email: 'LEA@example.org' },
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().status, 'published');
  const list = await app.http.inject({ method: 'GET', url: '/api/v1/articles/stadtrat-tagt/comments' });
  const comments = list.json().comments as { id: number; html: string; author: { name: string }; likes: number; createdAt: string; parentId: null }[];
  const mine = comments.find((c) => c.id === res.json().id)!;
  assert.equal(mine.author.name, 'Lea Leserin');
  assert.match(mine.html, /Noch eine Anmerkung/);
  assert.equal(mine.likes, 0);
  assert.equal(mine.parentId, null);
  assert.ok(!('email' in mine));
});

test('writes without the token, with another session\'s token, or from another site are refused', async () => {
  const payload = { body: 'Ohne Token', name: 'Max', email: 'max@example.org' };
  const none = await app.http.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, headers: { origin: SITE }, payload });
  assert.equal(none.statusCode, 403);
  assert.equal(none.json().error.code, 'CSRF');
  const a = await pageTokens('/', 'bw_sid=aaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  const foreign = await app.http.inject({
    method: 'POST', url: `/api/v1/articles/${articleId}/comments`,
    headers: { cookie: 'bw_sid=bbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'x-csrf-token': a.csrf, origin: SITE }, payload,
  });
  assert.equal(foreign.statusCode, 403);
  const anon = await pageTokens();
  const crossSite = await postForm({ _csrf: anon.csrf, stamp: anon.stamp, name: 'X', email: 'x@example.org', body: 'Hallo' }, { origin: 'https://evil.example' });
  assert.equal(crossSite.statusCode, 403);
  const count = await app.services.database.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('author_name', 'in', ['Max', 'X']).executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0);
});

test('bad input gets a coded error and changes nothing', async () => {
  const { csrf } = await pageTokens();
  const api = (payload: Record<string, unknown>, url = `/api/v1/articles/${articleId}/comments`) =>
    app.http.inject({ method: 'POST', url, remoteAddress: freshIp(), headers: { 'x-csrf-token': csrf, origin: SITE }, payload });
  const { db } = app.services.database;
  const before = Number((await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pending = (await db.selectFrom('comments').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()).id;
  const cases: [Record<string, unknown>, number, string, string?][] = [
    [{ body: '   ', name: 'A', email: 'a@example.org' }, 400, 'COMMENT_EMPTY'],
    [{ body: 'x'.repeat(20_001), name: 'A', email: 'a@example.org' }, 400, 'COMMENT_TOO_LONG'],
    [{ body: 'Hallo', name: '', email: 'a@example.org' }, 400, 'NAME_REQUIRED'],
    [{ body: 'Hallo', name: 'A', email: 'kein-mail' }, 400, 'EMAIL_INVALID'],
    [{ body: 'Hallo', name: 'A', email: 'a@example.org', parentId: 999999 }, 400, 'COMMENT_PARENT_INVALID'],
    [{ body: 'Hallo', name: 'A', email: 'a@example.org', extra: 1 }, 400, 'VALIDATION'],
    [{ body: 42, name: 'A', email: 'a@example.org' }, 400, 'VALIDATION'],
    [{ body: 'Hallo', name: 'A', email: 'a@example.org' }, 403, 'COMMENT_CLOSED', '/api/v1/articles/geschlossen/comments'],
    [{ body: 'Hallo', name: 'A', email: 'a@example.org' }, 404, 'NOT_FOUND', '/api/v1/articles/gibt-es-nicht/comments'],
  ];
  for (const [payload, status, code, url] of cases) {
    const res = await api(payload, url);
    assert.equal(res.statusCode, status, `${code}: ${res.body}`);
    assert.equal(res.json().error.code, code);
  }
  // A reply to a comment of another article is refused.
  const other = await app.services.content.createArticle({
    lang: 'de', title: 'Anderer Artikel', body: [], status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [],
  });
  const foreign = await api({ body: 'Hallo', name: 'A', email: 'a@example.org', parentId: pending }, `/api/v1/articles/${other.id}/comments`);
  assert.equal(foreign.json().error.code, 'COMMENT_PARENT_INVALID');
  // The same text twice from the same person is a duplicate.
  const dup1 = await api({ body: 'Doppelt gemoppelt', name: 'Lea Leserin', email: 'lea@example.org' });
  assert.equal(dup1.statusCode, 201);
  const dup2 = await api({ body: 'Doppelt gemoppelt', name: 'Lea Leserin', email: 'lea@example.org' });
  assert.equal(dup2.json().error.code, 'COMMENT_DUPLICATE');
  const afterCount = Number((await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  assert.equal(afterCount, before + 1, 'only the one valid comment was stored');
});

test('replies past the depth cap are refused', async () => {
  const { csrf } = await pageTokens();
  await app.services.settings.update('discussion', { policy: 'none', depthCap: 2 });
  let parentId: number | null = null;
  const post = (body: string) =>
    app.http.inject({
      method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: freshIp(),
      headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { body, name: 'Tief', email: 'tief@example.org', parentId },
    });
  for (let depth = 0; depth <= 2; depth++) {
    const res = await post(`Ebene ${depth}`);
    assert.equal(res.statusCode, 201, res.body);
    parentId = res.json().id;
  }
  const tooDeep = await post('Ebene 3');
  assert.equal(tooDeep.json().error.code, 'COMMENT_DEPTH');
  await app.services.settings.update('discussion', { policy: 'first', depthCap: 8 });
});

test('the honeypot rejects, a form sent too fast is held, a forged stamp is refused', async () => {
  await app.services.settings.update('discussion', { policy: 'none' });
  const { csrf, stamp } = await pageTokens();
  const base = { _csrf: csrf, name: 'Bot', email: 'bot@example.org' };
  const honey = await postForm({ ...base, stamp, body: 'Buy now', website: 'https://spam.example' });
  assert.equal(honey.statusCode, 400);
  assert.match(honey.body, /Spam/);
  assert.doesNotMatch(honey.body, /\u0000/, 'the error page has its CSRF token filled in');
  assert.match(honey.body, /<meta name="csrf-token" content="[A-Za-z0-9_-]{43}">/);
  const fast = await postForm({ ...base, stamp, body: 'Schnell geschrieben' });
  assert.equal(fast.statusCode, 303);
  assert.match(String(fast.headers.location), /held=1/);
  const forged = await postForm({ ...base, stamp: `${Date.now()}.${'A'.repeat(43)}`, body: 'Gefälscht' });
  assert.equal(forged.statusCode, 400);
  await app.services.settings.update('discussion', { policy: 'first' });
});

test('a burst of comments from one address hits the rate limit', async () => {
  const { csrf } = await pageTokens();
  const ip = freshIp();
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await app.http.inject({
      method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: ip,
      headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { body: `Burst ${i}`, name: 'Burst', email: 'burst@example.org' },
    });
    statuses.push(res.statusCode);
    if (res.statusCode === 429) assert.ok(Number(res.headers['retry-after']) > 0);
  }
  assert.ok(statuses.filter((s) => s === 201).length <= 8, statuses.join(','));
  assert.ok(statuses.includes(429), statuses.join(','));
});

test('likes count once per session; a permalink finds its page', async () => {
  const { csrf } = await pageTokens('/', 'bw_sid=likerlikerlikerlikerliker');
  const target = (await app.services.database.db.selectFrom('comments').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).id;
  const like = () => app.http.inject({
    method: 'POST', url: `/api/v1/comments/${target}/like`, remoteAddress: freshIp(),
    headers: { cookie: 'bw_sid=likerlikerlikerlikerliker', 'x-csrf-token': csrf, origin: SITE },
  });
  const first = (await like()).json().likes;
  const second = (await like()).json().likes;
  assert.equal(second, first);
  const permalink = await app.http.inject({ method: 'GET', url: `/stadtrat-tagt/comment/${target}/` });
  assert.equal(permalink.statusCode, 302);
  assert.match(String(permalink.headers.location), new RegExp(`/stadtrat-tagt/(\\?cpage=\\d+)?#comment-${target}$`));
});

test('a guest edits their own comment within the window, not someone else\'s, and deletes it', async () => {
  await app.services.settings.update('discussion', { policy: 'none' });
  const sid = 'bw_sid=editoreditoreditoreditor1';
  const { csrf } = await pageTokens('/', sid);
  const headers = { cookie: sid, 'x-csrf-token': csrf, origin: SITE };
  const created = await app.http.inject({
    method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: freshIp(), headers,
    payload: { body: 'Tippfehler: Stdtrat', name: 'Edi', email: 'edi@example.org' },
  });
  const id = created.json().id;
  const edit = await app.http.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, headers, payload: { body: 'Tippfehler: Stadtrat' } });
  assert.equal(edit.statusCode, 200, edit.body);
  assert.match(edit.json().html, /Stadtrat/);
  const history = await app.services.database.db.selectFrom('comment_edits').selectAll().where('comment_id', '=', id).execute();
  assert.equal(history[0]?.body, 'Tippfehler: Stdtrat', 'moderators keep the edit history');
  const other = await pageTokens('/', 'bw_sid=otherotherotherotherother1');
  const stranger = await app.http.inject({
    method: 'PATCH', url: `/api/v1/comments/${id}`,
    headers: { cookie: 'bw_sid=otherotherotherotherother1', 'x-csrf-token': other.csrf, origin: SITE }, payload: { body: 'Gekapert' },
  });
  assert.equal(stranger.json().error.code, 'COMMENT_NOT_YOURS');
  later(16 * 60);
  const late = await app.http.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, headers, payload: { body: 'Zu spät' } });
  assert.equal(late.json().error.code, 'COMMENT_EDIT_EXPIRED');
  const del = await app.http.inject({ method: 'DELETE', url: `/api/v1/comments/${id}`, headers });
  assert.equal(del.statusCode, 204);
  const row = await app.services.discussion.store.byId(id);
  assert.equal(row?.status, 'deleted');
  assert.equal(row?.body, '');
  await app.services.settings.update('discussion', { policy: 'first' });
});

test('moderation routes need a signed-in moderator', async () => {
  const anon = await app.http.inject({ method: 'GET', url: '/api/v1/admin/comments' });
  assert.equal(anon.statusCode, 401);
  const { csrf } = await pageTokens();
  const wrong = await app.http.inject({
    method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: SITE },
    payload: { email: 'moderation@example.org', password: 'falsch-falsch' },
  });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().error.code, 'LOGIN_FAILED');
});
