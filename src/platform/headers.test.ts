// Security headers from one place (issue 15, finding 5): the test walks the route table and
// asks every GET route, as a visitor and as the owner, for what it answers. Every HTML
// answer carries the page policy (CSP with frame-ancestors, X-Frame-Options, nosniff,
// Referrer-Policy), every JSON answer nosniff and a restrictive CSP, everything else
// nosniff; the pages the review found bare are asked for by name too, and so are pages
// that answer a form post.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from './config.js';
import { routeTable } from './http.js';
import { createUser } from './users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from './testing.js';

let app: App;
let db: HttpTestDatabase;
let owner: string;
const SITE = 'http://127.0.0.1:3000';

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings } = app.services;
  // Reader accounts on, so their sign-in pages answer with themselves rather than 404.
  await settings.update('discussion', { identity: 'both' });
  const author = await content.createAuthor({ name: 'Probe Autorin', slug: 'probe' });
  const tag = await content.createTag({ name: 'Probe', slug: 'probe' });
  await content.createArticle({ lang: 'de', title: 'Probe', slug: 'probe', body: [], status: 'published', authorIds: [author.id], tagIds: [tag.id] });
  await createUser(app.services.database.db, { email: 'owner@example.org', password: 'passwort-passwort', role: 'owner' });
  const home = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.body)![1]!;
  const login = await app.http.inject({
    method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': csrf, origin: SITE },
    payload: { email: 'owner@example.org', password: 'passwort-passwort' },
  });
  assert.equal(login.statusCode, 200, login.body);
  owner = /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
});

after(async () => {
  await app.close();
  await db.drop();
});

/** What is wrong with an answer's headers, judged by its content type; empty when nothing. */
function problems(headers: Record<string, unknown>): string[] {
  const type = String(headers['content-type'] ?? '');
  const csp = String(headers['content-security-policy'] ?? '');
  const found: string[] = [];
  if (headers['x-content-type-options'] !== 'nosniff') found.push('no nosniff');
  if (type.startsWith('text/html')) {
    if (!/frame-ancestors '(self|none)'/.test(csp)) found.push('no CSP with frame-ancestors');
    if (!/script-src 'self'/.test(csp) && !/default-src 'none'/.test(csp)) found.push('CSP allows foreign scripts');
    if (!['SAMEORIGIN', 'DENY'].includes(String(headers['x-frame-options']))) found.push('no X-Frame-Options');
    if (!headers['referrer-policy']) found.push('no Referrer-Policy');
  } else if (/json/.test(type)) {
    if (!/default-src 'none'/.test(csp) || !/frame-ancestors 'none'/.test(csp)) found.push('no restrictive CSP');
  }
  return found;
}

const SAMPLE: Record<string, string> = { slug: 'probe', article: 'probe', id: '1', n: '1', token: 'x', '*': 'nichts-hier' };
const urlOf = (pattern: string) => pattern.replace(/:(\w+)/g, (_, name: string) => SAMPLE[name] ?? 'x').replace(/\*$/, SAMPLE['*']!);

test('every GET route, as a visitor and as the owner, answers with the headers its content needs', async () => {
  const routes = routeTable(app.http).filter((r) => r.method === 'GET' && !r.url.endsWith('/stream'));
  assert.ok(routes.length > 80, `only ${routes.length} GET routes`);
  const bad: string[] = [];
  let html = 0;
  let json = 0;
  for (const route of routes) {
    const url = urlOf(route.url);
    for (const cookie of [undefined, owner]) {
      for (const accept of ['text/html', 'application/json']) {
        const res = await app.http.inject({ method: 'GET', url, headers: { accept, ...(cookie ? { cookie } : {}) } });
        const type = String(res.headers['content-type'] ?? '');
        if (type.startsWith('text/html')) html++;
        if (/json/.test(type)) json++;
        const wrong = problems(res.headers);
        if (wrong.length) bad.push(`${url} (${cookie ? 'owner' : 'visitor'}, ${accept}) ${res.statusCode} ${type}: ${wrong.join(', ')}`);
      }
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(html > 100 && json > 50, `${html} HTML and ${json} JSON answers checked`);
});

test('the pages outside the shared layout, by name, with their real content', async () => {
  for (const url of [
    '/account/login/',
    '/account/login/confirm?token=abcdefghijklmnopqrstuvwxyz',
    '/privacy/comments/',
    '/privacy/comments/confirm?token=x',
    '/notify/confirm/x',
    '/notify/unsubscribe/x',
    '/admin/reset/',
    '/admin/reset/?token=abc',
    '/admin/login/',
  ]) {
    const res = await app.http.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    assert.match(String(res.headers['content-type']), /^text\/html/, url);
    assert.deepEqual(problems(res.headers), [], `${url} (${res.statusCode})`);
  }
});

test('pages that answer a form post carry them too', async () => {
  const sid = 'formformformformformform';
  const csrf = app.services.csrf.tokenFor(sid);
  const form = (url: string, fields: Record<string, string>) =>
    app.http.inject({
      method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, cookie: `bw_sid=${sid}` },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  for (const [url, fields] of [
    ['/privacy/comments/', { email: 'kein-at-zeichen' }],
    ['/admin/reset/', { email: 'jemand@example.org' }],
    ['/account/login/', { email: 'leser@example.org' }],
    ['/admin/login/', { email: 'x@example.org', password: 'falsch' }],
  ] as const) {
    const res = await form(url, fields);
    assert.match(String(res.headers['content-type']), /^text\/html/, `${url}: ${res.statusCode}`);
    assert.deepEqual(problems(res.headers), [], `${url} (${res.statusCode})`);
  }
});
