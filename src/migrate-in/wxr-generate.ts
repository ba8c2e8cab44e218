/**
 * Writes a synthetic WordPress export of a chosen size, as a stream, for the memory
 * measurement (memory.test.ts, bench/IMPORT.md): block-editor posts with the markup
 * WordPress really writes (paragraphs with links and emphasis, headings, lists, quotes,
 * images, embeds) and threaded comments, so the import does its full work per item.
 *
 * `metaBytes` adds page-builder data to each post (`_elementor_data`, as Elementor and
 * similar plugins store it): real exports carry a lot of it, and it lets a test reach a
 * given file size with fewer posts, so it measures streaming without taking an hour.
 *
 * @example
 *   const made = await generateWxr('/tmp/big.xml', 500 * 1024 * 1024, { metaBytes: 60_000 });
 *   // { bytes: 524_301_312, posts: 6_840, comments: 68_400 }
 */
import { createWriteStream } from 'node:fs';
import { xmlWriter } from './xml-write.js';

const WORDS = 'Stadtrat Haushalt Bürger Brücke Schule Verkehr Radweg Bäder Wahl Rathaus Debatte Antrag Kämmerin Straße Markt Zukunft'.split(' ');

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!.toLowerCase());
  return `${out.join(' ')}.`;
}

function postContent(n: number): string {
  const blocks: string[] = [];
  for (let p = 0; p < 18; p++) {
    blocks.push(`<!-- wp:paragraph -->\n<p>${sentence(n + p, 25)} Mehr dazu im <a href="https://alt.example.org/${2020 + (p % 5)}/0${1 + (p % 9)}/artikel-${n - p}/">Bericht ${p}</a>, <strong>${sentence(p, 4)}</strong> und <em>${sentence(n, 3)}</em> ${sentence(n * p, 20)}</p>\n<!-- /wp:paragraph -->`);
    if (p === 5) blocks.push(`<!-- wp:heading -->\n<h2 class="wp-block-heading">Abschnitt ${n}</h2>\n<!-- /wp:heading -->`);
    if (p === 8) blocks.push(`<!-- wp:list -->\n<ul class="wp-block-list"><li>${sentence(p, 6)}</li><li>${sentence(n, 7)}</li><li>${sentence(p + n, 5)}</li></ul>\n<!-- /wp:list -->`);
    if (p === 11) blocks.push(`<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${sentence(n, 12)}</p><cite>Sprecherin ${n % 40}</cite></blockquote>\n<!-- /wp:quote -->`);
    if (p === 14) blocks.push(`<!-- wp:image {"id":${n}} -->\n<figure class="wp-block-image size-large"><img src="https://alt.example.org/wp-content/uploads/2024/0${1 + (n % 9)}/bild-${n % 500}-1024x683.jpg" alt="Bild ${n}" class="wp-image-${n}"/><figcaption class="wp-element-caption">${sentence(n, 8)}</figcaption></figure>\n<!-- /wp:image -->`);
  }
  if (n % 10 === 0) blocks.push(`<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ"} -->\n<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->`);
  return blocks.join('\n\n');
}

function comment(post: number, i: number, id: number): string {
  const parent = i % 4 === 0 ? 0 : id - 1;
  const at = new Date(Date.UTC(2024, 0, 1) + post * 3_600_000 + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  return `\t\t<wp:comment>
\t\t\t<wp:comment_id>${id}</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[Leserin ${id % 997}]]></wp:comment_author>
\t\t\t<wp:comment_author_email><![CDATA[leserin${id % 997}@example.org]]></wp:comment_author_email>
\t\t\t<wp:comment_author_IP><![CDATA[203.0.113.${id % 250}]]></wp:comment_author_IP>
\t\t\t<wp:comment_date><![CDATA[${at}]]></wp:comment_date>
\t\t\t<wp:comment_date_gmt><![CDATA[${at}]]></wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[${sentence(id, 30)}\n\nZweiter Absatz mit <strong>Betonung</strong> und https://example.org/quelle-${id % 50}]]></wp:comment_content>
\t\t\t<wp:comment_approved><![CDATA[${i % 23 === 22 ? 'spam' : '1'}]]></wp:comment_approved>
\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>
\t\t\t<wp:comment_parent>${parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>\n`;
}

export interface GenerateOptions {
  commentsPerPost?: number;
  metaBytes?: number;
}

/** Page-builder JSON as plugins store it in post meta: nested widgets with settings. */
function builderData(n: number, bytes: number): string {
  const widget = (i: number) => `{"id":"w${n}x${i}","elType":"widget","settings":{"title":"${sentence(n + i, 5)}","align":"left","typography_font_size":{"unit":"px","size":${12 + (i % 9)}}},"widgetType":"heading"}`;
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const w = widget(i);
    parts.push(w);
    length += w.length + 1;
  }
  return `[{"id":"s${n}","elType":"section","elements":[${parts.join(',')}]}]`;
}

export async function generateWxr(file: string, targetBytes: number, options: GenerateOptions = {}): Promise<{ bytes: number; posts: number; comments: number }> {
  const commentsPerPost = options.commentsPerPost ?? 10;
  const stream = createWriteStream(file);
  const out = xmlWriter(stream);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    await out.write(text);
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Generiertes Stadtblatt</title>
\t<link>https://alt.example.org</link>
\t<language>de-DE</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_blog_url>https://alt.example.org</wp:base_blog_url>
\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[redaktion]]></wp:author_login><wp:author_email><![CDATA[redaktion@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Redaktion]]></wp:author_display_name></wp:author>
\t<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[lokales]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Lokales]]></wp:cat_name></wp:category>
`);
  let posts = 0;
  let comments = 0;
  const tail = '</channel>\n</rss>\n';
  while (bytes + tail.length < targetBytes) {
    posts++;
    const date = new Date(Date.UTC(2015, 0, 1) + posts * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    let item = `\t<item>
\t\t<title><![CDATA[Artikel ${posts}: ${sentence(posts, 6)}]]></title>
\t\t<link>https://alt.example.org/${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}/artikel-${posts}/</link>
\t\t<dc:creator><![CDATA[redaktion]]></dc:creator>
\t\t<guid isPermaLink="false">https://alt.example.org/?p=${posts}</guid>
\t\t<content:encoded><![CDATA[${postContent(posts)}]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[${sentence(posts, 15)}]]></excerpt:encoded>
\t\t<wp:post_id>${posts}</wp:post_id>
\t\t<wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt>
\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>
\t\t<wp:post_name><![CDATA[artikel-${posts}]]></wp:post_name>
\t\t<wp:status><![CDATA[publish]]></wp:status>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<category domain="category" nicename="lokales"><![CDATA[Lokales]]></category>
${options.metaBytes ? `\t\t<wp:postmeta><wp:meta_key><![CDATA[_elementor_data]]></wp:meta_key><wp:meta_value><![CDATA[${builderData(posts, options.metaBytes)}]]></wp:meta_value></wp:postmeta>\n` : ''}`;
    for (let i = 0; i < commentsPerPost; i++) item += comment(posts, i, ++comments);
    await write(`${item}\t</item>\n`);
  }
  await write(tail);
  await out.end();
  return { bytes, posts, comments };
}
