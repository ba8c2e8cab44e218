// The newsroom pages through app.inject(): a browser without a session is sent to the
// sign-in form, staff see pages fit for their role, everything staff typed renders inert,
// pages carry no inline script or style (CSP), and the editor bundle is served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser, type Role } from '../../platform/users.js';
import { buildEditorBundle, editorBundleMissing } from './build.mjs';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';

const SITE = 'http://127.0.0.1:3000';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
// A canary in every field staff can type: if any of it comes out as markup, a test fails.
const CANARY = `<script>alert("bw-canary")</script><img src=x onerror="alert('bw-canary')">`;

let app: App;
let db: HttpTestDatabase;
let articleId: number;
const who = new Map<string, { cookie: string; csrf: string }>();

async function signIn(name: string, role: Role, ip: number, displayName = name): Promise<number> {
  const page = await app.http.inject({ method: 'GET', url: '/' });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
  const user = await createUser(app.services.database.db, { email: `${name}@example.org`, password: 'passwort-passwort', role, name: displayName });
  const login = await app.http.inject({
    method: 'POST', url: '/api/v1/session', remoteAddress: `10.7.0.${ip}`,
    headers: { 'x-csrf-token': csrf, origin: SITE }, payload: { email: `${name}@example.org`, password: 'passwort-passwort' },
  });
  assert.equal(login.statusCode, 200, login.body);
  who.set(name, { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken });
  return user.id;
}

function get(name: string | null, url: string, accept = BROWSER) {
  const headers: Record<string, string> = { accept };
  if (name) headers.cookie = who.get(name)!.cookie;
  return app.http.inject({ method: 'GET', url, headers });
}

before(async () => {
  // A fresh clone has no bundle yet; the page links it only when it exists.
  if (editorBundleMissing()) await buildEditorBundle({ quiet: true });
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const evaId = await signIn('eva', 'editor', 1, `Eva ${CANARY}`);
  const connyId = await signIn('conny', 'contributor', 2);
  await signIn('mo', 'moderator', 3);
  const { content, media, database } = app.services;
  const author = await content.createAuthor({ name: `Autorin ${CANARY}` });
  const conny = await content.createAuthor({ name: 'Conny Schreiber' });
  await database.db.updateTable('authors').set({ user_id: evaId }).where('id', '=', author.id).execute();
  await database.db.updateTable('authors').set({ user_id: connyId }).where('id', '=', conny.id).execute();
  const tag = await content.createTag({ name: `Schlagwort ${CANARY}`, slug: 'kanarienvogel' });
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } }).jpeg().toBuffer();
  const image = await media.importImage(jpeg, { name: 'kanarie', alt: `Alt ${CANARY}`, caption: `Bildtext ${CANARY}`, credit: `Credit ${CANARY}`, sourceUrl: null, licence: 'cc-by-4.0' });
  const article = await content.createArticle({
    lang: 'de', title: `Titel ${CANARY}`, subtitle: `Unterzeile ${CANARY}`, status: 'draft', authorIds: [author.id], tagIds: [tag.id],
    body: [{ type: 'paragraph', text: 'Der Stadtrat tagt.' }], featuredMediaId: image.id, featuredCaption: `Eigener Bildtext ${CANARY}`,
    seoTitle: `SEO ${CANARY}`, seoDescription: `Beschreibung ${CANARY}`,
  });
  articleId = article.id;
  await content.createArticle({ lang: 'de', title: 'Connys Entwurf', status: 'draft', authorIds: [conny.id], tagIds: [], body: [] });
});

after(async () => {
  await app.close();
  await db.drop();
});

test('a browser without a session is sent to the sign-in form; API clients get 401', async () => {
  for (const url of ['/admin/', '/admin/articles/', '/admin/articles/new/', `/admin/articles/${articleId}/`, '/admin/media/', '/admin/settings/']) {
    const res = await get(null, url);
    assert.equal(res.statusCode, 303, url);
    assert.equal(res.headers.location, url === '/admin/' ? '/admin/login/' : `/admin/login/?next=${encodeURIComponent(url)}`, url);
    assert.equal(res.headers['cache-control'], 'no-store');
    const api = await get(null, url, 'application/json');
    assert.equal(api.statusCode, 401, url);
  }
  // A session that is not staff (a reader's cookie) is not signed in either.
  const res = await app.http.inject({ method: 'GET', url: '/admin/', headers: { accept: BROWSER, cookie: 'bw_sid=abcdefghijklmnopqrstuvwxyz123456' } });
  assert.equal(res.headers.location, '/admin/login/');
});

