/**
 * Old addresses of an imported site and where they point now. The importers record every
 * address an article, page, category or tag had (`/2025/02/13/slug/`, `/?p=123`,
 * `/category/politik/`); the public routes ask `findLegacyRedirect` before they answer 404,
 * and answer 301 to what it returns. WordPress's and Ghost's feed addresses need no import.
 *
 * Addresses are normalised the same way when stored and when looked up: percent-escapes
 * decoded, one trailing slash, and of the query only the one key WordPress routes by.
 *
 * @example
 *   await findLegacyRedirect(db, '/?p=123');                  // '/stadtrat-beschliesst-haushalt/'
 *   await findLegacyRedirect(db, '/2025/02/13/haushalt/');    // '/stadtrat-beschliesst-haushalt/'
 *   await findLegacyRedirect(db, '/feed/');                   // '/feed.xml'
 *   await findLegacyRedirect(db, '/?s=rathaus');              // '/search?q=rathaus'
 *   await findLegacyRedirect(db, '/wp-content/uploads/2025/02/rathaus-150x150.jpg'); // '/media/2025/02/rathaus-….jpg'
 *   await findLegacyRedirect(db, '/irgendwas/');              // null
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { importDb } from './tables.js';

/** Query keys WordPress resolves a page by, in the order it checks them. */
const QUERY_KEYS = ['p', 'page_id', 'attachment_id', 'name', 'pagename', 'cat', 'tag', 'category_name', 'author', 'feed'];

/** Feed addresses of WordPress (`/feed/`, `/feed/atom/`) and Ghost (`/rss/`). */
const FEED_SUFFIX = /(?:^|\/)(?:feed(?:\/(rss2?|rdf|atom))?|rss)\/$/;

const MAX_PATH = 1000;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The form an old address is stored and looked up in; null for what can never be one.
 *
 * @example
 *   normaliseLegacyPath('/2025/02/13/%C3%BCber-uns?utm_source=x'); // '/2025/02/13/über-uns/'
 *   normaliseLegacyPath('/index.php?p=12&preview=true');         // '/?p=12'
 *   normaliseLegacyPath('https://old.example.org/?page_id=7');   // '/?page_id=7'
 */
export function normaliseLegacyPath(input: string): string | null {
  let url = input.trim();
  const absolute = /^https?:\/\/[^/?#]*/i.exec(url);
  if (absolute) url = url.slice(absolute[0].length);
  url = url.split('#')[0] ?? '';
  if (url.length > MAX_PATH) return null;
  const at = url.indexOf('?');
  const rawPath = at >= 0 ? url.slice(0, at) : url;
  const query = at >= 0 ? new URLSearchParams(url.slice(at + 1)) : null;
  if (query) {
    for (const key of QUERY_KEYS) {
      const value = query.get(key)?.trim();
      if (value) return `/?${key}=${value.toLowerCase()}`;
    }
  }
  const segments = rawPath.split('/').filter((s) => s !== '' && s !== '.' && s !== '..').map(decode);
  if (segments.some((s) => /[\u0000-\u001f\\]/.test(s))) return null;
  if (segments.length === 1 && segments[0] === 'index.php') return '/';
  if (segments.length === 0) return '/';
  const last = segments[segments.length - 1]!;
  // Files keep their name as it was; everything else gets WordPress's trailing slash.
  const file = /\.[a-z0-9]{1,5}$/i.test(last);
  return `/${segments.join('/')}${file ? '' : '/'}`;
}

/** A target we wrote ourselves, checked again: site-relative, never `//host`. */
function safeTarget(target: string | null | undefined): string | null {
  return target && /^\/(?![/\\])[^\s\u0000-\u001f]*$/.test(target) ? target : null;
}

/** Cheap test the routes make before touching the database. */
export function mightBeLegacy(url: string): boolean {
  const at = url.indexOf('?');
  if (at < 0) return true;
  const query = url.slice(at + 1);
  return url.slice(0, at) !== '/' || [...QUERY_KEYS, 's'].some((key) => new RegExp(`(?:^|&)${key}=`).test(query));
}

/** WordPress's search (`/?s=rathaus`) is our `/search?q=rathaus`. */
function search(url: string): string | null {
  const at = url.indexOf('?');
  if (at < 0 || !/^\/(?:index\.php)?$/.test(url.slice(0, at))) return null;
  const term = new URLSearchParams(url.slice(at + 1)).get('s');
  return term === null ? null : `/search?q=${encodeURIComponent(term.slice(0, 200))}`;
}

/**
 * Where an old address lives now, or null. Feed addresses map to our feeds: the site's,
 * or a tag's or an author's when the address below `/feed/` is one.
 */
export async function findLegacyRedirect(db: Kysely<Database>, url: string): Promise<string | null> {
  if (!mightBeLegacy(url)) return null;
  const query = search(url);
  if (query) return query;
  const path = normaliseLegacyPath(url);
  if (path === null || path === '/') return null;
  const feedQuery = /^\/\?feed=(.*)$/.exec(path);
  if (feedQuery) return feedQuery[1] === 'atom' ? '/atom.xml' : '/feed.xml';
  const feed = FEED_SUFFIX.exec(path);
  if (feed) {
    const file = feed[1] === 'atom' ? 'atom.xml' : 'feed.xml';
    const base = path.slice(0, path.length - feed[0].length + (feed[0].startsWith('/') ? 1 : 0)) || '/';
    if (base === '/') return `/${file}`;
    const target = (await lookup(db, base)) ?? base;
    return /^\/(?:tag|author)\/[^/]+\/$/.test(target) ? `${target}${file}` : safeTarget(await lookup(db, base));
  }
  const found = await lookup(db, path);
  if (found) return found;
  // WordPress's sized copies of an upload (`rathaus-150x150.jpg`, `-scaled`, `-rotated`)
  // were never imported on their own: they go where the original went.
  const original = path.replace(/-(?:\d{1,5}x\d{1,5}|scaled|rotated)(?=\.[a-z0-9]{2,5}$)/i, '');
  return original !== path ? lookup(db, original) : null;
}

async function lookup(db: Kysely<Database>, path: string): Promise<string | null> {
  const row = await importDb(db).selectFrom('legacy_redirects').select('target').where('path', '=', path).executeTakeFirst();
  return safeTarget(row?.target);
}
