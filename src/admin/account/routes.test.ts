// Staff sign-in with and without a second factor, the progressive delay, sessions and
// password reset by e-mail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { totpCode } from '../../platform/totp.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
let clock = new Date('2026-06-01T08:00:00Z');
const SITE = 'http://127.0.0.1:3000';
let ip = 1;

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  await createUser(app.services.database.db, { email: 'ada@example.org', password: 'richtig-richtig', role: 'editor', name: 'Ada' });
  await createUser(app.services.database.db, { email: 'bert@example.org', password: 'richtig-richtig', role: 'author', name: 'Bert' });
});

after(async () => {
  await app.close();
  await db.drop();
});

async function anonToken() {
  const page = await app.http.inject({ method: 'GET', url: '/' });
  return /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
}

async function login(email: string, password: string, code?: string, from = `10.7.0.${ip++}`) {
  return app.http.inject({
    method: 'POST', url: '/api/v1/session', remoteAddress: from,
    headers: { 'x-csrf-token': await anonToken(), origin: SITE, 'user-agent': 'Testbrowser/1.0' },
    payload: code === undefined ? { email, password } : { email, password, code },
  });
}

const session = (res: Awaited<ReturnType<typeof login>>) => ({ cookie: /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0], csrf: res.json().csrfToken as string });

test('sign-in with TOTP: setup, enable with a code, then the code is required; recovery codes work once', async () => {
  const first = session(await login('ada@example.org', 'richtig-richtig'));
  const headers = { cookie: first.cookie, 'x-csrf-token': first.csrf, origin: SITE };
  const setup = await app.http.inject({ method: 'POST', url: '/api/v1/admin/account/totp/setup', headers, payload: {} });
  assert.equal(setup.statusCode, 200, setup.body);
  const { secret, uri, qrSvg } = setup.json();
  assert.match(uri, /^otpauth:\/\/totp\//);
  assert.match(qrSvg, /<svg/);
  const wrong = await app.http.inject({ method: 'POST', url: '/api/v1/admin/account/totp/enable', headers, payload: { code: '000000' } });
  assert.equal(wrong.statusCode, 401);
  const enable = await app.http.inject({ method: 'POST', url: '/api/v1/admin/account/totp/enable', headers, payload: { code: await totpCode(secret, clock) } });
  assert.equal(enable.statusCode, 200, enable.body);
  const recovery = enable.json().recoveryCodes as string[];
  assert.equal(recovery.length, 10);

  clock = new Date(clock.getTime() + 60_000);
  const noCode = await login('ada@example.org', 'richtig-richtig');
  assert.equal(noCode.statusCode, 401);
  assert.equal(noCode.json().error.code, 'TOTP_REQUIRED');
  const withCode = await login('ada@example.org', 'richtig-richtig', await totpCode(secret, clock));
  assert.equal(withCode.statusCode, 200, withCode.body);
  const replay = await login('ada@example.org', 'richtig-richtig', await totpCode(secret, clock));
  assert.equal(replay.json().error.code, 'TOTP_INVALID', 'a code is good once');
  clock = new Date(clock.getTime() + 60_000);
  assert.equal((await login('ada@example.org', 'richtig-richtig', recovery[0])).statusCode, 200);
  assert.equal((await login('ada@example.org', 'richtig-richtig', recovery[0])).json().error.code, 'TOTP_INVALID');
});

// The slow-down belongs to the sender and the address typed (sign-in.test.ts shows the rest).
test('failed sign-ins from one address slow down progressively, and the right password waits too', async () => {
  const from = '10.7.9.9';
  for (let i = 0; i < 3; i++) assert.equal((await login('bert@example.org', 'falsch-falsch', undefined, from)).statusCode, 401);
  const locked = await login('bert@example.org', 'richtig-richtig', undefined, from);
  assert.equal(locked.statusCode, 429);
  assert.ok(Number(locked.headers['retry-after']) >= 1);
  clock = new Date(clock.getTime() + 2_000);
  assert.equal((await login('bert@example.org', 'falsch-falsch', undefined, from)).statusCode, 401);
  clock = new Date(clock.getTime() + 1_000);
  const stillLocked = await login('bert@example.org', 'richtig-richtig', undefined, from);
  assert.equal(stillLocked.statusCode, 429, 'the fourth failure locks for 2 s');
  clock = new Date(clock.getTime() + 5_000);
  assert.equal((await login('bert@example.org', 'richtig-richtig', undefined, from)).statusCode, 200);
});

test('a staff member sees their sessions and ends one', async () => {
  clock = new Date(clock.getTime() + 60_000);
  const a = session(await login('bert@example.org', 'richtig-richtig'));
  const b = session(await login('bert@example.org', 'richtig-richtig'));
  const list = await app.http.inject({ method: 'GET', url: '/api/v1/admin/account/sessions', headers: { cookie: a.cookie } });
  const sessions = list.json().sessions as { id: string; current: boolean; userAgent: string }[];
  assert.ok(sessions.length >= 2);
  assert.equal(sessions.filter((s) => s.current).length, 1);
  assert.equal(sessions[0]!.userAgent, 'Testbrowser/1.0');
  const other = sessions.find((s) => !s.current)!;
  const revoke = await app.http.inject({ method: 'DELETE', url: `/api/v1/admin/account/sessions/${other.id}`, headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, origin: SITE } });
  assert.equal(revoke.statusCode, 204);
  const remaining = (await app.http.inject({ method: 'GET', url: '/api/v1/admin/account/sessions', headers: { cookie: a.cookie } })).json().sessions;
  assert.equal(remaining.length, sessions.length - 1);
  void b;
});

test('password reset by e-mail: the link works once and ends every session', async () => {
  const before = session(await login('bert@example.org', 'richtig-richtig'));
  const res = await app.http.inject({ method: 'POST', url: '/api/v1/password-reset', headers: { 'x-csrf-token': await anonToken(), origin: SITE }, payload: { email: 'bert@example.org' } });
  assert.equal(res.statusCode, 202);
  const unknown = await app.http.inject({ method: 'POST', url: '/api/v1/password-reset', headers: { 'x-csrf-token': await anonToken(), origin: SITE }, payload: { email: 'niemand@example.org' } });
  assert.deepEqual(unknown.json(), res.json(), 'no hint whether the address has an account');
  await app.services.jobs.runOnce(10);
  const outbox = join(db.dataDir, 'outbox');
  assert.ok(existsSync(outbox));
  const mail = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8')).join('\n').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const token = /\/admin\/reset\/\?token=([A-Za-z0-9_-]+)/.exec(mail)?.[1];
  assert.ok(token, 'the mail carries a reset link');
  const form = await app.http.inject({ method: 'GET', url: `/admin/reset/?token=${token}` });
  assert.equal(form.statusCode, 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const post = (password: string) => app.http.inject({
    method: 'POST', url: '/admin/reset/', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    payload: new URLSearchParams({ _csrf: csrf, token: token!, password }).toString(),
  });
  const weak = await post('kurz');
  assert.equal(weak.statusCode, 400);
  assert.match(weak.body, /mindestens 10 Zeichen/);
  assert.equal((await post('ein-neues-passwort')).statusCode, 200);
  assert.equal((await post('noch-ein-passwort')).statusCode, 400, 'the link works once');
  const old = await app.http.inject({ method: 'GET', url: '/api/v1/admin/account/sessions', headers: { cookie: before.cookie } });
  assert.equal(old.statusCode, 401, 'earlier sessions ended');
  assert.equal((await login('bert@example.org', 'ein-neues-passwort')).statusCode, 200);
});
