/**
 * `/sitemap.xml` (sitemaps.org protocol 0.9) and `/robots.txt`, as pure functions of the
 * URLs to list. The service gathers home, articles, pages, tags and authors.
 */
import { isoDate, xmlText } from './xml.js';

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  lastmod?: Date | null;
}

/** The protocol's limit per file; beyond it a sitemap index would be needed. */
export const SITEMAP_LIMIT = 50_000;

/**
 * A `<urlset>` of at most `SITEMAP_LIMIT` URLs, every value escaped.
 *
 * @example
 *   sitemapXml([{ loc: 'https://z.example/', lastmod: new Date('2026-11-10T09:00:00Z') }]);
 *   // '…<url><loc>https://z.example/</loc><lastmod>2026-11-10T09:00:00Z</lastmod></url>…'
 */
export function sitemapXml(urls: readonly SitemapUrl[]): string {
  const lines = urls.slice(0, SITEMAP_LIMIT).map(({ loc, lastmod }) => {
    const date = lastmod && !Number.isNaN(lastmod.getTime()) ? `<lastmod>${isoDate(lastmod)}</lastmod>` : '';
    return `<url><loc>${xmlText(loc)}</loc>${date}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...lines,
    '</urlset>\n',
  ].join('\n');
}

/**
 * Everything may be crawled except the newsroom and the API; points to the sitemap.
 *
 * @example
 *   robotsTxt('https://z.example'); // 'User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: https://z.example/sitemap.xml\n'
 */
export function robotsTxt(publicUrl: string): string {
  // A base path ("https://x.example/news") prefixes the disallowed paths too.
  const path = new URL(publicUrl).pathname.replace(/\/+$/, '');
  // Line breaks in the configured URL would add rules; the URL parser already encodes them.
  return [
    'User-agent: *',
    `Allow: ${path}/`,
    `Disallow: ${path}/admin/`,
    `Disallow: ${path}/api/`,
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
