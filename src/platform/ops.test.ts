// Operations: metrics behind a token, health and readiness, graceful shutdown of streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../app.js';
import { loadConfig } from './config.js';
import { createHttpTestDatabase } from './testing.js';

test('metrics need the token and report cache, jobs, SSE and request durations', async () => {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false, 'metrics-token': 's3cret' }, env: {} }));
  try {
    await app.http.inject({ method: 'GET', url: '/' });
    await app.http.inject({ method: 'GET', url: '/' });
    assert.equal((await app.http.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
    assert.equal((await app.http.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong!' } })).statusCode, 401);
    const res = await app.http.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer s3cret' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /blattwerk_page_cache_hits_total 1/);
    assert.match(res.body, /blattwerk_http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} 1/);
    // The queue depth as the queue knows it (capabilities may schedule recurring jobs at boot).
    const queued = (await app.services.jobs.stats()).total.queued;
    assert.match(res.body, new RegExp(`blattwerk_jobs\\{status="queued"\\} ${queued}\\b`));
    assert.match(res.body, /blattwerk_sse_connections 0/);
  } finally {
    await app.close();
    await db.drop();
  }
});

test('without a token there is no metrics endpoint', async () => {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  try {
    assert.equal((await app.http.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
  } finally {
    await app.close();
    await db.drop();
  }
});

test('shutdown closes open SSE streams cleanly and finishes', async () => {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const article = await app.services.content.createArticle({ lang: 'de', title: 'Live', body: [], status: 'published', authorIds: [], tagIds: [] });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.http.server.address() as AddressInfo).port;
  const ended = new Promise<string>((resolve) => {
    http.get(`http://127.0.0.1:${port}/api/v1/articles/${article.id}/comments/stream`, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(text));
    });
  });
  while (app.services.sse.connections() === 0) await new Promise((r) => setTimeout(r, 10));
  await app.close();
  assert.match(await ended, /retry: \d+/);
  assert.equal(app.services.sse.connections(), 0);
  await db.drop();
});

test('over real HTTP, a cached page is answered before routing, byte for byte the same', async () => {
  const db = await createHttpTestDatabase();
  const app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  try {
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}/`;
    const first = await fetch(url);
    const firstBody = await first.text();
    const hits = app.services.pages.cache.hits;
    const second = await fetch(url);
    assert.equal(await second.text(), firstBody);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal(app.services.pages.cache.hits, hits + 1);
    assert.equal(second.headers.get('content-security-policy'), first.headers.get('content-security-policy'));
    const revalidated = await fetch(url, { headers: { 'if-none-match': first.headers.get('etag')! } });
    assert.equal(revalidated.status, 304);
    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  } finally {
    await app.close();
    await db.drop();
  }
});
