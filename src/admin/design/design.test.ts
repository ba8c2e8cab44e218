// Design settings through the real routes (inject), on the HTTP test database (SQLite, and
// PostgreSQL in the HTTP pass): checks and coded refusals, the theme stylesheet with custom
// CSS served only as CSS, logos and icons, and which cached pages a change drops.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createUser } from '../../platform/users.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
let admin: Record<string, string>;
let editor: Record<string, string>;
let slug = '';
const ORIGIN = 'http://127.0.0.1:3000';

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings, database } = app.services;
  await settings.update('site', { title: 'Testblatt', language: 'de' });
  await settings.update('donation', { enabled: true, recipient: 'Testblatt', iban: 'DE02120300000000202051' });
  const article = await content.createArticle({
    lang: 'de', title: 'Der Haushalt', body: [{ type: 'paragraph', text: 'Der Stadtrat hat beraten.' }],
    status: 'published', publishedAt: new Date(Date.UTC(2026, 1, 1)), authorIds: [], tagIds: [],
  });
  slug = article.slug;
  await createUser(database.db, { email: 'admin@example.org', password: 'passwort-passwort', role: 'admin' });
  await createUser(database.db, { email: 'editor@example.org', password: 'passwort-passwort', role: 'editor' });
  const anon = /name="csrf-token" content="([^"]+)"/.exec((await get('/')).body)![1]!;
  const signIn = async (email: string) => {
    const res = await app.http.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': anon, origin: ORIGIN }, payload: { email, password: 'passwort-passwort' } });
    return { cookie: /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0], 'x-csrf-token': res.json().csrfToken as string, origin: ORIGIN };
  };
  admin = await signIn('admin@example.org');
  editor = await signIn('editor@example.org');
});

after(async () => {
  await app.close();
  await db.drop();
});

function get(url: string, headers: Record<string, string> = {}) {
  return app.http.inject({ method: 'GET', url, headers });
}
const put = (payload: object, headers = admin) => app.http.inject({ method: 'PUT', url: '/api/v1/admin/design', headers, payload });
const putImage = (slot: string, body: Buffer, type: string) =>
  app.http.inject({ method: 'PUT', url: `/api/v1/admin/design/images/${slot}`, headers: { ...admin, 'content-type': type }, payload: body });
const cached = (url: string) => app.services.pages.cache.peek(url) !== undefined;

async function warm(...urls: string[]) {
  for (const url of urls) assert.equal((await get(url)).statusCode, 200, url);
  for (const url of urls) assert.ok(cached(url), `${url} is cached`);
}

test('the defaults: no theme stylesheet, the dark-mode switch, home boxes, /newsletter/ in the footer', async () => {
  const home = (await get('/')).body;
  assert.doesNotMatch(home, /\/theme\/theme\./);
  assert.match(home, /<script src="\/assets\/theme\.[^"]+\.js"><\/script>/);
  assert.match(home, /<button class="theme-toggle" type="button" aria-pressed="false" hidden>/);
  assert.match(home, /<meta name="color-scheme" content="light dark">/);
  assert.match(home, /<li><a href="\/newsletter\/">Newsletter<\/a><\/li>/);
  assert.match(home, /class="home-box home-box-newsletter"[\s\S]*action="\/newsletter\/"/);
  assert.match(home, /class="home-box home-box-support"[\s\S]*href="\/support\/"/);
  const article = (await get(`/${slug}/`)).body;
  assert.doesNotMatch(article, /home-box/, 'the boxes are the home page’s');
});

