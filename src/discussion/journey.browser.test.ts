// The discussion as readers and a moderator use it, in Debian's Chromium on the demo site.
// Without JavaScript a guest comments through the plain form, the first comment of a new
// address is held, a moderator approves it and it appears. With JavaScript a reader sees a
// reply arrive live (SSE), likes it and quote-replies without leaving the page. Permalinks
// find comments on later pages, and the script stays small. Nothing leaves the machine:
// every request to another origin is blocked and counted. The app's clock is the test's,
// so "the reader took five seconds" costs no time; waits are on conditions only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { translator } from '../platform/i18n.js';
import { createUser } from '../platform/users.js';
import { SHOWCASE_PATH, startDemoSite, type DemoSite } from '../site/fixture.js';
import { discussionMessages } from './messages.js';

const t = translator('de', discussionMessages);
const SLUG = SHOWCASE_PATH.slice(1, -1);
const MODERATOR = { email: 'moderation@example.org', password: 'moderation-ist-wichtig', name: 'Mo Deration' };
const LEA = { name: 'Lea Leserin', email: 'lea@example.org' };
const BEN = { name: 'Ben Beispiel', email: 'ben@example.org' };
const SCRIPT_BUDGET = 20 * 1024;

/** Requests to anything but the site (data:, blob: and about: URLs never leave the browser). */
function foreign(urls: readonly string[], origin: string): string[] {
  return urls.filter((url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== origin);
}

/** A context where nothing leaves the machine: every request to another origin is aborted. */
async function sealedContext(browser: Browser, origin: string, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, viewport: { width: 1280, height: 900 } });
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  return context;
}

interface Recorder {
  requests: string[];
  errors: string[];
  navigations: string[];
}

