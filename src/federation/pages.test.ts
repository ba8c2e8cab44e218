// The newsroom's federation page (/admin/federation/): administrators only; it shows the
// handle, the follows waiting for approval and the followers with their counts, likes and
// announces per article, deliveries waiting or given up with their last error, and refused
// activities with their reasons; a follow is approved (Accept queued) or turned down; a
// wrong blocked domain is refused at its field with nothing saved. Everything remote text
// brings (a follower's name) renders escaped. On both databases (the HTTP pass).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import { createUser, type Role } from '../platform/users.js';
import { SITE_ACTOR } from './objects.js';
import { FEDERATION_JOB } from './queue.js';

const SITE = 'http://127.0.0.1:3000';
const HOSTILE = '<script>alert(1)</script>';
let app: App;
let db: HttpTestDatabase;
const who = new Map<string, { cookie: string; csrf: string }>();

async function signIn(name: string, role: Role, ip: number): Promise<void> {
  const page = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  await createUser(app.services.database.db, { email: `${name}@example.org`, password: 'passwort-passwort', role, name });
  const login = await app.http.inject({
    method: 'POST', url: '/api/v1/session', remoteAddress: `10.9.0.${ip}`,
    headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: `${name}@example.org`, password: 'passwort-passwort' },
  });
  assert.equal(login.statusCode, 200, login.body);
  who.set(name, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken });
}

const get = (name: string, url: string) => app.http.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: who.get(name)!.cookie } });
const post = (name: string, url: string, form: Record<string, string>) =>
  app.http.inject({
    method: 'POST', url, headers: { cookie: who.get(name)!.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...form, _csrf: who.get(name)!.csrf }).toString(),
  });

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false, 'public-url': SITE }, env: { BLATTWERK_FEDERATION: 'on' } }));
  await signIn('ada', 'admin', 1);
  await signIn('eddi', 'editor', 2);
  const store = app.services.federation.store;
  await app.services.federation.settings.update({ approveFollowers: true });
  await store.addFollower({ actor: SITE_ACTOR, follower: 'https://social.example/users/wartet', handle: '@wartet@social.example', name: `Wartet ${HOSTILE}`, url: 'https://social.example/@wartet', inbox: 'https://social.example/users/wartet/inbox', sharedInbox: 'https://social.example/inbox', followId: 'https://social.example/f/1', status: 'pending' });
  await store.addFollower({ actor: SITE_ACTOR, follower: 'https://social.example/users/folgt', handle: '@folgt@social.example', name: 'Folgt', url: null, inbox: 'https://social.example/users/folgt/inbox', sharedInbox: null, followId: 'https://social.example/f/2', status: 'accepted' });
  await store.log('spam.example', 'Create', 'refused', 'blocked instance');
  await app.services.database.db.withTables<import('../platform/jobs/index.js').JobsDatabase>().insertInto('jobs').values({
    kind: FEDERATION_JOB, payload: '{}', run_at: new Date().toISOString(), attempts: 8, max_attempts: 8, status: 'failed', locked_by: null, locked_until: null,
    last_error: 'FetchError: https://down.example/inbox: fetch failed', dedupe_key: null, created_at: new Date().toISOString(), finished_at: new Date().toISOString(),
  }).execute();
});

after(async () => {
  await app.close();
  await db.drop();
});

test('administrators see the handle, waiting follows, followers, failed deliveries and refusals; editors may not', async () => {
  assert.equal((await get('eddi', '/admin/federation/')).statusCode, 403);
  const page = await get('ada', '/admin/federation/');
  assert.equal(page.statusCode, 200);
  const host = new URL(SITE).host;
  assert.match(page.body, new RegExp(`@[a-z0-9-]+@${host.replace('.', '\\.')}`));
  assert.ok(page.body.includes('@wartet@social.example'));
  assert.ok(page.body.includes('Wartet &lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!page.body.includes(HOSTILE));
  assert.ok(page.body.includes('@folgt@social.example'));
  assert.match(page.body, /1 Folgender|1 follower/);
  assert.ok(page.body.includes('FetchError: https://down.example/inbox: fetch failed'));
  assert.ok(page.body.includes('blocked instance'));
  assert.match(page.body, /href="\/admin\/federation\/"/);
});

test('approving a waiting follow makes them a follower and queues the Accept', async () => {
  const waiting = (await app.services.federation.store.listFollowers('pending', 10, 0))[0]!;
  const answer = await post('ada', `/admin/federation/followers/${waiting.id}/approve`, {});
  assert.equal(answer.statusCode, 303);
  assert.equal((await app.services.federation.store.followerById(waiting.id))?.status, 'accepted');
  const queued = await app.services.database.db.withTables<import('../platform/jobs/index.js').JobsDatabase>().selectFrom('jobs').select('payload').where('kind', '=', FEDERATION_JOB).where('status', '=', 'queued').execute();
  assert.ok(queued.some((j) => j.payload.includes('"Accept"') || j.payload.includes('#Accept')), 'an Accept is queued');
  assert.equal((await post('ada', '/admin/federation/followers/999999/approve', {})).statusCode, 404);
});

test('a wrong blocked domain is refused at its field and nothing is saved', async () => {
  const before = await app.services.federation.settings.get();
  const answer = await post('ada', '/admin/federation/settings', { enabled: 'on', blockedDomains: 'spam.example\nnicht eine domain!' });
  assert.equal(answer.statusCode, 422);
  assert.match(answer.body, /blockedDomains/);
  assert.deepEqual((await app.services.federation.settings.get()).blockedDomains, before.blockedDomains);
  const ok = await post('ada', '/admin/federation/settings', { enabled: 'on', approveFollowers: 'on', blockedDomains: 'Spam.Example.\n*.evil.example' });
  assert.equal(ok.statusCode, 303);
  assert.deepEqual((await app.services.federation.settings.get()).blockedDomains, ['spam.example', 'evil.example']);
});
