// --fetch-media against a local HTTP server: an image that downloads, a 404, a file over
// the size limit, an answer that is not an image, and a private address the guard refuses;
// downloads run a few at a time, never more; a dry run downloads nothing. Loopback is let
// through by the outbound helper's test switch (BLATTWERK_OUTBOUND_ALLOW_LOOPBACK), every
// other private range stays refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { fetchMedia } from './fetch-media.js';
import { importWordPress } from './wordpress.js';
import { createSite } from './testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-fetch-'));
let server: Server;
let base = '';
let jpeg: Buffer;
const hits: string[] = [];
/** Requests in flight, and the most there ever were at once. */
let inFlight = 0;
let mostAtOnce = 0;
/** When set, answers wait until this many requests are in flight (or all remaining ones are). */
let hold: { lanes: number; remaining: number; waiting: (() => void)[] } | null = null;

const previousSwitch = process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;

before(async () => {
  process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
  jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c84' } }).jpeg().toBuffer();
  server = createServer((req, res: ServerResponse) => {
    hits.push(req.url ?? '');
    inFlight++;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    const answer = () => {
      inFlight--;
      const url = req.url ?? '';
      if (url.includes('missing')) return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      if (url.includes('page')) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html>Kein Bild</html>');
      if (url.includes('huge')) {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        // 21 MB in chunks: more than the import reads of one file.
        const chunk = Buffer.alloc(1024 * 1024, 0xff);
        let sent = 0;
        const pump = () => {
          while (sent < 21) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        return pump();
      }
      if (url.includes('moved')) return res.writeHead(302, { location: '/wp-content/uploads/2025/02/ok-1.jpg' }).end();
      return res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) }).end(jpeg);
    };
    if (!hold) return answer();
    // Hold answers until as many requests as allowed are waiting, then let the first go.
    hold.waiting.push(answer);
    const release = () => {
      if (!hold) return;
      const want = Math.min(hold.lanes, hold.remaining);
      if (hold.waiting.length >= want && want > 0) {
        hold.remaining--;
        hold.waiting.shift()!();
        setImmediate(release);
      }
    };
    release();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(async () => {
  if (previousSwitch === undefined) delete process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
  else process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = previousSwitch;
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

test('fetchMedia: success, 404, too large, not an image, private address, path outside the folder', async () => {
  const target = join(dir, 'direct');
  const results = await fetchMedia(
    [
      { path: '2025/02/ok.jpg', url: `${base}/wp-content/uploads/2025/02/ok.jpg` },
      { path: '2025/02/missing.jpg', url: `${base}/wp-content/uploads/2025/02/missing.jpg` },
      { path: '2025/02/huge.jpg', url: `${base}/wp-content/uploads/2025/02/huge.jpg` },
      { path: '2025/02/page.jpg', url: `${base}/wp-content/uploads/2025/02/page.jpg` },
      { path: '2025/02/intern.jpg', url: 'http://10.0.0.7/wp-content/uploads/2025/02/intern.jpg' },
      { path: '2025/02/metadata.jpg', url: 'http://169.254.169.254/latest/meta-data/x.jpg' },
      { path: '2025/02/moved.jpg', url: `${base}/moved.jpg` },
      { path: '../../etc/evil.jpg', url: `${base}/wp-content/uploads/evil.jpg` },
    ],
    target,
    { maxBytes: 5 * 1024 * 1024 },
  );
  const byPath = new Map(results.map((r) => [r.path, r]));
  assert.equal(byPath.get('2025/02/ok.jpg')?.ok, true);
  assert.deepEqual(readFileSync(join(target, '2025/02/ok.jpg')), jpeg);
  assert.equal(byPath.get('2025/02/missing.jpg')?.problem, 'HTTP 404');
  assert.equal(byPath.get('2025/02/huge.jpg')?.problem, 'larger than 5 MB');
  assert.equal(byPath.get('2025/02/page.jpg')?.problem, 'not an image (text/html)');
  assert.equal(byPath.get('2025/02/intern.jpg')?.problem, 'refused: a private or loopback network address');
  assert.equal(byPath.get('2025/02/metadata.jpg')?.problem, 'refused: a private or loopback network address');
  assert.equal(byPath.get('2025/02/moved.jpg')?.ok, true, 'a redirect on the same server is followed');
  assert.equal(byPath.get('../../etc/evil.jpg')?.ok, false);
  for (const name of ['missing', 'huge', 'page', 'intern']) assert.ok(!existsSync(join(target, `2025/02/${name}.jpg`)), `${name} was not written`);
  assert.ok(!existsSync(join(dir, 'etc/evil.jpg')));
  assert.ok(!hits.some((h) => h.includes('evil')), 'a path outside the folder is refused before any request');
});

test('fetchMedia: loopback is refused too once the test switch is off', async () => {
  delete process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK;
  try {
    const [result] = await fetchMedia([{ path: 'a.jpg', url: `${base}/ok.jpg` }], join(dir, 'off'));
    assert.equal(result?.problem, 'refused: a private or loopback network address');
    const [allowed] = await fetchMedia([{ path: 'a.jpg', url: `${base}/ok.jpg` }], join(dir, 'on'), { allowPrivate: true });
    assert.equal(allowed?.ok, true, '--fetch-private lets an old site on the own network through');
  } finally {
    process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';
  }
});

test('fetchMedia: at most `concurrency` downloads at once, and that many when there is work', async () => {
  const jobs = Array.from({ length: 10 }, (_, i) => ({ path: `2025/03/n${i}.jpg`, url: `${base}/wp-content/uploads/2025/03/n${i}.jpg` }));
  mostAtOnce = 0;
  hold = { lanes: 3, remaining: jobs.length, waiting: [] };
  try {
    const results = await fetchMedia(jobs, join(dir, 'lanes'), { concurrency: 3 });
    assert.equal(results.filter((r) => r.ok).length, 10);
    assert.equal(mostAtOnce, 3);
  } finally {
    hold = null;
  }
});

function exportFile(): string {
  const attachment = (id: number, name: string, url: string) => `<item><title><![CDATA[${name}]]></title><wp:post_id>${id}</wp:post_id><wp:post_parent>50</wp:post_parent><wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:attachment_url><![CDATA[${url}]]></wp:attachment_url><wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2025/02/${name}.jpg]]></wp:meta_value></wp:postmeta></item>`;
  const uploads = `${base}/wp-content/uploads/2025/02`;
  const file = join(dir, 'export.xml');
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Alt</title><link>${base}</link><wp:base_blog_url>${base}</wp:base_blog_url>
<item><title><![CDATA[Bilder vom Fest]]></title><link>${base}/2025/02/01/fest/</link>
<content:encoded><![CDATA[<!-- wp:image {"id":61} --><figure class="wp-block-image"><img src="${uploads}/ok-1-1024x768.jpg" alt="Eins" class="wp-image-61"/></figure><!-- /wp:image -->
<!-- wp:image {"id":63} --><figure class="wp-block-image"><img src="${uploads}/missing.jpg" alt="Weg" class="wp-image-63"/></figure><!-- /wp:image -->]]></content:encoded>
<wp:post_id>50</wp:post_id><wp:post_date_gmt><![CDATA[2025-02-01 08:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[fest]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[62]]></wp:meta_value></wp:postmeta></item>
${attachment(61, 'ok-1', `${uploads}/ok-1.jpg`)}
${attachment(62, 'ok-2', `${uploads}/ok-2.jpg`)}
${attachment(63, 'missing', `${uploads}/missing.jpg`)}
${attachment(64, 'huge', `${uploads}/huge.jpg`)}
${attachment(65, 'page', `${uploads}/page.jpg`)}
${attachment(66, 'intern', 'http://10.0.0.7/wp-content/uploads/2025/02/intern.jpg')}
</channel></rss>
`);
  return file;
}

test('import --fetch-media: downloaded images come into the library, every failure is noted with its reason', async () => {
  const site = await createSite('sqlite');
  try {
    const file = exportFile();
    const before = hits.length;
    const dry = await importWordPress(await site.deps(), file, { dryRun: true, fetchMedia: true });
    assert.equal(hits.length, before, 'a dry run downloads nothing');
    assert.match((await dry.full()).review.notes.map((n) => n.message).join('\n'), /6 files would be downloaded; a dry run downloads nothing/);
    dry.dispose();

    const report = await importWordPress(await site.deps(), file, { fetchMedia: true });
    const json = await report.full();
    report.dispose();
    assert.equal(json.added['files downloaded (--fetch-media)'], 2);
    assert.equal(json.added.images, 2);
    const failures = json.review.notes.filter((n) => n.kind === 'image download failed').map((n) => n.message).sort();
    assert.equal(failures.length, 4);
    assert.match(failures.join('\n'), /huge\.jpg could not be downloaded \(larger than 20 MB\)/);
    assert.match(failures.join('\n'), /missing\.jpg could not be downloaded \(HTTP 404\)/);
    assert.match(failures.join('\n'), /page\.jpg could not be downloaded \(not an image \(text\/html\)\)/);
    assert.match(failures.join('\n'), /10\.0\.0\.7.*could not be downloaded \(refused: a private or loopback network address\)/);
    const article = await site.app.services.content.store.findBy('slug', 'fest');
    assert.equal(article?.body[0]?.type, 'image', 'the downloaded image is a library image');
    assert.equal(article?.body[1]?.type, 'embed', 'the missing one stays a link to its old address');
    assert.notEqual(article?.featuredMediaId, null, 'the featured image was downloaded too');
    const again = hits.length;
    const second = await importWordPress(await site.deps(), file, { fetchMedia: true });
    second.dispose();
    assert.ok(!hits.slice(again).some((h) => /ok-[12]\.jpg/.test(h)), 'a second run does not download what came in already');
  } finally {
    await site.close();
  }
});
