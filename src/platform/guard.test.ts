// The guard on its own, on a bare Fastify app with stand-in sessions: every access value
// is enforced by the guard itself, so a route needs no hook of its own to be safe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyRequest } from 'fastify';
import { installCaller } from './caller.js';
import { installGuard, type SignedInReader } from './guard.js';
import { installErrorHandling, requireAccessDeclarations } from './http.js';

const READER: SignedInReader = { id: 7, name: 'Lea Leserin', email: 'lea@example.org' };

async function appWith(readerCookie: string) {
  const app = Fastify();
  requireAccessDeclarations(app);
  installErrorHandling(app, async (_request, error) => `<p>${error.code}</p>`, async () => 'en');
  const signedIn = (request: FastifyRequest) => request.headers.cookie === readerCookie;
  installCaller(app, {
    sessions: { user: async () => null, ensure: () => 'sid' },
    readers: { current: async (request) => (signedIn(request) ? READER : null) },
    secret: 'test',
    now: () => new Date(),
  });
  installGuard(app, { csrf: { verify: () => true }, publicUrl: 'http://127.0.0.1:3000' });
  // Declared for readers and nothing else: no onRequest hook of its own.
  app.get('/api/v1/me/secret', { config: { access: 'reader' } }, async (request) => ({ reader: request.reader?.id ?? null }));
  app.get('/api/v1/open', { config: { access: 'public' } }, async (request) => ({ reader: request.reader?.id ?? null }));
  app.get('/api/v1/odd', { config: { access: 'nobody' as never } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

test("access: 'reader' refuses a visitor without a reader session, in the guard itself", async (t) => {
  const app = await appWith('bw_sid=reader');
  t.after(() => app.close());
  const anonymous = await app.inject({ method: 'GET', url: '/api/v1/me/secret' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().error.code, 'UNAUTHORIZED');
  const stranger = await app.inject({ method: 'GET', url: '/api/v1/me/secret', headers: { cookie: 'bw_sid=somebody-else' } });
  assert.equal(stranger.statusCode, 401);

  const reader = await app.inject({ method: 'GET', url: '/api/v1/me/secret', headers: { cookie: 'bw_sid=reader' } });
  assert.equal(reader.statusCode, 200);
  assert.deepEqual(reader.json(), { reader: READER.id }, 'the guard hands the reader to the handler');

  // Public routes do not look the reader up; an unknown access value is refused.
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/open', headers: { cookie: 'bw_sid=reader' } })).json(), { reader: null });
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/odd' })).statusCode, 403);
});
