// People (issue 11): owners and admins invite staff by e-mail (real SMTP), change roles,
// suspend, remove and reset a second factor; every change is audited and ends sessions
// where it should; refusals are coded (STAFF_EXISTS, LAST_OWNER, FORBIDDEN) and change
// nothing. Runs on SQLite, and on PostgreSQL with BLATTWERK_TEST_HTTP_DB=postgres.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import type { AuditTables } from '../audit.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';
import { startSmtpSink, type SmtpSink } from '../../audience/testkit.js';

let app: App;
let db: HttpTestDatabase;
let smtp: SmtpSink;
const SITE = 'http://127.0.0.1:3000';
const PASSWORD = 'richtig-richtig';
let ip = 1;

before(async () => {
  smtp = await startSmtpSink();
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false, 'smtp-url': smtp.url, 'public-url': SITE }, env: {} }));
  await createUser(app.services.database.db, { email: 'ida@example.org', password: PASSWORD, role: 'owner', name: 'Ida Inhaberin' });
  await createUser(app.services.database.db, { email: 'anton@example.org', password: PASSWORD, role: 'admin', name: 'Anton Admin' });
  await createUser(app.services.database.db, { email: 'eddi@example.org', password: PASSWORD, role: 'editor', name: 'Eddi Editor' });
});

after(async () => {
  await app?.close();
  await db?.drop();
  await smtp?.close();
});

async function anonToken() {
  const page = await app.http.inject({ method: 'GET', url: '/' });
  return /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
}

async function signIn(email: string, password = PASSWORD) {
  const res = await app.http.inject({
    method: 'POST', url: '/api/v1/session', remoteAddress: `10.9.0.${ip++}`,
    headers: { 'x-csrf-token': await anonToken(), origin: SITE }, payload: { email, password },
  });
  return res.statusCode === 200 ? { cookie: /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0], csrf: res.json().csrfToken as string } : null;
}

type Session = NonNullable<Awaited<ReturnType<typeof signIn>>>;
const form = (as: Session, url: string, fields: Record<string, string>) =>
  app.http.inject({
    method: 'POST', url, headers: { cookie: as.cookie, origin: SITE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: as.csrf, ...fields }).toString(),
  });
