// Pure feed tests: hostile text in every field must come out escaped, well-formed and
// readable by real parsers, with absolute links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import type { Article } from '../content/index.js';
import type { MediaItem } from '../media/index.js';
import { absolutize, excerpt, toFeedItems, type ItemContext } from './entries.js';
import { atom1, jsonFeed, rss2, type FeedInfo } from './feeds.js';
import { cleanText, xmlText } from './xml.js';

const BASE = 'https://zeitung.example';
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const HOSTILE_TITLE = '<script>alert(1)</script> ]]> & "Bäder" \u0001\u0008\u001b 📰 \ud800end';
const CLEAN_TITLE = '<script>alert(1)</script> ]]> & "Bäder"  📰 end';

const photo: MediaItem = {
  id: 7,
  path: '2026/11/rathaus.jpg',
  mime: 'image/jpeg',
  width: 1600,
  height: 900,
  alt: 'Rathaus',
  caption: '',
  credit: 'Jana <b>Beispiel</b>',
  sourceUrl: null,
  licence: 'cc-by-4.0',
  variants: [
    { path: '2026/11/rathaus-480.jpg', width: 480, format: 'jpeg' },
    { path: '2026/11/rathaus-1600.jpg', width: 1600, format: 'jpeg' },
    { path: '2026/11/rathaus-1600.webp', width: 1600, format: 'webp' },
  ],
};

function article(overrides: Partial<Article>): Article {
  return {
    id: 1,
    kind: 'article',
    slug: 'stadtrat',
    lang: 'de',
    title: 'Stadtrat',
    subtitle: '',
    body: [],
    status: 'published',
    publishedAt: new Date('2026-11-10T09:00:00Z'),
    scheduledAt: null,
    updatedAt: new Date('2026-11-10T09:00:00Z'),
    createdAt: new Date('2026-11-09T08:00:00Z'),
    revisedAt: null,
    featuredMediaId: null,
    featuredCaption: '',
    seoTitle: '',
    seoDescription: '',
    commentsOpen: true,
    wordCount: 0,
    readingMinutes: 1,
    authors: [],
    tags: [],
    ...overrides,
  };
}

const hostile = article({
  id: 2,
  slug: 'haushalt',
  title: HOSTILE_TITLE,
  subtitle: 'Unter\u0007titel <i>kursiv</i>',
  publishedAt: new Date('2026-11-11T10:00:00Z'),
  revisedAt: new Date('2026-11-12T10:00:00Z'),
  featuredMediaId: 7,
  body: [
    { type: 'paragraph', text: 'Text mit <script>alert("x")</script> und ]]> und noch einmal ]]>]]> \u0002 🎉[^1]' },
    { type: 'paragraph', text: 'Ein [Link](https://example.org/?a=1&b=2) und ein Spendenaufruf.' },
    { type: 'image', mediaId: 7 },
    { type: 'donation' },
    { type: 'footnotes', items: [{ id: '1', text: 'Quelle ]]> <b>' }] },
  ],
  authors: [
    { id: 3, slug: 'eve', name: 'Eve <img src=x onerror=alert(1)> ]]>\u000b', bio: {}, avatarMediaId: null, links: [], books: [], userId: null },
    { id: 4, slug: 'ben', name: 'Ben 🦊', bio: {}, avatarMediaId: null, links: [], books: [], userId: null },
  ],
  tags: [{ id: 5, slug: 'stadtrat', name: '<b>Rat</b> & ]]>', description: '' }],
});
const plain = article({ body: [{ type: 'paragraph', text: 'Kurz und klar.' }] });
const draft = article({ id: 9, slug: 'entwurf', status: 'draft', publishedAt: null });
const future = article({ id: 10, slug: 'morgen', publishedAt: new Date('2030-01-01T00:00:00Z') });

const ctx: ItemContext = {
  publicUrl: BASE,
  media: new Map([[7, photo]]),
  sizes: new Map([['2026/11/rathaus-1600.jpg', 123_456]]),
  donationText: 'Bitte unterstützen Sie uns & <b>jetzt</b>',
  now: new Date('2026-12-01T00:00:00Z'),
};
const info: FeedInfo = {
  title: 'Blattwerk & <Co> \u0003',
  description: 'Lokal ]]> unabhängig',
  language: 'de',
  homeUrl: `${BASE}/`,
  feedUrls: { rss: `${BASE}/feed.xml`, atom: `${BASE}/atom.xml`, json: `${BASE}/feed.json` },
  updated: new Date('2026-12-01T00:00:00Z'),
};
const items = toFeedItems([plain, draft, hostile, future], ctx);

