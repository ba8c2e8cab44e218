/**
 * A Blattwerk app for moderation's HTTP tests: one published article, a moderator and a
 * contributor, a clock the test moves, and helpers to comment, sign in and read the
 * outbox. Not a test file itself; the `*.test.ts` files beside it use it.
 *
 * @example
 *   const t = await startModerationApp();
 *   const res = await t.comment({ name: 'Lea', email: 'lea@example.org', body: 'Danke!' });
 *   await t.close();
 */
import { systemCaller } from '../../platform/caller.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { createHttpTestDatabase } from '../../platform/testing.js';

export const SITE = 'http://127.0.0.1:3000';
export const MODERATOR = { email: 'mod@example.org', password: 'sehr-geheim-123', name: 'Mod Erika Muster' };
export const CONTRIBUTOR = { email: 'autor@example.org', password: 'sehr-geheim-456', name: 'Autor Hans' };

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Quoted-printable or base64 body of an .eml, as text. */
function decodeBody(head: string, body: string): string {
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function decodeSubject(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

export async function startModerationApp() {
  const db = await createHttpTestDatabase();
  const dir = db.dataDir;
  let clock = new Date('2026-05-01T10:00:00Z');
  const app: App = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }), { now: () => clock });
  const { content, database } = app.services;
  const article = await content.createArticle({
    lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [],
  });
  await createUser(database.db, { ...MODERATOR, role: 'moderator' });
  await createUser(database.db, { ...CONTRIBUTOR, role: 'contributor' });
  let ip = 1;
  let serial = 0;

  const helpers = {
    app,
    article,
    dir,
    freshIp: () => `10.1.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`,
    now: () => clock,
    later(seconds: number) {
      clock = new Date(clock.getTime() + seconds * 1000);
    },
    /** The anonymous CSRF token (for visitors without a session cookie). */
    anonToken: () => app.services.csrf.tokenFor(undefined),

    /** A guest comment through the JSON API (status 201 with id and status, or an error). */
    async comment(input: { name?: string; email: string; body: string; ip?: string; cookie?: string }) {
      const res = await app.http.inject({
        method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: input.ip ?? helpers.freshIp(),
        headers: { 'x-csrf-token': input.cookie ? app.services.csrf.tokenFor(/bw_sid=([^;]+)/.exec(input.cookie)![1]) : helpers.anonToken(), origin: SITE, ...(input.cookie ? { cookie: input.cookie } : {}) },
        // A unique tail: the discussion refuses the same text twice from one writer.
        payload: { name: input.name ?? 'Lea Leserin', email: input.email, body: `${input.body} [${++serial}]` },
      });
      return res;
    },

    /** A comment that readers see: posted, and approved when the policy held it. */
    async published(input: { name?: string; email: string; body: string }) {
      const res = await helpers.comment(input);
      assert.equal(res.statusCode, 201, res.body);
      const { id, status } = res.json() as { id: number; status: string };
      if (status !== 'published') await app.services.moderation.decide(systemCaller('Testaufbau'), [id], 'approve', '');
      return id;
    },

    async signIn(user: { email: string; password: string } = MODERATOR) {
      const res = await app.http.inject({
        method: 'POST', url: '/api/v1/session', remoteAddress: helpers.freshIp(), headers: { 'x-csrf-token': helpers.anonToken(), origin: SITE },
        payload: { email: user.email, password: user.password },
      });
      assert.equal(res.statusCode, 200, res.body);
      const cookie = /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0];
      return { cookie, csrf: res.json().csrfToken as string };
    },

    /** Headers of a staff write: session cookie, its CSRF token, our origin. */
    staff(session: { cookie: string; csrf: string }) {
      return { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: SITE };
    },

    /** Runs due jobs until none are left (workers are off in tests). */
    async drainJobs() {
      while ((await app.services.jobs.runOnce()) > 0);
    },

    /** Mail written to the outbox so far. */
    outbox(): Mail[] {
      let files: string[];
      try {
        files = readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml')).sort();
      } catch {
        return [];
      }
      return files.map((file) => {
        const raw = readFileSync(join(dir, 'outbox', file), 'utf8');
        const split = raw.indexOf('\r\n\r\n');
        const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
        return {
          to: /^To: (.*)$/im.exec(head)?.[1]?.trim() ?? '',
          subject: decodeSubject(/^Subject: (.*)$/im.exec(head)?.[1] ?? ''),
          text: decodeBody(head, raw.slice(split + 4)),
        };
      });
    },

    async close() {
      await app.close();
      await db.drop();
    },
  };
  return helpers;
}

export type ModerationTestApp = Awaited<ReturnType<typeof startModerationApp>>;
