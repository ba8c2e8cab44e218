/**
 * Test harness for distribution's outgoing HTTP (autopost, WebSub, webhooks): the app on
 * a chosen database with a clock the test moves, a staff session, and a stand-in server
 * on 127.0.0.1 that records every request and answers from a script.
 *
 * @example
 *   const h = await startHarness('sqlite');
 *   const telegram = await standIn();
 *   telegram.answers.push({ status: 500 }, { status: 200, body: '{"ok":true}' });
 *   h.later(60); await h.app.services.jobs.runOnce();
 *   await telegram.close(); await h.close();
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createTestDatabase } from '../../platform/testing.js';
import { createUser } from '../../platform/users.js';

export const SITE = 'http://127.0.0.1:3000';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface StandIn {
  url: string;
  requests: Recorded[];
  /** Answers in order; when empty, `fallback`. */
  answers: Answer[];
  fallback: Answer;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records requests and answers from `answers`. */
export async function standIn(fallback: Answer = { status: 200, body: '{"ok":true,"result":{"message_id":1}}' }): Promise<StandIn> {
  const state: Omit<StandIn, 'url' | 'close'> = { requests: [], answers: [], fallback };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = state.answers.shift() ?? state.fallback;
      if (answer.hang) return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export interface Harness {
  app: App;
  /** Moves the app's clock (and so the job queue's) forward. */
  later(seconds: number): void;
  now(): Date;
  /** Signs in the admin: cookie and CSRF token for writes. */
  staff(): Promise<{ cookie: string; csrf: string }>;
  /** Headers of an authenticated staff write. */
  writeHeaders(session: { cookie: string; csrf: string }): Record<string, string>;
  close(): Promise<void>;
}

export async function startHarness(kind: 'sqlite' | 'postgres', start = new Date('2026-05-01T10:00:00Z')): Promise<Harness> {
  const testDb = await createTestDatabase(kind);
  let clock = start;
  const config = loadConfig({
    flags: { data: testDb.dataDir, 'log-level': 'silent', workers: false, 'database-url': testDb.url, 'public-url': SITE },
    env: {},
  });
  const app = await buildApp(config, { now: () => clock });
  await createUser(app.services.database.db, { email: 'admin@example.org', password: 'sehr-geheim-123', role: 'admin', name: 'Admin' });
  return {
    app,
    later(seconds) {
      clock = new Date(clock.getTime() + seconds * 1000);
    },
    now: () => clock,
    async staff() {
      const page = await app.http.inject({ method: 'GET', url: '/' });
      const token = /name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(token, 'the home page carries a CSRF token');
      const res = await app.http.inject({
        method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': token, origin: SITE },
        payload: { email: 'admin@example.org', password: 'sehr-geheim-123' },
      });
      assert.equal(res.statusCode, 200, res.body);
      return { cookie: /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0], csrf: res.json().csrfToken as string };
    },
    writeHeaders: (session) => ({ cookie: session.cookie, 'x-csrf-token': session.csrf, origin: SITE }),
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
