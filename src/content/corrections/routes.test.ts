// Corrections through HTTP: a reader suggests, an editor applies in one click, the page
// and the feeds show the public note; access, CSRF, stale and hostile input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
let clock = new Date('2026-05-01T10:00:00Z');
const SITE = 'http://127.0.0.1:3000';
const PASSWORD = 'sehr-geheim-123';
let articleId = 0;
let otherId = 0;
let ipCounter = 1;
const freshIp = () => `10.1.0.${ipCounter++}`;
const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
/** Feeds write whole seconds (see distribution/xml.ts). */
const feedDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  const { content, database } = app.services;
  const writer = await content.createAuthor({ name: 'Jana Beispiel' });
  const published = { lang: 'de' as const, status: 'published' as const, publishedAt: new Date('2026-04-30T10:00:00Z'), tagIds: [] };
  articleId = (await content.createArticle({
    ...published, title: 'Hilfe für die Ukraine', authorIds: [writer.id],
    body: [
      { type: 'paragraph', text: 'Die Lage in der Urkaine bleibt **angespannt**.' },
      { type: 'heading', level: 2, text: 'Was jetzt geschieht' },
      { type: 'paragraph', text: 'Der Stadtrat berät am Montag.' },
    ],
  })).id;
  otherId = (await content.createArticle({ ...published, title: 'Andere Meldung', authorIds: [], body: [{ type: 'paragraph', text: 'Ein Tippfeler hier.' }] })).id;
  for (const role of ['editor', 'moderator', 'author'] as const) {
    const user = await createUser(database.db, { email: `${role}@example.org`, password: PASSWORD, role, name: `Die ${role}` });
    if (role === 'author') await database.db.updateTable('authors').set({ user_id: user.id }).where('id', '=', writer.id).execute();
  }
});

after(async () => {
  await app.close();
  await db.drop();
});

async function pageToken(url = '/hilfe-fuer-die-ukraine/', cookie?: string) {
  const res = await app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return { csrf: /name="csrf-token" content="([^"]+)"/.exec(res.body)![1]!, body: res.body };
}

async function signIn(role: 'editor' | 'moderator' | 'author') {
  const { csrf } = await pageToken('/');
  const res = await app.http.inject({
    method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: SITE },
    payload: { email: `${role}@example.org`, password: PASSWORD },
  });
  assert.equal(res.statusCode, 200, res.body);
  return { cookie: /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0], csrf: res.json().csrfToken as string };
}

async function suggest(payload: Record<string, unknown>, article: string | number = articleId, ip = freshIp()) {
  const { csrf } = await pageToken();
  return app.http.inject({
    method: 'POST', url: `/api/v1/articles/${article}/corrections`, remoteAddress: ip,
    headers: { 'x-csrf-token': csrf, origin: SITE }, payload,
  });
}

function staffPost(staff: { cookie: string; csrf: string }, url: string, payload: Record<string, unknown> = {}) {
  return app.http.inject({ method: 'POST', url, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin: SITE }, payload });
}

