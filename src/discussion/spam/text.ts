/**
 * Text helpers shared by the rules and the classifier: the normalised form of a body
 * (for duplicate detection) and the hosts a text links to (for blocklists and tokens).
 * Both work on the raw text a reader typed, before any Markdown rendering, because that
 * is what a spammer controls.
 */

/**
 * Links as readers and bots write them: with a scheme, or bare `www.` addresses. The last
 * character may not be sentence punctuation, so "see www.a.example." yields `www.a.example`.
 */
const LINK = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"'()[\]{}]*[^\s<>"'()[\]{}.,;:!?]/giu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}\s]+/gu;
const SPACE = /\s+/gu;

/**
 * Lower-case, punctuation stripped, whitespace collapsed: the form two copies of one
 * message share even when a bot varies capitalisation, punctuation or line breaks.
 * NFKC first, so full-width letters and ligatures fold into plain ones.
 *
 * @example
 *   normaliseBody('Great   post!!\nVisit MY site.'); // 'great post visit my site'
 */
export function normaliseBody(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, ' ').replace(SPACE, ' ').trim();
}

/**
 * Every link in a text, in order, as its lower-cased host without a leading `www.`;
 * links that do not parse as URLs are skipped.
 *
 * @example
 *   linkHosts('Siehe https://www.Rathaus.example.org/a.pdf und www.x.test'); // ['rathaus.example.org', 'x.test']
 */
export function linkHosts(text: string): string[] {
  return links(text)
    .map((link) => hostOf(link))
    .filter((host): host is string => host !== null);
}

/**
 * The link strings themselves (as written), in order.
 *
 * @example
 *   links('mehr: https://a.example/x?y=1.'); // ['https://a.example/x?y=1']
 */
export function links(text: string): string[] {
  return text.match(LINK) ?? [];
}

/**
 * A text with its links replaced by spaces, so link paths do not turn into words.
 *
 * @example
 *   withoutLinks('see https://a.example/cheap-pills now'); // 'see   now'
 */
export function withoutLinks(text: string): string {
  return text.replace(LINK, ' ');
}

/**
 * Normalises a host or a blocklist domain the same way, so the two can be compared.
 *
 * @example
 *   normaliseHost('WWW.Example.org.'); // 'example.org'
 */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

function hostOf(link: string): string | null {
  try {
    const url = new URL(/^https?:\/\//i.test(link) ? link : `http://${link}`);
    return url.hostname ? normaliseHost(url.hostname) : null;
  } catch {
    return null;
  }
}
