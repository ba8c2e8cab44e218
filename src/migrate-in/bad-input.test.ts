// Broken, hostile and wrong files: a clear error naming the line or item, and the site
// exactly as it was (one transaction per import), unless --keep-going was asked for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importWordPress } from './wordpress.js';
import { importDisqus } from './disqus.js';
import { importGhost } from './ghost.js';
import { ImportFileError, ImportItemError } from './errors.js';
import { streamXml } from './xml-stream.js';
import { createSite, FIXTURES, type TestSite } from './testkit.js';

let site: TestSite;
let empty: Record<string, number>;

before(async () => {
  site = await createSite('sqlite');
  empty = await site.snapshot();
});
after(() => site.close());

async function refused(file: string, pattern: RegExp, kind: typeof ImportFileError | typeof ImportItemError = ImportFileError) {
  await assert.rejects(importWordPress(await site.deps(), file), (error: Error) => {
    assert.ok(error instanceof kind, `${error.name}: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
  assert.deepEqual(await site.snapshot(), empty, 'nothing was left behind');
}

function write(name: string, text: string): string {
  const file = join(site.dir, name);
  writeFileSync(file, text);
  return file;
}

test('a truncated export names the line and imports nothing', async () => {
  const whole = readFileSync(join(FIXTURES, 'wordpress.xml'), 'utf8');
  const file = write('truncated.xml', whole.slice(0, Math.floor(whole.length * 0.6)));
  await refused(file, /truncated\.xml: line \d+, column \d+: unclosed tag/);
});

test('a malformed export names the line of the mistake', async () => {
  await refused(join(FIXTURES, 'malformed.xml'), /malformed\.xml: line 18, column \d+: unexpected close tag/);
});

test('external entities (XXE) are refused; the file they name is never read', async () => {
  await refused(join(FIXTURES, 'xxe.xml'), /xxe\.xml: line \d+.*declares its own XML entities/);
  const rows = await site.app.services.database.db.selectFrom('articles').select('title').execute();
  assert.equal(rows.length, 0);
});

test('billion laughs is refused at once, without expanding anything', async () => {
  const started = process.memoryUsage().rss;
  await refused(join(FIXTURES, 'billion-laughs.xml'), /billion-laughs\.xml: line \d+.*entities/);
  assert.ok(process.memoryUsage().rss - started < 50 * 1024 * 1024);
});

test('an undefined entity is an error with its line, not an expansion', async () => {
  const file = write('entity.xml', readFileSync(join(FIXTURES, 'wordpress.xml'), 'utf8').replace('<title>Altes Stadtblatt</title>', '<title>&boese;</title>'));
  await refused(file, /entity\.xml: line 11, column \d+: undefined entity/);
});

test('wrong formats are named, with the command that reads them', async () => {
  await refused(write('ghost.json', '{"db":[{"meta":{"exported_on":1},"data":{"posts":[]}}]}'), /looks like a Ghost export \(JSON\); use "blattwerk import ghost"/);
  await refused(join(FIXTURES, 'disqus.xml'), /looks like a Disqus export \(XML\); use "blattwerk import disqus"/);
  await refused(write('feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'), /not a WordPress export \(WXR\): it looks like an XML file of another kind/);
  await refused(write('notes.txt', 'Liebe Redaktion, …'), /it looks like neither XML nor JSON/);
  await refused(write('empty.xml', ''), /it looks empty/);
  await assert.rejects(importDisqus(await site.deps(), join(FIXTURES, 'wordpress.xml')), /not a Disqus export .*use "blattwerk import wordpress"/);
  await assert.rejects(importGhost(await site.deps(), join(FIXTURES, 'disqus.xml')), /not a Ghost export/);
  await assert.rejects(importGhost(await site.deps(), write('broken.json', '{"db": [ {"data": {"posts": [ {"id": 1,, }]}}]}')), /broken\.json: line 1, column \d+: not valid JSON/);
  assert.deepEqual(await site.snapshot(), empty);
});

/** Two good posts with comments, then one whose body cannot be stored (a 120,000-character paragraph). */
function itemFailure(): string {
  const item = (id: number, text: string) => `<item><title>Beitrag ${id}</title><content:encoded><![CDATA[<p>${text}</p>]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_name>beitrag-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:comment><wp:comment_id>${id}00</wp:comment_id><wp:comment_author>Lea</wp:comment_author><wp:comment_content>Gut!</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item>\n`;
  return write('item-failure.xml', `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>x</title><link>https://alt.example.org</link>
${item(1, 'Kurz.')}${item(2, 'Auch kurz.')}${item(3, 'x'.repeat(120_000))}</channel></rss>`);
}

test('an item that cannot be stored is named, and the items before it are rolled back', async () => {
  await refused(itemFailure(), /post 3 \(line 6\): body\[0\]\.text: must be at most 100000 characters/, ImportItemError);
});

test('with --keep-going the failing item is reported and the rest comes in', async () => {
  const report = await importWordPress(await site.deps(), itemFailure(), { keepGoing: true });
  const json = await report.full();
  assert.equal(json.added.articles, 2);
  assert.equal(json.added.comments, 2);
  assert.match(json.skipped['failed, left out (--keep-going)']?.examples[0] ?? '', /post 3 .*100000 characters/);
  assert.equal((await site.get('/beitrag-1/')).statusCode, 200);
  assert.equal((await site.get('/beitrag-3/')).statusCode, 404);
});

test('one giant element is refused instead of filling memory; forbidden control characters are removed', async () => {
  const file = write('giant.xml', `<r><item>${'a'.repeat(5000)}</item></r>`);
  await assert.rejects(streamXml({ file, recordDepth: 1, maxRecordChars: 1000, onRecord() {} }), /line 1, column \d+: one element is larger than/);
  const control = write('control.xml', '<r><item>A\u0001B\u000bC</item></r>');
  const seen: string[] = [];
  const result = await streamXml({ file: control, recordDepth: 1, onRecord: (node) => void seen.push(node.text) });
  assert.deepEqual(seen, ['ABC']);
  assert.equal(result.removedControls, 2);
});
