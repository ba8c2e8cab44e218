/**
 * URL slugs: lower-case ASCII letters, digits and hyphens, for every new article, page,
 * author and tag, typed or imported. German umlauts are spelled out (ä → ae) the way
 * German newsrooms write them in URLs; other scripts are transliterated by a kept library
 * (@sindresorhus/transliterate: Greek, Cyrillic, Arabic, Hebrew and more), so a Greek or
 * Russian title gets a readable address instead of none.
 *
 * @example
 *   slugify('Haushaltsdebatte: Stadtrat streitet über Bäder'); // 'haushaltsdebatte-stadtrat-streitet-ueber-baeder'
 *   slugify('Δημοτικό Συμβούλιο Αθηνών');                      // 'dimotiko-symvoylio-athinon'
 *   slugify('Городской совет Москвы');                          // 'gorodskoy-sovet-moskvy'
 */
import transliterate from '@sindresorhus/transliterate';

/** Paths the site itself uses; an article may not take them. */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'assets', 'media', 'page', 'tag', 'author', 'search', 'feed', 'support', 'newsletter',
  'healthz', 'readyz', 'metrics', 'impressum', 'datenschutz', 'privacy', 'imprint', 'sitemap', 'robots',
  'feed-xml', 'atom-xml', 'feed-json', 'favicon-ico', 'comments', 'moderation',
]);

/** The library spells ä as "ae" already; ß needs saying, and stays "ss" in capitals too. */
const GERMAN: [string, string][] = [['ß', 'ss'], ['ẞ', 'SS']];

export function slugify(text: string): string {
  return transliterate(text, { customReplacements: GERMAN })
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