test('the home page’s newsletter box signs a reader up like the newsletter page (double opt-in)', async () => {
  const home = (await get('/')).body;
  const box = /<form method="post" action="\/newsletter\/">([\s\S]*?)<\/form>/.exec(home)![1]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(box)![1]!;
  const fields = [...box.matchAll(/name="([a-z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual(fields.sort(), ['_csrf', 'email', 'website']);
  const res = await app.http.inject({
    method: 'POST', url: '/newsletter/', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    payload: new URLSearchParams({ _csrf: token, email: 'leserin@example.org', website: '' }).toString(),
  });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  assert.match(res.body, /E-Mail|Postfach|bestätig/i);
});

test('who may: editors may not change the design, the generic settings API does not take it', async () => {
  assert.equal((await put({ accent: '#b03a2e' }, editor)).statusCode, 403);
  assert.equal((await app.http.inject({ method: 'PUT', url: '/api/v1/admin/settings/design', headers: admin, payload: { accent: '#b03a2e' } })).statusCode, 404);
  const form = await app.http.inject({
    method: 'POST', url: '/admin/settings/design', headers: { ...admin, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: admin['x-csrf-token']!, accent: '#b03a2e', customCss: 'body{}' }).toString(),
  });
  assert.equal(form.statusCode, 404, 'nor the generic settings form');
  assert.equal((await app.services.settings.get('design')).accent, '#1d5b8c');
  // The settings index leads to the design page.
  assert.match((await get('/admin/settings/', admin)).body, /href="\/admin\/design\/"/);
});

test('bad input is refused with its code at the field and changes nothing', async () => {
  const before = await app.services.settings.get('design');
  const cases: [object, number, string, string][] = [
    [{ accent: 'blue' }, 400, 'COLOUR_INVALID', 'accent'],
    [{ accent: '#12345' }, 400, 'COLOUR_INVALID', 'accent'],
    [{ customCss: 'a{}'.repeat(20_000) }, 413, 'CUSTOM_CSS_TOO_LARGE', 'customCss'],
    [{ accent: '#b03a2e', customCss: 'x'.repeat(50_001) }, 413, 'CUSTOM_CSS_TOO_LARGE', 'customCss'],
  ];
  for (const [payload, status, code, field] of cases) {
    const res = await put(payload);
    assert.equal(res.statusCode, status, res.body);
    assert.deepEqual([res.json().error.code, res.json().error.field], [code, field]);
    assert.ok(res.json().error.message.length > 10);
  }
  assert.equal((await put({ homeLayout: 'magazine' })).statusCode, 400);
  assert.deepEqual(await app.services.settings.get('design'), before, 'nothing changed');
});

test('a low-contrast accent is saved with a warning and a suggested colour that passes', async () => {
  const res = await put({ accent: '#F5A623' });
  assert.equal(res.statusCode, 200, res.body);
  const { design, warnings } = res.json();
  assert.equal(design.accent, '#f5a623');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].code, 'ACCENT_CONTRAST_LOW');
  assert.equal(warnings[0].field, 'accent');
  assert.ok(warnings[0].contrast < 4.5);
  assert.match(warnings[0].message.de, /Kontrast/);
  const { accentContrast } = await import('../../site/index.js');
  assert.ok(accentContrast(warnings[0].suggestion) >= 4.5, `suggestion ${warnings[0].suggestion} passes`);
  const good = await put({ accent: warnings[0].suggestion });
  assert.deepEqual(good.json().warnings, []);
});

test('custom CSS is served as a stylesheet only: a closing-tag payload never reaches the HTML', async () => {
  const payload = '.masthead{border-bottom-color:red}\n</style><script>alert(1)</script><style>';
  const res = await put({ customCss: payload });
  assert.equal(res.statusCode, 200, res.body);
  const home = await get('/');
  const href = /<link rel="stylesheet" href="(\/theme\/theme\.[A-Za-z0-9]{10}\.css)">/.exec(home.body)?.[1];
  assert.ok(href, 'the theme stylesheet is linked');
  for (const url of ['/', `/${slug}/`, '/search', '/support/', '/newsletter/', '/impressum/', '/datenschutz/']) {
    const page = await get(url);
    assert.equal(page.statusCode, 200, url);
    assert.doesNotMatch(page.body, /alert\(1\)|border-bottom-color:red/, `${url} carries none of the custom CSS`);
    assert.doesNotMatch(page.body, /<style|<\/style/, `${url} has no <style>`);
  }
  // The newsroom shows it for editing only, escaped inside its textarea.
  const desk = (await get('/admin/design/', admin)).body;
  assert.match(desk, /&lt;\/style&gt;&lt;script&gt;alert\(1\)/);
  assert.doesNotMatch(desk, /<\/style>|<script>alert/);
  const css = await get(href);
  assert.equal(css.statusCode, 200);
  assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  assert.equal(css.headers['x-content-type-options'], 'nosniff');
  assert.match(String(css.headers['cache-control']), /max-age=31536000, immutable/);
  assert.ok(css.body.endsWith(payload), 'the CSS is served as typed');
  assert.equal((await get(href, { 'if-none-match': String(css.headers.etag) })).statusCode, 304);
  // After another change the old address is gone, the new one serves.
  await put({ customCss: '' });
  assert.equal((await get(href)).statusCode, 404);
});

