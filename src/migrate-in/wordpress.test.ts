// The hand-written WordPress export (fixtures/wordpress.xml) imported into a fresh site,
// then checked page by page through the real HTTP handling, on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createUser } from '../platform/users.js';
import { importWordPress } from './wordpress.js';
import { createSite, FIXTURES, forEachSite, type TestSite } from './testkit.js';
import type { ImportReport } from './report.js';
import { importDb } from './tables.js';

const FIXTURE = join(FIXTURES, 'wordpress.xml');

async function uploads(dir: string): Promise<string> {
  const root = join(dir, 'uploads');
  mkdirSync(join(root, '2025/02'), { recursive: true });
  for (const [name, color] of [['rathaus', '#7a4'], ['markt', '#47a']] as const) {
    await sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).jpeg().toFile(join(root, `2025/02/${name}.jpg`));
  }
  writeFileSync(join(root, '2025/02/haushaltsplan.pdf'), '%PDF-1.4 test');
  return root;
}

/** A post with 1,000 comments: 200 threads of five, each reply answering the one before. */
function thousandComments(dir: string): string {
  const comments: string[] = [];
  for (let i = 1; i <= 1000; i++) {
    const parent = i % 5 === 1 ? 0 : 5000 + i - 1;
    const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    comments.push(`<wp:comment><wp:comment_id>${5000 + i}</wp:comment_id><wp:comment_author><![CDATA[Leser ${i}]]></wp:comment_author><wp:comment_author_email><![CDATA[leser${i % 37}@example.org]]></wp:comment_author_email><wp:comment_date_gmt><![CDATA[${at}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Kommentar Nummer ${i} 💬]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`);
  }
  const file = join(dir, 'thousand.xml');
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Altes Stadtblatt</title><link>https://alt.example.org</link><wp:base_blog_url>https://alt.example.org</wp:base_blog_url>
<item><title><![CDATA[Die große Debatte]]></title><link>https://alt.example.org/2025/01/01/debatte/</link><dc:creator><![CDATA[jana]]></dc:creator>
<content:encoded><![CDATA[<p>Tausend Meinungen.</p>]]></content:encoded><wp:post_id>900</wp:post_id><wp:post_date_gmt><![CDATA[2025-01-01 08:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[debatte]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
${comments.join('\n')}
</item></channel></rss>
`);
  return file;
}

forEachSite('WordPress import', (site) => {
  let report: ImportReport;
  let media: string;
  const get = (url: string) => site().get(url);

  before(async () => {
    await createUser(site().app.services.database.db, { email: 'jana@example.org', password: 'ein-langes-passwort-1', role: 'editor', name: 'Jana' });
    media = await uploads(site().dir);
    report = await importWordPress(await site().deps(), FIXTURE, { mediaDir: media });
  });

  test('the report says what came in, what was skipped and what needs a look', async () => {
    const json = await report.full();
    assert.equal(json.added.articles, 7);
    assert.equal(json.added.pages, 2);
    assert.equal(json.added.comments, 8);
    assert.equal(json.added['comments for the moderation queue'], 1);
    assert.equal(json.added['placeholders for removed comments with replies'], 1);
    assert.equal(json.added.images, 2);
    assert.equal(json.skipped['spam comment']?.count, 1);
    assert.equal(json.skipped['deleted comment']?.count, 1);
    assert.equal(json.skipped['pingback or trackback']?.count, 1);
    assert.equal(json.skipped['in the trash']?.count, 1);
    assert.ok(json.skipped['post type "product" (from a plugin or theme)']);
    assert.ok(json.skipped[Object.keys(json.skipped).find((k) => k.startsWith('attachment that is not an image'))!]);
    const messages = json.review.notes.map((n) => `${n.item}: ${n.message}`).join('\n');
    for (const expected of [/password-protected/, /private on WordPress/, /sticky/, /<script> element was removed/, /latest-posts/, /contact-form-7/, /title contained markup/]) {
      assert.match(messages, expected);
    }
    assert.ok(!json.review.notes.some((n) => /table/.test(n.message)), 'a plain table comes over whole, without a note');
    const script = json.review.notes.find((n) => /<script>/.test(n.message));
    assert.equal(script?.kind, 'element removed');
    assert.deepEqual(json.remoteMedia.urls.filter((u) => /rathaus|markt/.test(u)), [], 'every image came from the uploads folder');
    assert.match(messages, /etc\/hostname\.jpg is not in the uploads folder/, 'a path out of the uploads folder is refused');
    assert.match(report.format(), /needs a human look/);
  });

  test('every note is kept in import_notes, with its article and the sanitised original', async () => {
    const db = importDb(site().app.services.database.db);
    const notes = await db.selectFrom('import_notes').selectAll().execute();
    assert.equal(notes.length, report.summary().review.count);
    const script = notes.find((n) => /<script>/.test(n.message))!;
    const article = await site().app.services.content.store.findBy('slug', 'haushalt-2025');
    assert.equal(script.article_id, article?.id);
    assert.equal(script.kind, 'element removed');
    assert.doesNotMatch(script.html, /alert/, 'what is kept for review is inert');
  });

  test('the article page: body blocks, image with caption, video behind consent, no script', async () => {
    const res = await get('/haushalt-2025/');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /Haushalt 2025: Stadtrat streitet über Bäder 🏊 &amp; „Schulden“/);
    assert.match(body, /<strong>sieben Stunden<\/strong> über den <em>Haushalt<\/em>/);
    assert.match(body, /<a href="\/2024\/11\/02\/vorbericht\/"/, 'links into the old site became site-relative');
    assert.match(body, /<h2 id="worum-es-geht">Worum es geht<\/h2>/);
    assert.match(body, /<li>Freibad: <strong>Schließung<\/strong> geprüft<\/li>/);
    assert.match(body, /<blockquote><p>Wir können nicht jedes Bad halten.<\/p><\/blockquote><figcaption>— Kämmerin Petra Schmidt/);
    assert.match(body, /<img src="\/media\/\d{4}\/\d{2}\/rathaus-[0-9a-f]+[^"]*" [^>]*alt="Das Rathaus am Abend"/);
    assert.match(body, /Das Rathaus, in dem gestritten wurde\./);
    assert.match(body, /data-provider="youtube"/);
    assert.doesNotMatch(body, /<iframe/, 'no third-party frame before consent');
    assert.match(body, /<thead><tr><th scope="col">Posten<\/th><th scope="col">Betrag<\/th><\/tr><\/thead>/);
    assert.match(body, /Ein Stern \* und \[eckige Klammern\] bleiben/);
    assert.doesNotMatch(body, /alert\(|umfrage'|<script>alert/);
    assert.match(body, /Sieben Stunden Streit über Bäder und Schulden\./, 'the excerpt is the subtitle');
    assert.match(body, /href="\/tag\/stadtrat\/"/);
    assert.match(body, /href="\/tag\/buergerbeteiligung\/"/);
    assert.match(body, /Jana Beispiel/);
    assert.match(body, /class="[^"]*featured-image/, 'the featured image came along');
  });

  test('comments: threads six levels deep, author badge, dates, emoji, nothing hostile, placeholders', async () => {
    const body = (await get('/haushalt-2025/')).body;
    for (let level = 1; level <= 5; level++) assert.match(body, new RegExp(`Ebene ${level}:`));
    assert.match(body, /Warum wird das Freibad geprüft\?<\/p>\s*<p>Das verstehe ich <strong>nicht<\/strong>. 😡 Ümläute &amp; „Anführungszeichen“ &lt;3/);
    assert.match(body, /<time datetime="2025-02-13T10:00:00.000Z"/);
    assert.equal((body.match(/badge-author/g) ?? []).length, 2, 'both replies by the author carry the badge');
    assert.match(body, /<blockquote>\s*<p>Seit 2019<\/p>\s*<\/blockquote>/);
    assert.match(body, /Dieser Kommentar wurde entfernt\./, 'the trashed comment stays as a placeholder');
    assert.match(body, /Ich antworte auf einen gelöschten Kommentar\./);
    assert.doesNotMatch(body, /Wartet noch auf Freigabe|Billige Pillen|Papierkorb gelegt|wie das Stadtblatt berichtet/);
    assert.doesNotMatch(body, /javascript:|onerror|<script>alert\('xss'\)/);
    assert.match(body, /Max Mustermann/);
    // Level six continues on the thread's own page, as for any deep discussion.
    const thread = /href="(\/haushalt-2025\/thread\/\d+\/)"/.exec(body)?.[1];
    assert.ok(thread, 'a "continue this thread" link');
    const deep = await get(thread);
    assert.equal(deep.statusCode, 200);
    assert.match(deep.body, /Ebene 6: Ganz unten im Faden. 🧵/);
    const rows = await site().app.services.database.db.selectFrom('comments').select(['depth', 'status', 'body', 'ip_hash']).execute();
    assert.equal(Math.max(...rows.map((r) => r.depth)), 5, 'depth 0 to 5: six levels');
    assert.ok(rows.every((r) => r.ip_hash === ''), 'no IP address came along');
    const queue = rows.filter((r) => r.status === 'pending');
    assert.deepEqual(queue.map((r) => r.body), ['Wartet noch auf Freigabe.'], 'the pending comment waits in the moderation queue');
  });

  test('classic editor post: auto-paragraphs and shortcodes become blocks', async () => {
    const res = await get('/markttag/');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /<p>Am Samstag war Markttag.<br>\s*Die Sonne schien.<\/p>/);
    assert.match(body, /alt="Marktstände"/);
    assert.match(body, /Stände auf dem Marktplatz/);
    assert.equal((body.match(/data-provider="youtube"/g) ?? []).length, 2, 'a bare URL line and [youtube]');
    assert.match(body, /data-provider="vimeo"/);
    assert.match(body, /Mit \[caption\] schreibt man einen Shortcode als Text, \[sic\] bleibt stehen./);
    assert.doesNotMatch(body, /contact-form-7|\[gallery|\[embed/);
    assert.match(body, /<h3 id="stimmen-vom-markt">/);
    assert.match(body, /<li>– Bergkäse<\/li>/);
    const article = await site().app.services.content.store.findBy('slug', 'markttag');
    assert.equal(article?.commentsOpen, false);
    assert.deepEqual(article?.body.filter((b) => b.type === 'image').length, 1, 'the caption image');
    const gallery = article?.body.find((b) => b.type === 'gallery');
    assert.equal(gallery?.type === 'gallery' && gallery.images.length, 2, 'the [gallery] is a gallery of its two images');
    assert.equal(article?.subtitle, 'Ein sonniger Markttag.');
  });

  test('statuses: scheduled stays scheduled, password-protected and private stay unpublished', async () => {
    const { store } = site().app.services.content;
    const scheduled = await store.findBy('slug', 'wahlergebnis');
    assert.equal(scheduled?.status, 'scheduled');
    assert.equal(scheduled?.scheduledAt?.toISOString(), '2030-05-01T06:00:00.000Z');
    assert.equal((await get('/wahlergebnis/')).statusCode, 404);
    for (const slug of ['nur-fuer-abonnenten', 'interne-notiz', 'entwurf-ohne-adresse']) {
      assert.equal((await store.findBy('slug', slug))?.status, 'draft', slug);
      assert.equal((await get(`/${slug}/`)).statusCode, 404, slug);
    }
    const home = (await get('/')).body;
    assert.doesNotMatch(home, /Bürgermeisterin|Nur für Abonnenten|Interne Notiz/);
    assert.match(home, /Haushalt 2025/);
  });

  test('pages, renamed addresses and a hostile title', async () => {
    assert.equal((await get('/ueber-uns/')).statusCode, 200);
    assert.equal((await get('/newsletter-1/')).statusCode, 200);
    const evil = await get('/boeser-titel/');
    assert.equal(evil.statusCode, 200);
    assert.match(evil.body, /<h1[^>]*>Böser Titel<\/h1>/);
    assert.doesNotMatch(evil.body, /alert\(|javascript:|onclick|onmouseover|onload|tracker\.example|<svg/);
    assert.match(evil.body, /Text mit bösem Link und/);
    assert.match(evil.body, /Angreifer/);
    assert.match(evil.body, /<p>Hallo<\/p>/);
  });

  test('every old address form redirects (301) to the right page', async () => {
    const cases: [string, string][] = [
      ['/?p=101', '/haushalt-2025/'],
      ['/index.php?p=101', '/haushalt-2025/'],
      ['/2025/02/13/haushalt-2025/', '/haushalt-2025/'],
      ['/2025/02/13/haushalt-2025', '/haushalt-2025/'],
      ['/haushaltsdebatte/', '/haushalt-2025/'],
      ['/2025/02/13/haushaltsdebatte/', '/haushalt-2025/'],
      ['/2025/02/10/markttag/', '/markttag/'],
      ['/?page_id=107', '/ueber-uns/'],
      ['/%C3%BCber-uns/', '/ueber-uns/'],
      ['/category/politik/', '/tag/politik/'],
      ['/category/politik/stadtrat/', '/tag/stadtrat/'],
      ['/category/stadtrat/', '/tag/stadtrat/'],
      ['/?cat=5', '/tag/stadtrat/'],
      ['/tag/b%C3%BCrgerbeteiligung/', '/tag/buergerbeteiligung/'],
      ['/?tag=haushalt', '/tag/haushalt/'],
      ['/feed/', '/feed.xml'],
      ['/feed/atom/', '/atom.xml'],
      ['/?feed=rss2', '/feed.xml'],
      ['/category/politik/feed/', '/tag/politik/feed.xml'],
      ['/tag/haushalt/feed/', '/tag/haushalt/feed.xml'],
      ['/?s=B%C3%A4der', '/search?q=B%C3%A4der'],
    ];
    for (const [from, to] of cases) {
      const res = await get(from);
      assert.equal(res.statusCode, 301, from);
      assert.equal(res.headers.location, to, from);
      assert.equal((await get(to)).statusCode, 200, `${from} → ${to}`);
    }
    const image = await get('/wp-content/uploads/2025/02/rathaus.jpg');
    assert.equal(image.statusCode, 301);
    assert.match(String(image.headers.location), /^\/media\/\d{4}\/\d{2}\/rathaus-[0-9a-f]+\.jpg$/);
    assert.equal((await get('/2025/02/13/gibt-es-nicht/')).statusCode, 404);
    assert.equal((await get('/?p=999')).statusCode, 200, 'an unknown id is just the home page');
    assert.equal((await get('/tag/gibt-es-nicht/')).statusCode, 404);
  });

  test('search and lists know the imported articles', async () => {
    const search = await get('/search?q=Hallenbad');
    assert.match(search.body, /Haushalt 2025/);
    assert.match((await get('/tag/stadtrat/')).body, /Haushalt 2025/);
  });

  test('a second run changes nothing', async () => {
    const before = await site().snapshot();
    const again = await importWordPress(await site().deps(), FIXTURE, { mediaDir: media });
    assert.deepEqual(await site().snapshot(), before);
    assert.deepEqual(again.summary().added, {});
    assert.equal(again.summary().existing.articles, 7);
  });

  test('a post with 1,000 comments', async () => {
    const file = thousandComments(site().dir);
    const big = await importWordPress(await site().deps(), file, {});
    assert.equal(big.summary().added.comments, 1000);
    const page = await get('/debatte/');
    assert.match(page.body, /1000 Kommentare|1\.000 Kommentare/);
    assert.match(page.body, /Kommentar Nummer 1 💬/);
    assert.match(page.body, /1 \/ 4/, '200 threads, 50 per page');
    const last = await get('/debatte/?cpage=4');
    assert.equal(last.statusCode, 200);
    assert.match(last.body, /Kommentar Nummer 996 💬/);
    const depths = await site().app.services.database.db.selectFrom('comments').select('depth').where('body', 'like', 'Kommentar Nummer 5 %').execute();
    assert.deepEqual(depths.map((r) => r.depth), [4]);
  });
});

test('a dry run reports like a real run and writes nothing', async () => {
  const site: TestSite = await createSite('sqlite');
  try {
    const before = await site.snapshot();
    const dry = await importWordPress(await site.deps(), FIXTURE, { dryRun: true, mediaDir: await uploads(site.dir) });
    assert.deepEqual(await site.snapshot(), before);
    assert.equal(dry.summary().added.articles, 7);
    assert.equal(dry.summary().added.comments, 8);
    assert.equal(dry.summary().added.images, 2);
    assert.match(dry.format(), /^Dry run \(nothing was written\)/);
    const runs = await site.app.services.database.db.selectFrom('media').select('id').execute();
    assert.equal(runs.length, 0, 'no image was processed');
  } finally {
    await site.close();
  }
});

test('without an uploads folder, images keep their remote address and are listed', async () => {
  const site = await createSite('sqlite');
  try {
    const remote = await importWordPress(await site.deps(), FIXTURE, {});
    const json = await remote.full();
    assert.ok(json.remoteMedia.urls.includes('https://alt.example.org/wp-content/uploads/2025/02/rathaus-1024x683.jpg'));
    assert.equal(json.added.images, undefined);
    const page = await site.get('/haushalt-2025/');
    assert.match(page.body, /class="embed-link-card" href="https:\/\/alt\.example\.org\/wp-content\/uploads\/2025\/02\/rathaus-1024x683\.jpg"/);
    assert.doesNotMatch(page.body, /<img[^>]+alt\.example\.org/, 'no request to the old server without a click');
  } finally {
    await site.close();
  }
});
