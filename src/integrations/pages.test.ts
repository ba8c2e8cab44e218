// The integrations page of the newsroom (issue 17) through the real routes: list, create
// (the token shown this once), a refused form with the field marked and the typed values
// kept, revoke, German and English, and owners and admins only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser } from '../platform/users.js';
import { SITE, startKit, type Kit } from './testkit.js';

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => kit.stop());

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
const post = (url: string, body: string) =>
  kit.app.http.inject({ method: 'POST', url, headers: { cookie: kit.owner.cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }, payload: `${body}&_csrf=${encodeURIComponent(kit.owner.csrf)}` });

test('an owner creates an integration on the page and sees its token once', async () => {
  const empty = await kit.app.http.inject({ url: '/admin/integrations/', headers: { cookie: kit.owner.cookie } });
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /<h1 class="page-title">Integrationen<\/h1>/);
  assert.match(empty.body, /href="\/admin\/integrations\/" aria-current="page"/);
  const created = await post('/admin/integrations/', form([['name', 'n8n <Automatisierung>'], ['scopes', 'content:read'], ['scopes', 'comments:moderate'], ['origins', 'https://app.example.org']]));
  assert.equal(created.statusCode, 201, created.body.slice(0, 300));
  assert.equal(created.headers['cache-control'], 'no-store');
  const token = /id="integration-token"[^>]*value="(bwi_[\w-]+)"/.exec(created.body)?.[1];
  assert.ok(token, 'the token is shown');
  assert.ok(created.body.includes('n8n &lt;Automatisierung&gt;'), 'the name is escaped');
  const list = await kit.app.http.inject({ url: '/admin/integrations/', headers: { cookie: kit.owner.cookie } });
  assert.ok(!list.body.includes(token), 'never shown again');
  assert.match(list.body, /Kommentare moderieren/);
  assert.match(list.body, /noch nie/);
  assert.match(list.body, /https:\/\/app\.example\.org/);
  // Used once: the page shows when.
  assert.equal((await kit.app.http.inject({ url: '/api/v1/admin/comments', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  const used = await kit.app.http.inject({ url: '/admin/integrations/', headers: { cookie: kit.owner.cookie } });
  assert.doesNotMatch(used.body, /noch nie/);
  const id = /id="integration-(\d+)"/.exec(used.body)![1];
  const revoked = await post(`/admin/integrations/${id}/revoke`, '');
  assert.equal(revoked.statusCode, 303);
  assert.equal(revoked.headers.location, '/admin/integrations/?revoked=1');
  assert.equal((await kit.app.http.inject({ url: '/api/v1/admin/comments', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  const after = await kit.app.http.inject({ url: '/admin/integrations/?revoked=1', headers: { cookie: kit.owner.cookie } });
  assert.match(after.body, /widerrufen am/);
});

test('a refused form marks the field, keeps what was typed and creates nothing', async () => {
  const before = (await kit.app.services.database.db.withTables<{ integrations: { id: number } }>().selectFrom('integrations').select('id').execute()).length;
  const noScope = await post('/admin/integrations/', form([['name', 'Skript der Datenredaktion']]));
  assert.equal(noScope.statusCode, 422);
  assert.match(noScope.body, /fieldset class="field integration-scopes" aria-invalid="true"/);
  assert.match(noScope.body, /value="Skript der Datenredaktion"/);
  const badOrigin = await post('/admin/integrations/', form([['name', 'Frontend'], ['scopes', 'content:read'], ['origins', 'javascript:alert(1)']]));
  assert.equal(badOrigin.statusCode, 422);
  assert.match(badOrigin.body, /id="integration-corsOrigins-error"/);
  const noName = await post('/admin/integrations/', form([['name', '  '], ['scopes', 'content:read']]));
  assert.equal(noName.statusCode, 422);
  assert.match(noName.body, /id="integration-name-error"/);
  const after = (await kit.app.services.database.db.withTables<{ integrations: { id: number } }>().selectFrom('integrations').select('id').execute()).length;
  assert.equal(after, before);
});

test('in English, and for owners and admins only', async () => {
  await kit.app.services.settings.update('site', { language: 'en' });
  const english = await kit.app.http.inject({ url: '/admin/integrations/', headers: { cookie: kit.owner.cookie } });
  assert.match(english.body, /<h1 class="page-title">Integrations<\/h1>/);
  assert.match(english.body, /Create an integration/);
  await createUser(kit.app.services.database.db, { email: 'editor@example.org', password: 'passwort-passwort', role: 'editor' });
  const page = await kit.app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  const login = await kit.app.http.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: '10.77.0.9', headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: 'editor@example.org', password: 'passwort-passwort' } });
  const cookie = /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
  assert.equal((await kit.app.http.inject({ url: '/admin/integrations/', headers: { cookie } })).statusCode, 403);
  assert.equal((await kit.app.http.inject({ url: '/api/v1/admin/integrations', headers: { cookie } })).statusCode, 403);
  const overview = await kit.app.http.inject({ url: '/admin/', headers: { cookie } });
  assert.doesNotMatch(overview.body, /href="\/admin\/integrations\/"/);
});