test('logos: not an image, an SVG or too large is refused; a PNG shows on every page', async () => {
  const before = await app.services.settings.get('design');
  const text = await putImage('logoLight', Buffer.from('Das ist kein Bild.'), 'application/octet-stream');
  assert.deepEqual([text.statusCode, text.json().error.code, text.json().error.field], [415, 'THEME_NOT_IMAGE', 'logoLight']);
  const svg = await putImage('logoLight', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), 'image/svg+xml');
  assert.deepEqual([svg.statusCode, svg.json().error.code], [415, 'THEME_NOT_IMAGE']);
  const noise = await sharp(Buffer.alloc(1200 * 1200 * 3).map(() => Math.floor(Math.random() * 256)), { raw: { width: 1200, height: 1200, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  assert.ok(noise.length > 2 * 1024 * 1024);
  const large = await putImage('logoLight', noise, 'image/png');
  assert.deepEqual([large.statusCode, large.json().error.code], [413, 'THEME_IMAGE_TOO_LARGE']);
  const wide = await sharp({ create: { width: 5000, height: 100, channels: 3, background: '#000' } }).png().toBuffer();
  assert.equal((await putImage('logoLight', wide, 'image/png')).json().error.code, 'THEME_IMAGE_TOO_LARGE');
  assert.deepEqual(await app.services.settings.get('design'), before, 'nothing changed');

  const logo = await sharp({ create: { width: 600, height: 200, channels: 4, background: '#1d5b8c' } }).png().toBuffer();
  const ok = await putImage('logoLight', logo, 'image/png');
  assert.equal(ok.statusCode, 200, ok.body);
  const url = ok.json().design.logoLight as string;
  assert.match(url, /^\/theme\/logo-light\.[A-Za-z0-9]{10}\.png$/);
  const home = (await get('/')).body;
  assert.match(home, new RegExp(`<img class="brand-logo brand-logo-light" src="${url.replace(/\./g, '\\.')}" alt="Testblatt"`));
  const served = await get(url);
  assert.equal(served.headers['content-type'], 'image/png');
  assert.equal((await sharp(served.rawPayload).metadata()).height, 160, 'scaled to twice the masthead height');
  const dark = await putImage('logoDark', logo, 'image/png');
  assert.match((await get('/')).body, /brand-has-dark[\s\S]*brand-logo-dark/);
  // Removing a logo removes its stored file too.
  const darkUrl = dark.json().design.logoDark as string;
  assert.equal((await app.http.inject({ method: 'DELETE', url: '/api/v1/admin/design/images/logoDark', headers: admin })).statusCode, 200);
  assert.equal((await get(darkUrl)).statusCode, 404);
});

test('a site icon makes the favicon, the Apple touch icon and the manifest icons', async () => {
  const square = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#b03a2e' } }).jpeg().toBuffer();
  const res = await putImage('icons', square, 'image/jpeg');
  assert.equal(res.statusCode, 200, res.body);
  const { icons } = res.json().design;
  const home = (await get('/')).body;
  assert.match(home, new RegExp(`<link rel="icon" href="${icons.png32}" type="image/png" sizes="32x32">`));
  assert.match(home, new RegExp(`<link rel="apple-touch-icon" href="${icons.png180}">`));
  assert.doesNotMatch(home, /favicon\.[^"]+\.svg/);
  const manifest = JSON.parse((await get('/site.webmanifest')).body);
  assert.deepEqual(manifest.icons.map((i: { sizes: string }) => i.sizes), ['192x192', '512x512']);
  for (const [key, px] of [['png32', 32], ['png180', 180], ['png192', 192], ['png512', 512]] as const) {
    const meta = await sharp((await get(icons[key])).rawPayload).metadata();
    assert.deepEqual([meta.width, meta.height], [px, px]);
  }
});

test('a change drops only the cached pages that show it, without a restart', async () => {
  await put({ homeLayout: 'lead-grid', accent: '#1d5b8c', fonts: 'classic' });
  // The GiroCode image goes through the page cache too: no design change shows in it.
  const giro = '/support/girocode.svg';
  await warm('/', `/${slug}/`, giro);
  // Layout and home boxes: the home page only.
  assert.equal((await put({ homeLayout: 'river' })).statusCode, 200);
  assert.ok(!cached('/'), 'home dropped');
  assert.ok(cached(`/${slug}/`) && cached(giro), 'article and image kept');
  assert.match((await get('/')).body, /<ol class="river">/);
  await put({ newsletterBox: false });
  assert.ok(!cached('/') && cached(`/${slug}/`));
  assert.doesNotMatch((await get('/')).body, /home-box-newsletter/);
  // Colour and fonts: every HTML page's frame, not the feeds.
  await warm('/', `/${slug}/`);
  assert.equal((await put({ accent: '#b03a2e', fonts: 'plex' })).statusCode, 200);
  assert.ok(!cached('/') && !cached(`/${slug}/`), 'HTML pages dropped');
  assert.ok(cached(giro), 'the image kept');
  const article = (await get(`/${slug}/`)).body;
  const href = /href="(\/theme\/theme\.[^"]+\.css)"/.exec(article)![1]!;
  const css = (await get(href)).body;
  assert.match(css, /--accent:#b03a2e/);
  assert.match(css, /font-family:"IBM Plex Serif"/);
  assert.match(article, /<link rel="preload" href="\/assets\/ibm-plex-serif-latin-400-normal\.[^"]+\.woff2"/);
  // A change to nothing drops nothing.
  await warm('/');
  await put({ accent: '#b03a2e' });
  assert.ok(cached('/'));
});

test('the design page: forms save with 303, a refused form answers 422 with what was typed', async () => {
  const page = await get('/admin/design/', admin);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<input id="design-accent" type="color" name="accent"/);
  assert.match(page.body, /class="design-preview design-preview-dark"/);
  assert.doesNotMatch(page.body, /\/theme\/theme\./, 'the newsroom keeps the bundled look');
  const form = (fields: Record<string, string>) =>
    app.http.inject({ method: 'POST', url: '/admin/design', headers: { ...admin, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: admin['x-csrf-token']!, ...fields }).toString() });
  const saved = await form({ accent: '#2f6b2f', fonts: 'newsreader', homeLayout: 'lead-grid', boxes: '1', supportBox: '1', customCss: '' });
  assert.equal(saved.statusCode, 303);
  const design = await app.services.settings.get('design');
  assert.deepEqual([design.accent, design.fonts, design.homeLayout, design.newsletterBox, design.supportBox], ['#2f6b2f', 'newsreader', 'lead-grid', false, true]);
  const refused = await form({ customCss: `/* ${'x'.repeat(50_000)} */ .mine{}` });
  assert.equal(refused.statusCode, 413);
  assert.match(refused.body, /aria-invalid="true"/);
  assert.match(refused.body, /\.mine\{\}/, 'what was typed is kept (escaped in the textarea)');
  const low = await form({ accent: '#ffcc00' });
  assert.equal(low.statusCode, 303);
  const warned = await get('/admin/design/', admin);
  assert.match(warned.body, /Vorschlag #[0-9a-f]{6} übernehmen/);
});
