/**
 * Word and domain filters as pure functions: normalising what a moderator types, and
 * matching a comment body against the list. Matching works on the raw text a reader
 * typed (what a spammer controls), folded the same way as the spam rules fold it.
 *
 * @example
 *   const hits = matchFilters('Kauft bei https://shop.pills.test', [{ kind: 'domain', pattern: 'pills.test', action: 'reject' }]);
 *   // [{ kind: 'domain', pattern: 'pills.test', action: 'reject', found: 'shop.pills.test' }]
 */
import { linkHosts, normaliseBody, normaliseHost } from '../spam/text.js';
import type { FilterAction, FilterKind } from './tables.js';

export interface Filter {
  kind: FilterKind;
  pattern: string;
  action: FilterAction;
}

export interface FilterHit extends Filter {
  /** What matched: the word, or the host that the domain covers. */
  found: string;
}

// Zero-width and other format characters (soft hyphen, ZWJ, ZWSP) are invisible to a
// reader but would split a word in two for us: "Id\u200Biot" must still match "idiot".
const FORMAT = /\p{Cf}/gu;
// Domains written without a scheme ("bestellen auf pills.test") are links to a reader too.
const BARE_HOST = /(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-])/gu;

/**
 * The stored form of a filter pattern, or null when nothing is left of it.
 *
 * @example
 *   normalisePattern('word', '  Dumm-Kopf! ');      // 'dumm kopf'
 *   normalisePattern('domain', 'https://WWW.X.test/a'); // 'x.test'
 */
export function normalisePattern(kind: FilterKind, pattern: string): string | null {
  if (kind === 'word') {
    const word = normaliseBody(pattern.replace(FORMAT, ''));
    return word.length > 0 && word.length <= 200 ? word : null;
  }
  let host = pattern.trim();
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `http://${host}`).hostname;
  } catch {
    return null;
  }
  host = normaliseHost(host);
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && host.length <= 253 ? host : null;
}

/** Every host a body names, with or without a scheme, normalised (punycode, no `www.`). */
export function bodyHosts(body: string): string[] {
  const hosts = new Set(linkHosts(body));
  for (const bare of body.replace(FORMAT, '').match(BARE_HOST) ?? []) {
    const host = normalisePattern('domain', bare);
    if (host) hosts.add(host);
  }
  return [...hosts];
}

/**
 * Filters that match a body, in list order.
 *
 * @example
 *   matchFilters('So ein IDIOT', [{ kind: 'word', pattern: 'idiot', action: 'hold' }])[0]?.found; // 'idiot'
 */
export function matchFilters(body: string, filters: readonly Filter[]): FilterHit[] {
  if (filters.length === 0) return [];
  const words = ` ${normaliseBody(body.replace(FORMAT, ''))} `;
  const hosts = filters.some((f) => f.kind === 'domain') ? bodyHosts(body) : [];
  const hits: FilterHit[] = [];
  for (const filter of filters) {
    if (filter.kind === 'word') {
      if (words.includes(` ${filter.pattern} `)) hits.push({ ...filter, found: filter.pattern });
    } else {
      const host = hosts.find((h) => h === filter.pattern || h.endsWith(`.${filter.pattern}`));
      if (host) hits.push({ ...filter, found: host });
    }
  }
  return hits;
}
