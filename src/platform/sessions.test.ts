// A staff session's "last seen" follows its use, written at most once per five minutes,
// on SQLite and PostgreSQL, with the clock under the test's control.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from './config.js';
import { SESSION_COOKIE } from './csrf.js';
import { sessionHash } from './privacy.js';
import { createSessions, LAST_SEEN_EVERY_MS } from './sessions.js';
import { createHttpTestDatabase, eachDatabase } from './testing.js';
import { createUser } from './users.js';

const T0 = Date.parse('2026-03-30T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MINUTE = 60_000;

// Only what the session functions touch: the cookie header, and setCookie on the reply.
const requestWith = (sid: string) => ({ headers: { cookie: `${SESSION_COOKIE}=${sid}` } }) as unknown as FastifyRequest;
function fakeReply() {
  const cookies = new Map<string, string>();
  const reply = { setCookie: (name: string, value: string) => (cookies.set(name, value), reply) };
  return { reply: reply as unknown as FastifyReply, cookies };
}

eachDatabase('session last seen', (handle) => {
  test('written when used, at most once per five minutes; expired and guest sessions write nothing', async () => {
    const { db } = handle();
    let clock = T0;
    const sessions = createSessions(db, { secure: false, now: () => new Date(clock) });
    await createUser(db, { email: 'eva@example.org', password: 'passwort-passwort', role: 'editor' });
    const { reply, cookies } = fakeReply();
    await sessions.signIn(reply, 'eva@example.org', 'passwort-passwort', undefined, 'Firefox');
    const sid = cookies.get(SESSION_COOKIE)!;
    const request = requestWith(sid);
    const seen = async () =>
      (await db.selectFrom('sessions').select(['created_at', 'last_seen_at']).where('id_hash', '=', sessionHash(sid)).executeTakeFirstOrThrow());
    const use = async (ms: number) => {
      clock = T0 + ms;
      assert.ok(await sessions.user(request), `signed in at +${ms / MINUTE} min`);
      return (await seen()).last_seen_at;
    };

    assert.deepEqual(await seen(), { created_at: at(0), last_seen_at: at(0) });
    assert.equal(await use(1 * MINUTE), at(0), 'within the window: no write');
    assert.equal(await use(LAST_SEEN_EVERY_MS - 1), at(0));
    assert.equal(await use(LAST_SEEN_EVERY_MS), at(LAST_SEEN_EVERY_MS), 'window over: written');
    assert.equal(await use(LAST_SEEN_EVERY_MS + 3 * MINUTE), at(LAST_SEEN_EVERY_MS));
    assert.equal(await use(12 * MINUTE), at(12 * MINUTE));
    assert.equal(await use(3 * 86_400_000), at(3 * 86_400_000), 'back after three days');
    assert.equal((await seen()).created_at, at(0), 'sign-in time untouched');

    // The device list shows it.
    const [listed] = await sessions.list(request, (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id);
    assert.deepEqual([listed?.createdAt, listed?.lastSeenAt, listed?.current], [at(0), at(3 * 86_400_000), true]);

    // Expired: not signed in, and the row is not touched.
    clock = T0 + 31 * 86_400_000;
    assert.equal(await sessions.user(request), null);
    assert.equal((await seen()).last_seen_at, at(3 * 86_400_000));
    // A guest's cookie has no staff row: nothing to read further, nothing written.
    assert.equal(await sessions.user(requestWith('guestguestguestguestguest')), null);
    assert.equal(await sessions.user({ headers: {} } as unknown as FastifyRequest), null);
  });

  test('requests racing on a stale session write once between them', async () => {
    const { db } = handle();
    let clock = T0;
    const sessions = createSessions(db, { secure: false, now: () => new Date(clock) });
    await createUser(db, { email: 'ruth@example.org', password: 'passwort-passwort', role: 'author' });
    const { reply, cookies } = fakeReply();
    await sessions.signIn(reply, 'ruth@example.org', 'passwort-passwort');
    const request = requestWith(cookies.get(SESSION_COOKIE)!);
    clock = T0 + 10 * MINUTE;
    const users = await Promise.all(Array.from({ length: 8 }, () => sessions.user(request)));
    assert.ok(users.every((user) => user?.email === 'ruth@example.org'));
    const row = await db.selectFrom('sessions').select('last_seen_at').where('id_hash', '=', sessionHash(cookies.get(SESSION_COOKIE)!)).executeTakeFirstOrThrow();
    assert.equal(row.last_seen_at, at(10 * MINUTE));
  });
});

test('through the app: the account API and page show when a device was last seen', async () => {
  let clock = T0;
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => new Date(clock) });
  try {
    await createUser(app.services.database.db, { email: 'chef@example.org', password: 'passwort-passwort', role: 'admin' });
    const home = await app.http.inject({ method: 'GET', url: '/' });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.body)![1]!;
    const login = await app.http.inject({
      method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: 'http://127.0.0.1:3000', 'user-agent': 'Firefox' },
      payload: { email: 'chef@example.org', password: 'passwort-passwort' },
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
    const listed = async (ms: number) => {
      clock = T0 + ms;
      const res = await app.http.inject({ method: 'GET', url: '/api/v1/admin/account/sessions', headers: { cookie } });
      assert.equal(res.statusCode, 200, res.body);
      const [session] = res.json().sessions as { createdAt: string; lastSeenAt: string }[];
      return [session?.createdAt, session?.lastSeenAt];
    };
    assert.deepEqual(await listed(2 * MINUTE), [at(0), at(0)]);
    assert.deepEqual(await listed(90 * MINUTE), [at(0), at(90 * MINUTE)]);
    // The page renders both times (Europe/Berlin, summer time: 10:00 signed in, 11:30 last seen).
    const page = await app.http.inject({ method: 'GET', url: '/admin/account/', headers: { cookie, accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<time datetime="${at(0)}">[^<]*10:00</time></td>\\s*<td><time datetime="${at(90 * MINUTE)}">[^<]*11:30</time>`));
  } finally {
    await app.close();
    await db.drop();
  }
});