const isAbsolute = (url: string | undefined) => typeof url === 'string' && /^https:\/\/zeitung\.example\//.test(url);

test('items: published only, newest first, at most 20', () => {
  assert.deepEqual(items.map((i) => i.url), [`${BASE}/haushalt/`, `${BASE}/stadtrat/`]);
  const many = Array.from({ length: 30 }, (_, n) => article({ id: n + 1, slug: `a${n}`, publishedAt: new Date(Date.UTC(2026, 0, n + 1)) }));
  const twenty = toFeedItems(many, ctx);
  assert.equal(twenty.length, 20);
  assert.equal(twenty[0]?.url, `${BASE}/a29/`);
});

test('items: stable tag: ids, absolute links inside content, featured image with credit', () => {
  const item = items[0]!;
  assert.equal(item.id, 'tag:zeitung.example,2026-11-09:article:2');
  assert.equal(item.modified.toISOString(), '2026-11-12T10:00:00.000Z');
  assert.doesNotMatch(item.contentHtml, /\s(?:href|src|srcset)="\/(?!\/)/);
  assert.match(item.contentHtml, /src="https:\/\/zeitung\.example\/media\/2026\/11\/rathaus-1600\.jpg"/);
  assert.match(item.contentHtml, /href="https:\/\/zeitung\.example\/support\/"/);
  assert.match(item.contentHtml, /href="https:\/\/zeitung\.example\/haushalt\/#fn-1"/);
  assert.match(item.contentHtml, /CC BY 4\.0/);
  assert.doesNotMatch(item.contentHtml, /<script|<img src=x|<b>Beispiel/);
  assert.deepEqual(item.image, { url: `${BASE}/media/2026/11/rathaus-1600.jpg`, type: 'image/jpeg', length: 123_456 });
  assert.equal(items[1]?.summary, 'Kurz und klar.');
});

test('RSS 2.0 is well-formed and rss-parser reads titles, links, authors, tags and enclosure', async () => {
  const xml = rss2(info, items);
  assert.equal(XMLValidator.validate(xml), true);
  assert.doesNotMatch(xml, CONTROL);
  assert.match(xml, /<atom:link href="https:\/\/zeitung\.example\/feed\.xml" rel="self" type="application\/rss\+xml"\/>/);
  const feed = await new Parser<object, { 'content:encoded': string; 'dc:creator': string }>({
    customFields: { item: [['dc:creator', 'creators', { keepArray: true }] as never] },
  }).parseString(xml);
  assert.equal(feed.title, 'Blattwerk & <Co> ');
  assert.equal(feed.feedUrl, `${BASE}/feed.xml`);
  assert.equal(feed.items.length, 2);
  const [first, second] = feed.items;
  assert.equal(first?.title, CLEAN_TITLE);
  assert.ok(isAbsolute(first?.link) && isAbsolute(second?.link));
  assert.equal(first?.guid, 'tag:zeitung.example,2026-11-09:article:2');
  assert.match(xml, /<guid isPermaLink="false">/);
  assert.equal(first?.pubDate, 'Wed, 11 Nov 2026 10:00:00 GMT');
  assert.deepEqual((first as { creators?: string[] }).creators, ['Eve <img src=x onerror=alert(1)> ]]>', 'Ben 🦊']);
  assert.deepEqual(first?.categories, ['<b>Rat</b> & ]]>']);
  assert.deepEqual({ ...first?.enclosure }, { url: `${BASE}/media/2026/11/rathaus-1600.jpg`, length: '123456', type: 'image/jpeg' });
  const html = first?.['content:encoded'] ?? '';
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; und \]\]&gt; und noch einmal \]\]&gt;\]\]&gt;  🎉/);
  assert.doesNotMatch(html, /<script/);
  // description is HTML: the plain summary arrives escaped once more.
  assert.equal(first?.content, 'Untertitel &lt;i&gt;kursiv&lt;/i&gt;');
});

