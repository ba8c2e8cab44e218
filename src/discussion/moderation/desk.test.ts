// The moderation desk and the public log through HTTP: who may open it, what it lists,
// that hostile names and texts stay inert, bulk decisions by form and JSON (with log
// entries and statements of reasons), the sign-in form, and the public page setting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CONTRIBUTOR, MODERATOR, SITE, startModerationApp, type ModerationTestApp } from './testing.js';

let t: ModerationTestApp;
let staff: { cookie: string; csrf: string };
const HOSTILE_NAME = '<script>alert("name")</script>';
const HOSTILE_BODY = '<img src=x onerror=alert(1)> <script>alert("body")</script> "><svg onload=alert(2)>';

before(async () => {
  t = await startModerationApp();
  staff = await t.signIn();
});

after(async () => {
  await t.close();
});

const desk = (cookie?: string, query = '') => t.app.http.inject({ method: 'GET', url: `/admin/comments/${query}`, headers: cookie ? { cookie } : {} });

const STAFF_ROUTES: [string, string][] = [
  ['GET', '/admin/comments/'],
  ['POST', '/admin/comments/bulk'],
  ['POST', '/admin/notices/1/decide'],
  ['POST', '/api/v1/admin/comments/bulk'],
  ['GET', '/api/v1/admin/reports'],
  ['GET', '/api/v1/admin/notices'],
  ['POST', '/api/v1/admin/notices/1/decide'],
  ['GET', '/api/v1/admin/filters'],
  ['POST', '/api/v1/admin/filters'],
  ['DELETE', '/api/v1/admin/filters/1'],
  ['GET', '/api/v1/admin/bans'],
  ['POST', '/api/v1/admin/bans'],
  ['POST', '/api/v1/admin/bans/1/lift'],
  ['GET', '/api/v1/admin/trusted'],
  ['POST', '/api/v1/admin/trusted'],
  ['DELETE', '/api/v1/admin/trusted/email%3Aabc'],
  ['GET', '/api/v1/admin/moderation/log'],
];

test('staff routes refuse anonymous visitors (401), a reader session (401) and a contributor (403)', async () => {
  const reader = await t.comment({ email: 'leserin@example.org', body: 'Ich habe eine Sitzung' });
  const readerCookie = /bw_sid=[^;]+/.exec(String(reader.headers['set-cookie']))![0];
  const contributor = await t.signIn(CONTRIBUTOR);
  for (const [method, url] of STAFF_ROUTES) {
    const as = (headers: Record<string, string>) =>
      t.app.http.inject({ method: method as 'GET', url, headers: { origin: SITE, ...headers }, ...(method === 'GET' ? {} : { payload: {} }) });
    assert.equal((await as({ 'x-csrf-token': t.anonToken() })).statusCode, 401, `${method} ${url} anonymous`);
    assert.equal((await as({ cookie: readerCookie, 'x-csrf-token': t.app.services.csrf.tokenFor(readerCookie.slice(7)) })).statusCode, 401, `${method} ${url} reader`);
    assert.equal((await as(t.staff(contributor))).statusCode, 403, `${method} ${url} contributor`);
  }
  assert.equal((await desk(staff.cookie)).statusCode, 200);
});

