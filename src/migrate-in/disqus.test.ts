// A Disqus export (fixtures/disqus.xml) imported onto the articles of the WordPress
// fixture: threads matched by address, threading, deleted and spam comments.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importWordPress } from './wordpress.js';
import { importDisqus } from './disqus.js';
import { forEachSite, FIXTURES } from './testkit.js';
import type { ImportReport } from './report.js';

forEachSite('Disqus import', (site) => {
  let report: ImportReport;
  const get = (url: string) => site().get(url);
  const comments = () => site().app.services.database.db.selectFrom('comments').selectAll().orderBy('id').execute();
  let wordpressComments = 0;

  before(async () => {
    await importWordPress(await site().deps(), join(FIXTURES, 'wordpress.xml'), {});
    wordpressComments = (await comments()).length;
    report = await importDisqus(await site().deps(), join(FIXTURES, 'disqus.xml'), {});
  });

  test('the report: matched, skipped and why', async () => {
    const json = await report.full();
    assert.equal(json.added.comments, 6);
    assert.equal(json.added['placeholders for removed comments with replies'], 1);
    assert.equal(json.skipped['spam comment']?.count, 1);
    assert.equal(json.skipped['deleted comment']?.count, 2);
    assert.equal(json.skipped['comment on a thread that matches no article']?.count, 1);
    assert.match(json.review.notes.map((n) => n.message).join('\n'), /"Verschwunden" at https:\/\/alt\.example\.org\/gibt-es-nicht\/ matches no article/);
    assert.equal((await comments()).length, wordpressComments + 7);
  });

  test('threads land on the right articles, with their threading, authors and dates', async () => {
    const rows = (await comments()).slice(wordpressComments);
    const { store } = site().app.services.content;
    const haushalt = (await store.findBy('slug', 'haushalt-2025'))!.id;
    const markttag = (await store.findBy('slug', 'markttag'))!.id;
    const byBody = (text: string) => rows.find((r) => r.body.includes(text))!;
    const one = byBody('Disqus-Kommentar eins');
    assert.equal(one.article_id, haushalt);
    assert.equal(one.author_name, 'Dora Disqus');
    assert.equal(one.created_at, '2025-02-13T12:00:00.000Z');
    const reply = byBody('Antwort auf eins');
    assert.equal(reply.parent_id, one.id);
    assert.equal(reply.depth, 1);
    const placeholder = rows.find((r) => r.status === 'rejected')!;
    assert.equal(placeholder.parent_id, reply.id);
    assert.equal(placeholder.body, '');
    const deep = byBody('Antwort auf den gelöschten');
    assert.equal(deep.parent_id, placeholder.id);
    assert.equal(deep.depth, 3);
    assert.equal(deep.thread_id, one.id);
    const question = byBody('Wann ist der nächste Markt');
    const early = byBody('bevor die Frage da ist');
    assert.equal(question.article_id, markttag);
    assert.equal(early.parent_id, question.id, 'a reply that came first waited for its parent');
    assert.notEqual(one.identity, byBody('Antwort auf eins').identity);
  });

  test('the rendered page shows them, and nothing hostile', async () => {
    const body = (await get('/haushalt-2025/')).body;
    assert.match(body, /Disqus-Kommentar eins: <strong>wichtig<\/strong>!<\/p>\s*<p>Zweiter Absatz\.<\/p>/);
    assert.match(body, /Böse &amp; klick 😈/);
    assert.match(body, /&lt;b&gt;Hacker|>Hacker</);
    assert.doesNotMatch(body, /alert\(|javascript:|onerror|onclick|Cheap watches|Einfach gelöscht|Das wurde gelöscht/);
  });

  test('a second run changes nothing', async () => {
    const before = await site().snapshot();
    const again = await importDisqus(await site().deps(), join(FIXTURES, 'disqus.xml'), {});
    assert.deepEqual(await site().snapshot(), before);
    assert.deepEqual(again.summary().added, {});
  });
});
