/**
 * A Blattwerk app for the newsletter's HTTP tests: a fresh database of the given kind,
 * mail going to a real in-process SMTP server, a clock the test moves, and helpers that
 * post forms the way a browser does (CSRF token, Origin). Jobs run when the test says so
 * (`runJobs`), never in the background. Only tests import this file.
 *
 * @example
 *   const site = await startTestSite('sqlite');
 *   await site.form('/newsletter/', { email: 'lea@example.org' });
 *   await site.runJobs();
 *   await site.sink.waitFor((mails) => mails.length === 1);
 *   await site.close();
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createTestDatabase, type TestDatabase } from '../platform/testing.js';
import { createUser } from '../platform/users.js';
import { audienceDb, type AudienceDb } from './store.js';
import { startSmtpSink, type SmtpSink } from './testkit.js';

export const SITE = 'http://127.0.0.1:3000';

export interface TestSite {
  app: App;
  db: AudienceDb;
  sink: SmtpSink;
  now(): Date;
  advance(ms: number): void;
  /** POSTs a form as a browser on our own page would; a fresh client address unless `ip`. */
  form(url: string, fields: Record<string, string | string[]>, options?: { ip?: string; csrf?: string | null }): Promise<LightMyRequestResponse>;
  staff(): Promise<{ cookie: string; csrf: string }>;
  /** Runs due jobs until none are left; answers how many ran. */
  runJobs(): Promise<number>;
  close(): Promise<void>;
}

let ipCounter = 0;
export const freshIp = () => `10.${(++ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;

export async function startTestSite(kind: 'sqlite' | 'postgres', options: { refuse?: (rcpt: string) => number | null } = {}): Promise<TestSite> {
  const sink = await startSmtpSink(options);
  const testDb: TestDatabase = await createTestDatabase(kind);
  let clock = new Date('2026-05-04T08:00:00Z');
  const config = loadConfig({
    flags: { data: testDb.dataDir, 'database-url': testDb.url, 'smtp-url': sink.url, 'log-level': 'silent', workers: false, 'public-url': SITE },
    env: {},
  });
  const app = await buildApp(config, { now: () => clock });
  await app.services.settings.update('newsletter', { ratePerSecond: 1000 });
  let staffSession: { cookie: string; csrf: string } | null = null;

  async function csrfToken(): Promise<string> {
    const page = await app.http.inject({ method: 'GET', url: '/newsletter/' });
    return /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  }

  return {
    app,
    db: audienceDb(app.services.database),
    sink,
    now: () => clock,
    advance(ms) {
      clock = new Date(clock.getTime() + ms);
    },
    async form(url, fields, formOptions = {}) {
      const body = new URLSearchParams();
      const token = formOptions.csrf === undefined ? await csrfToken() : formOptions.csrf;
      if (token !== null) body.append('_csrf', token);
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
      return app.http.inject({
        method: 'POST', url, remoteAddress: formOptions.ip ?? freshIp(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE }, payload: body.toString(),
      });
    },
    async staff() {
      if (staffSession) return staffSession;
      await createUser(app.services.database.db, { email: 'redaktion@example.org', password: 'sehr-geheim-123', role: 'editor', name: 'Redaktion' });
      const login = await app.http.inject({
        method: 'POST', url: '/api/v1/session', remoteAddress: freshIp(),
        headers: { 'x-csrf-token': await csrfToken(), origin: SITE }, payload: { email: 'redaktion@example.org', password: 'sehr-geheim-123' },
      });
      assert.equal(login.statusCode, 200, login.body);
      staffSession = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string };
      return staffSession;
    },
    async runJobs() {
      let total = 0;
      for (let ran = await app.services.jobs.runOnce(100); ran > 0; ran = await app.services.jobs.runOnce(100)) total += ran;
      return total;
    },
    async close() {
      await app.close();
      await sink.close();
      await testDb.drop();
    },
  };
}
