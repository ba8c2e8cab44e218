// Integration tokens (issue 17) through the real routes, on the HTTP test database (SQLite,
// and PostgreSQL in the second pass): scopes per route by walking the route table, no
// scope reached through another door, revoked and unknown tokens refused alike, CSRF for
// cookies only, hashed storage, last use, and every action in the audit log by name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createArticleOperations } from '../content/index.js';
import { routeTable } from '../platform/http.js';
import { SCOPES, scopeForRoute, type Scope } from '../platform/permissions.js';
import { integrationStaff, type Caller } from '../platform/caller.js';
import { createIntegrations } from './service.js';
import { startKit, type Kit } from './testkit.js';

let kit: Kit;
const tokens = new Map<Scope, string>();
let authorId: number;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const inject = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
  kit.app.http.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

const articleJson = (title: string, status: 'draft' | 'published' = 'draft') =>
  ({ lang: 'de' as const, title, body: [{ type: 'paragraph' as const, text: 'Text.' }], status, authorIds: [authorId], tagIds: [] as number[] });

before(async () => {
  kit = await startKit();
  authorId = (await kit.app.services.content.createAuthor({ name: 'Anna Autorin' })).id;
  for (const scope of SCOPES) tokens.set(scope, (await kit.createIntegration([scope], `Nur ${scope}`)).token);
});

after(async () => kit.stop());

describe('integrations are made and kept safely', () => {
  test('the token is in the creation answer only, stored as its hash', async () => {
    const res = await inject('POST', '/api/v1/admin/integrations', kit.ownerHeaders(), { name: 'n8n', scopes: ['content:read', 'comments:moderate'] });
    assert.equal(res.statusCode, 201, res.body);
    const { token, integration } = res.json<{ token: string; integration: { id: number; tokenHint: string } }>();
    assert.match(token, /^bwi_[\w-]{43}$/);
    assert.equal(integration.tokenHint, token.slice(-4));
    const list = await inject('GET', '/api/v1/admin/integrations', { cookie: kit.owner.cookie });
    assert.ok(!list.body.includes(token));
    const row = await kit.app.services.database.db.withTables<{ integrations: { id: number; token_hash: string } }>()
      .selectFrom('integrations').select('token_hash').where('id', '=', integration.id).executeTakeFirstOrThrow();
    assert.equal(row.token_hash, createHash('sha256').update(token).digest('hex'));
    const all = JSON.stringify(await kit.app.services.database.db.withTables<{ integrations: Record<string, unknown> }>().selectFrom('integrations').selectAll().execute());
    assert.ok(!all.includes(token));
  });

  test('bad input names the field and creates nothing', async () => {
    const before = (await inject('GET', '/api/v1/admin/integrations', { cookie: kit.owner.cookie })).json<{ integrations: unknown[] }>().integrations.length;
    const cases: [unknown, string][] = [
      [{ name: '', scopes: ['content:read'] }, 'name'],
      [{ name: 'x'.repeat(81), scopes: ['content:read'] }, 'name'],
      [{ name: 'ok', scopes: [] }, 'scopes'],
      [{ name: 'ok', scopes: ['settings:write'] }, 'scopes.0'],
      [{ name: 'ok', scopes: ['content:read'], corsOrigins: ['javascript:alert(1)'] }, 'corsOrigins'],
      [{ name: 'ok', scopes: ['content:read'], corsOrigins: ['https://app.example.org/path'] }, 'corsOrigins'],
      [{ name: 'ok', scopes: ['content:read'], admin: true }, 'admin'],
    ];
    for (const [payload, field] of cases) {
      const res = await inject('POST', '/api/v1/admin/integrations', kit.ownerHeaders(), payload);
      assert.equal(res.statusCode >= 400 && res.statusCode < 500, true, `${JSON.stringify(payload)}: ${res.statusCode}`);
      assert.equal(res.json<{ error: { field: string } }>().error.field, field, JSON.stringify(payload));
    }
    const after = (await inject('GET', '/api/v1/admin/integrations', { cookie: kit.owner.cookie })).json<{ integrations: unknown[] }>().integrations.length;
    assert.equal(after, before);
  });

  test('no token may manage integrations, even one with every scope', async () => {
    const { token } = await kit.createIntegration([...SCOPES], 'Alles');
    for (const [method, url] of [['GET', '/api/v1/admin/integrations'], ['POST', '/api/v1/admin/integrations'], ['DELETE', '/api/v1/admin/integrations/1'], ['GET', '/admin/integrations/']]) {
      const res = await inject(method!, url!, bearer(token), method === 'POST' ? { name: 'mehr', scopes: ['content:write'] } : undefined);
      // The newsroom's pages do not read tokens: there it is not signed in at all.
      assert.equal(res.statusCode, url!.startsWith('/api/') ? 403 : 401, `${method} ${url}`);
    }
  });
});

