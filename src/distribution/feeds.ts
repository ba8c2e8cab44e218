/**
 * RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1, as pure functions of a feed's
 * description and its items (see `entries.ts` for how articles become items).
 *
 * Written by hand rather than with the `feed` package (6.0.0), whose output we checked
 * against the specs and hostile input: its XML writer (xml-js) escapes only the first
 * `]]>` in a CDATA section and neither `<` nor `&` in attribute values, so an article
 * title could break out of the markup; it turns a literal "&amp;" in text into "&";
 * it marks id-based guids as non-permalinks but link-based ones as permalinks with no
 * way to choose, writes authors into RSS `<author>` (which must be an e-mail address),
 * guesses MIME types from file extensions ("image/jpg"), and only writes JSON Feed 1.0.
 *
 * @example
 *   const info = { title: 'Blattwerk', description: '…', language: 'de', homeUrl: 'https://z.example/',
 *     feedUrls: { rss: 'https://z.example/feed.xml', atom: 'https://z.example/atom.xml', json: 'https://z.example/feed.json' },
 *     updated: new Date() };
 *   rss2(info, items); atom1(info, items); jsonFeed(info, items);
 */
import type { FeedItem } from './entries.js';
import { escapeHtml } from '../platform/html.js';
import type { Language } from '../platform/i18n.js';
import { attributes, cleanText, element, isoDate, rfc822, xmlText } from './xml.js';

export interface FeedInfo {
  title: string;
  description: string;
  language: Language;
  /** The page this feed mirrors: home, a tag or an author page. */
  homeUrl: string;
  /** Where each format of this feed lives (for `rel="self"` and `feed_url`). */
  feedUrls: { rss: string; atom: string; json: string };
  /** The feed's date when it has no items; otherwise the newest item's change wins. */
  updated: Date;
  /** Who the feed is by (Atom requires one); the site's title when absent. */
  author?: { name: string; url: string };
  /** WebSub hubs that push this feed to subscribers (`rel="hub"`); see autopost/websub.ts. */
  hubs?: string[];
}

export const GENERATOR = 'Blattwerk';

/** The newest change among the items, or the info's date for an empty feed. */
function lastChange(info: FeedInfo, items: readonly FeedItem[]): Date {
  return items.reduce((latest, item) => (item.modified > latest ? item.modified : latest), items.length ? new Date(0) : info.updated);
}

/**
 * RSS 2.0 with the content, Dublin Core and Atom namespaces. `description` is HTML by
 * the spec's practice, so the plain summary is HTML-escaped before it is XML-escaped.
 *
 * @example
 *   rss2(info, items); // '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" …'
 */
export function rss2(info: FeedInfo, items: readonly FeedItem[]): string {
  const entries = items.map((item) =>
    [
      '<item>',
      element('title', item.title),
      element('link', item.url),
      // The id survives slug changes; the URL would not, and readers would show a duplicate.
      `<guid isPermaLink="false">${xmlText(item.id)}</guid>`,
      element('pubDate', rfc822(item.published)),
      element('description', escapeHtml(item.summary)),
      element('content:encoded', item.contentHtml),
      ...item.authors.map((a) => element('dc:creator', a.name)),
      ...item.tags.map((t) => element('category', t.name)),
      item.image ? `<enclosure${attributes({ url: item.image.url, length: item.image.length, type: item.image.type })}/>` : '',
      '</item>',
    ].filter(Boolean).join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', info.title),
    element('link', info.homeUrl),
    // Required, and must not be empty: the title stands in for a missing description.
    element('description', info.description || info.title),
    element('language', info.language),
    element('lastBuildDate', rfc822(lastChange(info, items))),
    element('generator', GENERATOR),
    `<atom:link${attributes({ href: info.feedUrls.rss, rel: 'self', type: 'application/rss+xml' })}/>`,
    ...(info.hubs ?? []).map((hub) => `<atom:link${attributes({ href: hub, rel: 'hub' })}/>`),
    ...entries,
    '</channel>',
    '</rss>\n',
  ].filter(Boolean).join('\n');
}

function atomPerson(person: { name: string; url: string }): string {
  return `<author>${element('name', person.name)}${element('uri', person.url)}</author>`;
}

/**
 * Atom 1.0 with every element RFC 4287 requires (`id`, `title`, `updated`, an author for
 * each entry, via the feed's author when an article has none).
 *
 * @example
 *   atom1(info, items); // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" …'
 */
export function atom1(info: FeedInfo, items: readonly FeedItem[]): string {
  const entries = items.map((item) =>
    [
      `<entry${attributes({ 'xml:lang': item.language === info.language ? null : item.language })}>`,
      element('id', item.id),
      `<title type="text">${xmlText(item.title)}</title>`,
      `<link${attributes({ rel: 'alternate', type: 'text/html', href: item.url })}/>`,
      element('published', isoDate(item.published)),
      element('updated', isoDate(item.modified)),
      ...item.authors.map(atomPerson),
      ...item.tags.map((t) => `<category${attributes({ term: t.name })}/>`),
      item.summary ? `<summary type="text">${xmlText(item.summary)}</summary>` : '',
      `<content type="html">${xmlText(item.contentHtml)}</content>`,
      item.image
        ? `<link${attributes({ rel: 'enclosure', type: item.image.type, length: item.image.length || null, href: item.image.url })}/>`
        : '',
      '</entry>',
    ].filter(Boolean).join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attributes({ 'xml:lang': info.language })}>`,
    element('id', info.feedUrls.atom),
    `<title type="text">${xmlText(info.title)}</title>`,
    info.description ? `<subtitle type="text">${xmlText(info.description)}</subtitle>` : '',
    element('updated', isoDate(lastChange(info, items))),
    atomPerson(info.author ?? { name: info.title, url: info.homeUrl }),
    `<link${attributes({ rel: 'alternate', type: 'text/html', href: info.homeUrl })}/>`,
    `<link${attributes({ rel: 'self', type: 'application/atom+xml', href: info.feedUrls.atom })}/>`,
    ...(info.hubs ?? []).map((hub) => `<link${attributes({ rel: 'hub', href: hub })}/>`),
    element('generator', GENERATOR),
    ...entries,
    '</feed>\n',
  ].filter(Boolean).join('\n');
}

/** Every string in a JSON value cleaned like XML text, so the formats agree. */
function cleanJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? cleanText(v) : v))) as T;
}

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1): `authors` arrays, `language`.
 *
 * @example
 *   JSON.parse(jsonFeed(info, items)).version; // 'https://jsonfeed.org/version/1.1'
 */
export function jsonFeed(info: FeedInfo, items: readonly FeedItem[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: info.title,
    home_page_url: info.homeUrl,
    feed_url: info.feedUrls.json,
    ...(info.description ? { description: info.description } : {}),
    language: info.language,
    authors: [info.author ?? { name: info.title, url: info.homeUrl }],
    ...(info.hubs?.length ? { hubs: info.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      ...(item.summary ? { summary: item.summary } : {}),
      content_html: item.contentHtml,
      ...(item.image ? { image: item.image.url } : {}),
      date_published: isoDate(item.published),
      date_modified: isoDate(item.modified),
      ...(item.authors.length ? { authors: item.authors } : {}),
      ...(item.tags.length ? { tags: item.tags.map((t) => t.name) } : {}),
      language: item.language,
    })),
  };
  return `${JSON.stringify(cleanJson(feed), null, 2)}\n`;
}
