// The desk's card decisions through HTTP, as the desk script (JSON) and a plain form send
// them: reject with a preset reason and text (the statement of reasons states it), trust
// (later comments skip the hold), ban with an expiry (later comments refused, the comment
// rejected), reply as staff (a held comment is approved first); refusals are coded and
// change nothing; one log entry per decision. SQLite, and PostgreSQL with
// BLATTWERK_TEST_HTTP_DB=postgres.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, startModerationApp, type ModerationTestApp } from './testing.js';
import { moderationDb } from './tables.js';

let t: ModerationTestApp;
let staff: { cookie: string; csrf: string };

before(async () => {
  t = await startModerationApp();
  staff = await t.signIn();
});

after(async () => {
  await t.close();
});

function card(id: number, action: string, fields: Record<string, string>, json = true) {
  return t.app.http.inject({
    method: 'POST', url: `/admin/comments/${id}/${action}`,
    headers: { cookie: staff.cookie, origin: SITE, accept: json ? 'application/json' : 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: staff.csrf, filter: 'held', ...fields }).toString(),
  });
}

const db = () => moderationDb(t.app.services.database.db);
const status = async (id: number) => (await t.app.services.discussion.store.byId(id))!.status;
const logOf = async (id: number) => (await db().selectFrom('moderation_log').select(['action', 'reason', 'actor']).where('comment_id', '=', id).orderBy('id').execute());

test('reject with a preset reason and text: the statement of reasons states both', async () => {
  const id = await t.published({ name: 'Karl Kritik', email: 'karl@example.org', body: 'Ihr seid alle Idioten' });
  const res = await card(id, 'decide', { action: 'reject', preset: 'abuse', reason: 'Der Kommentar beschimpft andere Lesende.' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().message, 'Kommentar von Karl Kritik abgelehnt.');
  assert.equal(await status(id), 'rejected');
  const statement = await db().selectFrom('moderation_statements').selectAll().where('comment_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(statement.facts, 'Beleidigung oder persönlicher Angriff: Der Kommentar beschimpft andere Lesende.');
  const log = await logOf(id);
  assert.deepEqual(log.slice(-1), [{ action: 'reject', reason: statement.facts, actor: 'Mod Erika Muster' }]);
});

test('bad input on a card is refused with a code and changes nothing', async () => {
  const id = (await t.comment({ email: 'neu1@example.org', body: 'Erster Kommentar' })).json().id as number;
  const other = await card(id, 'decide', { action: 'reject', preset: 'other', reason: '  ' });
  assert.equal(other.statusCode, 400);
  assert.equal(other.json().error.code, 'VALIDATION');
  assert.equal(other.json().error.field, 'reason');
  assert.equal((await card(id, 'decide', { action: 'reject', preset: 'erfunden' })).json().error.field, 'preset');
  assert.equal((await card(id, 'decide', { action: 'delete' })).json().error.field, 'action');
  assert.equal((await card(id, 'ban', { days: '3', reason: 'x' })).json().error.field, 'days', 'only the offered lengths');
  assert.equal((await card(id, 'ban', { days: '7', reason: '' })).json().error.field, 'reason', 'a ban needs a reason');
  assert.equal((await card(999_999, 'trust', {})).statusCode, 404);
  const form = await card(id, 'decide', { action: 'reject', preset: 'other' }, false);
  assert.equal(form.statusCode, 303);
  assert.equal(form.headers.location, '/admin/comments/?filter=held&error=VALIDATION');
  assert.equal(await status(id), 'pending');
  assert.deepEqual(await logOf(id), []);
});

test('trust: the held comment is approved and the next one from the same person skips the hold', async () => {
  const first = (await t.comment({ name: 'Tina Treu', email: 'tina@example.org', body: 'Mein erster Beitrag' })).json();
  assert.equal(first.status, 'pending');
  const res = await card(first.id, 'trust', {});
  assert.equal(res.json().message, 'Tina Treu gilt jetzt als vertrauenswürdig.');
  assert.equal(await status(first.id), 'published');
  assert.deepEqual((await logOf(first.id)).map((e) => e.action), ['trust.add', 'approve']);
  const second = (await t.comment({ name: 'Tina Treu', email: 'tina@example.org', body: 'Noch ein Gedanke' })).json();
  assert.equal(second.status, 'published');
});

test('ban with an expiry: the comment is rejected, and the person cannot post until it ends', async () => {
  const held = (await t.comment({ name: 'Bernd Böse', email: 'bernd@example.org', body: 'Provokation' })).json();
  const res = await card(held.id, 'ban', { days: '7', reason: 'Wiederholte Beleidigungen' });
  assert.equal(res.json().message, 'Bernd Böse ist gesperrt.');
  assert.equal(await status(held.id), 'rejected');
  const ban = await db().selectFrom('moderation_bans').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.equal(ban.kind, 'email');
  assert.equal(ban.expires_at, new Date(t.now().getTime() + 7 * 86_400_000).toISOString());
  const again = await t.comment({ name: 'Bernd Böse', email: 'bernd@example.org', body: 'Ich bin wieder da' });
  assert.notEqual(again.statusCode, 201, 'refused while banned');
  t.later(8 * 86_400);
  const after = await t.comment({ name: 'Bernd Böse', email: 'bernd@example.org', body: 'Nach der Sperre' });
  assert.equal(after.statusCode, 201, 'the ban ended');
});

test('reply as staff: a held comment is approved first, the reply is published under the staff name', async () => {
  const held = (await t.comment({ name: 'Frieda Frage', email: 'frieda@example.org', body: 'Wann ist die nächste Sitzung?' })).json();
  const res = await card(held.id, 'reply', { body: 'Am Donnerstag um 17 Uhr im Rathaus.' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(await status(held.id), 'published');
  const reply = await db().selectFrom('comments').selectAll().where('parent_id', '=', held.id).executeTakeFirstOrThrow();
  assert.equal(reply.status, 'published');
  assert.equal(reply.author_name, 'Mod Erika Muster');
  assert.match(reply.identity, /^user:\d+$/);
  assert.deepEqual((await logOf(held.id)).map((e) => e.action), ['approve', 'reply']);
  const empty = await card(held.id, 'reply', { body: '' });
  assert.equal(empty.statusCode, 400, 'an empty reply is refused');
});

test('the desk page logs these as sentences with the person, the linked comment and the article', async () => {
  const page = await t.app.http.inject({ method: 'GET', url: '/admin/comments/', headers: { cookie: staff.cookie } });
  const log = page.body.slice(page.body.indexOf('class="log-lines"'));
  assert.match(log, /<strong>Mod Erika Muster<\/strong> hat <a href="\/stadtrat-tagt\/comment\/\d+\/">den Kommentar von Frieda Frage<\/a> zu <a href="\/stadtrat-tagt\/">„Stadtrat tagt“<\/a> freigegeben\./);
  assert.match(log, /hat Bernd Böse gesperrt/);
  assert.match(log, /vertraut jetzt Tina Treu/);
  assert.match(log, /Grund: Beleidigung oder persönlicher Angriff: Der Kommentar beschimpft andere Lesende\./);
  assert.doesNotMatch(log, /<code>/, 'no raw action names');
});
