// The newsroom's XSS canary in Chromium (DESIGN.md, "Safe": nothing anyone types runs as
// script, in the admin too). Hostile values go into everything the admin shows: article
// title, standfirst, SEO fields, body (raw HTML, script links, a quote source), staff and
// author names, author links and books, image alt, caption, credit and source, tag name
// and description, comment bodies and names, correction suggestions, a webhook, an
// autopost log entry, newsletter subscribers and a send. Each payload announces itself
// with its own number (`window.__pwned_<n>` or `alert(<n>)`), so a hit names the field.
//
// Then, signed in as the owner, the browser opens every GET page under /admin/ that the
// app's route table holds at test time (`routeTable`, the table routes-access.test.ts
// walks), with the seeded records' ids for `:id`: pages added later are covered when they
// land. The editor of the hostile article is opened until its bundle is ready, and its
// preview too. A page fails on a dialog, on a marker written in any frame, on an uncaught
// script error, and on markup that only a payload could have made (a foreign script
// element, an inline event handler, a script URL). The site's Content-Security-Policy is
// bypassed, so what is tested is the escaping itself, not the CSP standing behind it. The
// hostile text must be visible as text on the articles list, the comments desk and in the
// editor, so the test cannot pass because the data is missing; and a deliberately
// vulnerable page from a throwaway server proves the detector fires.
// Page code is passed as strings: this file is type-checked without the DOM library.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../../platform/browser.js';
import { routeTable } from '../../platform/http.js';
import { createUser } from '../../platform/users.js';
import { createAutopostLog } from '../../distribution/autopost/index.js';
import { startDemoSite, type DemoSite } from '../../site/fixture.js';
import { buildEditorBundle, editorBundleMissing } from './build.mjs';

const skip = browserSkip();
const OWNER = { email: 'inhaberin@example.org', password: 'inhaberin-sehr-geheim' };
/** Markers the init script traps; payload numbers stay below this. */
const MAX_MARKERS = 400;

// --- Payloads ------------------------------------------------------------------------

/** Which field each marker number went into, for a readable failure. */
const planted = new Map<number, string>();
let counter = 0;

type Shape = 'attr' | 'script' | 'textarea' | 'single' | 'alert' | 'title' | 'srcdoc' | 'url' | 'compact';

/** One payload for `where`; `shape` picks the context it tries to break out of. */
function payload(where: string, shape: Shape): string {
  const n = ++counter;
  assert.ok(n < MAX_MARKERS);
  planted.set(n, where);
  const set = `window.__pwned_${n}=1`;
  switch (shape) {
    case 'attr': return `"><img src=x onerror="${set}">`;
    case 'script': return `<script>${set}</script>`;
    case 'textarea': return `</textarea><svg onload="${set}">`;
    case 'single': return `'><svg/onload=${set}>`;
    case 'alert': return `<img src=x onerror=alert(${n})>`;
    case 'title': return `</title></script><script>${set}</script>`;
    case 'srcdoc': return `<iframe srcdoc="<script>parent.__pwned_${n}=1</script>"></iframe>`;
    case 'url': return `javascript:${set}//`;
    // For fields that refuse spaces (URLs checked as http(s)).
    case 'compact': return `"><svg/onload=${set}>`;
  }
}

/** A readable label and two payloads: what a person sees, and what must stay text. */
const hostile = (label: string, where: string, a: Shape, b: Shape) => `${label} ${payload(where, a)} ${payload(where, b)}`;

// --- Detection -----------------------------------------------------------------------

/**
 * Before any page script, in every frame: a trap on each marker that reports the write at
 * once (a payload that runs just before a navigation is still seen), and on `alert` the
 * dialog event does the same.
 */
const CANARY = `(() => {
  for (let n = 0; n < ${MAX_MARKERS}; n++) {
    let value;
    Object.defineProperty(window, '__pwned_' + n, {
      configurable: false,
      get: () => value,
      set: (v) => { value = v; try { window.__bwMarker(n, location.href); } catch {} },
    });
  }
})()`;

/**
 * Markup only a payload could have made: script elements other than the site's own files
 * and JSON-LD, inline event handlers, script URLs in any URL attribute.
 */