test('Atom 1.0 is well-formed and has what RFC 4287 requires', () => {
  const xml = atom1(info, items);
  assert.equal(XMLValidator.validate(xml), true);
  assert.doesNotMatch(xml, CONTROL);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'author', 'category'].includes(name) }).parse(xml);
  const feed = parsed.feed;
  assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
  assert.equal(feed.id, `${BASE}/atom.xml`);
  // The parser decodes entities and trims, so these are the texts a reader would show.
  assert.equal(feed.title['#text'], 'Blattwerk & <Co>');
  assert.equal(feed.updated, '2026-11-12T10:00:00Z');
  assert.equal(feed.author[0].name, 'Blattwerk & <Co>');
  assert.deepEqual(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']]), [
    ['alternate', `${BASE}/`],
    ['self', `${BASE}/atom.xml`],
  ]);
  assert.equal(feed.entry.length, 2);
  for (const entry of feed.entry) {
    for (const field of ['id', 'title', 'updated', 'published', 'content']) assert.ok(entry[field], `entry.${field}`);
    assert.equal(entry.content['@type'], 'html');
    assert.ok(isAbsolute(entry.link.find((l: Record<string, string>) => l['@rel'] === 'alternate')['@href']));
  }
  const first = feed.entry[0];
  assert.equal(first.published, '2026-11-11T10:00:00Z');
  assert.equal(first.summary['@type'], 'text');
  assert.equal(first.author.length, 2);
  assert.equal(first.category[0]['@term'], '<b>Rat</b> & ]]>');
  assert.equal(first.title['#text'], CLEAN_TITLE.replace(/\s+$/, ''));
  assert.match(first.content['#text'], /&lt;script&gt;alert/);
  assert.doesNotMatch(first.content['#text'], /<script/);
  assert.deepEqual(
    first.link.filter((l: Record<string, string>) => l['@rel'] === 'enclosure').map((l: Record<string, string>) => l['@length']),
    ['123456'],
  );
});

test('JSON Feed 1.1 with absolute URLs, authors arrays and clean text', () => {
  const text = jsonFeed(info, items);
  assert.doesNotMatch(text, /\\u000[0-8bcef]|\\u001|\\ud800/i);
  const feed = JSON.parse(text);
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.title, 'Blattwerk & <Co> ');
  assert.equal(feed.home_page_url, `${BASE}/`);
  assert.equal(feed.feed_url, `${BASE}/feed.json`);
  assert.equal(feed.language, 'de');
  assert.equal(feed.items.length, 2);
  const [first, second] = feed.items;
  for (const item of feed.items) {
    assert.ok(isAbsolute(item.url));
    assert.equal(typeof item.id, 'string');
    assert.equal(typeof item.content_html, 'string');
    assert.match(item.date_published, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
  assert.equal(first.title, CLEAN_TITLE);
  assert.equal(first.summary, 'Untertitel <i>kursiv</i>');
  assert.equal(first.image, `${BASE}/media/2026/11/rathaus-1600.jpg`);
  assert.equal(first.date_modified, '2026-11-12T10:00:00Z');
  assert.deepEqual(first.authors, [
    { name: 'Eve <img src=x onerror=alert(1)> ]]>', url: `${BASE}/author/eve/` },
    { name: 'Ben 🦊', url: `${BASE}/author/ben/` },
  ]);
  assert.deepEqual(first.tags, ['<b>Rat</b> & ]]>']);
  assert.equal(second.authors, undefined);
});

test('an empty feed is still valid in every format', async () => {
  const rss = rss2(info, []);
  const atom = atom1(info, []);
  assert.equal(XMLValidator.validate(rss), true);
  assert.equal(XMLValidator.validate(atom), true);
  assert.match(atom, /<updated>2026-12-01T00:00:00Z<\/updated>/);
  assert.deepEqual(JSON.parse(jsonFeed(info, [])).items, []);
  assert.equal((await new Parser().parseString(rss)).items.length, 0);
});

test('helpers: clean, escape, absolutize, excerpt', () => {
  assert.equal(cleanText('a\u0000b\u0085c\ufffed\u{1F600}'), 'abcd\u{1F600}');
  assert.equal(xmlText(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  assert.equal(
    absolutize('<img src="/m/a.jpg" srcset="/m/a-480.jpg 480w, /m/a-960.jpg 960w"> <a href="//other.example/">x</a>', BASE, `${BASE}/a/`),
    `<img src="${BASE}/m/a.jpg" srcset="${BASE}/m/a-480.jpg 480w, ${BASE}/m/a-960.jpg 960w"> <a href="//other.example/">x</a>`,
  );
  assert.equal(excerpt('Der Stadtrat hat gestern lange gestritten.', 20), 'Der Stadtrat hat…');
});