test('a reader suggests a fix, it bypasses the comment queue, an editor applies it in one click', async () => {
  const { db } = app.services.database;
  const res = await suggest({ passage: 'Urkaine', replacement: 'Ukraine', kind: 'typo', note: 'Buchstabendreher', name: 'Lea' });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(Object.keys(res.json()).sort(), ['id', 'status']);
  const id = res.json().id as number;

  const editor = await signIn('editor');
  const queue = await app.http.inject({ method: 'GET', url: '/api/v1/admin/comments', headers: { cookie: editor.cookie } });
  assert.equal(queue.statusCode, 200);
  assert.equal(queue.json().comments.length, 0, 'not in the comment queue');
  assert.equal(Number((await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0);

  const inbox = await app.http.inject({ method: 'GET', url: '/api/v1/admin/corrections?status=open', headers: { cookie: editor.cookie } });
  assert.equal(inbox.statusCode, 200, inbox.body);
  const item = inbox.json().suggestions.find((s: { id: number }) => s.id === id);
  assert.equal(item.passage, 'Urkaine');
  assert.deepEqual(item.place, { block: 0, field: 'text' });
  assert.equal(item.reader.name, 'Lea');

  later(3600);
  const applied = await staffPost(editor, `/api/v1/admin/corrections/${id}/apply`, { note: 'In einer früheren Fassung stand „Urkaine“.' });
  assert.equal(applied.statusCode, 200, applied.body);
  assert.equal(applied.json().status, 'applied');
  const noteAt = clock.toISOString();

  const article = (await app.services.content.store.findBy('id', articleId))!;
  assert.deepEqual(article.body[0], { type: 'paragraph', text: 'Die Lage in der Ukraine bleibt **angespannt**.' });
  assert.deepEqual(article.body.slice(1), [
    { type: 'heading', level: 2, text: 'Was jetzt geschieht' },
    { type: 'paragraph', text: 'Der Stadtrat berät am Montag.' },
  ]);
  const revisions = await db.selectFrom('revisions').select(['data', 'note']).where('article_id', '=', articleId).orderBy('id', 'desc').execute();
  assert.equal(revisions.length, 2, 'created + correction');
  assert.match(revisions[0]!.note, /^Correction from a reader \(#\d+\): "Urkaine" → "Ukraine"$/);
  assert.match(revisions[0]!.data, /Die Lage in der Ukraine/);
  assert.match(revisions[1]!.data, /Die Lage in der Urkaine/, 'the old text is in the previous revision');

  const page = await app.http.inject({ method: 'GET', url: '/hilfe-fuer-die-ukraine/' });
  assert.match(page.body, /Die Lage in der Ukraine bleibt/);
  assert.doesNotMatch(page.body, /in der Urkaine bleibt/);
  const section = /<section class="corrections"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
  assert.match(section, /<strong>Korrektur:<\/strong> <time datetime="([^"]+)">/);
  assert.match(section, new RegExp(`datetime="${noteAt}"`));
  assert.match(section, /In einer früheren Fassung stand „Urkaine“\./);
  assert.match(page.body, /class="updated"/, 'the byline says the article was updated');
  assert.match(page.body, /<script src="\/assets\/corrections\.[^"]+\.js" defer><\/script>/);
  assert.match(page.body, /<a href="\/hilfe-fuer-die-ukraine\/correction\/" data-article="hilfe-fuer-die-ukraine"/);

  const rss = await app.http.inject({ method: 'GET', url: '/feed.xml' });
  assert.match(rss.body, /In einer früheren Fassung stand „Urkaine“\./);
  assert.match(rss.body, new RegExp(`<lastBuildDate>${clock.toUTCString()}</lastBuildDate>`), 'the channel is dated by the note');
  const json = (await app.http.inject({ method: 'GET', url: '/feed.json' })).json();
  const entry = json.items.find((i: { title: string }) => i.title === 'Hilfe für die Ukraine');
  assert.match(entry.content_html, /<section class="corrections"[\s\S]*In einer früheren Fassung stand „Urkaine“\./);
  assert.equal(entry.date_modified, feedDate(clock));
  assert.equal(entry.date_published, '2026-04-30T10:00:00Z');
  const atom = await app.http.inject({ method: 'GET', url: '/atom.xml' });
  assert.match(atom.body, new RegExp(`<updated>${feedDate(clock)}</updated>`));
});

test('applying twice, or after the text changed, is CORRECTION_STALE', async () => {
  const editor = await signIn('editor');
  const first = await suggest({ passage: 'am Montag', replacement: 'am Dienstag', kind: 'fact' });
  assert.equal(first.statusCode, 201, first.body);
  const second = await suggest({ passage: 'Stadtrat', replacement: 'Gemeinderat', kind: 'fact' });
  const one = await staffPost(editor, `/api/v1/admin/corrections/${first.json().id}/apply`);
  assert.equal(one.statusCode, 200, one.body);
  const twice = await staffPost(editor, `/api/v1/admin/corrections/${first.json().id}/apply`);
  assert.equal(twice.statusCode, 409);
  assert.equal(twice.json().error.code, 'CORRECTION_STALE');
  // Someone edits the paragraph by hand; the reader's passage is gone.
  const { content } = app.services;
  const article = (await content.store.findBy('id', articleId))!;
  await content.updateArticle(articleId, {
    ...article, authorIds: article.authors.map((a) => a.id), tagIds: [],
    body: [article.body[0]!, article.body[1]!, { type: 'paragraph', text: 'Der Rat berät am Dienstag.' }],
  });
  const stale = await staffPost(editor, `/api/v1/admin/corrections/${second.json().id}/apply`);
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'CORRECTION_STALE');
  assert.ok(stale.json().error.message.length > 10);
  const open = await app.http.inject({ method: 'GET', url: '/api/v1/admin/corrections', headers: { cookie: editor.cookie } });
  assert.ok(open.json().suggestions.some((s: { id: number }) => s.id === second.json().id), 'still open for a decision');
  const dismissed = await staffPost(editor, `/api/v1/admin/corrections/${second.json().id}/dismiss`, { reason: 'von Hand erledigt' });
  assert.deepEqual(dismissed.json(), { id: second.json().id, status: 'dismissed' });
});

test('a passage that does not occur, bad input, no token and too many suggestions are refused', async () => {
  const missing = await suggest({ passage: 'Russland', replacement: 'Belarus', kind: 'fact' });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.code, 'VALIDATION');
  assert.equal(missing.json().error.field, 'passage');
  for (const [payload, field] of [
    [{ passage: 'Stadtrat', kind: 'typo' }, 'replacement'],
    [{ passage: 'Ukraine', replacement: 'Ukraine', kind: 'typo' }, 'replacement'],
    [{ passage: 'Ukraine', replacement: 'X', kind: 'typo', extra: 1 }, undefined],
  ] as const) {
    const res = await suggest(payload);
    assert.equal(res.statusCode, 400, res.body);
    if (field) assert.equal(res.json().error.field, field);
  }
  assert.equal((await suggest({ passage: 'Ukraine', replacement: 'X', kind: 'typo' }, 'gibt-es-nicht')).statusCode, 404);
  const noToken = await app.http.inject({
    method: 'POST', url: `/api/v1/articles/${articleId}/corrections`, headers: { origin: SITE },
    payload: { passage: 'Ukraine', replacement: 'X', kind: 'typo' },
  });
  assert.equal(noToken.json().error.code, 'CSRF');
  const ip = freshIp();
  let last = 0;
  for (let i = 0; i < 21; i++) last = (await suggest({ passage: 'Russland', replacement: 'X', kind: 'typo' }, articleId, ip)).statusCode;
  assert.equal(last, 429, 'rate limited per IP');
});

test('the plain-HTML form works without JavaScript', async () => {
  const form = await app.http.inject({ method: 'GET', url: '/andere-meldung/correction/' });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<form class="correction-form" method="post" action="\/andere-meldung\/correction\/">/);
  assert.match(form.body, /<meta name="robots" content="noindex">/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const post = (fields: Record<string, string>) =>
    app.http.inject({
      method: 'POST', url: '/andere-meldung/correction/', remoteAddress: freshIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  const wrong = await post({ passage: 'Tippfehler', replacement: 'Tippfehler!', kind: 'typo', note: 'meine <b>Notiz</b>' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /Diese Textstelle steht so nicht im Artikel/);
  assert.match(wrong.body, /meine &lt;b&gt;Notiz&lt;\/b&gt;/, 'the reader gets their text back, escaped');
  const ok = await post({ passage: 'Tippfeler', replacement: 'Tippfehler', kind: 'typo' });
  assert.equal(ok.statusCode, 200, ok.body.slice(0, 300));
  assert.match(ok.body, /Danke für Ihren Hinweis/);
  const editor = await signIn('editor');
  const inbox = await app.http.inject({ method: 'GET', url: '/api/v1/admin/corrections', headers: { cookie: editor.cookie } });
  assert.ok(inbox.json().suggestions.some((s: { passage: string; article: { id: number } }) => s.passage === 'Tippfeler' && s.article.id === otherId));
});

test('staff routes refuse anonymous visitors (401) and moderators (403); authors see only their own articles', async () => {
  assert.equal((await suggest({ passage: 'Tippfeler', replacement: 'Tippfehler', kind: 'typo' }, otherId)).statusCode, 201);
  const urls = ['/api/v1/admin/corrections', '/admin/corrections/', '/api/v1/admin/correction-log'];
  for (const url of urls) assert.equal((await app.http.inject({ method: 'GET', url })).statusCode, 401, url);
  const anonymousWrite = await app.http.inject({
    method: 'POST', url: `/api/v1/admin/articles/${articleId}/correction-notes`, headers: { origin: SITE }, payload: { text: 'x' },
  });
  assert.equal(anonymousWrite.statusCode, 401);
  const moderator = await signIn('moderator');
  for (const url of urls) assert.equal((await app.http.inject({ method: 'GET', url, headers: { cookie: moderator.cookie } })).statusCode, 403, url);
  assert.equal((await staffPost(moderator, '/api/v1/admin/corrections/1/apply')).statusCode, 403);
  assert.equal((await staffPost(moderator, `/api/v1/admin/articles/${articleId}/correction-notes`, { text: 'x' })).statusCode, 403);

  const author = await signIn('author');
  const mine = await app.http.inject({ method: 'GET', url: '/api/v1/admin/corrections', headers: { cookie: author.cookie } });
  assert.equal(mine.statusCode, 200);
  const articles = new Set(mine.json().suggestions.map((s: { article: { id: number } }) => s.article.id));
  assert.ok(!articles.has(otherId), 'another article\'s suggestions are not listed');
  const editor = await signIn('editor');
  const all = (await app.http.inject({ method: 'GET', url: '/api/v1/admin/corrections', headers: { cookie: editor.cookie } })).json();
  const foreign = all.suggestions.find((s: { article: { id: number } }) => s.article.id === otherId);
  assert.equal((await staffPost(author, `/api/v1/admin/corrections/${foreign.id}/dismiss`)).statusCode, 403);
  assert.equal((await staffPost(author, `/api/v1/admin/articles/${otherId}/correction-notes`, { text: 'x' })).statusCode, 403);
  assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/admin/correction-log', headers: { cookie: author.cookie } })).statusCode, 403);
  const log = await app.http.inject({ method: 'GET', url: '/api/v1/admin/correction-log', headers: { cookie: editor.cookie } });
  assert.ok(log.json().entries.some((e: { action: string; actor: string }) => e.action === 'apply' && e.actor === 'Die editor'));
});

test('hostile input is escaped on the staff page and in the public note', async () => {
  const evil = '<script>alert(1)</script>';
  const res = await suggest({ passage: 'Was jetzt geschieht', replacement: `Was ${evil} geschieht`, kind: 'typo', note: `${evil}<img src=x onerror=alert(2)>`, name: evil });
  assert.equal(res.statusCode, 201, res.body);
  const editor = await signIn('editor');
  const page = await app.http.inject({ method: 'GET', url: '/admin/corrections/', headers: { cookie: editor.cookie } });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['cache-control'], 'no-store', 'a staff page in the newsroom frame is never stored');
  assert.match(page.body, /class="admin-nav"/, 'in the newsroom frame');
  assert.doesNotMatch(page.body, /<script>alert|<img src=x/);
  assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page.body, new RegExp(`<form method="post" action="/admin/corrections/${res.json().id}/apply"`));
  assert.match(page.body, /Stelle im \d+\. Block des Textes|Stelle in der Überschrift/, 'the place in words');
  assert.doesNotMatch(page.body, /body\[\d+\]/, 'no developer path');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  assert.equal(token, editor.csrf, 'the form carries the editor\'s own token');

  // One-click dismiss from the staff page (a plain form post).
  const dismiss = await app.http.inject({
    method: 'POST', url: `/admin/corrections/${res.json().id}/dismiss`,
    headers: { cookie: editor.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, reason: 'nein' }).toString(),
  });
  assert.equal(dismiss.statusCode, 303);
  assert.equal(dismiss.headers.location, '/admin/corrections/?done=dismissed');
  const again = await app.http.inject({
    method: 'POST', url: `/admin/corrections/${res.json().id}/apply`,
    headers: { cookie: editor.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token }).toString(),
  });
  assert.equal(again.headers.location, `/admin/corrections/?error=CORRECTION_STALE#suggestion-${res.json().id}`);
  const shown = await app.http.inject({ method: 'GET', url: String(again.headers.location).split('#')[0]!, headers: { cookie: editor.cookie } });
  assert.match(shown.body, /passt nicht mehr zum Text/);
  const forged = await app.http.inject({ method: 'GET', url: `/admin/corrections/?error=${encodeURIComponent(evil)}`, headers: { cookie: editor.cookie } });
  assert.doesNotMatch(forged.body, /<script>alert/);

  later(60);
  const note = await staffPost(editor, `/api/v1/admin/articles/${articleId}/correction-notes`, { text: `Hinweis ${evil}` });
  assert.equal(note.statusCode, 201, note.body);
  const article = await app.http.inject({ method: 'GET', url: '/hilfe-fuer-die-ukraine/' });
  assert.doesNotMatch(article.body, /<script>alert/);
  assert.match(article.body, /Hinweis &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const json = (await app.http.inject({ method: 'GET', url: '/feed.json' })).json();
  const entry = json.items.find((i: { title: string }) => i.title === 'Hilfe für die Ukraine');
  assert.match(entry.content_html, /Hinweis &lt;script&gt;/);
  assert.doesNotMatch(entry.content_html, /<script>/);
  assert.equal(entry.date_modified, feedDate(clock), 'a note alone also updates the item');
});
