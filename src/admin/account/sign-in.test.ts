// Staff sign-in through both doors (issue 15, findings 3 and 7): a known and an unknown
// e-mail address get byte-for-byte the same answers, the slow-down belongs to the sender
// and the address typed, and the account's owner gets a mail about repeated failures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
let clock = new Date('2026-06-01T08:00:00Z');
const SITE = 'http://127.0.0.1:3000';

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  await createUser(app.services.database.db, { email: 'chefin@example.org', password: 'richtig-richtig', role: 'owner', name: 'Chefin' });
});

after(async () => {
  await app.close();
  await db.drop();
});

async function anonToken() {
  const page = await app.http.inject({ method: 'GET', url: '/' });
  return /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
}

async function apiLogin(email: string, password: string, from: string) {
  const res = await app.http.inject({
    method: 'POST', url: '/api/v1/session', remoteAddress: from,
    headers: { 'x-csrf-token': await anonToken(), origin: SITE },
    payload: { email, password },
  });
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.body };
}

async function formLogin(email: string, password: string, from: string) {
  const res = await app.http.inject({
    method: 'POST', url: '/admin/login/', remoteAddress: from,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, cookie: 'bw_sid=formformformformformform' },
    payload: new URLSearchParams({ _csrf: app.services.csrf.tokenFor('formformformformformform'), email, password }).toString(),
  });
  // The form echoes the typed address; everything else must be the same.
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.body.split(email).join('EMAIL') };
}

test('a known and an unknown address: the same status, code, body and wait, through the API and the form', async () => {
  for (const door of [apiLogin, formLogin]) {
    const answers = async (email: string, from: string) => {
      const start = clock;
      const seen = [];
      for (let i = 0; i < 7; i++) {
        seen.push(await door(email, 'falsch-falsch', from));
        clock = new Date(clock.getTime() + 700);
      }
      clock = new Date(start.getTime() + 3_600_000 * 2);
      return seen;
    };
    const known = await answers('chefin@example.org', `10.20.${door === apiLogin ? 1 : 2}.1`);
    const unknown = await answers('niemand@example.org', `10.20.${door === apiLogin ? 1 : 2}.2`);
    assert.deepEqual(unknown, known, door.name);
    assert.deepEqual(known.map((a) => a.status).slice(0, 4), [401, 401, 401, 429], `${door.name}: the slow-down starts for both after three`);
  }
});

test('another address is not slowed down by someone else\'s guesses: the owner signs in at once', async () => {
  clock = new Date(clock.getTime() + 86_400_000);
  for (let i = 0; i < 4; i++) await apiLogin('chefin@example.org', 'falsch-falsch', '10.30.0.1');
  assert.equal((await apiLogin('chefin@example.org', 'richtig-richtig', '10.30.0.1')).status, 429);
  assert.equal((await apiLogin('chefin@example.org', 'richtig-richtig', '10.30.0.2')).status, 200);
});

test('the owner gets one mail about repeated failed sign-ins, with no password and a way to act', async () => {
  clock = new Date(clock.getTime() + 2 * 86_400_000);
  const outbox = join(db.dataDir, 'outbox');
  await app.services.jobs.runOnce(10); // the earlier tests' mails
  const earlier = new Set(existsSync(outbox) ? readdirSync(outbox) : []);
  for (let i = 0; i < 6; i++) assert.equal((await apiLogin('chefin@example.org', `geraten-${i}`, `10.40.0.${i + 1}`)).status, 401);
  for (let i = 0; i < 6; i++) await apiLogin('niemand@example.org', 'geraten', `10.41.0.${i + 1}`);
  await app.services.jobs.runOnce(10);
  const mails = existsSync(outbox) ? readdirSync(outbox).filter((f) => !earlier.has(f)).map((f) => readFileSync(join(outbox, f), 'utf8').replace(/=\r?\n/g, '')) : [];
  const warnings = mails.filter((m) => /^To: .*chefin@example\.org/m.test(m) && /Anmelde/.test(m));
  assert.equal(warnings.length, 1, mails.map((m) => m.slice(0, 400)).join('\n---\n'));
  assert.doesNotMatch(warnings[0]!, /geraten/, 'no guessed password in the mail');
  assert.match(warnings[0]!, /\/admin\/reset\//);
  assert.ok(!mails.some((m) => /niemand@example\.org/.test(m)), 'an unknown address gets no mail');
});