test("every capability's newsroom page sends a browser to sign in, and there back afterwards", async () => {
  for (const url of ['/admin/comments/', '/admin/corrections/', '/admin/newsletter/', '/admin/webhooks/', '/admin/comments/?status=held']) {
    const res = await get(null, url);
    assert.equal(res.statusCode, 303, url);
    assert.equal(res.headers.location, `/admin/login/?next=${encodeURIComponent(url)}`, url);
    assert.equal(res.headers['cache-control'], 'no-store', url);
    assert.equal((await get(null, url, 'application/json')).statusCode, 401, `${url} as an API client`);
    assert.equal((await app.http.inject({ method: 'GET', url })).statusCode, 401, `${url} without Accept`);
  }
  // The sign-in and reset pages themselves stay open.
  assert.equal((await get(null, '/admin/login/')).statusCode, 200);
  assert.equal((await get(null, '/admin/reset/')).statusCode, 200);

  const form = await get(null, '/admin/login/?next=%2Fadmin%2Fcorrections%2F');
  assert.match(form.body, /<input type="hidden" name="next" value="\/admin\/corrections\/">/);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const anonCookie = /bw_sid=[^;]+/.exec(String(form.headers['set-cookie']))?.[0];
  let ip = 0;
  const signInAs = async (name: string, next?: string) => {
    const res = await app.http.inject({
      method: 'POST', url: '/admin/login/', remoteAddress: `10.8.0.${++ip}`,
      headers: { origin: SITE, accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded', ...(anonCookie ? { cookie: anonCookie } : {}) },
      payload: new URLSearchParams({ _csrf: token, email: `${name}@example.org`, password: 'passwort-passwort', ...(next === undefined ? {} : { next }) }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return String(res.headers.location);
  };
  assert.equal(await signInAs('eva', '/admin/corrections/'), '/admin/corrections/');
  assert.equal(await signInAs('eva', '/admin/comments/?status=held'), '/admin/comments/?status=held');
  assert.equal(await signInAs('eva'), '/admin/', 'the overview by default');
  assert.equal(await signInAs('mo'), '/admin/comments/', 'a moderator may only open the desk');
  for (const next of ['//evil.example/admin/', 'https://evil.example/admin/', '/\\evil.example/admin/', '/admin/login/', '/admin/../', '/account/', 'javascript:alert(1)']) {
    assert.equal(await signInAs('eva', next), '/admin/', next);
  }
  // Already signed in: the sign-in page goes on to where the person wanted to be.
  const already = await get('eva', '/admin/login/?next=%2Fadmin%2Fcorrections%2F');
  assert.equal(already.statusCode, 303);
  assert.equal(already.headers.location, '/admin/corrections/');
  assert.equal((await get('eva', '/admin/login/?next=%2F%2Fevil.example%2F')).headers.location, '/admin/');
});

test('an editor sees the overview, the list, the editor and the media library', async () => {
  const pages: [string, RegExp][] = [
    ['/admin/', /<h1 class="page-title">Übersicht<\/h1>/],
    ['/admin/articles/', /href="\/admin\/articles\/new\/"/],
    ['/admin/articles/new/', /id="article-editor" data-article-id=""/],
    [`/admin/articles/${articleId}/`, new RegExp(`data-article-id="${articleId}"`)],
    ['/admin/media/', /class="media-grid"/],
  ];
  for (const [url, expected] of pages) {
    const res = await get('eva', url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    assert.match(res.body, expected, url);
    assert.equal(res.headers['cache-control'], 'no-store', url);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    // The navigation, with the current page marked; the sign-out form carries this visitor's token.
    assert.match(res.body, /<nav class="admin-nav" aria-label="Redaktion">/);
    assert.match(res.body, /href="\/admin\/comments\/">Kommentare<\/a>/);
    assert.match(res.body, /aria-current="page"/);
    assert.ok(res.body.includes(`name="_csrf" value="${who.get('eva')!.csrf}"`), url);
    assert.ok(!res.body.includes('\u0000'), 'no unfilled CSRF hole');
  }
  const editor = (await get('eva', `/admin/articles/${articleId}/`)).body;
  assert.match(editor, /<button type="button" id="btn-publish" data-publish="Veröffentlichen" data-schedule="Planen">Veröffentlichen<\/button>/);
  assert.match(editor, /<option value="published">Veröffentlicht<\/option>/);
  assert.match(editor, /id="f-slug"[^>]*value="titel-script-alert/);
});

test('hostile titles, names, captions and tags render inert on every page', async () => {
  for (const url of ['/admin/', '/admin/articles/', '/admin/articles/?status=draft', `/admin/articles/${articleId}/`, '/admin/articles/new/', '/admin/media/']) {
    const body = (await get('eva', url)).body;
    assert.ok(!body.includes('<script>alert'), `${url} has a live script`);
    assert.ok(!/<img src=x/i.test(body), `${url} has a live img`);
    assert.ok(!body.includes(`onerror="alert`), `${url} has a live handler`);
  }
  const editor = (await get('eva', `/admin/articles/${articleId}/`)).body;
  const escaped = '&lt;script&gt;alert(&quot;bw-canary&quot;)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;bw-canary&#39;)&quot;&gt;';
  for (const field of ['Titel', 'Unterzeile', 'Autorin', 'Schlagwort', 'Eigener Bildtext', 'SEO', 'Beschreibung', 'Eva']) {
    assert.ok(editor.includes(`${field} ${escaped}`), `${field} is shown escaped`);
  }
  const list = (await get('eva', '/admin/articles/')).body;
  assert.ok(list.includes(`Titel ${escaped}`) && list.includes(`Autorin ${escaped}`));
  const media = (await get('eva', '/admin/media/')).body;
  assert.ok(media.includes(`Bildtext ${escaped}`) && media.includes(`Credit ${escaped}`) && media.includes(`alt="Alt ${escaped}"`));
});

test('pages have no inline script or style, and load the bundle and stylesheet from /assets/', async () => {
  const body = (await get('eva', `/admin/articles/${articleId}/`)).body;
  const scripts = [...body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  assert.ok(scripts.length > 0);
  for (const attrs of scripts) assert.match(attrs, /\bsrc="\/assets\//, `inline script: <script${attrs}>`);
  assert.ok(!/<style\b/.test(body) && !/\sstyle="/.test(body), 'no inline styles');
  assert.ok(!/\son[a-z]+="/.test(body), 'no inline event handlers');
  const bundle = /<script type="module" src="(\/assets\/editor\.[^"]+\.js)"><\/script>/.exec(body)?.[1];
  assert.ok(bundle, 'the editor bundle is linked as an ES module');
  const js = await app.http.inject({ method: 'GET', url: bundle });
  assert.equal(js.statusCode, 200);
  assert.match(String(js.headers['content-type']), /^text\/javascript/);
  assert.match(String(js.headers['cache-control']), /immutable/);
  assert.ok(js.body.length > 50_000, 'the bundle holds the editor');
  const css = /<link rel="stylesheet" href="(\/assets\/admin\.[^"]+\.css)">/.exec(body)?.[1];
  assert.ok(css);
  assert.equal((await app.http.inject({ method: 'GET', url: css })).statusCode, 200);
  // Readers' pages do not carry the newsroom's stylesheet or script.
  const home = (await app.http.inject({ method: 'GET', url: '/' })).body;
  assert.ok(!home.includes('/assets/admin.') && !home.includes('/assets/editor.'));
});

test('a contributor sees only their own articles and no Publish; a moderator no articles at all', async () => {
  const list = (await get('conny', '/admin/articles/')).body;
  assert.match(list, /Connys Entwurf/);
  assert.ok(!list.includes('Titel &lt;script'), 'not someone else’s article');
  const editor = (await get('conny', '/admin/articles/new/')).body;
  assert.ok(!editor.includes('id="btn-publish"'));
  assert.ok(!editor.includes('<option value="published"'));
  assert.match(editor, /data-may-publish="false"/);
  // Their own author is preselected on a new article.
  assert.match(editor, /<input type="checkbox" name="authorIds" value="\d+" checked> Conny Schreiber/);
  assert.equal((await get('conny', `/admin/articles/${articleId}/`)).statusCode, 403);
  assert.equal((await get('mo', '/admin/articles/')).statusCode, 403);
  const overview = await get('mo', '/admin/');
  assert.equal(overview.statusCode, 200);
  assert.ok(!overview.body.includes('href="/admin/articles/"'), 'no Artikel link for moderators');
  assert.ok(!overview.body.includes('href="/admin/settings/"'), 'no settings link for moderators');
});

test('the list filters by status, and an unknown id is a 404', async () => {
  const published = (await get('eva', '/admin/articles/?status=published')).body;
  assert.match(published, /Keine Artikel mit diesem Status/);
  const drafts = (await get('eva', '/admin/articles/?status=draft')).body;
  assert.match(drafts, /Connys Entwurf/);
  assert.match(drafts, /href="\/admin\/articles\/\?status=draft" aria-current="page"/);
  assert.equal((await get('eva', '/admin/articles/999999/')).statusCode, 404);
  assert.equal((await get('eva', '/admin/articles/abc/')).statusCode, 404);
});

test('the editor offers the autosaved copy when it is newer, and the API returns it', async () => {
  const { cookie, csrf } = who.get('eva')!;
  const saved = await app.http.inject({
    method: 'PUT', url: `/api/v1/admin/articles/${articleId}/autosave`, headers: { cookie, 'x-csrf-token': csrf, origin: SITE },
    payload: { title: 'Zwischenstand', body: [{ type: 'paragraph', text: 'Noch nicht fertig.' }] },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const editor = (await get('eva', `/admin/articles/${articleId}/`)).body;
  assert.match(editor, /id="btn-autosave-restore"/);
  const copy = await get('eva', `/api/v1/admin/articles/${articleId}/autosave`, 'application/json');
  assert.equal(copy.statusCode, 200);
  assert.equal(copy.json().data.title, 'Zwischenstand');
  // Only one's own copy: another editor has none.
  assert.equal((await get('conny', `/api/v1/admin/articles/${articleId}/autosave`, 'application/json')).statusCode, 403);
});

test('signing out needs the form token, ends the session and leads to the sign-in form', async () => {
  await signIn('ruth', 'author', 9);
  const { cookie, csrf } = who.get('ruth')!;
  const stray = await app.http.inject({ method: 'POST', url: '/admin/logout/', headers: { cookie, 'x-csrf-token': csrf, origin: SITE }, payload: {} });
  assert.equal(stray.statusCode, 400);
  assert.equal((await get('ruth', '/admin/')).statusCode, 200, 'still signed in');
  const forged = await app.http.inject({
    method: 'POST', url: '/admin/logout/', headers: { cookie, origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=wrong',
  });
  assert.equal(forged.statusCode, 403);
  const out = await app.http.inject({
    method: 'POST', url: '/admin/logout/', headers: { cookie, origin: SITE, accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${encodeURIComponent(csrf)}`,
  });
  assert.equal(out.statusCode, 303);
  assert.equal(out.headers.location, '/admin/login/');
  assert.match(String(out.headers['set-cookie']), /bw_sid=;/);
  const after = await get('ruth', '/admin/');
  assert.equal(after.statusCode, 303);
  assert.equal(after.headers.location, '/admin/login/');
});

test('the pages speak English on an English site', async () => {
  const site = await app.services.settings.get('site');
  await app.services.settings.update('site', { ...site, language: 'en' });
  try {
    const body = (await get('eva', '/admin/articles/new/')).body;
    assert.match(body, /<nav class="admin-nav" aria-label="Newsroom">/);
    assert.match(body, />Articles<\/a>/);
    assert.match(body, /<h1 class="editor-topbar-title">New article<\/h1>/);
    assert.match(body, /data-ui-lang="en"/);
  } finally {
    await app.services.settings.update('site', site);
  }
});
