// Feeds carry tables, code, galleries, details and separators as plain HTML: absolute
// links, collapsible parts open, no script or scroll-region attributes, valid XML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import type { Article } from '../content/index.js';
import type { MediaItem } from '../media/index.js';
import { toFeedItems, type ItemContext } from './entries.js';
import { atom1, jsonFeed, rss2, type FeedInfo } from './feeds.js';

const BASE = 'https://zeitung.example';
const photo: MediaItem = {
  id: 7, path: '2026/11/fest.jpg', mime: 'image/jpeg', width: 1600, height: 900, alt: 'Die Bühne', caption: '', credit: 'Jana Beispiel',
  sourceUrl: null, licence: 'cc-by-4.0', variants: [{ path: '2026/11/fest-480.jpg', width: 480, format: 'jpeg' }],
};

const article: Article = {
  id: 1, kind: 'article', slug: 'haushalt', lang: 'de', title: 'Haushalt', subtitle: '', status: 'published',
  publishedAt: new Date('2026-11-10T09:00:00Z'), scheduledAt: null, updatedAt: new Date('2026-11-10T09:00:00Z'),
  createdAt: new Date('2026-11-09T08:00:00Z'), revisedAt: null, featuredMediaId: null, featuredCaption: '', seoTitle: '',
  seoDescription: '', commentsOpen: true, wordCount: 0, readingMinutes: 1, authors: [], tags: [],
  body: [
    { type: 'table', headerRow: true, caption: 'Ausgaben', rows: [['Bereich', 'Mio. €'], ['Kultur ]]>', '4,2']] },
    { type: 'code', text: 'a  <b>\n    c', language: 'HTML' },
    { type: 'gallery', images: [{ mediaId: 7, caption: 'H~2~O' }] },
    { type: 'details', summary: 'Methode', text: 'Wir ~~schätzten~~ zählten.' },
    { type: 'separator' },
  ],
};

const ctx: ItemContext = { publicUrl: BASE, media: new Map([[7, photo]]), donationText: '', now: new Date('2026-12-01T00:00:00Z') };
const info: FeedInfo = {
  title: 'Blattwerk', description: '', language: 'de', homeUrl: `${BASE}/`,
  feedUrls: { rss: `${BASE}/feed.xml`, atom: `${BASE}/atom.xml`, json: `${BASE}/feed.json` }, updated: new Date('2026-12-01T00:00:00Z'),
};

test('rich blocks reach the feed as plain HTML with absolute links', () => {
  const [item] = toFeedItems([article], ctx);
  const html = item!.contentHtml;
  assert.match(html, /<table><caption>Ausgaben<\/caption><thead><tr><th scope="col">Bereich<\/th>/);
  assert.doesNotMatch(html, /tabindex|role="region"/, 'no scroll region in a feed');
  assert.match(html, /<pre><code class="code language-html">a  &lt;b&gt;\n    c<\/code><\/pre>/);
  assert.match(html, /<a class="gallery-open" href="https:\/\/zeitung\.example\/media\/2026\/11\/fest\.jpg">/);
  assert.match(html, /<figcaption><span class="image-caption">H<sub>2<\/sub>O<\/span>/);
  assert.match(html, /<details class="details-block" open><summary>Methode<\/summary><p>Wir <s>schätzten<\/s> zählten\.<\/p><\/details>/);
  assert.match(html, /<hr class="separator">/);
  for (const xml of [rss2(info, [item!]), atom1(info, [item!])]) assert.equal(XMLValidator.validate(xml), true);
  assert.match(JSON.parse(jsonFeed(info, [item!])).items[0].content_html, /<th scope="col">Mio\. €<\/th>/);
});
