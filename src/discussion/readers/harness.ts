/**
 * Test-only: the real app on a fresh database of the given kind, with our clock, an
 * article to comment on, mail read from the outbox (`<data>/outbox/*.eml`, no SMTP URL)
 * and the steps a reader takes (ask for a link, confirm it, comment, mute).
 *
 * @example
 *   const h = await startHarness('sqlite');
 *   const { cookie } = await h.signIn('lea@example.org', 'Lea');
 *   await h.close();
 */
import { systemCaller } from '../../platform/caller.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import type { SiteSettings } from '../../platform/settings.js';
import { createTestDatabase } from '../../platform/testing.js';

export const SITE = 'http://127.0.0.1:3000';
export const ARTICLE = 'stadtrat-tagt';
type Inject = InjectOptions;

/** The text of an outgoing mail: headers, then the body with quoted-printable undone. */
function readMail(file: string): { to: string; subject: string; text: string } {
  const raw = readFileSync(file, 'utf8');
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  let body = raw.slice(at).trimStart();
  if (/quoted-printable/i.test(header('content-transfer-encoding'))) {
    body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  }
  return { to: header('to'), subject: header('subject'), text: body.replace(/\r\n/g, '\n') };
}

export async function startHarness(kind: 'sqlite' | 'postgres') {
  const testDb = await createTestDatabase(kind);
  const clock = { now: new Date('2026-05-01T10:00:00Z') };
  const flags = { data: testDb.dataDir, 'database-url': testDb.url, 'log-level': 'silent', workers: false };
  const app = await buildApp(loadConfig({ flags, env: {} }), { now: () => clock.now });
  const { content } = app.services;
  const author = await content.createAuthor({ name: 'Jana Beispiel' });
  const article = await content.createArticle({
    lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [author.id], tagIds: [],
  });
  let ip = 1;
  const freshIp = () => `10.${Math.floor(ip / 250)}.${ip++ % 250}.7`;

  const h = {
    app,
    clock,
    articleId: article.id,
    freshIp,
    later(seconds: number) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
    async discussion(patch: Partial<SiteSettings['discussion']>) {
      await app.services.settings.update('discussion', patch);
    },
    inject: (options: Inject) => app.http.inject({ remoteAddress: freshIp(), ...options }),

    /** The page's CSRF token for this visitor (bound to their cookie, if any). */
    async token(cookie?: string, url = `/${ARTICLE}/`) {
      const res = await app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      return /name="csrf-token" content="([^"]+)"/.exec(res.body)![1]!;
    },

    async form(url: string, fields: Record<string, string>, cookie?: string, extra: Record<string, string> = {}) {
      const _csrf = await h.token(cookie);
      return h.inject({
        method: 'POST', url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, ...(cookie ? { cookie } : {}), ...extra },
        payload: new URLSearchParams({ _csrf, ...fields }).toString(),
      });
    },

    async api(method: 'POST' | 'DELETE', url: string, payload: object | undefined, cookie?: string) {
      const token = await h.token(cookie);
      return h.inject({ method, url, headers: { 'x-csrf-token': token, origin: SITE, ...(cookie ? { cookie } : {}) }, ...(payload ? { payload } : {}) });
    },

    /** The plain comment form, as a browser without script sends it (stamp, a little later). */
    async commentForm(fields: Record<string, string>, cookie?: string) {
      const page = await app.http.inject({ method: 'GET', url: `/${ARTICLE}/`, headers: cookie ? { cookie } : {} });
      const _csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
      const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      h.later(20); // people take a moment to write; a form sent at once is held as a bot's
      return h.inject({
        method: 'POST', url: `/${ARTICLE}/comments`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, ...(cookie ? { cookie } : {}) },
        payload: new URLSearchParams({ _csrf, stamp, ...fields }).toString(),
      });
    },

    comment(payload: { body: string; name?: string; email?: string; parentId?: number }, cookie?: string) {
      return h.api('POST', `/api/v1/articles/${article.id}/comments`, payload, cookie);
    },

    /** Posts through the API and approves if held (the classifier may doubt short texts). */
    async published(payload: { body: string; name?: string; email?: string; parentId?: number }, cookie?: string): Promise<number> {
      const res = await h.comment(payload, cookie);
      assert.equal(res.statusCode, 201, res.body);
      const { id, status } = res.json() as { id: number; status: string };
      if (status === 'pending') await app.services.moderation.decide(systemCaller('Test'), [id], 'approve');
      return id;
    },

    /** Runs the due jobs, then answers the mails in the outbox, oldest first. */
    async mails() {
      while ((await app.services.jobs.runOnce(50)) > 0);
      const dir = join(testDb.dataDir, 'outbox');
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
      } catch {
        // no mail yet
      }
      return files.map((f) => readMail(join(dir, f)));
    },

    /** Asks for a sign-in link and answers the token from the newest mail to `email`. */
    async requestLink(email: string, returnTo = `/${ARTICLE}/`) {
      const res = await h.form('/account/login/', { email, return: returnTo });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      const mail = (await h.mails()).filter((m) => m.to.includes(email)).at(-1);
      assert.ok(mail, `no mail to ${email}`);
      const token = /\/account\/login\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      assert.ok(token, mail.text);
      return { token, mail };
    },

    confirm(token: string, fields: Record<string, string> = {}) {
      return h.form('/account/login/confirm', { token, ...fields });
    },

    /** The whole journey; answers the `bw_sid` cookie of the signed-in reader. */
    async signIn(email: string, name: string) {
      const { token } = await h.requestLink(email);
      h.later(120); // the next link to the same address is not held back by the mail spacing
      const res = await h.confirm(token, { name });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      return { cookie: /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0], res };
    },

    async me(cookie?: string) {
      const res = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: cookie ? { cookie } : {} });
      assert.equal(res.statusCode, 200, res.body);
      return { body: res.json() as { reader: { name: string; key: string } | null; staff: unknown; muted: string[] }, res };
    },

    async close() {
      await app.close();
      await testDb.drop();
    },
  };
  return h;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