describe('scopes, route by route', () => {
  test('walking the route table: each staff route takes exactly the tokens of its scope', async () => {
    const staffRoutes = routeTable(kit.app.http).filter((r) => r.access === 'staff' && r.method !== 'HEAD');
    assert.ok(staffRoutes.length > 50);
    let opened = 0;
    for (const route of staffRoutes) {
      const url = route.url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? '999999' : 'x'));
      const needed = scopeForRoute(route.method, route.url);
      if (needed) opened++;
      for (const scope of SCOPES) {
        const res = await inject(route.method, url, bearer(tokens.get(scope)!), ['GET', 'DELETE'].includes(route.method) ? undefined : {});
        if (scope === needed) assert.ok(![401, 403].includes(res.statusCode), `${route.method} ${route.url} with ${scope}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        // Newsroom pages do not read tokens at all: there the caller is not signed in.
        else assert.equal(res.statusCode, route.url.startsWith('/api/') ? 403 : 401, `${route.method} ${route.url} must refuse a ${scope} token (${res.body.slice(0, 120)})`);
      }
    }
    assert.ok(opened >= 15, `${opened} routes open to tokens`);
  });

  test('a scope works as staff does: the content token writes and publishes, the read token reads', async () => {
    const created = await inject('POST', '/api/v1/admin/articles', bearer(tokens.get('content:write')!), articleJson('Per Token', 'published'));
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ id: number }>().id;
    const read = await inject('GET', `/api/v1/admin/articles/${id}`, bearer(tokens.get('content:read')!));
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json<{ title: string }>().title, 'Per Token');
    const listed = await inject('GET', '/api/v1/content/articles?fields=title', {});
    assert.ok(listed.body.includes('Per Token'));
  });

  test('no scope through another door: what a token lacks stays refused everywhere', async () => {
    const content = kit.app.services.content;
    const article = await content.createArticle(articleJson('Fremd', 'published'));
    const refusals: [Scope, string, string, unknown][] = [
      ['media:upload', 'POST', '/api/v1/admin/articles', articleJson('Über Medien')],
      ['content:read', 'PUT', `/api/v1/admin/articles/${article.id}`, articleJson('Umgeschrieben', 'published')],
      ['content:read', 'DELETE', `/api/v1/admin/articles/${article.id}`, undefined],
      ['content:read', 'POST', '/api/v1/admin/preview', { body: [], lang: 'de' }],
      ['content:write', 'PUT', '/api/v1/admin/settings/site', {}],
      ['content:write', 'POST', '/api/v1/admin/comments/1/approve', {}],
      ['comments:moderate', 'POST', '/admin/comments/bulk', {}],
      ['comments:moderate', 'POST', '/api/v1/admin/bans', {}],
      ['newsletter:send', 'POST', '/api/v1/admin/webhooks', {}],
      ['content:write', 'POST', `/api/v1/articles/${article.id}/comments`, { body: 'Hallo', name: 'Bot', email: 'bot@example.org' }],
      ['content:write', 'PUT', '/api/v1/admin/articles/1/autosave', {}],
      ['media:upload', 'GET', '/api/v1/admin/audit', undefined],
    ];
    for (const [scope, method, url, payload] of refusals) {
      const res = await inject(method, url, bearer(tokens.get(scope)!), payload);
      assert.equal(res.statusCode, url.startsWith('/api/') ? 403 : 401, `${scope} ${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    assert.equal((await content.store.findBy('id', article.id))?.title, 'Fremd');
    // Inside the operations too, not only at the door: a read-only integration cannot create.
    const integration = { id: 99, name: 'Nur lesen', scopes: ['content:read' as const] };
    const caller: Caller = { kind: 'integration', integration, staff: integrationStaff(integration), sessionHash: null, ipHash: 'x' };
    const operations = createArticleOperations({ ...kit.app.services, audit: async () => {} });
    await assert.rejects(operations.create(caller, articleJson('Hintertür')), { code: 'FORBIDDEN' });
    await assert.rejects(operations.remove(caller, article.id), { code: 'FORBIDDEN' });
    assert.equal((await operations.read(caller, article.id)).title, 'Fremd');
  });

  test('CSRF applies to cookie sessions, not to token requests', async () => {
    const withToken = await inject('POST', '/api/v1/admin/articles', bearer(tokens.get('content:write')!), articleJson('Ohne CSRF'));
    assert.equal(withToken.statusCode, 201, withToken.body);
    const withCookie = await inject('POST', '/api/v1/admin/articles', { cookie: kit.owner.cookie, origin: 'http://127.0.0.1:3000' }, articleJson('Cookie ohne CSRF'));
    assert.equal(withCookie.statusCode, 403);
    assert.equal(withCookie.json<{ error: { code: string } }>().error.code, 'CSRF');
  });
});

describe('revoked and unknown tokens', () => {
  test('a revoked token is refused exactly like an unknown one', async () => {
    const { id, token } = await kit.createIntegration(['content:read'], 'Bald widerrufen');
    assert.equal((await inject('GET', '/api/v1/admin/articles', bearer(token))).statusCode, 200);
    const revoke = await inject('DELETE', `/api/v1/admin/integrations/${id}`, kit.ownerHeaders());
    assert.equal(revoke.statusCode, 200, revoke.body);
    assert.ok(revoke.json<{ integration: { revokedAt: string | null } }>().integration.revokedAt);
    const revoked = await inject('GET', '/api/v1/admin/articles', bearer(token));
    const unknown = await inject('GET', '/api/v1/admin/articles', bearer(`bwi_${'A'.repeat(43)}`));
    // Bad tokens of any shape (not one of ours, far too long) get the very same answer.
    const malformed = await inject('GET', '/api/v1/admin/articles', bearer('kein-token'));
    const tooLong = await inject('GET', '/api/v1/admin/articles', bearer(`bwi_${'C'.repeat(500)}`));
    for (const res of [revoked, unknown, malformed, tooLong]) {
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), { error: { code: 'UNAUTHORIZED', message: 'Bitte melden Sie sich an.', field: 'authorization' } });
    }
    assert.equal(revoked.body, unknown.body);
    assert.deepEqual(Object.keys(revoked.headers).sort(), Object.keys(unknown.headers).sort());
    // A bad token on a public route is refused too, rather than read as a guest.
    assert.equal((await inject('GET', '/api/v1/content/articles', bearer(token))).statusCode, 401);
    assert.equal((await inject('GET', '/api/v1/content/articles', { authorization: 'Bearer' })).statusCode, 200);
  });

  test('both take one lookup by hash and a constant-time comparison (the same path)', async () => {
    const integrations = createIntegrations({ db: kit.app.services.database.db, now: () => new Date() });
    const { integration, token } = await integrations.create({ name: 'Pfad', scopes: ['content:read'] }, null);
    await integrations.revoke(integration.id);
    const lookups: string[] = [];
    const original = integrations.store.byTokenHash;
    integrations.store.byTokenHash = async (hash) => {
      lookups.push(hash);
      return original(hash);
    };
    assert.equal(await integrations.byToken(token), null);
    assert.equal(await integrations.byToken(`bwi_${'B'.repeat(43)}`), null);
    assert.equal(lookups.length, 2);
    assert.ok(lookups.every((hash) => /^[0-9a-f]{64}$/.test(hash)));
  });
});

