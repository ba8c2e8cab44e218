// Walks the whole route table: every route declares who may call it, every staff route
// names its roles, and the server refuses each role that is not named (fails closed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { routeTable } from '../platform/http.js';
import { createUser, ROLES, type Role } from '../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
const SITE = 'http://127.0.0.1:3000';
const sessions = new Map<Role, { cookie: string; csrf: string }>();

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const page = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  for (const role of ROLES) {
    const email = `${role}@example.org`;
    await createUser(app.services.database.db, { email, password: 'passwort-passwort', role });
    const login = await app.http.inject({
      method: 'POST', url: '/api/v1/session', remoteAddress: `10.9.0.${ROLES.indexOf(role) + 1}`,
      headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email, password: 'passwort-passwort' },
    });
    assert.equal(login.statusCode, 200, login.body);
    sessions.set(role, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken });
  }
});

after(async () => {
  await app.close();
  await db.drop();
});

test('every route declares its access; every staff route names its roles', () => {
  const table = routeTable(app.http);
  assert.ok(table.length > 40, `only ${table.length} routes recorded`);
  for (const route of table) {
    assert.ok(['public', 'reader', 'staff', 'token'].includes(route.access), `${route.method} ${route.url}`);
    if (route.access === 'staff') assert.ok(route.roles && route.roles.length > 0, `${route.method} ${route.url} names no roles`);
    // Signing in and resetting a password happen before one is staff.
    const openDoors = ['/admin/login/', '/admin/reset/'];
    if (route.url.startsWith('/api/v1/admin/') || (route.url.startsWith('/admin/') && !openDoors.includes(route.url))) {
      assert.equal(route.access, 'staff', `${route.method} ${route.url} is under /admin but not staff-only`);
    }
  }
});

test('each staff route refuses anonymous callers and every role it does not name', async () => {
  // An event stream never ends, so inject() would wait for ever: the desk's stream is checked for 401/403 alone below.
  const staffRoutes = routeTable(app.http).filter((r) => r.access === 'staff' && r.method !== 'HEAD' && !r.url.endsWith('/stream'));
  assert.ok(staffRoutes.length > 5);
  for (const route of staffRoutes) {
    const url = route.url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? '1' : 'x'));
    const anonymous = await app.http.inject({ method: route.method as 'GET', url });
    assert.equal(anonymous.statusCode, 401, `${route.method} ${url} anonymous`);
    for (const role of ROLES) {
      const { cookie, csrf } = sessions.get(role)!;
      const res = await app.http.inject({
        method: route.method as 'GET', url, headers: { cookie, 'x-csrf-token': csrf, origin: SITE },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      const allowed = role === 'owner' || (route.roles ?? []).includes(role);
      if (allowed) assert.notEqual(res.statusCode, 403, `${route.method} ${url} as ${role}: ${res.body.slice(0, 200)}`);
      else assert.equal(res.statusCode, 403, `${route.method} ${url} as ${role} should be refused`);
    }
  }
  const stream = '/admin/comments/stream';
  assert.equal((await app.http.inject({ method: 'GET', url: stream })).statusCode, 401, 'the desk stream: anonymous');
  assert.equal((await app.http.inject({ method: 'GET', url: stream, headers: { cookie: sessions.get('contributor')!.cookie } })).statusCode, 403, 'the desk stream: a contributor');
});

test('every staff write refuses a missing or foreign CSRF token, even from the owner', async () => {
  const writes = routeTable(app.http).filter((r) => r.access === 'staff' && !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
  assert.ok(writes.length > 20, `only ${writes.length} staff writes`);
  const owner = sessions.get('owner')!;
  // A token valid for another session: what a cross-site page could have got hold of.
  const foreign = sessions.get('editor')!.csrf;
  for (const route of writes) {
    const url = route.url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? '1' : 'x'));
    const payload = route.method === 'DELETE' ? {} : { payload: {} };
    const missing = await app.http.inject({ method: route.method as 'POST', url, headers: { cookie: owner.cookie, origin: SITE }, ...payload });
    assert.equal(missing.statusCode, 403, `${route.method} ${url} without a token: ${missing.body.slice(0, 200)}`);
    assert.equal(missing.json().error?.code ?? missing.json().code, 'CSRF', `${route.method} ${url}`);
    const wrong = await app.http.inject({ method: route.method as 'POST', url, headers: { cookie: owner.cookie, origin: SITE, 'x-csrf-token': foreign }, ...payload });
    assert.equal(wrong.statusCode, 403, `${route.method} ${url} with another session's token`);
  }
});
