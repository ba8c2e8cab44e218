/**
 * Test set-up for the integrations suites: the whole app on the HTTP test database (SQLite,
 * or PostgreSQL in the second pass), an owner signed in, and integrations made through the
 * real API. Test code only.
 *
 * @example
 *   const kit = await startKit();
 *   const { token } = await kit.createIntegration(['content:read']);
 *   await kit.app.http.inject({ url: '/api/v1/admin/articles', headers: { authorization: `Bearer ${token}` } });
 */
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import type { Scope } from '../platform/permissions.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';
import { createUser } from '../platform/users.js';

export const SITE = 'http://127.0.0.1:3000';

export interface Kit {
  app: App;
  db: HttpTestDatabase;
  owner: { cookie: string; csrf: string; id: number };
  /** Headers of the signed-in owner for a write. */
  ownerHeaders(): Record<string, string>;
  createIntegration(scopes: Scope[], name?: string, corsOrigins?: string[]): Promise<{ id: number; token: string; contentKey: string }>;
  stop(): Promise<void>;
}

export async function startKit(options: { now?: () => Date } = {}): Promise<Kit> {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), options.now ? { now: options.now } : {});
  const user = await createUser(app.services.database.db, { email: 'owner@example.org', password: 'passwort-passwort', role: 'owner', name: 'Olga Owner' });
  const page = await app.http.inject({ method: 'GET', url: '/' });
  const anonymous = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  const login = await app.http.inject({
    method: 'POST', url: '/api/v1/session', remoteAddress: '10.77.0.1',
    headers: { 'x-csrf-token': anonymous, origin: SITE }, payload: { email: 'owner@example.org', password: 'passwort-passwort' },
  });
  assert.equal(login.statusCode, 200, login.body);
  const owner = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json<{ csrfToken: string }>().csrfToken, id: user.id };
  const ownerHeaders = () => ({ cookie: owner.cookie, 'x-csrf-token': owner.csrf, origin: SITE });
  return {
    app, db, owner, ownerHeaders,
    async createIntegration(scopes, name = `Integration ${scopes.join('+')}`, corsOrigins = []) {
      const res = await app.http.inject({ method: 'POST', url: '/api/v1/admin/integrations', headers: ownerHeaders(), payload: { name, scopes, corsOrigins } });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json<{ integration: { id: number; contentKey: string }; token: string }>();
      return { id: body.integration.id, token: body.token, contentKey: body.integration.contentKey };
    },
    async stop() {
      await app.close();
      await db.drop();
    },
  };
}
