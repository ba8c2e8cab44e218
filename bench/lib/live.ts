/**
 * The live-discussion scenario: readers fetch 20 different articles while, on one of them,
 * comments (10/s) and likes (50/s) arrive through the public API. It shows what writes on
 * one article cost every reader of the site: page-cache hit rate, reader latency and rate,
 * and how many writes landed. Used by `npm run bench` and alone by `npm run bench:live`.
 *
 *   1. a data folder: the demo newsroom (discussion policy "none", see seed.ts), the
 *      showcase's 200 threaded comments plus enough later ones that every like can go to a
 *      different comment, and generated articles if the demo has fewer than 20;
 *   2. Blattwerk as a child (page cache on, rate limits off, /metrics behind a token);
 *   3. a 2 s readers-only warm-up, then rounds: wrk rotates the 20 paths while the writers
 *      send on their schedule; /metrics before and after gives the round's hits and misses,
 *      the comments API before and after gives what landed.
 *
 * @example
 *   const run = await liveDiscussion({ root, temp, command: 'npm run bench:live' });
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildServices, closeServices } from '../../src/app.js';
import { demoArticles } from '../../src/demo/content.js';
import { generateLargeSite } from '../../src/demo/generate.js';
import { loadConfig } from '../../src/platform/config.js';
import { startBlattwerk, type Blattwerk } from './blattwerk.js';
import { discussionState, pageCacheCounters, randomFrom, runWriters, shuffle } from './live-load.js';
import type { LiveRound, LiveRun } from './live-report.js';
import { describeMachine, waitForQuietMachine } from './machine.js';
import { cpuSecondsOf } from './newsletter-proc.js';
import { freePort, get } from './processes.js';
import { seedSite } from './seed.js';
import { runWrk } from './wrk.js';

export const LIVE_ARTICLE = 'haushaltsdebatte-im-stadtrat';
const ARTICLES = 20;
const THREADED_COMMENTS = 200;
const CONNECTIONS = 50;
/** Readers' requests slower than this count as errors in wrk and drop out of its percentiles. */
const READER_TIMEOUT_S = 30;
const WARMUP_S = 2;
const CSRF_META = /<meta name="csrf-token" content="([^"]*)">/;

export interface LiveOptions {
  /** The checkout to measure (holds bin/blattwerk.js and src/). */
  root: string;
  /** A temp folder that the caller removes. */
  temp: string;
  /** How the run was started, for the results. */
  command: string;
  /** Names the run in the results ("before (a5afca3)"); the commit by default. */
  label?: string;
  rounds?: number;
  secondsPerRound?: number;
  commentsPerSec?: number;
  likesPerSec?: number;
  log?: (line: string) => void;
}

/** The demo's published articles, then generated ones (`generiert-N`) up to `count`. */
function readerPaths(count: number): { slugs: string[]; generated: number } {
  const published = demoArticles.filter((a) => a.status !== 'scheduled').map((a) => a.slug);
  const slugs = [LIVE_ARTICLE, ...published.filter((slug) => slug !== LIVE_ARTICLE)].slice(0, count);
  const generated = count - slugs.length;
  for (let i = 1; i <= generated; i++) slugs.push(`generiert-${i}`);
  return { slugs, generated };
}

async function seedLiveSite(dataDir: string, likeTargets: number, generated: number): Promise<number> {
  const later = Math.max(0, likeTargets - THREADED_COMMENTS);
  // Two batches: the second's replies stay among themselves, so the first discussion page
  // (oldest threads first) keeps the showcase's 200 comments and its render cost.
  await seedSite(dataDir, [
    { slug: LIVE_ARTICLE, count: THREADED_COMMENTS },
    ...(later ? [{ slug: LIVE_ARTICLE, count: later }] : []),
  ]);
  if (generated > 0) {
    const services = await buildServices(loadConfig({ flags: { data: dataDir, 'log-level': 'silent' }, env: {} }));
    try {
      await generateLargeSite(services, { articles: generated, comments: generated * 20 });
    } finally {
      await closeServices(services);
    }
  }
  return THREADED_COMMENTS + later;
}

function rotationScript(file: string, paths: readonly string[]): void {
  writeFileSync(
    file,
    [
      `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }`,
      'local i = 0',
      'request = function()',
      '  i = (i % #paths) + 1',
      '  return wrk.format("GET", paths[i])',
      'end',
      '',
    ].join('\n'),
  );
}

