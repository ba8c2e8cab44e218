/**
 * Spam rules for public writes (comments now, newsletter sign-ups later). Every check is
 * pure: it gets what it needs as input (the caller looks up earlier posts, counts links,
 * loads the lists) and answers a reason or nothing. `combine` adds the weights up into a
 * verdict, so a moderator always sees every reason, not only the one that tipped it.
 *
 * @example
 *   const verdict = combine(
 *     checkHoneypot(form.website),
 *     checkFormStamp(secret, form.stamp, now),
 *     checkLinks(linkHosts(body).length),
 *     checkBlocklist({ text: body, hosts: linkHosts(body) }, settings.blocklist),
 *   );
 *   if (verdict.action === 'reject') ...
 */
import { createHash } from 'node:crypto';
import { normaliseBody, normaliseHost } from './text.js';

export { formStamp, checkFormStamp, type FormStampOptions } from './stamp.js';

export interface SpamReason {
  /** Stable code for tests, filters and the moderation UI: `honeypot`, `too_fast`, … */
  code: string;
  /** Human-readable specifics for moderators ("4 links (at most 3)"). */
  detail: string;
  weight: number;
}

export interface SpamVerdict {
  action: 'accept' | 'hold' | 'reject';
  score: number;
  reasons: SpamReason[];
}

/**
 * Weights are chosen against these two lines: a single "a human might do this" reason
 * holds a post for a moderator (≥ 1); only a sure bot sign (honeypot, forged stamp,
 * blocked domain) or several reasons together reject it (≥ 3). A reader's comment is
 * never dropped on one soft signal.
 */
export const HOLD_AT = 1;
export const REJECT_AT = 3;

export type Check = SpamReason | readonly SpamReason[] | null | undefined;

/**
 * Adds up the reasons of several checks into one verdict, heaviest reason first.
 *
 * @example
 *   combine(null, checkLinks(5)).action;       // 'hold'
 *   combine(checkHoneypot('http://x.test')).action; // 'reject'
 */
export function combine(...checks: Check[]): SpamVerdict {
  const reasons: SpamReason[] = [];
  for (const check of checks) {
    if (isReason(check)) reasons.push(check);
    else if (check) reasons.push(...check);
  }
  reasons.sort((a, b) => b.weight - a.weight);
  const score = Math.round(reasons.reduce((sum, r) => sum + r.weight, 0) * 100) / 100;
  const action = score >= REJECT_AT ? 'reject' : score >= HOLD_AT ? 'hold' : 'accept';
  return { action, score, reasons };
}

/**
 * A hidden form field people never see and bots fill in.
 *
 * @example
 *   checkHoneypot('');                   // null
 *   checkHoneypot('https://x.test')?.code; // 'honeypot'
 */
export function checkHoneypot(value: string | null | undefined, field = 'website'): SpamReason | null {
  if (!value || value.trim() === '') return null;
  return { code: 'honeypot', detail: `hidden field "${field}" was filled in`, weight: 3 };
}

/**
 * Too many links. The caller counts them (it knows whether Markdown links count once).
 *
 * @example
 *   checkLinks(4)?.detail; // '4 links (at most 3)'
 */
export function checkLinks(linkCount: number, { maxLinks = 3 }: { maxLinks?: number } = {}): SpamReason | null {
  if (linkCount <= maxLinks) return null;
  // Far over the limit is what link-drop bots do; just over it is what a diligent reader
  // quoting sources does.
  const weight = linkCount > maxLinks * 2 ? 2 : 1;
  return { code: 'too_many_links', detail: `${linkCount} links (at most ${maxLinks})`, weight };
}

/**
 * A fingerprint of a body for duplicate detection: SHA-256 of `normaliseBody(text)`.
 * Null for bodies too short to tell apart ("Danke!", "+1", "Sehr gut geschrieben"),
 * which many readers legitimately write under many articles.
 *
 * @example
 *   bodyFingerprint('Great post! Visit my site.') === bodyFingerprint('great post visit my SITE'); // true
 *   bodyFingerprint('Danke!'); // null
 */
export function bodyFingerprint(text: string): string | null {
  const normal = normaliseBody(text);
  if (normal.length < MIN_FINGERPRINT_CHARS || normal.split(' ').length < MIN_FINGERPRINT_WORDS) return null;
  return createHash('sha256').update(normal).digest('hex').slice(0, 32);
}

const MIN_FINGERPRINT_CHARS = 20;
const MIN_FINGERPRINT_WORDS = 4;

/** One post as duplicate detection sees it; `identity` is e.g. an e-mail hash. */
export interface PostTrace {
  fingerprint: string | null;
  articleId: string | number;
  identity?: string | null;
  ipHash?: string | null;
  at: Date;
}

