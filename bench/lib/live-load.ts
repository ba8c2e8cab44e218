/**
 * The writing side of the live-discussion benchmark, and what it reads back from the
 * server: comments and likes sent at fixed rates through the public JSON API (cookie-less,
 * with the anonymous CSRF token, as a browser's first write), the page-cache counters from
 * /metrics, and the discussion as the public API shows it (to count what landed).
 * Everything talks to 127.0.0.1 only and every loop ends by a deadline.
 *
 * @example
 *   const writes = await runWriters({ base, slug, token, commentsPerSec: 10, likesPerSec: 50, durationMs: 10_000, likePool });
 */
import type { WriteTally } from './live-report.js';
import { median } from './live-report.js';

const REQUEST_TIMEOUT_MS = 30_000;
const WORDS = (
  'Stadtrat Haushalt Kämmerin Schulden Schulen Straßenbahn Linie Bürger Verwaltung Antrag Sitzung Entscheidung ' +
  'richtig falsch teuer wichtig endlich warum Radweg Bibliothek Grundsteuer Mieten Kita Zuschuss Rücklage Kredit ' +
  'Fraktion Opposition Bürgermeisterin Anwohner Baustelle Lärmschutz Klimaschutz Bäume Ehrenamt Verein Haltestelle'
).split(' ');

function loopback(base: string): string {
  if (new URL(base).hostname !== '127.0.0.1') throw new Error(`refusing non-loopback URL ${base}`);
  return base;
}

/** A small deterministic generator (xorshift), so runs write the same texts. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

export function shuffle<T>(list: T[], next: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : null);

class Tally {
  sent = 0;
  acknowledged = 0;
  skipped = 0;
  failures: Record<string, number> = {};
  latencies: number[] = [];
  fail(what: string) {
    this.failures[what] = (this.failures[what] ?? 0) + 1;
  }
  result(): WriteTally {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return { sent: this.sent, acknowledged: this.acknowledged, skipped: this.skipped, failures: this.failures, p50Ms: median(sorted), p99Ms: percentile(sorted, 99) };
  }
}

export interface WriterOptions {
  base: string;
  slug: string;
  /** The anonymous CSRF token from the page's `<meta name="csrf-token">`. */
  token: string;
  commentsPerSec: number;
  likesPerSec: number;
  durationMs: number;
  /** Comment ids not liked yet; consumed from the front, new comments are added at the end. */
  likePool: number[];
  /** Distinguishes the texts of one round from another's. */
  round: number;
  /** Sends beyond this many unanswered requests are skipped (counted), not queued. */
  maxInFlight?: number;
}

export interface WriterResult {
  comments: WriteTally & { published: number };
  likes: WriteTally;
}

/**
 * Sends comments and likes on a fixed schedule (open loop: a slow server does not slow the
 * senders down, it collects unanswered requests up to `maxInFlight`), then waits for the
 * answers, at most REQUEST_TIMEOUT_MS more.
 */
