// The discussion's reading paths (issue 12): the "⋯" menu and the reply form without
// JavaScript, the byline's comment count, thread pages that show the comment being
// answered, a deep comment's permalink that leads to its thread page, and the article's
// own language for every word around it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import type { Caller } from '../platform/caller.js';
import { createHttpTestDatabase, type HttpTestDatabase } from '../platform/testing.js';

let app: App;
let db: HttpTestDatabase;
const chain: number[] = [];

const guest = (name: string): Caller => ({ kind: 'guest', sessionHash: `s-${name}`, ipHash: `ip-${name}` });

before(async () => {
  db = await createHttpTestDatabase();
  app = await buildApp(loadConfig({ flags: { ...db.flags, 'log-level': 'silent', workers: false }, env: {} }));
  const { content, settings, operations } = app.services;
  await settings.update('site', { title: 'Testblatt', language: 'de' });
  await settings.update('discussion', { policy: 'none' });
  const de = await content.createArticle({
    lang: 'de', title: 'Stadtrat tagt', body: [{ type: 'paragraph', text: 'Der Stadtrat tagt heute.' }],
    status: 'published', publishedAt: new Date('2026-04-30T10:00:00Z'), authorIds: [], tagIds: [],
  });
  await content.createArticle({
    lang: 'en', title: 'Council meets', body: [{ type: 'paragraph', text: 'The council meets today.' }],
    status: 'published', publishedAt: new Date('2026-04-30T11:00:00Z'), authorIds: [], tagIds: [],
  });
  // Eight levels deep: the article page shows five, the thread pages the rest.
  let parent: number | null = null;
  for (let i = 0; i < 8; i++) {
    const posted = await operations.postComment(guest(`p${i}`), de.id, { body: `Ebene ${i}`, parentId: parent, name: `Person ${i}`, email: `p${i}@example.org`, notify: false });
    chain.push(posted.id);
    parent = posted.id;
  }
  const en = await content.store.findBy('slug', 'council-meets');
  await operations.postComment(guest('en'), en!.id, { body: 'Good to know.', parentId: null, name: 'Ann', email: 'ann@example.org', notify: false });
});

after(async () => {
  await app.close();
  await db.drop();
});

const get = (url: string) => app.http.inject({ method: 'GET', url });

test('report, notice and mute sit in one "⋯" menu that opens without JavaScript', async () => {
  const res = await get('/stadtrat-tagt/');
  assert.equal(res.statusCode, 200);
  const first = res.body.slice(res.body.indexOf(`id="comment-${chain[0]}"`));
  const actions = first.slice(first.indexOf('<footer class="comment-actions">'), first.indexOf('</footer>'));
  assert.match(actions, /<details class="comment-menu"><summary class="comment-menu-button" aria-label="Weitere Aktionen"/);
  const menu = actions.slice(actions.indexOf('<details'));
  assert.match(menu, /class="report-link"[^>]*>Melden</);
  assert.match(menu, /class="notice-link"/);
  // Outside the menu: the like and the reply only.
  const outside = actions.slice(0, actions.indexOf('<details'));
  assert.doesNotMatch(outside, /report-link|notice-link/);
  assert.match(outside, /like-button/);
  assert.match(outside, /class="reply-link"[^>]*>Antworten</);
});

test('the byline says how many comments there are and links to them, with plurals', async () => {
  const de = await get('/stadtrat-tagt/');
  assert.match(de.body, /<a class="byline-comments" href="#comments">8 Kommentare<\/a>/);
  const en = await get('/council-meets/');
  assert.match(en.body, /<a class="byline-comments" href="#comments">1 comment<\/a>/);
});

test('without JavaScript, "Reply" shows "Antwort an NAME" and a cancel link, also for a comment on a thread page', async () => {
  const res = await get(`/stadtrat-tagt/?reply=${chain[1]}`);
  assert.match(res.body, /<h3 class="comment-form-title"[^>]*>Antwort an Person 1<\/h3>/);
  assert.match(res.body, /<a class="cancel-reply[^"]*" href="\/stadtrat-tagt\/#comments">Abbrechen<\/a>/);
  assert.match(res.body, new RegExp(`name="parentId" value="${chain[1]}"`));
  const deep = await get(`/stadtrat-tagt/?reply=${chain[6]}`);
  assert.match(deep.body, /Antwort an Person 6/);
  assert.match(deep.body, new RegExp(`name="parentId" value="${chain[6]}"`));
});

test('a thread page shows the comment being answered and is marked for the reading width', async () => {
  const res = await get(`/stadtrat-tagt/thread/${chain[4]}/`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<div class="thread-page discussion"/);
  const context = res.body.slice(res.body.indexOf('<aside class="thread-context"'), res.body.indexOf('</aside>'));
  assert.match(context, /aria-label="Der Kommentar, auf den geantwortet wird"/);
  assert.match(context, /Person 3/);
  assert.match(context, /Ebene 3/);
  assert.match(res.body, new RegExp(`id="comment-${chain[7]}"`));
});

test('without JavaScript, the permalink of a deep comment leads to the thread page that shows it', async () => {
  const shallow = await get(`/stadtrat-tagt/comment/${chain[4]}/`);
  assert.equal(shallow.headers.location, `/stadtrat-tagt/#comment-${chain[4]}`);
  const deep = await get(`/stadtrat-tagt/comment/${chain[6]}/`);
  assert.equal(deep.statusCode, 302);
  assert.equal(deep.headers.location, `/stadtrat-tagt/thread/${chain[4]}/#comment-${chain[6]}`);
  const page = await get(deep.headers.location!.replace(/#.*/, ''));
  assert.match(page.body, new RegExp(`id="comment-${chain[6]}"`));
});

test('an English article on a German site: page, discussion and actions in English', async () => {
  const res = await get('/council-meets/');
  assert.match(res.body, /<html lang="en">/);
  assert.match(res.body, /aria-label="More actions"/);
  assert.match(res.body, /class="report-link"[^>]*>Report</);
  assert.match(res.body, />Reply</);
  assert.doesNotMatch(res.body, /Antworten|Melden<|Stummschalten|Kommentar senden/);
  assert.match(res.body, /<h2 id="comments-title">Discussion<\/h2>/);
});
