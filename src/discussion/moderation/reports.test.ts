// Reader reports through HTTP: the links under each comment, the JSON endpoint, the
// plain form that works without JavaScript, one report per reader, the rate limit, and
// what moderators see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, startModerationApp, type ModerationTestApp } from './testing.js';

let t: ModerationTestApp;
let commentId = 0;

before(async () => {
  t = await startModerationApp();
  commentId = await t.published({ email: 'lea@example.org', body: 'Ein strittiger Satz' });
});

after(async () => {
  await t.close();
});

const report = (id: number, payload: object, options: { ip?: string; cookie?: string } = {}) =>
  t.app.http.inject({
    method: 'POST', url: `/api/v1/comments/${id}/report`, remoteAddress: options.ip ?? t.freshIp(),
    headers: {
      origin: SITE, 'x-csrf-token': options.cookie ? t.app.services.csrf.tokenFor(options.cookie.slice('bw_sid='.length)) : t.anonToken(),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    payload,
  });

test('every visible comment links to a report form and a DSA notice form', async () => {
  const page = await t.app.http.inject({ method: 'GET', url: '/stadtrat-tagt/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`href="/stadtrat-tagt/comment/${commentId}/report/" rel="nofollow"`));
  assert.match(page.body, new RegExp(`href="/stadtrat-tagt/comment/${commentId}/notice/" rel="nofollow"`));
});

test('a report through the API is stored once per reader; moderators see counts per comment', async () => {
  const first = await report(commentId, { reason: 'abuse', note: 'Persönlicher Angriff' });
  assert.equal(first.statusCode, 202, first.body);
  const cookie = /bw_sid=[^;]+/.exec(String(first.headers['set-cookie']))![0];
  const again = await report(commentId, { reason: 'spam' }, { cookie });
  assert.equal(again.statusCode, 202, 'the same answer for a repeat');
  assert.equal((await report(commentId, { reason: 'hate' })).statusCode, 202);
  assert.equal((await report(commentId, { reason: 'boring' })).statusCode, 400);
  assert.equal((await report(commentId, { reason: 'spam', extra: 1 })).statusCode, 400);
  const pending = await t.comment({ email: 'neu@example.org', body: 'Wartet noch' });
  assert.equal((await report(pending.json().id, { reason: 'spam' })).statusCode, 404, 'readers cannot see it, so cannot report it');
  assert.equal((await report(999999, { reason: 'spam' })).statusCode, 404);

  const staff = await t.signIn();
  const listed = await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/reports', headers: { cookie: staff.cookie } });
  assert.equal(listed.statusCode, 200);
  const entry = listed.json().comments.find((c: { commentId: number }) => c.commentId === commentId);
  assert.equal(entry.count, 2);
  assert.deepEqual(entry.reasons, { abuse: 1, hate: 1 });
  assert.deepEqual(entry.notes, ['Persönlicher Angriff']);
});

test('the report form works without JavaScript, with CSRF and validation', async () => {
  const form = await t.app.http.inject({ method: 'GET', url: `/stadtrat-tagt/comment/${commentId}/report/` });
  assert.equal(form.statusCode, 200);
  assert.equal(form.headers['cache-control'], 'no-store');
  assert.match(form.body, new RegExp(`<form class="moderation-form" method="post" action="/stadtrat-tagt/comment/${commentId}/report/">`));
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  assert.equal(token, t.anonToken());
  assert.match(form.body, /type="radio" id="report-abuse" name="reason" value="abuse" required/);
  assert.match(form.body, /Ein strittiger Satz/);

  const send = (fields: Record<string, string>, ip = t.freshIp()) =>
    t.app.http.inject({
      method: 'POST', url: `/stadtrat-tagt/comment/${commentId}/report/`, remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE }, payload: new URLSearchParams(fields).toString(),
    });
  const missing = await send({ reason: 'abuse' });
  assert.equal(missing.statusCode, 403, 'no CSRF token');
  const invalid = await send({ _csrf: token, reason: 'boring', note: 'Meine <b>Notiz</b>' });
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.body, /role="alert"/);
  assert.match(invalid.body, /Meine &lt;b&gt;Notiz&lt;\/b&gt;/, 'the note is kept, escaped');
  const ok = await send({ _csrf: token, reason: 'privacy', note: 'Adresse genannt' });
  assert.equal(ok.statusCode, 200, ok.body.slice(0, 300));
  assert.match(ok.body, /Danke! Ihre Meldung ist bei der Moderation angekommen/);
  const wrongSlug = await t.app.http.inject({ method: 'GET', url: `/geschlossen/comment/${commentId}/report/` });
  assert.equal(wrongSlug.statusCode, 404);
});

test('reports are rate-limited per address', async () => {
  const ip = '10.250.0.1';
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) statuses.push((await report(commentId, { reason: 'other' }, { ip })).statusCode);
  assert.deepEqual(statuses.slice(0, 20), Array(20).fill(202));
  assert.equal(statuses[20], 429);
  const form = await t.app.http.inject({
    method: 'POST', url: `/stadtrat-tagt/comment/${commentId}/report/`, remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE }, payload: `_csrf=${t.anonToken()}&reason=spam`,
  });
  assert.equal(form.statusCode, 429);
  assert.ok(form.headers['retry-after']);
  assert.match(form.body, /Zu viele Anfragen/);
});

test('a moderator keeping the comment closes its reports', async () => {
  const staff = await t.signIn();
  t.later(60);
  const keep = await t.app.http.inject({
    method: 'POST', url: '/api/v1/admin/comments/bulk', headers: t.staff(staff), payload: { ids: [commentId], action: 'approve', reason: 'zulässige Kritik' },
  });
  assert.equal(keep.statusCode, 200, keep.body);
  const listed = await t.app.http.inject({ method: 'GET', url: '/api/v1/admin/reports', headers: { cookie: staff.cookie } });
  assert.ok(!listed.json().comments.some((c: { commentId: number }) => c.commentId === commentId));
});