export async function liveDiscussion(options: LiveOptions): Promise<LiveRun> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rounds = options.rounds ?? 5;
  const seconds = options.secondsPerRound ?? 10;
  const commentsPerSec = options.commentsPerSec ?? 10;
  const likesPerSec = options.likesPerSec ?? 50;
  const startedAt = Date.now();
  const machine = describeMachine(options.root);
  const { slugs, generated } = readerPaths(ARTICLES);
  const paths = slugs.map((slug) => `/${slug}/`);

  const dataDir = join(options.temp, 'live-data');
  // Every like needs a comment not liked yet; comments posted during the run count too.
  const likeTargets = Math.ceil(likesPerSec * seconds * rounds * 1.1);
  log(`live: seeding the demo and ${likeTargets.toLocaleString('en-US')} comments on /${LIVE_ARTICLE}/ …`);
  const seedStarted = Date.now();
  const seeded = await seedLiveSite(dataDir, likeTargets, generated);
  log(`live: seeded in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);

  const metricsToken = randomBytes(18).toString('base64url');
  const server: Blattwerk = await startBlattwerk({
    root: options.root,
    dataDir,
    port: await freePort(),
    demo: false,
    pageCache: true,
    logFile: join(options.temp, 'blattwerk-live.log'),
    env: { BLATTWERK_RATE_LIMITS: 'off', BLATTWERK_METRICS_TOKEN: metricsToken },
  });
  try {
    const base = server.url;
    log(`live: Blattwerk at ${base}`);
    for (const path of paths) {
      const page = await get(`${base}${path}`);
      if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}, not 200`);
    }
    const token = CSRF_META.exec((await get(`${base}/${LIVE_ARTICLE}/`)).body.toString('utf8'))?.[1];
    if (!token) throw new Error(`no <meta name="csrf-token"> on /${LIVE_ARTICLE}/`);
    const notes: string[] = [];
    if ((await pageCacheCounters(base, metricsToken)) === null) notes.push('The server published no page-cache counters at /metrics: no hit rate.');

    const first = await discussionState(base, LIVE_ARTICLE);
    const likePool = shuffle(first.ids, randomFrom(20261125));
    const script = join(options.temp, 'live-readers.lua');
    rotationScript(script, paths);
    const readers = { url: base, threads: 1, connections: CONNECTIONS, timeoutS: READER_TIMEOUT_S, headers: { 'Accept-Encoding': 'gzip' }, script };

    await waitForQuietMachine();
    await runWrk({ ...readers, durationS: WARMUP_S });
    let readerCommand = '';
    const results: LiveRound[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const path of paths) await get(`${base}${path}`); // every round starts with the pages cached
      const before = await discussionState(base, LIVE_ARTICLE);
      await waitForQuietMachine();
      const load = loadavg()[0]!;
      const counters0 = await pageCacheCounters(base, metricsToken);
      const cpu0 = cpuSecondsOf(server.child.pid!);
      const wall0 = performance.now();
      const [wrk, writes] = await Promise.all([
        runWrk({ ...readers, durationS: seconds }),
        runWriters({ base, slug: LIVE_ARTICLE, token, commentsPerSec, likesPerSec, durationMs: seconds * 1000, likePool, round }),
      ]);
      const cpu1 = cpuSecondsOf(server.child.pid!);
      const wall = (performance.now() - wall0) / 1000;
      const counters1 = await pageCacheCounters(base, metricsToken);
      const after = await discussionState(base, LIVE_ARTICLE);
      readerCommand = wrk.command.replace(base, '<server>').replace(script, 'live-readers.lua');
      const r = wrk.result;
      // The second /metrics request is itself a page-cache lookup (a miss): not a reader's.
      const hits = counters0 && counters1 ? counters1.hits - counters0.hits : null;
      const misses = counters0 && counters1 ? counters1.misses - counters0.misses - 1 : null;
      const result: LiveRound = {
        hits,
        misses,
        hitRate: hits !== null && misses !== null && hits + misses > 0 ? hits / (hits + misses) : null,
        loadAtStart: load,
        serverCpu: cpu0 !== null && cpu1 !== null && wall > 0 ? (cpu1 - cpu0) / wall : null,
        readerRequests: r.requests,
        readerRps: r.requestsPerSec,
        readerBytes: r.requests > 0 ? r.bytesRead / r.requests : null,
        readerP50Ms: r.p50Ms,
        readerP99Ms: r.p99Ms,
        readerErrors: r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout,
        readerNon2xx: r.non2xx3xx,
        comments: { ...writes.comments, landed: after.total - before.total },
        likes: { ...writes.likes, landed: after.likes - before.likes },
      };
      results.push(result);
      log(
        `live: round ${round}/${rounds}: hit rate ${result.hitRate === null ? '–' : `${(result.hitRate * 100).toFixed(1)} %`} (${hits} hits, ${misses} misses) · ` +
          `readers ${Math.round(r.requestsPerSec)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms · comments ${result.comments.landed}/${writes.comments.sent} · likes ${result.likes.landed}/${writes.likes.sent}`,
      );
    }
    const serverCommand = server.command.replace(metricsToken, '<random>').replace(/--data \S+/, '--data <tmp>/live-data');
    return {
      label: options.label ?? machine.commit,
      machine,
      rounds: results,
      secondsPerRound: seconds,
      commentsPerSec,
      likesPerSec,
      liveArticle: LIVE_ARTICLE,
      articles: slugs,
      seededComments: seeded,
      readerCommand: `${readerCommand} (live-readers.lua rotates the ${paths.length} paths)`,
      serverCommand,
      command: options.command,
      totalSeconds: (Date.now() - startedAt) / 1000,
      notes,
    };
  } finally {
    await server.stop();
  }
}