const INSPECT = `(() => {
  const problems = [];
  const show = (el) => el.outerHTML.slice(0, 200);
  for (const script of document.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    const ownFile = src !== null && /^\\/assets\\/[\\w.-]+\\.js$/.test(src);
    const ownData = src === null && script.type === 'application/ld+json';
    if (!ownFile && !ownData) problems.push('script element: ' + show(script));
  }
  const URLS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc', 'background', 'cite'];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push('event handler ' + name + ': ' + show(el));
      if (name === 'srcdoc') problems.push('srcdoc: ' + show(el));
      if (URLS.includes(name)) {
        const url = attr.value.replace(/[\\u0000-\\u0020\\u007f-\\u00a0\\u200b-\\u200f\\u2028-\\u202f\\ufeff]/g, '').toLowerCase();
        const image = el.localName === 'img' && /^data:image\\/(png|jpeg|gif|webp|avif)/.test(url);
        if (/^(javascript|vbscript|data):/.test(url) && !image) problems.push('script URL in ' + name + ': ' + show(el));
      }
    }
  }
  return problems;
})()`;

interface Watch {
  dialogs: string[];
  errors: string[];
  console: string[];
}

function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], errors: [], console: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.console.push(message.text());
  });
  return seen;
}

describe('hostile values in the newsroom never run as script', { skip }, () => {
  let site: DemoSite;
  let browser: Browser;
  let context: BrowserContext;
  let control: Server;
  let controlOrigin: string;
  let origin: string;
  /** Marker writes reported by the trap: number and page. */
  const hits: string[] = [];
  const ids: Record<string, number> = {};
  const seeded: string[] = [];
  const values = {
    title: '', subtitle: '', ownerName: '', authorName: '', tagName: '', commentBody: '', commenterName: '',
  };

  /** A write to the newsroom's JSON API as the owner (CSV when `contentType` says so). */
  async function api(url: string, session: { cookie: string; csrf: string }, payload: InjectOptions['payload'], contentType?: string) {
    return site.app.http.inject({
      method: 'POST', url, remoteAddress: '10.44.0.1',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin, ...(contentType ? { 'content-type': contentType } : {}) },
      payload,
    });
  }

  before(async () => {
    if (editorBundleMissing()) await buildEditorBundle({ quiet: true });
    browser = await launchBrowser(); // first: a missing Chromium fails before the slow seeding
    site = await startDemoSite();
    origin = site.baseUrl;
    const { content, media, database, corrections, settings } = site.app.services;
    const db = database.db;

    // --- Staff: the owner (who browses) and an editor, both with hostile names ----------
    values.ownerName = hostile('Inhaberin', 'owner name', 'attr', 'script');
    await createUser(db, { ...OWNER, role: 'owner', name: values.ownerName });
    const editor = await createUser(db, { email: 'eva@example.org', password: 'eva-sehr-geheim-1', role: 'editor', name: hostile('Eva', 'editor name', 'single', 'alert') });
    ids.user = editor.id;
    const anonymous = site.app.services.csrf.tokenFor(undefined);
    const login = await site.app.http.inject({
      method: 'POST', url: '/api/v1/session', remoteAddress: '10.44.0.2', headers: { 'x-csrf-token': anonymous, origin },
      payload: { email: OWNER.email, password: OWNER.password },
    });
    assert.equal(login.statusCode, 200, login.body);
    const owner = { cookie: /bw_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0], csrf: login.json().csrfToken as string };

    // --- A webhook, before the article goes live, so its delivery carries the title ---------
    await settings.update('distribution', { ...(await settings.get('distribution')), allowPrivateWebhookTargets: true });
    const hook = await api('/api/v1/admin/webhooks', owner, {
      url: `http://127.0.0.1:9/hook?x=${encodeURIComponent(payload('webhook url', 'attr'))}`,
      events: ['article.published', 'comment.approved'],
      description: hostile('Webhook', 'webhook description', 'textarea', 'script'),
    });
    if (hook.statusCode < 300) {
      ids.webhook = Number(hook.json().id ?? hook.json().webhook?.id);
      seeded.push('webhook');
    } else seeded.push(`webhook NOT seeded (${hook.statusCode} ${hook.body.slice(0, 120)})`);

    // --- Author, tag, image ---------------------------------------------------------------
    values.authorName = hostile('Autorin', 'author name', 'attr', 'title');
    const author = await content.createAuthor({
      name: values.authorName, slug: 'autorin-feindselig',
      bio: { de: hostile('Bio', 'author bio', 'script', 'attr'), en: hostile('Bio', 'author bio en', 'alert', 'single') },
      links: [{ label: hostile('Link', 'author link label', 'attr', 'script'), url: 'https://example.org/autorin' }],
      books: [{ title: hostile('Buch', 'book title', 'title', 'alert'), url: 'https://example.org/buch', year: 2024 }],
    });
    ids.author = author.id;
    // The services refuse script URLs (URL_INVALID); written past them, as an old import or a
    // restored backup could have, they must still come out inert.
    const links = JSON.stringify([{ label: hostile('Link', 'author link label', 'attr', 'script'), url: payload('author link url', 'url') }]);
    const books = JSON.stringify([{ title: hostile('Buch', 'book title', 'title', 'alert'), url: payload('book url', 'url'), year: 2024 }]);
    await db.updateTable('authors').set({ user_id: editor.id, links, books }).where('id', '=', author.id).execute();
    values.tagName = hostile('Schlagwort', 'tag name', 'attr', 'alert');
    const tag = await content.createTag({ name: values.tagName, slug: 'schlagwort-feindselig', description: hostile('Beschreibung', 'tag description', 'script', 'single') });
    ids.tag = tag.id;
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a33' } }).jpeg().toBuffer();
    const image = await media.importImage(jpeg, {
      name: 'feindselig', licence: 'cc-by-4.0', sourceUrl: 'https://example.org/bild',
      alt: hostile('Alt', 'image alt', 'attr', 'single'), caption: hostile('Bildtext', 'image caption', 'textarea', 'script'),
      credit: hostile('Credit', 'image credit', 'alert', 'attr'),
    });
    ids.media = image.id;
    await db.updateTable('media').set({ source_url: payload('image source url', 'url') }).where('id', '=', image.id).execute();

    // --- The article, published: comments, corrections and sends need it live ----------------
    values.title = hostile('Titel', 'article title', 'attr', 'script');
    values.subtitle = hostile('Unterzeile', 'article standfirst', 'textarea', 'alert');
    const passage = `Absatz ${payload('body paragraph', 'script')} Ende.`;
    const article = await content.createArticle({
      lang: 'de', slug: 'feindseliger-artikel', title: values.title, subtitle: values.subtitle, status: 'published',
      publishedAt: new Date(Date.now() - 3_600_000), authorIds: [author.id], tagIds: [tag.id], featuredMediaId: image.id,
      featuredCaption: hostile('Eigener Bildtext', 'featured caption', 'single', 'title'),
      seoTitle: hostile('SEO', 'seo title', 'title', 'attr'), seoDescription: hostile('Beschreibung', 'seo description', 'textarea', 'script'),
      body: [
        { type: 'paragraph', text: passage },
        { type: 'paragraph', text: `[Quelle](${payload('body link', 'url')}) und ${payload('body html', 'attr')} ${payload('body srcdoc', 'srcdoc')}` },
        { type: 'heading', level: 2, text: hostile('Zwischentitel', 'heading', 'script', 'alert') },
        { type: 'quote', text: hostile('Zitat', 'quote', 'attr', 'script'), attribution: hostile('Sprecherin', 'quote attribution', 'single', 'alert'), sourceUrl: `https://example.org/zitat?${payload('quote source', 'compact')}`, sourceTitle: hostile('Quelle', 'quote source title', 'title', 'attr') },
        { type: 'image', mediaId: image.id, caption: hostile('Bild', 'image block caption', 'textarea', 'alert'), alt: hostile('Bild-Alt', 'image block alt', 'attr', 'single') },
        { type: 'list', ordered: false, items: [hostile('Punkt', 'list item', 'script', 'attr')] },
      ],
    }, editor.id);
    ids.article = article.id;

    // --- Comments held for moderation, so the desk lists them ---------------------------------
    const discussion = await settings.get('discussion');
    await settings.update('discussion', { ...discussion, policy: 'all', maxLinks: 1000 });
    values.commentBody = `Kommentar ${payload('comment body', 'script')} und ${payload('comment body', 'attr')}`;
    values.commenterName = `Leser ${payload('commenter name', 'single')}`;
    const comments: Array<[string, string]> = [
      [values.commentBody, values.commenterName],
      [`Antwort ${payload('comment body 2', 'textarea')} ${payload('comment body 2', 'alert')} [Link](${payload('comment link', 'url')})`, `Leserin ${payload('commenter name 2', 'attr')}`],
    ];
    for (const [k, [body, name]] of comments.entries()) {
      const res = await site.app.http.inject({
        method: 'POST', url: `/api/v1/articles/${article.slug}/comments`, remoteAddress: `10.44.1.${k + 1}`,
        headers: { 'x-csrf-token': anonymous, origin }, payload: { body, name, email: `leser${k}@example.org` },
      });
      assert.equal(res.statusCode, 201, res.body);
      ids.comment ??= res.json().id as number;
    }

    // --- Correction suggestions: one open, one dismissed (the owner's name as decider) --------
    for (const k of [0, 1]) {
      const res = await site.app.http.inject({
        method: 'POST', url: `/api/v1/articles/${article.slug}/corrections`, remoteAddress: `10.44.2.${k + 1}`,
        headers: { 'x-csrf-token': anonymous, origin },
        payload: {
          passage, kind: k ? 'fact' : 'typo', replacement: hostile('Ersatz', `correction replacement ${k}`, 'textarea', 'attr'),
          note: hostile('Hinweis', `correction note ${k}`, 'script', 'single'), name: hostile('Leserin', `correction name ${k}`, 'alert', 'title'),
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      ids.correction ??= res.json().id as number;
      if (k === 1) {
        const me = await db.selectFrom('users').select(['id', 'name', 'role']).where('email', '=', OWNER.email).executeTakeFirstOrThrow();
        await corrections.dismiss(res.json().id as number, { id: me.id, name: me.name, role: 'owner' }, { reason: hostile('Grund', 'dismiss reason', 'script', 'attr') });
      }
    }

    // --- Autopost: what a channel answered is outside input too --------------------------------
    await createAutopostLog(db).record({
      articleId: article.id, channel: 'telegram', attempt: 1, status: 'failed', responseCode: 400,
      responseExcerpt: hostile('Antwort', 'autopost response', 'script', 'attr'), error: hostile('Fehler', 'autopost error', 'alert', 'textarea'), createdAt: new Date(),
    });
    seeded.push('autopost log');

    // --- Newsletter: subscribers with hostile names, and a send of the hostile article -------
    const csv = ['email,name,status,confirmed_at', `abo1@example.org,"${hostile('Abonnentin', 'subscriber name', 'attr', 'script').replace(/"/g, '""')}",confirmed,2025-01-01T00:00:00.000Z`].join('\r\n');
    const imported = await api('/api/v1/admin/subscribers/import', owner, csv, 'text/csv');
    seeded.push(imported.statusCode < 300 ? 'newsletter subscribers' : `newsletter subscribers NOT seeded (${imported.statusCode} ${imported.body.slice(0, 120)})`);
    const send = await api('/api/v1/admin/newsletters', owner, { articleId: article.id });
    if (send.statusCode < 300) {
      ids.newsletter = Number(send.json().id);
      seeded.push('newsletter send');
    } else seeded.push(`newsletter send NOT seeded (${send.statusCode} ${send.body.slice(0, 120)})`);

    // --- The browser: every frame trapped, CSP off, nothing leaves the machine but the control --
    control = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      // Deliberately vulnerable: a reflected title, a handler, an alert, a script link.
      response.end(`<!doctype html><title>Kontrolle</title><h1>Kontrolle <img src=x onerror="window.__pwned_0=1"></h1>
<script>alert('kontrolle')</script><a href="javascript:window.__pwned_0=2">Link</a>`);
    });
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    controlOrigin = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
    context = await browser.newContext({ bypassCSP: true, locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    await context.exposeBinding('__bwMarker', ({ frame }, n: unknown, href: unknown) => {
      hits.push(`__pwned_${String(n)} (${planted.get(Number(n)) ?? 'control'}) at ${String(href)} [${frame.url().slice(0, 80)}]`);
    });
    await context.addInitScript(CANARY);
    await context.route((url) => url.origin !== origin && url.origin !== controlOrigin, (route) => route.abort('blockedbyclient'));

    // Sign in through the form, as the owner does.
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${origin}/admin/login/`);
    await page.fill('#login-email', OWNER.email);
    await page.fill('#login-password', OWNER.password);
    await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form[action="/admin/login/"] button[type="submit"]')]);
    await page.close();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
    await new Promise<void>((resolve) => (control ? control.close(() => resolve()) : resolve()));
  });

  /** Markers left on `window` in any frame (any name starting with `__pwned`), besides the trap's reports. */
  async function markersOn(page: Page): Promise<string[]> {
    const found: string[] = [];
    for (const frame of page.frames()) {
      const names = (await frame
        .evaluate(`Object.getOwnPropertyNames(window).filter((k) => k.startsWith('__pwned') && window[k] !== undefined)`)
        .catch(() => [])) as string[];
      for (const name of names) found.push(`${name} in ${frame.url().slice(0, 80)}`);
    }
    return found;
  }

  /** Everything that must hold on a page as it is now. */
  async function assertInert(page: Page, seen: Watch, where: string): Promise<void> {
    const problems = (await page.evaluate(INSPECT)) as string[];
    assert.deepEqual(hits, [], `${where}: a payload ran`);
    assert.deepEqual(await markersOn(page), [], `${where}: a marker is set`);
    assert.deepEqual(seen.dialogs, [], `${where}: a dialog opened`);
    assert.deepEqual(seen.errors, [], `${where}: uncaught script errors`);
    assert.deepEqual(problems, [], `${where}: markup a payload made`);
  }

  /** The page's visible text (innerText: what is rendered, not hidden markup). */
  const visibleText = (page: Page) => page.evaluate<string>('document.body.innerText');

  test('the detector fires on a deliberately vulnerable page (positive control)', async () => {
    const page = await context.newPage();
    const seen = watch(page);
    try {
      await page.goto(controlOrigin);
      await page.waitForFunction('window.__pwned_0 === 1');
      assert.equal(hits.length, 1, hits.join('\n'));
      assert.match(hits[0]!, /__pwned_0 \(control\)/);
      assert.deepEqual(seen.dialogs, ['alert: kontrolle']);
      assert.deepEqual(await markersOn(page), [`__pwned_0 in ${controlOrigin}/`]);
      const problems = (await page.evaluate(INSPECT)) as string[];
      assert.ok(problems.some((p) => p.startsWith('script element')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('event handler onerror')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('script URL in href')), problems.join('\n'));
      await assert.rejects(assertInert(page, seen, 'control'), /a payload ran/);
    } finally {
      hits.length = 0;
      await page.close();
    }
  });

  test('every admin page in the route table renders the hostile values inert', { timeout: 300_000 }, async (t: TestContext) => {
    hits.length = 0; // each test answers for its own pages
    t.diagnostic(`seeded: ${seeded.join(', ')}; ${planted.size} payloads`);
    const byCollection: Record<string, number | undefined> = {
      articles: ids.article, comments: ids.comment, media: ids.media, corrections: ids.correction, tags: ids.tag, authors: ids.author,
      users: ids.user, staff: ids.user, accounts: ids.user, webhooks: ids.webhook, newsletter: ids.newsletter, newsletters: ids.newsletter,
    };
    const urls = new Set<string>();
    const skipped: string[] = [];
    for (const route of routeTable(site.app.http)) {
      if (route.method !== 'GET' || !route.url.startsWith('/admin/')) continue;
      if (route.url.includes('*')) {
        skipped.push(`${route.url} (wildcard)`);
        continue;
      }
      // An event stream never finishes loading; the cards it announces come from /admin/comments/:id/card, visited here.
      if (route.url.endsWith('/stream')) {
        skipped.push(`${route.url} (event stream)`);
        continue;
      }
      let unknown = false;
      const url = route.url.replace(/([^/]+)\/:(\w+)/g, (_match, collection: string) => {
        const id = byCollection[collection];
        if (id === undefined) unknown = true;
        return `${collection}/${id ?? 0}`;
      });
      if (unknown || url.includes(':')) skipped.push(`${route.url} (no seeded record for its parameter)`);
      else urls.add(url);
    }
    // Views of the same pages with other data in them.
    for (const extra of ['/admin/articles/?status=published', '/admin/corrections/?status=dismissed']) urls.add(extra);
    assert.ok(urls.size >= 10, `only ${urls.size} admin pages found`);
    if (skipped.length) t.diagnostic(`not visited: ${skipped.join('; ')}`);

    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const seen = watch(page);
    const statuses: string[] = [];
    try {
      for (const url of [...urls].sort()) {
        let response;
        try {
          response = await page.goto(origin + url);
        } catch (error) {
          if (/Download is starting/.test(String(error))) {
            statuses.push(`${url} download`);
            continue;
          }
          throw error;
        }
        const status = response?.status() ?? 0;
        const moved = page.url() !== origin + url ? ` → ${page.url().slice(origin.length)}` : '';
        assert.ok(status < 500, `${url}: ${status}`);
        if (!/text\/html/.test((await response?.headerValue('content-type')) ?? '')) {
          statuses.push(`${url} ${status}${moved} (not HTML)`);
          continue;
        }
        // The editor pages: their bundle has to load before the page is what staff see.
        if (/^\/admin\/articles\/(new|\d+)\/$/.test(url)) await page.locator('#article-editor[data-ready="true"]').waitFor();
        await assertInert(page, seen, url);
        // How many payloads the page shows as text: a coverage figure for the report.
        const shown = new Set((await visibleText(page)).match(/__pwned_\d+/g)).size;
        statuses.push(`${url} ${status}${moved} (${shown} payloads as text)`);
        if (url === '/admin/articles/') assert.ok((await visibleText(page)).includes(values.title), 'the hostile title is shown as text in the list');
        if (url === '/admin/comments/') {
          const text = await visibleText(page);
          assert.ok(text.includes(values.commenterName), 'the hostile commenter name is shown as text on the desk');
          assert.ok(text.includes(payload0(values.commentBody)), 'the hostile comment is shown as text on the desk');
          assert.ok(text.includes(values.title), 'the hostile article title is shown as text on the desk');
        }
        seen.console.length = 0;
      }
    } finally {
      t.diagnostic(`visited ${urls.size}: ${statuses.join(', ')}`);
      await page.close();
    }
    for (const must of ['/admin/', '/admin/articles/', '/admin/comments/', '/admin/corrections/', '/admin/media/', `/admin/articles/${ids.article}/`]) {
      assert.ok(urls.has(must), `${must} was visited`);
    }
  });

  test('the editor of the hostile article: bundle loaded, values shown as text, preview inert', { timeout: 120_000 }, async () => {
    hits.length = 0;
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const seen = watch(page);
    try {
      await page.goto(`${origin}/admin/articles/${ids.article}/`);
      await page.locator('#article-editor[data-ready="true"]').waitFor();
      assert.equal(await page.inputValue('#f-title'), values.title);
      assert.equal(await page.inputValue('#f-subtitle'), values.subtitle);
      const text = await visibleText(page);
      assert.ok(text.includes(values.authorName), 'the hostile author name is shown as text');
      assert.ok(text.includes(values.tagName), 'the hostile tag name is shown as text');
      const prose = page.locator('#editor-body .ProseMirror');
      assert.ok(((await prose.textContent()) ?? '').includes('<script>window.__pwned_'), 'the body shows the raw HTML as text');
      await assertInert(page, seen, 'editor');

      await page.click('#btn-preview');
      const preview = page.locator('#preview-content article.article');
      await preview.locator('h1').waitFor();
      assert.equal(await preview.locator('h1').textContent(), values.title);
      await assertInert(page, seen, 'editor preview');
      await page.click('#preview-dialog [data-close]');
      assert.deepEqual(hits, [], 'no payload ran later, on any page');
    } finally {
      await page.close();
    }
  });
});

/** The first payload of a value, as it must appear in visible text. */
function payload0(value: string): string {
  return /<script>window\.__pwned_\d+=1<\/script>/.exec(value)?.[0] ?? value;
}