describe('last use and the audit log', () => {
  test('last use is shown; every action is audited in the integration’s name', async () => {
    const { id, token } = await kit.createIntegration(['content:write'], 'Druckvorstufe');
    const listed = () => inject('GET', '/api/v1/admin/integrations', { cookie: kit.owner.cookie }).then((res) => res.json<{ integrations: { id: number; lastUsedAt: string | null }[] }>().integrations.find((i) => i.id === id)!);
    assert.equal((await listed()).lastUsedAt, null);
    const created = await inject('POST', '/api/v1/admin/articles', bearer(token), articleJson('Aus der Druckvorstufe', 'published'));
    assert.equal(created.statusCode, 201, created.body);
    const articleId = created.json<{ id: number }>().id;
    assert.ok((await listed()).lastUsedAt);
    const refused = await inject('DELETE', '/api/v1/admin/integrations/1', bearer(token));
    assert.equal(refused.statusCode, 403);
    const audit = await inject('GET', '/api/v1/admin/audit', { cookie: kit.owner.cookie });
    const entries = audit.json<{ entries: { actor: string; user_id: number | null; action: string; target_id: string | null; detail: Record<string, unknown> }[] }>().entries;
    const mine = entries.filter((entry) => entry.actor === 'Druckvorstufe (integration)');
    assert.ok(mine.every((entry) => entry.user_id === null));
    assert.ok(mine.some((entry) => entry.action === 'article.publish' && entry.target_id === String(articleId)), JSON.stringify(mine));
    const requests = mine.filter((entry) => entry.action === 'integration.request');
    assert.deepEqual(requests.map((entry) => [entry.detail.method, entry.detail.route, entry.detail.status]).sort(), [
      ['DELETE', '/api/v1/admin/integrations/:id', 403],
      ['POST', '/api/v1/admin/articles', 201],
    ]);
    assert.ok(entries.some((entry) => entry.action === 'integration.create' && entry.actor === 'Olga Owner' && entry.target_id === String(id)));
  });
});
