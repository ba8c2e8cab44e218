/**
 * URL slugs: lower-case ASCII letters, digits and hyphens. German umlauts are spelled
 * out (ä → ae) the way German newsrooms write them in URLs.
 *
 * @example
 *   slugify('Haushaltsdebatte: Stadtrat streitet über Bäder'); // 'haushaltsdebatte-stadtrat-streitet-ueber-baeder'
 */
const SPELLED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'ae', Ö: 'oe', Ü: 'ue', ß: 'ss' };

/** Paths the site itself uses; an article may not take them. */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'assets', 'media', 'page', 'tag', 'author', 'search', 'feed', 'support', 'newsletter',
  'healthz', 'readyz', 'metrics', 'impressum', 'datenschutz', 'privacy', 'imprint', 'sitemap', 'robots',
  'feed-xml', 'atom-xml', 'feed-json', 'favicon-ico', 'comments', 'moderation',
]);

export function slugify(text: string): string {
  return text
    .replace(/[äöüÄÖÜß]/g, (ch) => SPELLED[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 80 && !RESERVED_SLUGS.has(slug);
}
