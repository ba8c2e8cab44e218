// A Ghost 5 export (fixtures/ghost.json: Lexical and mobiledoc posts, members) imported
// into a fresh site, checked through the rendered pages and the subscriber table.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { importGhost } from './ghost.js';
import { lexicalToHtml, mobiledocToHtml } from './ghost-content.js';
import { forEachSite, FIXTURES } from './testkit.js';
import type { ImportReport } from './report.js';

const FIXTURE = join(FIXTURES, 'ghost.json');

test('Lexical and mobiledoc become HTML our converter reads', () => {
  const notes: { kind: string; message: string }[] = [];
  assert.equal(
    lexicalToHtml('{"root":{"children":[{"type":"paragraph","children":[{"type":"text","text":"a<b","format":3},{"type":"linebreak"},{"type":"link","url":"https://x.org","children":[{"type":"text","text":"x"}]}]}]}}', notes),
    '<p><em><strong>a&lt;b</strong></em><br><a href="https://x.org">x</a></p>',
  );
  assert.equal(
    mobiledocToHtml('{"version":"0.3.1","atoms":[],"cards":[["hr",{}]],"markups":[["a",["href","https://x.org"]]],"sections":[[1,"h2",[[0,[0],1,"Titel"]]],[10,0],[3,"ul",[[[0,[],0,"eins"]]]]]}', notes),
    '<h2><a href="https://x.org">Titel</a></h2>\n<hr>\n<ul><li>eins</li></ul>',
  );
  assert.deepEqual(notes, []);
});