test('the desk lists queue, reports, notices and log; hostile names and texts render inert', async () => {
  const heldComment = await t.comment({ name: HOSTILE_NAME, email: 'boese@example.org', body: HOSTILE_BODY });
  assert.equal(heldComment.json().status, 'pending');
  const spammy = await t.comment({ email: 'spam@example.org', body: 'Cheap viagra casino bonus buy now, best price online pharmacy http://pills.example' });
  assert.equal(spammy.statusCode, 201, spammy.body);
  const shown = await t.published({ name: `Zweit${HOSTILE_NAME}`.slice(0, 80), email: 'boese2@example.org', body: `Sichtbar ${HOSTILE_BODY}` });
  await t.app.http.inject({
    method: 'POST', url: `/api/v1/comments/${shown}/report`, remoteAddress: t.freshIp(),
    headers: { origin: SITE, 'x-csrf-token': t.anonToken() }, payload: { reason: 'abuse', note: '<iframe src=//evil.test></iframe>' },
  });
  await t.app.http.inject({
    method: 'POST', url: `/stadtrat-tagt/comment/${shown}/notice/`, remoteAddress: t.freshIp(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({
      _csrf: t.anonToken(), category: 'hate_speech', explanation: `Hetze ${HOSTILE_BODY}`, name: HOSTILE_NAME, email: 'melder@example.org', goodFaith: 'yes',
    }).toString(),
  });
  await t.app.http.inject({ method: 'POST', url: '/api/v1/admin/bans', headers: t.staff(staff), payload: { kind: 'email', email: 'x@example.org', reason: `Grund ${HOSTILE_BODY}` } });

  // Each tab of the desk, checked alike: nothing a reader or staff typed comes alive.
  const tabs: Record<string, string> = {};
  for (const filter of ['held', 'reported', 'notices', 'spam']) {
    const page = await desk(staff.cookie, `?filter=${filter}`);
    assert.equal(page.statusCode, 200, filter);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const main = page.body.slice(page.body.indexOf('<main'));
    assert.doesNotMatch(main, /<script/i, `${filter}: no script element from a reader`);
    assert.doesNotMatch(main, /<img|<svg|<iframe/i, `${filter}: no element from a reader`);
    const tags = main.match(/<[a-z][^>]*>/gi) ?? [];
    assert.ok(!tags.some((tag) => /\son\w+\s*=/i.test(tag)), `${filter}: no event handler attribute on any element`);
    assert.match(main, new RegExp(`name="_csrf" value="${staff.csrf}"`), 'forms carry the staff token');
    assert.match(main, /class="admin-nav"/, 'the desk sits in the newsroom frame');
    tabs[filter] = main;
  }
  const held = tabs.held!;
  assert.match(held, /&lt;script&gt;alert\(&quot;name&quot;\)&lt;\/script&gt;/);
  assert.match(held, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(held, new RegExp(`name="ids" value="${heldComment.json().id}"`));
  assert.match(held, /zu <a href="\/stadtrat-tagt\/">Stadtrat tagt<\/a>/, 'the card names its article');
  assert.match(held, /Erster Kommentar/, 'first-time mark');
  assert.match(held, /mailto:leserin@example\.org/, 'staff see the address');
  const spamCard = new RegExp(`id="card-${spammy.json().id}"[\\s\\S]*?</article>`).exec(held)![0];
  assert.match(spamCard, /Spam-Wert \d: ab 1 wird zurückgehalten, ab 3 abgewiesen\./, 'the score is explained');
  assert.match(spamCard, /lernende Spamfilter/, 'the classifier reason in words');
  for (const action of ['decide', 'trust', 'ban', 'reply']) assert.match(spamCard, new RegExp(`action="/admin/comments/${spammy.json().id}/${action}"`), action);
  const reported = new RegExp(`id="card-${shown}"[\\s\\S]*?</article>`).exec(tabs.reported!)![0];
  assert.match(reported, /1 Meldung von Leserinnen und Lesern/);
  assert.match(reported, /Beleidigung oder persönlicher Angriff: 1/);
  assert.match(reported, /&lt;iframe src=\/\/evil\.test&gt;/);
  assert.match(tabs.notices!, /id="notice-\d+"[\s\S]*Frist:/);
  assert.match(tabs.notices!, /action="\/admin\/notices\/\d+\/decide"/);
  assert.match(held, /<strong>Mod Erika Muster<\/strong> hat eine Sperre verhängt\./, 'the log reads as sentences');
  assert.equal((await desk(staff.cookie, '?filter=nonsense')).statusCode, 400, 'an unknown filter is refused');
});

test('bulk approve through the plain form, with CSRF; the log names actor and reason', async () => {
  const a = (await t.comment({ email: 'a@example.org', body: 'Erster von A' })).json().id as number;
  const b = (await t.comment({ email: 'b@example.org', body: 'Erster von B' })).json().id as number;
  const form = (fields: [string, string][], token = staff.csrf) =>
    t.app.http.inject({
      method: 'POST', url: '/admin/comments/bulk', headers: { cookie: staff.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', token], ...fields]).toString(),
    });
  assert.equal((await form([['ids', String(a)], ['action', 'approve']], t.anonToken())).statusCode, 403, 'another token');
  const res = await form([['ids', String(a)], ['ids', String(b)], ['action', 'approve'], ['reason', 'sachlich']]);
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/admin/comments/?filter=held&done=2&failed=0');
  for (const id of [a, b]) assert.equal((await t.app.services.discussion.store.byId(id))!.status, 'published');
  const after = await t.app.http.inject({ method: 'GET', url: res.headers.location, headers: { cookie: staff.cookie } });
  assert.match(after.body, /2 Kommentare bearbeitet\./);
  const none = await form([['action', 'approve']]);
  assert.equal(none.headers.location, '/admin/comments/?filter=held&error=VALIDATION');
  const log = (await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/moderation/log', headers: { cookie: staff.cookie } })).json().entries as { action: string; commentId: number; actor: string; reason: string }[];
  for (const id of [a, b]) {
    assert.ok(log.some((e) => e.action === 'approve' && e.commentId === id && e.actor === MODERATOR.name && e.reason === 'sachlich'));
  }
});

test('bulk reject and spam through JSON; removing a visible comment mails a statement of reasons', async () => {
  const visible = await t.published({ name: 'Vera Sichtbar', email: 'vera@example.org', body: 'Ein grenzwertiger Beitrag' });
  const pending = (await t.comment({ email: 'p@example.org', body: 'Noch nicht sichtbar' })).json().id as number;
  const spam = (await t.comment({ email: 's@example.org', body: 'Billige Uhren kaufen' })).json().id as number;
  const bulk = (payload: object) => t.app.http.inject({ method: 'POST', url: '/api/v1/admin/comments/bulk', headers: t.staff(staff), payload });
  assert.equal((await bulk({ ids: [], action: 'reject' })).statusCode, 400);
  assert.equal((await bulk({ ids: [visible], action: 'delete' })).statusCode, 400);
  const rejected = await bulk({ ids: [visible, pending, 999999], action: 'reject', reason: 'Persönlicher Angriff auf andere Leser.' });
  assert.equal(rejected.statusCode, 200, rejected.body);
  assert.deepEqual(rejected.json().results, [
    { id: visible, status: 'rejected' }, { id: pending, status: 'rejected' }, { id: 999999, error: 'NOT_FOUND' },
  ]);
  const spammed = await bulk({ ids: [spam], action: 'spam', reason: 'Werbung' });
  assert.deepEqual(spammed.json().results, [{ id: spam, status: 'spam' }]);

  await t.drainJobs();
  const mails = t.outbox();
  const statement = mails.find((m) => m.to === 'vera@example.org');
  assert.ok(statement, 'the author of the removed visible comment gets a statement');
  assert.match(statement.text, /Ein grenzwertiger Beitrag/);
  assert.match(statement.text, /Anlass: unsere eigene Prüfung/);
  assert.match(statement.text, /Grund: Verstoß gegen unsere Diskussionsregeln/);
  assert.match(statement.text, /Persönlicher Angriff auf andere Leser\./);
  assert.ok(!mails.some((m) => m.to === 'p@example.org' || m.to === 's@example.org'), 'never visible, or spam: no statement');
  const log = (await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/moderation/log', headers: { cookie: staff.cookie } })).json().entries as { action: string; commentId: number; reason: string }[];
  assert.ok(log.some((e) => e.action === 'reject' && e.commentId === visible && e.reason === 'Persönlicher Angriff auf andere Leser.'));
  assert.ok(log.some((e) => e.action === 'spam' && e.commentId === spam && e.reason === 'Werbung'));
});

test('staff sign in through a plain form', async () => {
  const form = await t.app.http.inject({ method: 'GET', url: '/admin/login/' });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<form method="post" action="\/admin\/login\/">/);
  const send = (password: string) =>
    t.app.http.inject({
      method: 'POST', url: '/admin/login/', remoteAddress: t.freshIp(), headers: { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: t.anonToken(), email: MODERATOR.email, password }).toString(),
    });
  const wrong = await send('falsch-falsch-falsch');
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /E-Mail-Adresse oder Passwort stimmen nicht/);
  assert.match(wrong.body, /value="mod@example.org"/);
  const right = await send(MODERATOR.password);
  assert.equal(right.statusCode, 303);
  assert.equal(right.headers.location, '/admin/comments/');
  const cookie = /bw_sid=[^;]+/.exec(String(right.headers['set-cookie']))![0];
  assert.equal((await desk(cookie)).statusCode, 200);
  const already = await t.app.http.inject({ method: 'GET', url: '/admin/login/', headers: { cookie } });
  assert.equal(already.statusCode, 303);
});

test('the public moderation page is 404 until switched on, then lists actions without personal data', async () => {
  assert.equal((await t.app.http.inject({ method: 'GET', url: '/moderation/' })).statusCode, 404);
  assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/v1/moderation-log' })).statusCode, 404);
  await t.app.services.settings.update('discussion', { publicLog: true });
  const page = await t.app.http.inject({ method: 'GET', url: '/moderation/' });
  assert.equal(page.statusCode, 200);
  const main = page.body.slice(page.body.indexOf('<main'));
  assert.match(main, /<h1 class="page-title">Moderationsprotokoll<\/h1>/);
  assert.match(main, /<td>Kommentar entfernt<\/td>\s*<td><a href="\/stadtrat-tagt\/">Stadtrat tagt<\/a><\/td>\s*<td>Persönlicher Angriff auf andere Leser\.<\/td>/);
  assert.match(main, /Kommentar freigegeben/);
  assert.match(main, /Kommentierende Person gesperrt<\/td>\s*<td><\/td>\s*<td><\/td>/, 'a ban without its reason');
  assert.doesNotMatch(main, /Mod Erika|Vera|vera@|@example\.org|Grund &lt;img/);
  const json = await t.app.http.inject({ method: 'GET', url: '/api/v1/moderation-log' });
  assert.equal(json.statusCode, 200);
  assert.ok(!JSON.stringify(json.json()).includes('Mod Erika'));
  assert.equal((await t.app.http.inject({ method: 'GET', url: '/moderation/?page=99' })).statusCode, 404);
  assert.equal((await t.app.http.inject({ method: 'GET', url: '/moderation/?page=abc' })).statusCode, 400);
});

test('the JSON routes appear in the OpenAPI document', async () => {
  const doc = await t.app.http.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(doc.statusCode, 200);
  const paths = Object.keys(doc.json().paths);
  for (const path of ['/api/v1/comments/{id}/report', '/api/v1/admin/comments/bulk', '/api/v1/admin/notices/{id}/decide', '/api/v1/admin/bans']) {
    assert.ok(paths.includes(path), path);
  }
});