export interface DuplicateOptions {
  /** Same body from the same identity or IP hash within this many hours (default 24). */
  withinHours?: number;
  /** Same body under this many different articles (default 3) … */
  acrossArticles?: number;
  /** … within this many hours (default 168), whoever posted it. */
  acrossHours?: number;
}

/**
 * Duplicates: the same body again from the same person, or one body spread over several
 * articles. `earlier` are posts the caller found by fingerprint (others are ignored).
 *
 * @example
 *   checkDuplicate(post, await comments.byFingerprint(post.fingerprint, since));
 */
export function checkDuplicate(
  post: PostTrace,
  earlier: readonly PostTrace[],
  { withinHours = 24, acrossArticles = 3, acrossHours = 168 }: DuplicateOptions = {},
): SpamReason[] {
  if (!post.fingerprint) return [];
  const ageHours = (p: PostTrace) => (post.at.getTime() - p.at.getTime()) / 3_600_000;
  const same = earlier.filter((p) => p.fingerprint === post.fingerprint && ageHours(p) >= 0);
  const reasons: SpamReason[] = [];
  const byAuthor = same.filter(
    (p) =>
      ageHours(p) <= withinHours &&
      ((!!post.identity && p.identity === post.identity) || (!!post.ipHash && p.ipHash === post.ipHash)),
  );
  if (byAuthor.length > 0) {
    const detail = `same text as ${byAuthor.length} post(s) from the same sender within ${withinHours} h`;
    reasons.push({ code: 'duplicate_same_sender', detail, weight: 2 });
  }
  const articles = new Set([post.articleId, ...same.filter((p) => ageHours(p) <= acrossHours).map((p) => p.articleId)]);
  if (articles.size >= acrossArticles) {
    const detail = `same text under ${articles.size} articles within ${acrossHours} h`;
    reasons.push({ code: 'duplicate_across_articles', detail, weight: 2 });
  }
  return reasons;
}

export interface Blocklist {
  /** Words or phrases, matched as whole words, case-insensitively. */
  words?: readonly string[];
  /** Domains; a link to the domain or any subdomain of it matches. */
  domains?: readonly string[];
}

/**
 * Blocked words and link domains from the newsroom's lists; the detail names them so a
 * moderator can tell a hit on a spam word from a hit on an ordinary one.
 *
 * @example
 *   checkBlocklist({ text: 'Buy at https://shop.pills.test', hosts: ['shop.pills.test'] }, { domains: ['pills.test'] });
 *   // [{ code: 'blocked_domain', detail: 'links to blocked domain pills.test (shop.pills.test)', weight: 3 }]
 */
export function checkBlocklist(input: { text: string; hosts: readonly string[] }, list: Blocklist): SpamReason[] {
  const reasons: SpamReason[] = [];
  const normal = ` ${normaliseBody(input.text)} `;
  const words = (list.words ?? []).map(normaliseBody).filter((w) => w !== '' && normal.includes(` ${w} `));
  if (words.length > 0) {
    // Soft: a blocked word may appear in a quote or in a reader's complaint about it.
    reasons.push({ code: 'blocked_word', detail: `contains blocked word(s): ${unique(words).join(', ')}`, weight: 2 });
  }
  const hits: string[] = [];
  for (const domain of (list.domains ?? []).map(normaliseHost).filter(Boolean)) {
    const host = input.hosts.map(normaliseHost).find((h) => h === domain || h.endsWith(`.${domain}`));
    if (host) hits.push(host === domain ? domain : `${domain} (${host})`);
  }
  if (hits.length > 0) {
    reasons.push({ code: 'blocked_domain', detail: `links to blocked domain ${hits.join(', ')}`, weight: 3 });
  }
  return reasons;
}

/**
 * The classifier's opinion as a reason. It can hold a post but never reject one on its
 * own: a statistical guess should put a comment in front of a person, not drop it.
 *
 * @example
 *   checkClassifier(classifier.score(body))?.detail; // 'classifier: 0.97 spam (host:cheap-pills.example 0.99, …)'
 */
export function checkClassifier(
  result: { probability: number; tokens: readonly { token: string; spamminess: number }[] },
  { threshold = 0.5 }: { threshold?: number } = {},
): SpamReason | null {
  if (result.probability < threshold) return null;
  const why = result.tokens
    .filter((t) => t.spamminess > 0.5)
    .slice(0, 4)
    .map((t) => `${t.token} ${t.spamminess.toFixed(2)}`);
  const detail = `classifier: ${result.probability.toFixed(2)} spam${why.length ? ` (${why.join(', ')})` : ''}`;
  return { code: 'classifier', detail, weight: result.probability >= 0.99 ? 2 : 1 };
}

const isReason = (check: Check): check is SpamReason => !!check && 'code' in check;
const unique = (values: string[]) => [...new Set(values)];