forEachSite('Ghost import', (site) => {
  let report: ImportReport;
  const get = (url: string) => site().get(url);

  before(async () => {
    const images = join(site().dir, 'ghost-images');
    mkdirSync(join(images, '2024/03'), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).jpeg().toFile(join(images, '2024/03/bruecke.jpg'));
    const { newsletter } = site().app.services;
    report = await importGhost(await site().deps(), FIXTURE, { mediaDir: images, siteUrl: 'https://ghost.example.org' }, newsletter);
  });

  test('the report', async () => {
    const json = await report.full();
    assert.equal(json.added.articles, 6);
    assert.equal(json.added.pages, 1);
    assert.equal(json.added.authors, 2);
    assert.equal(json.added.tags, 2);
    assert.equal(json.added.images, 1);
    assert.equal(json.added['newsletter subscribers'], 3);
    assert.equal(json.skipped['internal Ghost tag']?.count, 1);
    assert.equal(json.skipped['member without an e-mail address']?.count, 1);
    assert.equal(json.skipped['member not imported: invalid e-mail address']?.count, 1);
    const messages = json.review.notes.map((n) => n.message).join('\n');
    assert.match(messages, /members on Ghost: kept unpublished/);
    assert.match(messages, /sent only as an e-mail/);
    assert.match(messages, /members-only divider/);
    assert.doesNotMatch(messages, /table/, 'a table in an HTML card is a table block now');
    assert.match(messages, /<script> element was removed/);
    assert.match(messages, /Ghost card "signup"/);
    assert.deepEqual(json.remoteMedia.urls, ['https://ghost.example.org/content/images/2019/05/altstadt.jpg']);
  });

  test('a Lexical post, page by page', async () => {
    const res = await get('/neue-bruecke/');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /Die Brücke ist <strong>endlich<\/strong> fertig, sagt die <em>Stadt<\/em>/);
    assert.match(body, /<a href="\/vorgeschichte\/"/, '__GHOST_URL__ links became site-relative');
    assert.match(body, /<br>\s*Zweite Zeile mit \* Stern\./);
    assert.match(body, /<h2 id="was-sich-aendert">/);
    assert.match(body, /<li><strong>Tempo 30<\/strong><\/li>/);
    assert.match(body, /<blockquote><p>Ein guter Tag für die Stadt\.<\/p><\/blockquote>/);
    assert.match(body, /alt="Brücke im Morgenlicht"/);
    assert.match(body, /Die neue <strong>Brücke<\/strong>/);
    assert.match(body, /data-provider="youtube"/);
    assert.match(body, /Die Eröffnung/);
    assert.match(body, /Bericht des Bauamts/);
    assert.match(body, /💡 Die Brücke ist ab <strong>Montag<\/strong> offen\./);
    assert.match(body, /<h3 id="aus-dem-markdown">/);
    assert.match(body, /<code class="code language-js">const bruecke = true;<\/code>/);
    assert.doesNotMatch(body, /alert\(|<iframe/);
    assert.match(body, /Nach drei Jahren ist die Brücke fertig\./);
    assert.match(body, /Gina Ghost/);
    assert.match(body, /Otto Zweit/);
    assert.match(body, /href="\/tag\/verkehr\/"/);
    assert.doesNotMatch(body, /intern/);
    assert.match(body, /<title>Die neue Brücke \| Stadtblatt/);
  });

  test('a mobiledoc post', async () => {
    const body = (await get('/alte-geschichte/')).body;
    assert.match(body, /Es war einmal <strong>eine Altstadt<\/strong> – siehe <a href="https:\/\/www\.example\.com\/archiv"[^>]*>Archiv<\/a><br>\s*<em>neue Zeile<\/em>/);
    assert.match(body, /<h3 id="damals">Damals<\/h3>/);
    assert.match(body, /<ol><li>Erstens<\/li><li>Zweitens<\/li><\/ol>/);
    assert.match(body, /Ein <em>Markdown<\/em>-Absatz\./);
    assert.match(body, /Früher war mehr Lametta\./);
    assert.match(body, /embed-link-card" href="https:\/\/ghost\.example\.org\/content\/images\/2019\/05\/altstadt\.jpg"/);
    assert.match(body, /datetime="2019-05-01T09:00:00\.000Z"/);
  });

  test('statuses and visibility', async () => {
    const { store } = site().app.services.content;
    assert.equal((await store.findBy('slug', 'mitglieder'))?.status, 'draft');
    assert.equal((await store.findBy('slug', 'nur-email'))?.status, 'draft');
    assert.equal((await store.findBy('slug', 'entwurf'))?.title, 'Entwurf');
    const scheduled = await store.findBy('slug', 'haushalt-2031');
    assert.equal(scheduled?.status, 'scheduled');
    assert.equal(scheduled?.scheduledAt?.toISOString(), '2031-01-01T08:00:00.000Z');
    assert.equal((await get('/kontakt/')).statusCode, 200);
    assert.equal((await get('/mitglieder/')).statusCode, 404);
    assert.equal((await get('/p/1111-aaaa/')).headers.location, '/neue-bruecke/');
  });

  test('members became subscribers with their consent state', async () => {
    const db = site().app.services.database.db.withTables<{ subscribers: { id: number; email: string | null; status: string; confirmed_at: string | null; source: string } }>();
    const rows = await db.selectFrom('subscribers').select(['email', 'status', 'confirmed_at', 'source']).orderBy('id').execute();
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r]));
    assert.equal(rows.length, 3);
    assert.deepEqual(byStatus.active, { email: 'lea@example.org', status: 'active', confirmed_at: '2024-01-02T10:00:00.000Z', source: 'import' });
    assert.equal(byStatus.unsubscribed?.email, null, 'someone who left keeps only the keyed hash');
    assert.equal(byStatus.bounced?.email, 'bounce@example.org');
  });

  test('a second run changes nothing', async () => {
    const before = await site().snapshot();
    const again = await importGhost(await site().deps(), FIXTURE, { siteUrl: 'https://ghost.example.org' }, site().app.services.newsletter);
    assert.deepEqual(await site().snapshot(), before);
    assert.deepEqual(again.summary().added, {});
    assert.equal(again.summary().existing['newsletter subscribers'], 3);
  });
});
