// Nothing a reader types runs as script (DESIGN.md, "Safe"): every entry of HOSTILE_INPUTS
// goes in as a comment body, most of them also as the writer's name, some through the
// plain form with the honeypot filled, and the result is rendered in Chromium wherever
// reader text appears: the article's discussion (every page, the live stream, the thread
// page, the reply form, the report and notice forms), the form's error page, the
// moderation desk, the notification e-mails and the feeds.
//
// A canary set up before any page script (`addInitScript`) counts every write to
// `window.__xss`, the thing each payload does if it runs; any dialog (alert) fails too.
// The browser bypasses the site's Content-Security-Policy, so what is tested is the
// escaping and sanitising itself, not the CSP that stands behind it as a second wall.
// Besides the canary each DOM is inspected: only the site's own <script> elements, no
// inline event handlers, no script URLs, no active elements inside reader text. Requests
// to other origins are blocked and must not be attempted at all.
import { cleanPersonName } from '../platform/names.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { createUser } from '../platform/users.js';
import { setCommentMail } from '../platform/comment-mail.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from '../site/fixture.js';
import { HOSTILE_INPUTS } from './text/hostile.js';

const SLUG = SHOWCASE_PATH.slice(1, -1);
const STAFF = { email: 'redaktion@example.org', password: 'redaktion-sehr-geheim', name: 'Miriam Albrecht' };
/** The name field takes 80 characters after control characters are dropped. */
const NAMES = HOSTILE_INPUTS.filter((s) => s.length <= 80 && s.replace(/[\u0000-\u001f\u007f]/g, '').trim() !== '');
/** Names typed into the form: a browser turns NUL into U+FFFD, which would only blur the comparison. */
const FORM_NAMES = NAMES.filter((s) => !/[\u0000-\u001f]/.test(s));
/** What goes through the plain form in the browser: every breakout, and a spread of the rest. */
const FORM_INPUTS = HOSTILE_INPUTS.filter((s, i) => s.length <= 400 && !/[\u0000-\u0008\u000b-\u001f]/.test(s) && i % (/["'`]|<\//.test(s) ? 3 : 8) === 0);
/** The first comments of the corpus answer the editor's comment, so they are mailed as replies. */
const REPLIES = 60;

/** Counts writes to window.__xss in every frame; `parent.__xss` from a frame counts in the parent. */
const CANARY = `(() => {
  let hits = 0;
  Object.defineProperty(window, '__xss', { configurable: false, get: () => (hits ? 1 : undefined), set: () => { hits += 1; } });
  Object.defineProperty(window, '__xssHits', { configurable: false, get: () => hits });
})()`;

/**
 * Inspects the DOM: script elements other than the site's own files and its JSON-LD, inline
 * event handlers, script URLs anywhere; and active elements inside reader text (`user`).
 */
const INSPECT = `(user) => {
  const problems = [];
  const show = (el) => el.outerHTML.slice(0, 160);
  for (const script of document.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    const ownFile = src !== null && /^\\/assets\\/[\\w.-]+\\.js$/.test(src);
    const ownData = src === null && script.type === 'application/ld+json' && script.parentElement === document.head;
    if (!ownFile && !ownData) problems.push('script element: ' + show(script));
  }
  const URLS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'codebase', 'cite', 'longdesc', 'dynsrc', 'lowsrc'];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push('event handler ' + name + ': ' + show(el));
      if (name === 'srcdoc') problems.push('srcdoc: ' + show(el));
      if (URLS.includes(name)) {
        const url = attr.value.replace(/[\\u0000-\\u0020\\u007f-\\u00a0\\u200b-\\u200f\\u2028-\\u202f\\ufeff]/g, '').toLowerCase();
        const image = el.localName === 'img' && url.startsWith('data:image/') && !url.startsWith('data:image/svg');
        if (/^(javascript|vbscript|livescript|data):/.test(url) && !image) problems.push('script URL in ' + name + ': ' + show(el));
      }
    }
  }
  const ACTIVE = 'script,iframe,frame,frameset,object,embed,applet,base,meta,link,style,form,input,button,textarea,select,svg,math,template,img,picture,video,audio,source,track,marquee,noscript,xmp,plaintext,noembed,noframes,isindex,portal';
  if (user) for (const el of document.querySelectorAll(user.split(',').map((s) => s + ' :is(' + ACTIVE + ')').join(','))) problems.push('active element in reader text: ' + show(el));
  return problems;
}`;

/** Where reader text lands on the site's pages (the discussion, moderation forms and desk). */
const READER_TEXT = '.comment-text,.comment-author,.comment-form-title,figcaption,.desk-text,.desk-author,.desk-note,.desk-reasons,.notice';
/** In a notification mail the comment is quoted in a blockquote; the reader's name is in the text. */
const MAIL_TEXT = 'blockquote,p';

interface Recorder {
  requests: string[];
  errors: string[];
  dialogs: string[];
}

function record(page: Page): Recorder {
  const recorder: Recorder = { requests: [], errors: [], dialogs: [] };
  page.on('request', (request) => recorder.requests.push(request.url()));
  page.on('pageerror', (error) => recorder.errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') recorder.errors.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    recorder.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return recorder;
}

/** Waits for a condition on the server side (no browser involved), polling briefly. */
async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Requests to anything but the site (data:, blob: and about: URLs never leave the browser). */
function foreign(urls: readonly string[], origin: string): string[] {
  return urls.filter((url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== origin);
}

/** Writes to the canary in any frame of the page. */
async function canaryHits(page: Page): Promise<string[]> {
  const hits: string[] = [];
  for (const frame of page.frames()) {
    const count = Number(await frame.evaluate('window.__xssHits || 0').catch(() => 0));
    if (count > 0) hits.push(`${frame.url().slice(0, 80)}: ${count}`);
  }
  return hits;
}

/** Every check on the page as it is now; `ignore` drops expected console errors (a 400 page). */
async function assertInert(page: Page, seen: Recorder, origin: string, where: string, user = READER_TEXT, ignore?: RegExp): Promise<void> {
  const problems = (await page.evaluate(`(${INSPECT})(${JSON.stringify(user)})`)) as string[];
  assert.deepEqual(await canaryHits(page), [], `${where}: a hostile input ran as script`);
  assert.deepEqual(seen.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(problems, [], `${where}: reader text became markup`);
  assert.deepEqual(foreign(seen.requests, origin), [], `${where}: requests to other origins`);
  assert.deepEqual(ignore ? seen.errors.filter((e) => !ignore.test(e)) : seen.errors, [], `${where}: errors`);
}

/** A context for hostile pages: the canary in every frame, the site's CSP off, nothing leaves the machine. */
async function hostileContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(CANARY);
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  return context;
}

// --- Mail -----------------------------------------------------------------------------

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(soft.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The text/html part of a MIME entity (read as latin1, so 8-bit bodies keep their bytes), or null. */
function htmlPart(entity: string): string | null {
  const split = /\r?\n\r?\n/.exec(entity);
  if (!split) return null;
  const head = entity.slice(0, split.index).replace(/\r?\n[ \t]+/g, ' ');
  const body = entity.slice(split.index + split[0].length);
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const type = header('content-type');
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const found = htmlPart(part.replace(/^\r?\n/, ''));
      if (found !== null) return found;
    }
    return null;
  }
  if (!/^text\/html/i.test(type)) return null;
  const encoding = header('content-transfer-encoding').toLowerCase();
  const bytes =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : Buffer.from(body, 'latin1');
  return bytes.toString('utf8');
}

// --- Feeds ----------------------------------------------------------------------------

function xmlText(escaped: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(escaped);
  if (cdata) return cdata[1]!;
  return escaped
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The HTML of every item of a feed: RSS description and content:encoded, Atom html content and summary, JSON Feed content_html. */
function feedItems(file: string, body: string): string[] {
  if (file.endsWith('.json')) {
    const feed = JSON.parse(body) as { items: { content_html?: string }[] };
    return feed.items.flatMap((item) => (item.content_html ? [item.content_html] : []));
  }
  const pattern = file === 'atom.xml'
    ? /<(content|summary) type="html">([\s\S]*?)<\/\1>/g
    : /<(description|content:encoded)>([\s\S]*?)<\/\1>/g;
  const items = file === 'atom.xml' ? body.split('<entry>').slice(1) : body.split('<item>').slice(1);
  return items.flatMap((item) => [...item.matchAll(pattern)].map((m) => xmlText(m[2]!)));
}

describe('hostile reader input never runs as script', { skip: browserSkip() }, () => {
  let site: DemoSite;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;
  // The app's clock runs `skew` ms ahead; moving it lets the form's rate limit and stamp pass without waiting.
  let skew = 0;
  let staffCookie = '';
  let staffId = 0;
  let staffCsrf = '';
  let anonymous = '';
  let rootId = 0;
  let ip = 0;
  const nextIp = () => {
    ip += 1;
    return `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
  };
  /** Ids of the published comments whose body is a hostile input. */
  const published: number[] = [];

  before(async () => {
    browser = await launchBrowser(); // first: a missing Chromium fails before the slow seeding
    site = await startDemoSite({ now: () => new Date(Date.now() + skew) });
    origin = site.baseUrl;
    context = await hostileContext(browser, origin);
    const { db } = site.app.services.database;
    // The editor writes the showcase article, so every comment on it is mailed to her.
    const staff = await createUser(db, { ...STAFF, role: 'editor' });
    const article = await site.app.services.content.store.findBy('slug', SLUG);
    assert.ok(article);
    await db.updateTable('authors').set({ user_id: staff.id }).where('id', 'in', article.authors.map((a) => a.id)).execute();
    // One mail per comment, so every hostile comment is rendered in a mail of its own; the digest is checked last.
    await setCommentMail(db, staff.id, 'each', new Date());
    staffId = staff.id;
    anonymous = site.app.services.csrf.tokenFor(undefined);
    const res = await site.app.http.inject({
      method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), headers: { 'x-csrf-token': anonymous, origin },
      payload: { email: STAFF.email, password: STAFF.password },
    });
    assert.equal(res.statusCode, 200, res.body);
    staffCookie = /bw_sid=[^;]+/.exec(String(res.headers['set-cookie']))![0];
    staffCsrf = res.json().csrfToken as string;
    const settings = site.app.services.settings;
    // Links count toward spam (the corpus is full of them); the classifier may still hold some.
    await settings.update('discussion', { ...(await settings.get('discussion')), policy: 'none', maxLinks: 100_000, threadsPerPage: 60 });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });

  const db = () => site.app.services.database.db;

  function postComment(payload: Record<string, unknown>, staff = false) {
    return site.app.http.inject({
      method: 'POST', url: `/api/v1/articles/${SLUG}/comments`, remoteAddress: nextIp(),
      headers: { 'x-csrf-token': staff ? staffCsrf : anonymous, origin, ...(staff ? { cookie: staffCookie } : {}) },
      payload,
    });
  }

  /** Comments the classifier held (policy `none` publishes the rest) are approved by the editor. */
  async function approveHeld(ids: number[]): Promise<void> {
    const held = await db().selectFrom('comments').select('id').where('id', 'in', ids).where('status', '=', 'pending').execute();
    for (const { id } of held) {
      const res = await site.app.http.inject({
        method: 'POST', url: `/api/v1/admin/comments/${id}/approve`, headers: { cookie: staffCookie, 'x-csrf-token': staffCsrf, origin }, payload: {},
      });
      assert.equal(res.statusCode, 200, res.body);
    }
  }

  test('the canary sees a script that runs, in a page and in set content', async () => {
    const page = await context.newPage();
    const seen = record(page);
    try {
      await page.route(`${origin}/__canary__`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><img src=x onerror=window.__xss=1><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>' }),
      );
      await page.goto(`${origin}/__canary__`);
      await page.waitForFunction('window.__xssHits >= 2');
      await page.setContent('<!doctype html><p>mail</p><img src=x onerror="window.__xss=1">');
      await page.waitForFunction('window.__xssHits >= 3');
      await page.setContent('<!doctype html><script>alert(1)</script>');
      assert.deepEqual(seen.dialogs, ['alert: 1']);
      const problems = (await page.evaluate(`(${INSPECT})('body')`)) as string[];
      assert.ok(problems.some((p) => p.startsWith('script element')), problems.join('\n'));
    } finally {
      await page.close();
    }
  });

  test('the plain form in the browser: names and honeypot reflected on the error page, names published', async (t) => {
    const page = await context.newPage();
    const seen = record(page);
    try {
      let sent = 0;
      for (const [k, body] of FORM_INPUTS.entries()) {
        const name = FORM_NAMES[(k * 7) % FORM_NAMES.length]!;
        const honeypot = k % 2 === 0;
        await page.goto(`${origin}${SHOWCASE_PATH}`);
        const form = page.locator('#comment-form');
        await form.locator('input[name="name"]').fill(name);
        // A one-line field turns line breaks into spaces: compare with what the reader's field holds.
        const typedName = await form.locator('input[name="name"]').inputValue();
        await form.locator('input[name="email"]').fill(`form${k}@example.org`);
        await form.locator('textarea[name="body"]').fill(body);
        if (honeypot) await form.locator('input[name="website"]').fill(HOSTILE_INPUTS[(k * 11) % HOSTILE_INPUTS.length]!.slice(0, 300), { force: true });
        // The reader took a while; every eighth comment from one address the limit wants ten minutes.
        skew += ++sent % 8 === 0 ? 11 * 60_000 : 5_000;
        if (honeypot) {
          await Promise.all([page.waitForURL(`${origin}/${SLUG}/comments`), form.locator('button[type="submit"]').click()]);
          assert.equal(await page.locator('.error-page .notice-error').count(), 1, `honeypot ${k}: the error page`);
          // Escaped, the values come back exactly as typed: nothing broke out of its attribute or element.
          assert.equal(await page.locator('#comment-body').inputValue(), body.replace(/\r\n?/g, '\n').replace(/^\n/, ''), `honeypot ${k}: the body comes back`);
          assert.equal(await page.locator('#comment-name').inputValue(), typedName, `honeypot ${k}: the name comes back`);
          await assertInert(page, seen, origin, `form error page ${k}`, READER_TEXT, /status of 400/);
        } else {
          await Promise.all([page.waitForURL(/\?(posted=1#comment-\d+|held=1#comments)$/), form.locator('button[type="submit"]').click()]);
          const row = await db().selectFrom('comments').select(['id', 'status']).where('author_email', '=', `form${k}@example.org`).executeTakeFirstOrThrow();
          if (row.status === 'pending') {
            // The classifier held it: the editor lets it through, and the reader looks again.
            await approveHeld([row.id]);
            await page.goto(`${origin}${SHOWCASE_PATH}#comment-${row.id}`);
          }
          const id = row.id;
          published.push(id);
          // Names are stored by the one person-name rule (no controls, bidi or invisible characters).
          assert.equal((await page.locator(`#comment-${id} .comment-author`).textContent())?.trim(), cleanPersonName(typedName, Number.POSITIVE_INFINITY));
          await assertInert(page, seen, origin, `published form comment ${k}`);
        }
        seen.errors.length = 0;
      }
      assert.ok(FORM_INPUTS.length >= 30, `${FORM_INPUTS.length} inputs through the form`);
      const stored = await db().selectFrom('comments').select('id').where('author_email', 'like', 'form%@example.org').execute();
      assert.equal(stored.length, Math.floor(FORM_INPUTS.length / 2), 'what the honeypot caught was not stored');
      t.diagnostic(`${FORM_INPUTS.length} inputs through the form: ${FORM_INPUTS.length - stored.length} error pages, ${stored.length} published`);
    } finally {
      await page.close();
    }
  });

  test(`all ${HOSTILE_INPUTS.length} inputs as comment bodies and ${NAMES.length} as names: live, on every page, thread, reply and report forms`, async (t) => {
    assert.ok(HOSTILE_INPUTS.length >= 120);
    const live = await context.newPage();
    const liveSeen = record(live);
    const streams = site.app.services.sse.connections();
    await live.goto(`${origin}${SHOWCASE_PATH}`);
    await until(() => site.app.services.sse.connections() > streams, 'the open page to listen for new comments');

    // The editor opens a thread and asks to be mailed about answers.
    const root = await postComment({ body: 'Was meinen Sie? Antworten bitte hier.', notify: true }, true);
    assert.equal(root.statusCode, 201, root.body);
    rootId = root.json().id as number;

    const ids: number[] = [];
    for (const [i, body] of HOSTILE_INPUTS.entries()) {
      const res = await postComment({
        body, name: NAMES[i] ?? `Leserin ${i}`, email: `leser${i}@example.org`, ...(i < REPLIES ? { parentId: rootId } : {}),
      });
      assert.equal(res.statusCode, 201, `input ${i}: ${res.body.slice(0, 300)}`);
      ids.push(res.json().id as number);
    }
    await approveHeld(ids);
    published.push(...ids);
    const statuses = await db().selectFrom('comments').select('status').where('id', 'in', ids).execute();
    assert.ok(statuses.every((s) => s.status === 'published'), 'every hostile comment is visible');

    // Live: the open page got them all over SSE and shows them on request.
    const announce = live.locator('.live-status .new-comments');
    await announce.filter({ hasText: String(ids.length + 1) }).waitFor();
    await announce.click();
    await live.locator(`#comment-${ids.at(-1)}`).waitFor({ state: 'attached' });
    await assertInert(live, liveSeen, origin, 'live update');
    await live.close();

    const page = await context.newPage();
    const seen = record(page);
    try {
      await page.goto(`${origin}${SHOWCASE_PATH}`);
      const pages = Number(/\/\s*(\d+)/.exec((await page.locator('.pagination-status').textContent()) ?? '')?.[1]);
      assert.ok(pages >= 3, `${pages} pages of comments`);
      let shown = 0;
      for (let n = 1; n <= pages; n++) {
        if (n > 1) await page.goto(`${origin}${SHOWCASE_PATH}?cpage=${n}`);
        shown += await page.locator('.comment-text').count();
        await assertInert(page, seen, origin, `discussion page ${n}`);
      }
      assert.ok(shown >= ids.length, `${shown} comments shown across the pages`);
      t.diagnostic(`${ids.length} comments posted (${ids.length - REPLIES} threads, ${REPLIES} replies), ${shown} shown on ${pages} pages`);

      await page.goto(`${origin}/${SLUG}/thread/${rootId}/`);
      assert.equal(await page.locator('.comment-text').count(), REPLIES + 1);
      await assertInert(page, seen, origin, 'thread page');

      // A few named writers: the reply form names them; the report and notice forms quote them.
      for (const i of [0, 3, 17, 42, 77, 99, 150]) {
        const id = ids[i]!;
        const where = await site.app.services.discussion.locate(id);
        const query = where && where.page > 1 ? `cpage=${where.page}&` : '';
        await page.goto(`${origin}${SHOWCASE_PATH}?${query}reply=${id}`);
        assert.equal(await page.locator('#comment-form input[name="parentId"]').inputValue(), String(id));
        await assertInert(page, seen, origin, `reply form for ${i}`);
        for (const form of ['report', 'notice']) {
          const res = await page.goto(`${origin}/${SLUG}/comment/${id}/${form}/`);
          if (res?.status() === 404) continue; // moderation forms not there (yet)
          await assertInert(page, seen, origin, `${form} form for ${i}`);
        }
      }
    } finally {
      await page.close();
    }
  });

  test('the moderation desk: held comments, reports and notices', async (t) => {
    const desk = await site.app.http.inject({ method: 'GET', url: '/admin/comments/', headers: { cookie: staffCookie } });
    if (desk.statusCode === 404) {
      t.skip('no moderation desk at /admin/comments/ in this build');
      return;
    }
    const settings = site.app.services.settings;
    const policy = await settings.get('discussion');
    await settings.update('discussion', { ...policy, policy: 'all' });
    try {
      const held: number[] = [];
      for (const [i, body] of HOSTILE_INPUTS.entries()) {
        const res = await postComment({ body, name: NAMES[(i + 5) % NAMES.length], email: `wartet${i}@example.org` });
        assert.equal(res.statusCode, 201, `input ${i}: ${res.body.slice(0, 300)}`);
        assert.equal(res.json().status, 'pending');
        held.push(res.json().id as number);
      }
      // Readers report published comments with hostile notes, and send notices with hostile names.
      for (const [k, id] of published.slice(0, 30).entries()) {
        const res = await site.app.http.inject({
          method: 'POST', url: `/api/v1/comments/${id}/report`, remoteAddress: nextIp(), headers: { 'x-csrf-token': anonymous, origin },
          payload: { reason: 'abuse', note: HOSTILE_INPUTS[k * 7]!.slice(0, 1000) },
        });
        assert.equal(res.statusCode, 202, res.body);
      }
      for (const [k, id] of published.slice(30, 36).entries()) {
        const res = await site.app.http.inject({
          method: 'POST', url: `/${SLUG}/comment/${id}/notice/`, remoteAddress: nextIp(),
          headers: { 'x-csrf-token': anonymous, origin, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            _csrf: anonymous, category: 'other', explanation: HOSTILE_INPUTS[k * 13]!.slice(0, 1000), name: NAMES[k * 5]!, email: `meldung${k}@example.org`, goodFaith: 'yes',
          }).toString(),
        });
        assert.ok(res.statusCode < 400, `notice ${k}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }

      await context.addCookies([{ name: 'bw_sid', value: staffCookie.slice('bw_sid='.length), url: origin }]);
      const page = await context.newPage();
      const seen = record(page);
      try {
        // The desk shows the oldest 100 held comments as cards: reject them in bulk, then the next ones appear.
        const seenCards = new Set<number>();
        await page.goto(`${origin}/admin/comments/?filter=held`);
        for (let round = 0; round < 10; round += 1) {
          // Cards can also arrive live while the page is open: what is ticked is what counts as seen.
          if ((await page.locator('article.desk-card[id^="card-"]').count()) === 0) break;
          await assertInert(page, seen, origin, `moderation desk, held, round ${round}`);
          const ids = (await page.evaluate(`[...document.querySelectorAll('article.desk-card input[name="ids"]')].map((box) => { box.checked = true; return Number(box.value); })`)) as number[];
          ids.forEach((id) => seenCards.add(id));
          // Every round is sent to the same address (`?filter=held&done=100&failed=0`), so waiting for
          // that address would end at once from the second round on, and the next round would count
          // the cards of a page still loading: wait for the next page's load instead.
          await Promise.all([page.waitForEvent('load'), page.locator('#bulk button[name="action"][value="reject"]').click()]);
          assert.match(page.url(), /\/admin\/comments\/\?.*done=/, `round ${round}: the desk after the bulk rejection`);
        }
        const unseen = held.filter((id) => !seenCards.has(id));
        const statuses = unseen.length ? await db().selectFrom('comments').select(['id', 'status']).where('id', 'in', unseen).execute() : [];
        assert.deepEqual(unseen, [], `every held hostile comment was a card on the desk: ${JSON.stringify(statuses)}`);
        assert.equal(await page.locator('article.desk-card[id^="card-"]').count(), 0, 'the queue is empty after the bulk rejections');
        // Reports and notices have their own tabs.
        await page.goto(`${origin}/admin/comments/?filter=reported`);
        assert.ok(await page.locator('article.desk-card[id^="card-"]').count() >= 1, 'reported comments on the desk');
        await assertInert(page, seen, origin, 'moderation desk, reported');
        await page.goto(`${origin}/admin/comments/?filter=notices`);
        assert.ok(await page.locator('article.desk-notice').count() >= 6, 'notices on the desk');
        await assertInert(page, seen, origin, 'moderation desk, notices');
        t.diagnostic(`${held.length} held comments on the desk (${seenCards.size} cards), 30 reports, 6 notices`);
      } finally {
        await page.close();
        await context.clearCookies();
      }
    } finally {
      await settings.update('discussion', policy);
    }
  });

  test('notification e-mails: the HTML part of every mail in the outbox', async (t) => {
    const { jobs, config } = site.app.services;
    while ((await jobs.runOnce(100)) > 0);
    const outbox = join(config.dataDir, 'outbox');
    if (!existsSync(new URL('./notify/', import.meta.url))) {
      t.skip('no notification mails in this build (src/discussion/notify/ is missing)');
      return;
    }
    const page = await context.newPage();
    const seen = record(page);
    let rendered = 0;
    /** Renders the HTML part of each mail file not rendered before; returns the comment ids they link. */
    const done = new Set<string>();
    const renderNew = async (): Promise<Set<number>> => {
      const mailed = new Set<number>();
      const files = existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml') && !done.has(f)) : [];
      for (const file of files.sort()) {
        done.add(file);
        const raw = readFileSync(join(outbox, file), 'latin1');
        const head = raw.slice(0, /\r?\n\r?\n/.exec(raw)?.index ?? raw.length);
        assert.doesNotMatch(head, /^(bcc|cc):/im, `${file}: a header a reader's text could have added`);
        const htmlBody = htmlPart(raw);
        if (htmlBody === null) continue; // plain-text mail (moderation statements, notice receipts)
        await page.setContent(htmlBody);
        await assertInert(page, seen, origin, `mail ${file}`, MAIL_TEXT);
        rendered += 1;
        for (const match of htmlBody.matchAll(/\/comment\/(\d+)\//g)) mailed.add(Number(match[1]));
      }
      return mailed;
    };
    try {
      // Every published hostile comment was mailed: to the editor as the article's author, or as a reply to her.
      const mailed = await renderNew();
      const missing = published.filter((id) => !mailed.has(id));
      assert.deepEqual(missing, [], `comments not mailed (${rendered} HTML mails rendered)`);
      t.diagnostic(`${done.size} mails in the outbox, ${rendered} HTML parts rendered`);

      // The hourly digest quotes up to twenty comments in one mail: hostile ones among them.
      await setCommentMail(db(), staffId, 'hourly', new Date(Date.now() + skew));
      const digested: number[] = [];
      for (const [k, body] of HOSTILE_INPUTS.filter((_, i) => i % 11 === 0).slice(0, 20).entries()) {
        const res = await postComment({ body, name: NAMES[k % NAMES.length], email: `sammel${k}@example.org` });
        assert.equal(res.statusCode, 201, res.body);
        digested.push(res.json().id as number);
      }
      await approveHeld(digested);
      while ((await jobs.runOnce(100)) > 0);
      skew += 2 * 3_600_000; // the window passes
      while ((await jobs.runOnce(100)) > 0);
      const inDigest = await renderNew();
      assert.deepEqual(digested.filter((id) => !inDigest.has(id)), [], 'the digest quotes every comment of the hour');
    } finally {
      await page.close();
    }
  });

  test('feeds: every item of RSS, Atom and JSON Feed rendered', async (t) => {
    const page = await context.newPage();
    const seen = record(page);
    try {
      for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
        const res = await fetch(`${origin}/${file}`);
        assert.equal(res.status, 200, file);
        const body = await res.text();
        // Comments are not part of the feeds, so none of their text may turn up there.
        assert.doesNotMatch(body, /__xss|onerror/, `${file}: reader text in the feed`);
        const items = feedItems(file, body);
        assert.ok(items.length >= 3, `${file}: ${items.length} items`);
        t.diagnostic(`${file}: ${items.length} item bodies rendered`);
        for (const [k, item] of items.entries()) {
          await page.setContent(`<!doctype html><meta charset="utf-8"><body>${item}</body>`);
          await assertInert(page, seen, origin, `${file} item ${k}`, '');
        }
      }
    } finally {
      await page.close();
    }
  });
});