export async function runWriters(options: WriterOptions): Promise<WriterResult> {
  const base = loopback(options.base);
  const headers = { 'x-csrf-token': options.token, origin: base };
  const maxInFlight = options.maxInFlight ?? 1000;
  const next = randomFrom(4711 + options.round);
  const comments = new Tally();
  const likes = new Tally();
  let published = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const ownTopLevel: number[] = [];

  const send = (tally: Tally, url: string, init: RequestInit, onOk: (body: unknown) => void) => {
    if (inFlight >= maxInFlight) {
      tally.skipped++;
      return;
    }
    tally.sent++;
    inFlight++;
    const started = performance.now();
    const done = fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
      .then(async (res) => {
        const text = await res.text();
        tally.latencies.push(performance.now() - started);
        if (res.status >= 200 && res.status < 300) {
          tally.acknowledged++;
          onOk(text ? (JSON.parse(text) as unknown) : null);
        } else {
          const code = /"code"\s*:\s*"([A-Z_]+)"/.exec(text)?.[1];
          tally.fail(`${res.status}${code ? ` ${code}` : ''}`);
        }
      })
      .catch((error: Error) => tally.fail(error.name === 'TimeoutError' ? 'timeout' : error.message))
      .finally(() => {
        inFlight--;
        pending.delete(done);
      });
    pending.add(done);
  };

  let commentNo = 0;
  const postComment = () => {
    const n = ++commentNo;
    const words = Array.from({ length: 12 + Math.floor(next() * 30) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
    // A third answer one of this run's own top-level comments (depth 1, never at the cap).
    const parentId = ownTopLevel.length && next() < 0.3 ? ownTopLevel[Math.floor(next() * ownTopLevel.length)]! : null;
    const body = JSON.stringify({
      body: `${words} (Runde ${options.round}, Beitrag ${n}, ${Math.floor(next() * 1e9)})`,
      name: `Live-Leserin ${n % 53}`,
      email: `live${n % 53}@example.org`,
      ...(parentId ? { parentId } : {}),
    });
    send(comments, `${base}/api/v1/articles/${options.slug}/comments`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body }, (answer) => {
      const { id, status } = (answer ?? {}) as { id?: number; status?: string };
      if (status === 'published') published++;
      // Only a published comment can be liked or answered (a held one is a 404 or a 400).
      if (typeof id === 'number' && status === 'published') {
        options.likePool.push(id);
        if (parentId === null) ownTopLevel.push(id);
      }
    });
  };
  const like = () => {
    const id = options.likePool.shift();
    if (id === undefined) {
      likes.skipped++;
      return;
    }
    // No body and no content type, as the page's script sends it (JSON with an empty body is a 400).
    send(likes, `${base}/api/v1/comments/${id}/like`, { method: 'POST', headers }, () => undefined);
  };

  const started = performance.now();
  let commentsDue = 0;
  let likesDue = 0;
  for (;;) {
    const elapsed = Math.min(performance.now() - started, options.durationMs);
    const wantComments = Math.floor((elapsed * options.commentsPerSec) / 1000);
    const wantLikes = Math.floor((elapsed * options.likesPerSec) / 1000);
    for (; commentsDue < wantComments; commentsDue++) postComment();
    for (; likesDue < wantLikes; likesDue++) like();
    if (elapsed >= options.durationMs) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const grace = new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS + 1000).unref());
  await Promise.race([Promise.allSettled([...pending]), grace]);
  return { comments: { ...comments.result(), published }, likes: likes.result() };
}

/** Page-cache hits and misses from /metrics, or null when the server has no such counters. */
export async function pageCacheCounters(base: string, token: string): Promise<{ hits: number; misses: number } | null> {
  const res = await fetch(`${loopback(base)}/metrics`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (res.status !== 200) return null;
  const text = await res.text();
  const read = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  };
  const hits = read('blattwerk_page_cache_hits_total');
  const misses = read('blattwerk_page_cache_misses_total');
  return hits === null || misses === null ? null : { hits, misses };
}

export interface DiscussionState {
  total: number;
  likes: number;
  ids: number[];
}

/** The article's comments as the public API lists them: count, sum of likes, ids. Bounded. */
export async function discussionState(base: string, slug: string, timeoutMs = 60_000): Promise<DiscussionState> {
  const deadline = Date.now() + timeoutMs;
  const state: DiscussionState = { total: 0, likes: 0, ids: [] };
  let cursor: string | null = null;
  for (let page = 0; page < 10_000; page++) {
    if (Date.now() > deadline) throw new Error(`listing the comments of ${slug} took longer than ${timeoutMs / 1000} s`);
    const url = `${loopback(base)}/api/v1/articles/${slug}/comments${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { comments: { id: number; likes: number; removed?: boolean }[]; total: number; nextCursor: string | null };
    state.total = body.total;
    for (const c of body.comments) {
      state.likes += c.likes;
      if (!c.removed) state.ids.push(c.id);
    }
    cursor = body.nextCursor;
    if (!cursor) return state;
  }
  throw new Error(`the comments of ${slug} did not end after 10,000 pages`);
}