const api = (as: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.http.inject({ method, url, headers: { cookie: as.cookie, 'x-csrf-token': as.csrf, origin: SITE }, ...(payload ? { payload } : {}) });
const users = () => app.services.database.db.selectFrom('users').select(['id', 'email', 'role']).orderBy('id').execute();
const idOf = async (email: string) => (await users()).find((u) => u.email === email)!.id;
const audit = async (action: string) =>
  app.services.database.db.withTables<AuditTables>().selectFrom('audit_log').select(['actor', 'target_id']).where('action', '=', action).execute();

test('only owners and admins see the people page; editors and guests do not', async () => {
  const eddi = (await signIn('eddi@example.org'))!;
  const ida = (await signIn('ida@example.org'))!;
  assert.equal((await app.http.inject({ method: 'GET', url: '/admin/people/', headers: { cookie: eddi.cookie } })).statusCode, 403);
  assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/admin/people', headers: { cookie: eddi.cookie } })).statusCode, 403);
  assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/admin/people' })).statusCode, 401);
  const page = await app.http.inject({ method: 'GET', url: '/admin/people/', headers: { cookie: ida.cookie, accept: 'text/html' } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<a href="\/admin\/people\/" aria-current="page">Personen<\/a>/, 'in the newsroom navigation');
  for (const name of ['Ida Inhaberin', 'Anton Admin', 'Eddi Editor']) assert.ok(page.body.includes(name), name);
  assert.match(page.body, /action="\/admin\/people\/invite"/);
});

test('an owner invites an editor by e-mail; the link sets a password once; the invitation is audited', async () => {
  const ida = (await signIn('ida@example.org'))!;
  const sent = smtp.mails.length;
  const res = await form(ida, '/admin/people/invite', { name: 'Nora <b>Neu</b>', email: 'Nora@Example.org', role: 'editor' });
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(res.headers.location, '/admin/people/?done=invited');
  const nora = (await users()).find((u) => u.email === 'nora@example.org')!;
  assert.equal(nora.role, 'editor');
  assert.equal(await signIn('nora@example.org', 'irgendwas-langes'), null, 'no password works before it is set');
  await app.services.jobs.runOnce();
  const [mail] = (await smtp.waitFor((mails) => mails.length > sent)).slice(sent);
  assert.deepEqual(mail!.to, ['nora@example.org']);
  assert.match(mail!.header('subject') ?? '', /Einladung in die Redaktion/);
  assert.match(mail!.text, /Ida Inhaberin lädt Sie/);
  const link = /(http:\/\/127\.0\.0\.1:3000\/admin\/reset\/\?token=[A-Za-z0-9_-]+&welcome=1)/.exec(mail!.text)![1]!;
  const welcome = await app.http.inject({ method: 'GET', url: link.slice(SITE.length) });
  assert.match(welcome.body, /Willkommen in der Redaktion/);
  const token = new URL(link).searchParams.get('token')!;
  const set = await app.http.inject({
    method: 'POST', url: '/admin/reset/', headers: { origin: SITE, 'content-type': 'application/x-www-form-urlencoded', cookie: '' },
    payload: new URLSearchParams({ _csrf: await anonToken(), token, password: 'noras-neues-passwort' }).toString(),
  });
  assert.equal(set.statusCode, 200, set.body);
  assert.ok(await signIn('nora@example.org', 'noras-neues-passwort'), 'signs in with the chosen password');
  const again = await app.http.inject({
    method: 'POST', url: '/admin/reset/', headers: { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: await anonToken(), token, password: 'noch-ein-passwort' }).toString(),
  });
  assert.equal(again.statusCode, 400, 'the link works once');
  assert.deepEqual((await audit('people.invite')).map((a) => [a.actor, a.target_id]), [['Ida Inhaberin', String(nora.id)]]);
});

test('bad input: an existing address and a change leaving no owner are refused with codes; nothing changes', async () => {
  const ida = (await signIn('ida@example.org'))!;
  const anton = (await signIn('anton@example.org'))!;
  const before = await users();
  const mails = smtp.mails.length;
  const dup = await api(ida, 'POST', '/api/v1/admin/people', { email: 'EDDI@example.org', name: 'Eddi Zwei', role: 'author' });
  assert.equal(dup.statusCode, 409);
  assert.equal(dup.json().error.code, 'STAFF_EXISTS');
  assert.equal(dup.json().error.field, 'email');
  const dupForm = await form(ida, '/admin/people/invite', { name: 'Eddi Zwei', email: 'eddi@example.org', role: 'author' });
  assert.equal(dupForm.statusCode, 409);
  assert.match(dupForm.body, /Zu dieser E-Mail-Adresse gibt es schon ein Konto/);
  assert.match(dupForm.body, /value="Eddi Zwei"/, 'what was typed stays');
  const idaId = await idOf('ida@example.org');
  const demote = await api(ida, 'PATCH', `/api/v1/admin/people/${idaId}`, { role: 'editor' });
  assert.equal(demote.statusCode, 409);
  assert.equal(demote.json().error.code, 'LAST_OWNER');
  assert.match(demote.json().error.message, /mindestens eine Inhaberin/);
  const demoteForm = await form(ida, `/admin/people/${idaId}/role`, { role: 'admin' });
  assert.equal(demoteForm.headers.location, '/admin/people/?error=LAST_OWNER');
  const byAdmin = await api(anton, 'PATCH', `/api/v1/admin/people/${idaId}`, { role: 'editor' });
  assert.equal(byAdmin.json().error.code, 'OWNER_ONLY', 'an admin cannot touch an owner');
  const makeOwner = await api(anton, 'PATCH', `/api/v1/admin/people/${await idOf('eddi@example.org')}`, { role: 'owner' });
  assert.equal(makeOwner.json().error.code, 'OWNER_ONLY', 'nor make an owner');
  const bad = await api(ida, 'POST', '/api/v1/admin/people', { email: 'kein-at', name: 'X', role: 'editor' });
  assert.equal(bad.json().error.code, 'EMAIL_INVALID');
  const badRole = await api(ida, 'POST', '/api/v1/admin/people', { email: 'x@example.org', name: 'X', role: 'kaiser' });
  assert.equal(badRole.json().error.field, 'role');
  assert.deepEqual(await users(), before, 'nothing changed');
  assert.equal(smtp.mails.length, mails, 'no mail');
});

test('role change, suspension (sessions end, sign-in refused, no reset link), lift, TOTP reset and removal', async () => {
  const ida = (await signIn('ida@example.org'))!;
  const eddiId = await idOf('eddi@example.org');
  const eddi = (await signIn('eddi@example.org'))!;
  assert.equal((await form(ida, `/admin/people/${eddiId}/role`, { role: 'author' })).headers.location, '/admin/people/?done=role');
  assert.equal((await users()).find((u) => u.id === eddiId)!.role, 'author');
  assert.equal((await form(ida, `/admin/people/${eddiId}/suspend`, {})).headers.location, '/admin/people/?done=suspended');
  assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: eddi.cookie } })).json().user ?? null, null, 'the session ended');
  assert.equal(await signIn('eddi@example.org'), null, 'a suspended account cannot sign in');
  const mails = smtp.mails.length;
  await app.http.inject({ method: 'POST', url: '/api/v1/password-reset', remoteAddress: '10.9.9.9', headers: { 'x-csrf-token': await anonToken(), origin: SITE }, payload: { email: 'eddi@example.org' } });
  await app.services.jobs.runOnce();
  assert.equal(smtp.mails.length, mails, 'no reset link while suspended');
  assert.equal((await form(ida, `/admin/people/${eddiId}/unsuspend`, {})).headers.location, '/admin/people/?done=unsuspended');
  assert.ok(await signIn('eddi@example.org'), 'the old password works again');
  assert.equal((await form(ida, `/admin/people/${eddiId}/reset-totp`, {})).headers.location, '/admin/people/?done=totp');
  assert.equal((await form(ida, `/admin/people/${eddiId}/remove`, {})).headers.location, '/admin/people/?error=VALIDATION', 'removal needs the tick');
  assert.equal((await form(ida, `/admin/people/${eddiId}/remove`, { confirm: 'yes' })).headers.location, '/admin/people/?done=removed');
  assert.equal(await signIn('eddi@example.org'), null);
  const list = (await api(ida, 'GET', '/api/v1/admin/people')).json().people as { email: string }[];
  assert.ok(!list.some((p) => p.email === 'eddi@example.org'), 'removed people leave the list');
  assert.equal((await form(ida, `/admin/people/${await idOf('ida@example.org')}/suspend`, {})).headers.location, '/admin/people/?error=NOT_YOURSELF', 'not oneself');
  assert.equal((await form(ida, `/admin/people/${await idOf('ida@example.org')}/reset-totp`, {})).headers.location, '/admin/people/?error=NOT_YOURSELF', 'not one\'s own second factor (the account page does that)');
  for (const action of ['people.role', 'people.suspend', 'people.unsuspend', 'people.totp.reset', 'people.remove']) {
    assert.equal((await audit(action)).length, 1, action);
  }
  // A removed address can be invited afresh.
  const back = await api(ida, 'POST', '/api/v1/admin/people', { email: 'eddi@example.org', name: 'Eddi Editor', role: 'editor' });
  assert.equal(back.statusCode, 201, back.body);
  assert.equal(back.json().id, eddiId);
});
