// "More comments": the next page of threads as an HTML fragment of `<li>` items, cached
// like a page; without script, the page links of the article page keep working.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../../platform/testing.js';
import { ARTICLE, startHarness, type Harness } from './harness.js';

const TOPICS = ['den Haushalt', 'die Schulen', 'den Radverkehr', 'die Bibliothek', 'das Freibad', 'den Marktplatz', 'die Feuerwehr'];

for (const kind of testDatabaseKinds()) {
  describe(`more comments [${kind}]`, () => {
    let h: Harness;
    const roots: number[] = [];
    let reply = 0;
    const fragment = (path: string, headers: Record<string, string> = {}) => h.app.http.inject({ method: 'GET', url: path, headers });

    before(async () => {
      h = await startHarness(kind);
      await h.discussion({ policy: 'none', threadsPerPage: 3 });
      for (const [i, topic] of TOPICS.entries()) {
        h.later(60);
        roots.push(await h.published({ body: `Meine Frage an den Stadtrat betrifft ${topic}: wann wird darüber beraten?`, name: `Leserin ${i + 1}`, email: `leserin${i + 1}@example.org` }));
      }
      h.later(60);
      reply = await h.published({ body: 'Darüber wird im Juni im Ausschuss beraten, steht in der Vorlage.', name: 'Paul', email: 'paul@example.org', parentId: roots[4]! });
    });
    after(() => h.close());

    test('page 2 answers the second page of threads as <li> items, with their replies', async () => {
      const res = await fragment(`/${ARTICLE}/comments/page/2/`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /^<li class="comment/);
      assert.doesNotMatch(res.body, /<html|<ol class="comment-list"/);
      const ids = [...res.body.matchAll(/id="comment-(\d+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(ids, [roots[3], roots[4], reply, roots[5]]);
      assert.match(res.body, /data-author-key="[A-Za-z0-9_-]{16}"/);
      assert.match(res.body, /href="\/stadtrat-tagt\/\?cpage=2&amp;reply=\d+#comment-form"/, 'without script, Reply goes to the page the comment is on');
      assert.doesNotMatch(res.body, /\u0000/, 'CSRF holes are filled');
      assert.match(res.body, /name="_csrf" value="[A-Za-z0-9_-]{43}"/);
    });

    test('the fragment is cached like a page and revalidates with its ETag', async () => {
      const url = `/${ARTICLE}/comments/page/3/`;
      const first = await fragment(url);
      assert.equal(first.statusCode, 200);
      assert.match(String(first.headers['cache-control']), /^public, .*s-maxage=/);
      assert.ok(h.app.services.pages.cache.get(url), 'in the page cache');
      const misses = h.app.services.pages.cache.misses;
      const again = await fragment(url, { 'if-none-match': String(first.headers.etag) });
      assert.equal(again.statusCode, 304);
      assert.equal(h.app.services.pages.cache.misses, misses, 'answered from the cache');
      // A new comment drops it, as it drops the article page.
      await h.published({ body: 'Noch ein später Gedanke zur Feuerwehr und ihrem neuen Gerätehaus.', name: 'Nachzügler', email: 'spaet@example.org' });
      assert.equal(h.app.services.pages.cache.get(url), undefined);
      const ids = [...(await fragment(url)).body.matchAll(/id="comment-(\d+)"/g)].map((m) => Number(m[1]));
      assert.ok(ids.length === 2, `the new thread is on the last page now: ${ids.join(',')}`);
    });

    test('sorting, pages out of range and bad input', async () => {
      const newest = await fragment(`/${ARTICLE}/comments/page/1/?sort=newest`);
      assert.equal(newest.statusCode, 200);
      assert.match(newest.body, new RegExp(`id="comment-${roots[6]}"`));
      assert.equal((await fragment(`/${ARTICLE}/comments/page/9/`)).statusCode, 404);
      assert.equal((await fragment(`/${ARTICLE}/comments/page/0/`)).statusCode, 404);
      assert.equal((await fragment(`/${ARTICLE}/comments/page/2/?sort=random`)).statusCode, 400);
      assert.equal((await fragment('/kein-artikel/comments/page/2/')).statusCode, 404);
    });

    test('without script, the article page still links the next page and says how many there are', async () => {
      const html = (await fragment(`/${ARTICLE}/`)).body;
      assert.match(html, /data-pages="3"/);
      assert.match(html, /rel="next nofollow" href="\/stadtrat-tagt\/\?cpage=2#comments"/);
      const second = await fragment(`/${ARTICLE}/?cpage=2`);
      assert.equal(second.statusCode, 200);
      assert.match(second.body, new RegExp(`id="comment-${roots[3]}"`));
    });
  });
}