function record(page: Page): Recorder {
  const recorder: Recorder = { requests: [], errors: [], navigations: [] };
  page.on('request', (request) => recorder.requests.push(request.url()));
  page.on('pageerror', (error) => recorder.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') recorder.errors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    recorder.errors.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) recorder.navigations.push(frame.url());
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

describe('discussion journey in Chromium', { skip: browserSkip() }, () => {
  let site: DemoSite;
  let browser: Browser;
  let origin: string;
  // The app's clock runs `skew` ms ahead of the real one; a test moves it instead of sleeping.
  let skew = 0;
  const later = (seconds: number) => {
    skew += seconds * 1000;
  };
  let leaCommentId = 0;
  let benReplyId = 0;

  before(async () => {
    browser = await launchBrowser(); // first: a missing Chromium fails before the slow seeding
    site = await startDemoSite({ now: () => new Date(Date.now() + skew) });
    origin = site.baseUrl;
    await createUser(site.app.services.database.db, { ...MODERATOR, role: 'moderator' });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const db = () => site.app.services.database.db;

  /** The moderator signs in through the API, as the admin client does. */
  async function moderatorSession(): Promise<{ cookie: string; csrf: string }> {
    const page = await fetch(`${origin}/`);
    const anonymous = /<meta name="csrf-token" content="([^"]+)">/.exec(await page.text())?.[1];
    assert.ok(anonymous, 'the page carries a CSRF token');
    const res = await fetch(`${origin}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': anonymous, origin },
      body: JSON.stringify({ email: MODERATOR.email, password: MODERATOR.password }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const cookie = /bw_sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    assert.ok(cookie, 'signing in sets the session cookie');
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  async function approve(id: number): Promise<void> {
    const staff = await moderatorSession();
    const queue = await fetch(`${origin}/api/v1/admin/comments`, { headers: { cookie: staff.cookie } });
    assert.equal(queue.status, 200);
    const pending = ((await queue.json()) as { comments: { id: number; status: string }[] }).comments;
    assert.ok(pending.some((c) => c.id === id && c.status === 'pending'), `comment ${id} waits in the moderation queue`);
    const res = await fetch(`${origin}/api/v1/admin/comments/${id}/approve`, {
      method: 'POST',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'sachlich' }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { status: string }).status, 'published');
  }

  async function commentBy(name: string) {
    return db().selectFrom('comments').selectAll().where('author_name', '=', name).orderBy('id', 'desc').executeTakeFirstOrThrow();
  }

  test('without JavaScript a guest comments through the plain form; the comment is held until a moderator approves it', async () => {
    const context = await sealedContext(browser, origin, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(`${origin}${SHOWCASE_PATH}`);
      const form = page.locator('#comment-form');
      assert.match((await form.locator('.field-note').last().textContent()) ?? '', /erste Kommentar/, 'the form says first comments are checked');
      await form.getByLabel(t('form.name')).fill(LEA.name);
      await form.getByLabel(t('form.email')).fill(LEA.email);
      await form.getByLabel(t('form.body'), { exact: true }).fill('Danke für den **gründlichen** Bericht aus dem Stadtrat.\n\nDie Zahlen zur Grundsteuer hätte ich gern genauer gesehen.');
      later(8); // the reader took eight seconds to write (the form stamp wants at least three)
      await Promise.all([page.waitForURL(`${origin}${SHOWCASE_PATH}?held=1#comments`), form.getByRole('button', { name: t('form.submit') }).click()]);
      assert.equal((await page.locator('.discussion .notice').textContent())?.trim(), t('form.held'));
      assert.equal(await page.locator('.comment-text', { hasText: 'gründlichen' }).count(), 0, 'a held comment is not shown');

      const held = await commentBy(LEA.name);
      leaCommentId = held.id;
      assert.equal(held.status, 'pending');
      const reasons = (JSON.parse(held.spam_reasons) as { code: string }[]).map((r) => r.code);
      assert.deepEqual(reasons, [], 'held for being a new address, not because the form looked like a bot');

      await approve(leaCommentId);
      await page.goto(`${origin}${SHOWCASE_PATH}`);
      const comment = page.locator(`#comment-${leaCommentId}`);
      assert.ok(await comment.isVisible());
      assert.equal((await comment.locator('.comment-author').textContent())?.trim(), LEA.name);
      assert.equal((await comment.locator('.comment-text strong').textContent())?.trim(), 'gründlichen');
      // The demo's discussion plus Lea's comment, counted as the server counts (plural forms).
      const shown = await db().selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', held.article_id).where('status', '=', 'published').executeTakeFirstOrThrow();
      assert.equal((await page.locator('.comment-count').textContent())?.trim(), t('comments.count', { count: Number(shown.n) }));
      assert.doesNotMatch(await page.content(), /lea@example\.org/, 'the e-mail address is never shown');
      assert.deepEqual(foreign(seen.requests, origin), []);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript a reader sees a reply arrive live, likes it and quote-replies without reloading', async () => {
    assert.ok(leaCommentId, 'runs after the guest comment was approved');
    const contextA = await sealedContext(browser, origin); // Lea again, now with JavaScript
    const contextB = await sealedContext(browser, origin); // Ben, who answers her
    try {
      const streams = site.app.services.sse.connections();
      const pageA = await contextA.newPage();
      const seenA = record(pageA);
      const pageB = await contextB.newPage();
      const seenB = record(pageB);
      await pageA.goto(`${origin}${SHOWCASE_PATH}`);
      await pageB.goto(`${origin}${SHOWCASE_PATH}`);
      await until(() => site.app.services.sse.connections() >= streams + 2, 'both readers to listen for new comments');
      // A marker that survives only as long as the page is not reloaded.
      await pageA.evaluate('window.__samePage = true');
      const quoteButton = pageA.locator('.quote-button');
      assert.ok(await quoteButton.isHidden(), 'the quote button waits for a selection');

      // Ben answers Lea inline: the form moves under her comment and carries the parent.
      await pageB.locator(`#comment-${leaCommentId} [data-reply]`).click();
      const formB = pageB.locator(`#comment-${leaCommentId} #comment-form`);
      assert.equal(await formB.count(), 1, 'the form moved under the comment being answered');
      assert.equal(await formB.locator('input[name="parentId"]').inputValue(), String(leaCommentId));
      await formB.getByLabel(t('form.name')).fill(BEN.name);
      await formB.getByLabel(t('form.email')).fill(BEN.email);
      await formB.getByLabel(t('form.body'), { exact: true }).fill('Die Straßenbahn nach Süd ist längst überfällig.\n\nAber wer bezahlt am Ende die Wartung der Gleise?');
      later(20);
      await Promise.all([pageB.waitForURL(`${origin}${SHOWCASE_PATH}?held=1#comments`), formB.getByRole('button', { name: t('form.submit') }).click()]);
      assert.equal((await pageB.locator('.discussion .notice').textContent())?.trim(), t('form.held'));
      const reply = await commentBy(BEN.name);
      benReplyId = reply.id;
      assert.equal(reply.parent_id, leaCommentId);
      assert.ok(await pageA.locator('.new-comments').isHidden(), 'a held reply is not announced');

      // Approved, it reaches Lea's open page over the live stream.
      await approve(benReplyId);
      const announce = pageA.locator('.live-status .new-comments');
      await announce.waitFor();
      assert.equal((await announce.textContent())?.trim(), t('comments.newOne'));
      await announce.click();
      const benComment = pageA.locator(`#comment-${leaCommentId} > .comment-replies > #comment-${benReplyId}`);
      await benComment.waitFor();
      assert.match((await benComment.getAttribute('class')) ?? '', /\bcomment-new\b/);
      assert.equal((await benComment.locator('.comment-author').textContent())?.trim(), BEN.name);
      assert.ok(await pageA.locator('.live-status').isHidden(), 'the notice goes once the comment is shown');

      // A like counts without leaving the page.
      await benComment.locator('.like-button').click();
      await benComment.locator('.like-count', { hasText: /^1$/ }).waitFor();
      assert.equal(await benComment.locator('.like-button').getAttribute('aria-pressed'), 'true');
      assert.equal((await db().selectFrom('comments').select('likes').where('id', '=', benReplyId).executeTakeFirstOrThrow()).likes, 1);

      // Quote-reply: select a passage of Ben's comment, press "Quote", answer below the quote.
      await benComment.locator('.comment-text p').first().click({ clickCount: 3 });
      await quoteButton.waitFor({ state: 'visible' });
      assert.equal((await quoteButton.textContent())?.trim(), t('comments.quote'));
      await quoteButton.click();
      const formA = pageA.locator(`#comment-${benReplyId} #comment-form`);
      assert.equal(await formA.count(), 1, 'the form moved under the quoted comment');
      assert.equal(await formA.locator('input[name="parentId"]').inputValue(), String(benReplyId));
      const textarea = formA.getByLabel(t('form.body'), { exact: true });
      const quoted = await textarea.inputValue();
      assert.match(quoted, new RegExp(`^\\*\\*${BEN.name}\\*\\* schrieb:\\n> Die Straßenbahn nach Süd ist längst überfällig\\.\\n\\n$`));
      assert.ok(await quoteButton.isHidden());
      await pageA.keyboard.type('Die Wartung zahlt der Verkehrsbetrieb, steht auf Seite 212.');
      await formA.getByLabel(t('form.name')).fill(LEA.name);
      await formA.getByLabel(t('form.email')).fill(LEA.email);
      assert.equal(await pageA.evaluate('window.__samePage'), true, 'live update, like and quote happened without a reload');
      later(30);
      // The like started Lea's session, so the form must now carry that session's token, not the page's anonymous one.
      await Promise.all([pageA.waitForURL(/\?posted=1#comment-\d+$/), formA.getByRole('button', { name: t('form.submit') }).click()]);

      // Lea is known now, so her answer is published at once, under Ben's comment.
      const answerId = Number(/#comment-(\d+)$/.exec(pageA.url())?.[1]);
      const answer = pageA.locator(`#comment-${benReplyId} > .comment-replies > #comment-${answerId}`);
      assert.ok(await answer.isVisible());
      assert.equal((await pageA.locator('.discussion .notice').textContent())?.trim(), t('form.published'));
      assert.equal((await answer.locator('.comment-text blockquote').textContent())?.trim(), 'Die Straßenbahn nach Süd ist längst überfällig.');
      assert.match((await answer.locator('.comment-text').textContent()) ?? '', /Die Wartung zahlt der Verkehrsbetrieb, steht auf Seite 212\./);
      assert.equal((await answer.locator('.comment-text strong').first().textContent())?.trim(), BEN.name);

      for (const seen of [seenA, seenB]) {
        assert.deepEqual(foreign(seen.requests, origin), []);
        assert.deepEqual(seen.errors, []);
      }
    } finally {
      await contextA.close();
      await contextB.close();
    }
  });

  test('a permalink to a comment on the last page of the discussion opens that page at the comment', async () => {
    const { settings, operations } = site.app.services;
    const policy = await settings.get('discussion');
    await settings.update('discussion', { ...policy, policy: 'none', threadsPerPage: 2 });
    const context = await sealedContext(browser, origin);
    try {
      const article = await site.app.services.content.store.findBy('slug', SLUG);
      assert.ok(article);
      const existing = Number(
        (await db().selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', article.id).where('depth', '=', 0).where('status', '=', 'published').executeTakeFirstOrThrow()).n,
      );
      const roots: number[] = [];
      // Two more threads after the demo's: the last is on the last page, two threads a page.
      for (let i = existing; i < existing + 2; i++) {
        const posted = await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: `journey-${i}` }, article.id, { body: `Beitrag Nummer ${i} zur Haushaltsdebatte.`, parentId: null, name: `Leser ${i}`, email: `leser${i}@example.org`, notify: false });
        assert.equal(posted.status, 'published');
        roots.push(posted.id);
      }
      const target = roots.at(-1)!;
      const last = Math.ceil((existing + 2) / 2);
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(`${origin}${SHOWCASE_PATH}#comment-${target}`);
      await page.waitForURL(`${origin}${SHOWCASE_PATH}?cpage=${last}#comment-${target}`);
      const comment = page.locator(`#comment-${target}`);
      await comment.waitFor();
      assert.equal((await page.locator('.pagination-status').textContent())?.trim(), `${last} / ${last}`);
      await until(async () => {
        const box = await comment.boundingBox();
        return box !== null && box.y + box.height > 0 && box.y < 900;
      }, 'the browser to scroll to the comment');
      assert.deepEqual(foreign(seen.requests, origin), []);
      assert.deepEqual(seen.errors, []);

      // Without JavaScript, "Reply" on page 3 must keep the page, or the form forgets whom it answers.
      const plain = await sealedContext(browser, origin, { javaScriptEnabled: false });
      try {
        const noScript = await plain.newPage();
        await noScript.goto(`${origin}${SHOWCASE_PATH}?cpage=${last}`);
        await Promise.all([noScript.waitForURL(/reply=/), noScript.locator(`#comment-${target} .reply-link`).click()]);
        assert.equal((await noScript.locator('.comment-form-title').textContent())?.trim(), t('form.replyTo', { name: `Leser ${existing + 1}` }));
        assert.equal(await noScript.locator('#comment-form input[name="parentId"]').inputValue(), String(target));
      } finally {
        await plain.close();
      }
    } finally {
      await context.close();
      await settings.update('discussion', policy);
    }
  });

  test('a permalink to a reply deeper than the page shows lands on its thread, not in a redirect loop', async () => {
    const { settings, operations } = site.app.services;
    const policy = await settings.get('discussion');
    await settings.update('discussion', { ...policy, policy: 'none' });
    const context = await sealedContext(browser, origin);
    try {
      const article = await site.app.services.content.store.findBy('slug', SLUG);
      assert.ok(article);
      let parentId: number | null = null;
      const chain: number[] = [];
      for (let depth = 0; depth <= 5; depth++) {
        const posted: { id: number } = await operations.postComment({ kind: 'guest', sessionHash: null, ipHash: 'journey-deep' }, article.id, { body: `Antwort auf Ebene ${depth}.`, parentId: parentId, name: `Ebene ${depth}`, email: 'tief@example.org', notify: false });
        parentId = posted.id;
        chain.push(posted.id);
      }
      const deep = parentId!;
      // The thread page that shows it: rooted at the comment whose replies the article page continues elsewhere.
      const threadRoot = chain[4]!;
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(`${origin}${SHOWCASE_PATH}#comment-${deep}`);
      await page.waitForURL(`${origin}/${SLUG}/thread/${threadRoot}/#comment-${deep}`);
      assert.ok(await page.locator(`#comment-${deep}`).isVisible());
      await page.waitForLoadState('networkidle');
      assert.ok(seen.navigations.length <= 4, `few navigations, not a loop: ${seen.navigations.join(' → ')}`);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
      await settings.update('discussion', policy);
    }
  });

  test('the article page loads at most 20 KB of script, gzipped', async (t) => {
    const context = await sealedContext(browser, origin);
    try {
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(`${origin}${SHOWCASE_PATH}`);
      await page.waitForLoadState('networkidle');
      const sources = (await page.locator('script[src]').evaluateAll((scripts) => scripts.map((s) => s.getAttribute('src') ?? ''))).map(
        (src) => new URL(src, origin).href,
      );
      assert.ok(sources.some((src) => /\/discussion\.[^/]+\.js$/.test(src)), 'the discussion script is among them');
      let total = 0;
      const sizes: string[] = [];
      for (const src of sources) {
        assert.ok(seen.requests.includes(src), `${src} was loaded`);
        const res = await fetch(src, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(res.status, 200, src);
        const gzipped = gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
        sizes.push(`${new URL(src).pathname}: ${gzipped} B`);
        total += gzipped;
      }
      assert.ok(total <= SCRIPT_BUDGET, `script on the article page: ${total} B gzipped (budget ${SCRIPT_BUDGET}): ${sizes.join(', ')}`);
      t.diagnostic(`script on the article page: ${total} B gzipped (${sizes.join(', ')})`);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});
