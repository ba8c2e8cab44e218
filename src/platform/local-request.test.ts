// Requests answered through the router without a socket (local-request.ts), as render threads
// answer every page: the same status, headers and body as `inject()` gives, for the kinds of
// answer Fastify writes (string, bytes, a stream, an error, a hijacked reply, a redirect, 404),
// and for the whole app's pages, signed out and signed in.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildApp, type App } from '../app.js';
import { loadConfig } from './config.js';
import { createUser } from './users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from './testing.js';
import { answerLocally, type LocalRequest } from './local-request.js';

/** What both ways must agree on: a ServerResponse adds hop-by-hop headers of its own, which the main thread drops (pages.ts). */
async function bothWays(app: FastifyInstance, request: LocalRequest) {
  const local = await answerLocally(app, request);
  const injected = await app.inject({ method: 'GET', url: request.url, headers: request.headers as Record<string, string>, remoteAddress: request.remoteAddress });
  const headersOf = (headers: OutgoingHttpHeaders) => {
    const { date: _date, connection: _connection, 'transfer-encoding': _chunked, ...rest } = headers;
    return rest;
  };
  return { local: { ...local, headers: headersOf(local.headers) }, injected: { statusCode: injected.statusCode, headers: headersOf(injected.headers), body: injected.rawPayload } };
}

describe('answerLocally, on a small app', () => {
  const app = Fastify({ logger: false, trustProxy: '127.0.0.1' });
  const finished: string[] = [];
  before(async () => {
    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-seen-by', 'onSend');
      return request.url.startsWith('/shout') && typeof payload === 'string' ? payload.toUpperCase() : payload;
    });
    app.addHook('onResponse', async (request) => void finished.push(request.url));
    app.get('/text', async (request, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(`Grüße an ${request.ip}, ${JSON.stringify(request.query)}`));
    app.get('/shout', async () => 'leise');
    app.get('/json', async (request) => ({ host: request.hostname, protocol: request.protocol, ua: request.headers['user-agent'] ?? null }));
    app.get('/bytes', async (_request, reply) => reply.type('application/octet-stream').send(Buffer.from([0, 1, 2, 250, 251])));
    app.get('/stream', async (_request, reply) => reply.type('text/plain').send(Readable.from(['Haus', 'halt', 'sdebatte'])));
    app.get('/fails', async () => {
      throw new Error('render failed');
    });
    app.get('/moved', async (_request, reply) => reply.redirect('/text', 303));
    app.get('/raw', (_request, reply) => {
      reply.hijack();
      reply.raw.writeHead(201, { 'content-type': 'text/plain', 'x-raw': ['a', 'b'] });
      reply.raw.write('teil 1, ');
      reply.raw.end('teil 2');
    });
    app.get('/torn', (_request, reply) => {
      reply.hijack();
      reply.raw.write('halb');
      reply.raw.destroy();
    });
    await app.ready();
  });
  after(() => app.close());

  for (const url of ['/text?jahr=2027&seite=2', '/shout', '/json', '/bytes', '/stream', '/fails', '/moved', '/raw', '/nirgends']) {
    test(`${url}: the same answer as inject()`, async () => {
      const { local, injected } = await bothWays(app, { method: 'GET', url, headers: { host: 'lindenau.example', 'user-agent': 'Probe/1.0' }, remoteAddress: '203.0.113.7' });
      assert.equal(local.statusCode, injected.statusCode);
      assert.deepEqual(local.headers, injected.headers);
      assert.deepEqual(local.body, injected.body);
    });
  }

  test('the remote address is the request ip, and a trusted proxy forwards the real one', async () => {
    const direct = await answerLocally(app, { method: 'GET', url: '/text', headers: { host: 'x' }, remoteAddress: '198.51.100.4' });
    assert.match(direct.body.toString('utf8'), /Grüße an 198\.51\.100\.4,/);
    const proxied = await answerLocally(app, { method: 'GET', url: '/json', headers: { host: 'x', 'x-forwarded-for': '192.0.2.9', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'news.example' }, remoteAddress: '127.0.0.1' });
    assert.deepEqual(JSON.parse(proxied.body.toString('utf8')), { host: 'news.example', protocol: 'https', ua: null });
  });

  test('onResponse hooks run after the answer', async () => {
    await new Promise((resolve) => setImmediate(resolve)); // the earlier tests' hooks
    finished.length = 0;
    await answerLocally(app, { method: 'GET', url: '/shout?once', headers: {}, remoteAddress: '127.0.0.1' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(finished, ['/shout?once']);
  });

  test('a response torn down before it ended rejects, and the next request is answered', async () => {
    await assert.rejects(answerLocally(app, { method: 'GET', url: '/torn', headers: {}, remoteAddress: '127.0.0.1' }), /destroyed before it ended/);
    const next = await answerLocally(app, { method: 'GET', url: '/shout', headers: {}, remoteAddress: '127.0.0.1' });
    assert.equal(next.body.toString('utf8'), 'LEISE');
  });
});

describe('answerLocally, on the whole app', () => {
  let app: App;
  let db: HttpTestDatabase;
  let owner = '';
  before(async () => {
    db = await createHttpTestDatabase();
    app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
    const { content } = app.services;
    const author = await content.createAuthor({ name: 'Rita Rat', slug: 'rita-rat' });
    const tag = await content.createTag({ name: 'Stadtrat', slug: 'stadtrat' });
    await content.createArticle({ lang: 'de', title: 'Haushalt beschlossen', slug: 'haushalt-beschlossen', body: [], status: 'published', authorIds: [author.id], tagIds: [tag.id] });
    await createUser(app.services.database.db, { email: 'owner@example.org', password: 'passwort-passwort', role: 'owner' });
    const home = await app.http.inject({ method: 'GET', url: '/' });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.body)![1]!;
    const login = await app.http.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: 'http://127.0.0.1:3000' }, payload: { email: 'owner@example.org', password: 'passwort-passwort' } });
    assert.equal(login.statusCode, 200, login.body);
    owner = /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
    await app.http.ready();
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  const pages = ['/', '/haushalt-beschlossen/', '/search?q=haushalt', '/tag/stadtrat/', '/author/rita-rat/', '/feed.xml', '/healthz', '/api/v1/articles', '/gibt-es-nicht/', '/admin/'];
  for (const who of ['a reader without cookies', 'the owner'] as const) {
    test(`${who}: every page as inject() answers it`, async () => {
      for (const url of pages) {
        const headers = { host: '127.0.0.1:3000', 'accept-encoding': 'gzip, br', ...(who === 'the owner' ? { cookie: owner } : {}) };
        const { local, injected } = await bothWays(app.http, { method: 'GET', url, headers, remoteAddress: '127.0.0.1' });
        assert.equal(local.statusCode, injected.statusCode, url);
        const differs = (name: string) => name === 'x-request-id';
        assert.deepEqual(Object.keys(local.headers).filter((n) => !differs(n)).sort(), Object.keys(injected.headers).filter((n) => !differs(n)).sort(), url);
        assert.equal(local.headers['content-type'], injected.headers['content-type'], url);
        assert.equal(local.headers['cache-control'], injected.headers['cache-control'], url);
        // The first of the two may be a one-off (gzip, cheaply) and the second kept (brotli): the same page, decoded.
        const decoded = (answer: { headers: OutgoingHttpHeaders; body: Buffer }) =>
          answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.headers['content-encoding'] === 'br' ? brotliDecompressSync(answer.body) : answer.body;
        assert.equal(decoded(local).length, decoded(injected).length, url);
      }
    });
  }
});
