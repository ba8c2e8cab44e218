// Hostile HTML in a Note: a stand-in Mastodon account with a hostile display name replies to
// an article with every hostile input of the comment corpus as the Note's HTML (plus
// HTML-only attacks: event handlers, script URLs, srcdoc frames, SVG), signed as Mastodon
// signs. The replies become comments; the article page is opened in Chromium with a canary
// that counts every write to `window.__xss` (what each payload does if it runs): nothing
// runs, no dialog opens, and the comments hold no script, handler, script URL or active
// element.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { HOSTILE_INPUTS } from '../discussion/text/hostile.js';
import { startFederatingSite, startMastodon, type FederatingSite, type Mastodon } from './testkit.js';

const skip = browserSkip();
// One stand-in account posts every payload: the per-author comment limit would stop it at 8.
process.env.BLATTWERK_RATE_LIMITS = 'off';
const HTML_ATTACKS = [
  '<p><img src=x onerror="window.__xss=1">Bild</p>',
  '<p><a href="javascript:window.__xss=1">Link</a> <a href="https://example.org/" onclick="window.__xss=1">Quelle</a></p>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe><p>Rahmen</p>',
  '<svg><script>window.__xss=1</script><animate onbegin="window.__xss=1" attributeName="x"/></svg>',
  '<p style="background:url(javascript:window.__xss=1)">Stil</p><style>*{x:expression(window.__xss=1)}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1></style></mglyph></table></mtext></math>',
  '<form action="javascript:window.__xss=1"><button>Los</button></form><details open ontoggle="window.__xss=1">x</details>',
  '<p>Text &lt;script&gt;window.__xss=1&lt;/script&gt; als Text</p>',
];
const CANARY = `(() => {
  let hits = 0;
  Object.defineProperty(window, '__xss', { configurable: false, get: () => (hits ? 1 : undefined), set: () => { hits += 1; } });
  Object.defineProperty(window, '__xssHits', { configurable: false, get: () => hits });
})()`;

/** Handlers, script URLs and active elements inside the comments (run in the page). */
const INSPECT = `(() => {
  const found = [];
  for (const el of document.querySelectorAll('.comment-text *, .comment-author *, .comment-meta *')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push('handler ' + attr.name);
      if (/^\\s*(javascript|data|vbscript):/i.test(attr.value)) found.push('script URL ' + attr.value.slice(0, 40));
    }
    if (/^(script|iframe|svg|math|style|img|form|button|object|embed|details)$/i.test(el.localName)) found.push('element ' + el.localName);
  }
  return found;
})()`;

let site: FederatingSite;
let mastodon: Mastodon;
let browser: Browser;
let slug: string;
let posted = 0;

before(async () => {
  if (skip) return;
  mastodon = await startMastodon({ name: '<img src=x onerror="window.__xss=1">Alice</b>' });
  site = await startFederatingSite('sqlite');
  await site.app.services.settings.update('discussion', { policy: 'none', depthCap: 8 });
  const article = await site.app.services.content.createArticle({ lang: 'de', title: 'Haushalt beschlossen', body: [{ type: 'paragraph', text: 'Der Rat hat getagt.' }], status: 'published', authorIds: [], tagIds: [] });
  slug = article.slug;
  const notes = [...HTML_ATTACKS, ...HOSTILE_INPUTS.filter((_, i) => i % 3 === 0).map((s) => `<p>${s}</p>`), ...HOSTILE_INPUTS.filter((_, i) => i % 7 === 1)];
  for (const [i, html] of notes.entries()) {
    const create = JSON.parse(mastodon.payload('create-note-reply', site.url, article.id)) as { id: string; object: Record<string, unknown> };
    const id = `${mastodon.url}/users/alice/statuses/9${String(i).padStart(5, '0')}`;
    create.id = `${id}/activity`;
    Object.assign(create.object, { id, url: id, content: html, contentMap: { de: html } });
    const answer = await mastodon.deliver(`${site.url}/ap/inbox`, JSON.stringify(create));
    assert.equal(answer.status, 202);
  }
  // What the discussion refused (spam screen, empty after cleaning) is logged, not stored.
  const refused = (await site.app.services.federation.store.recentEvents(500)).filter((e) => e.outcome !== 'accepted');
  if (refused.length) console.log('refused:', [...new Set(refused.map((e) => e.reason))].join(', '));
  posted = Number((await site.app.services.database.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()).n);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await mastodon?.close();
});

test('hostile HTML in Notes renders as inert comments in Chromium', { skip }, async () => {
  assert.ok(posted >= 20, `${posted} replies became comments`);
  const context = await browser.newContext();
  await context.addInitScript(CANARY);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  let shown = 0;
  for (let n = 1; n <= 20; n++) {
    const answer = await page.goto(`${site.url}/${slug}/${n > 1 ? `comments/page/${n}/` : ''}`, { waitUntil: 'load' });
    if (!answer || answer.status() !== 200) break;
    shown += await page.locator('.comment-text').count();
    const problems = (await page.evaluate(INSPECT)) as string[];
    assert.deepEqual(problems, [], `page ${n}`);
    if (n === 1 && (await page.locator('a[href*="/comments/page/2/"]').count()) === 0) break;
  }
  assert.ok(shown >= 20, `${shown} comments shown`);
  assert.equal(await page.evaluate('window.__xssHits'), 0);
  assert.deepEqual(dialogs, []);
  // The handle beside each name links the original post.
  const origin = page.locator('.comment-origin').first();
  assert.match((await origin.textContent()) ?? '', /^@alice@127\.0\.0\.1:\d+$/);
  await context.close();
});
