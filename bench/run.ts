/**
 * `npm run bench`: Blattwerk against nginx serving the same bytes, on 127.0.0.1, measured so
 * that the figures can be trusted on a machine that is not quiet.
 *
 *   1. seed the demo with 200 comments on the showcase article and 5,000 on another;
 *   2. start Blattwerk with the page cache, Blattwerk without it (every request renders) and
 *      nginx (one worker, sendfile, `gzip_static` and `brotli_static`) serving Blattwerk's own
 *      identity, gzip and brotli bytes of the article; servers pinned to one core, wrk to the
 *      other (`taskset`), the same for both servers;
 *   3. check the bytes (identity, gzip and brotli bodies equal) and nginx itself: a plain
 *      static file is measured in every round, and an nginx reference more than 30 % below
 *      it is refused as broken (the ratio is then not reported as met);
 *   4. interleaved rounds (default 3): every target once per round, order rotating, the
 *      median taken; each run records the load average and the server's CPU time per
 *      request. Targets: nginx and Blattwerk with gzip, brotli and identity; home, feed,
 *      search; cache misses (50 and 1 connections, and a 5,000-comment article); a cached
 *      article read while 50 connections search or force cache misses;
 *   4b. the cached article against nginx side by side, per encoding: each round nginx,
 *      Blattwerk, Blattwerk, nginx in 2 s slices (lib/rounds.ts `paired`); this judges the
 *      0.8 target, since rounds minutes apart also measure how the host's speed drifted;
 *   5. comment posting (10 clients, rounds) and the SSE fan-out;
 *   6. the live discussion (lib/live.ts);
 *   7. bench/RESULTS.md: this run's figures, kept per label ("before", "after"), and the
 *      history line of every run.
 *
 * Options: `--rounds N` (3), `--seconds S` per run (5), `--label TEXT` (the commit),
 * `--server-root DIR` (measure another checkout's server, e.g. an older commit, with this
 * harness), `--seed-cache DIR` (reuse a seeded data folder between runs), `--no-live`.
 * Every child is ended on exit, on error and on SIGINT/SIGTERM; temp folders are removed.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { startBlattwerk, type Blattwerk } from './lib/blattwerk.js';
import { describeMachine, hasProgram } from './lib/machine.js';
import { startNginx } from './lib/nginx.js';
import { benchWorkspace, freePort, get, stopAll, type RawResponse } from './lib/processes.js';
import { bytes, ms, rate } from './lib/report.js';
import { pairedMedian, renderBench, type BenchReport, type TargetFigures, type ReferenceCheck, type EncodingCheck } from './lib/bench-report.js';
import { interleave, median, paired, pooledRate, type RoundRun, type RoundTarget } from './lib/rounds.js';
import { startStallWatch } from './lib/stalls.js';
import { runWrk } from './lib/wrk.js';
import { seedSite } from './lib/seed.js';
import { liveDiscussion } from './lib/live.js';
import { failedLiveSection, renderLiveSection, type LiveRun } from './lib/live-report.js';
import { sseFanOut, type FanOutResult } from './lib/sse.js';
import { demoArticles } from '../src/demo/content.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');
const ARTICLE_SLUG = 'haushaltsdebatte-im-stadtrat';
const ARTICLE = `/${ARTICLE_SLUG}/`;
const COMMENTS_ON_ARTICLE = 200;
const LONG_SLUG = demoArticles.find((a) => a.slug !== ARTICLE_SLUG && a.lang === 'de' && a.status !== 'scheduled')!.slug;
const LONG_DISCUSSION = 5000;
const SSE_READERS = 1000;
const SSE_ROUNDS = 10;
const TARGET_RATIO = 0.8;
/** An nginx reference this far below nginx's own plain file is broken, not a reference. */
const REFERENCE_FLOOR = 0.7;
const CONNECTIONS = 50;
/** Seconds per slice of the side-by-side comparison (nginx, Blattwerk, Blattwerk, nginx). */
const PAIRED_SLICE_S = 2;
const SEARCH = '/search?q=haushalt';
const startedAt = Date.now();

function option(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}
function whole(name: string, fallback: number, min: number, max: number): number {
  const text = option(name);
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`bench: --${name} takes a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return value;
}
const ROUNDS = whole('rounds', 3, 3, 15);
const SECONDS = whole('seconds', 5, 2, 60);
const WARMUP_S = 1;
const serverRoot = resolve(option('server-root') ?? ROOT);
const seedCache = option('seed-cache');
const withLive = !process.argv.includes('--no-live');

function findNginx(): string | null {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) if (hasProgram(candidate, ['-v'])) return candidate;
  return null;
}
const nginxProgram = findNginx();
if (!nginxProgram || !hasProgram('wrk', ['-v'])) {
  console.error('bench: nginx and wrk are needed. Install with:');
  console.error('  apt-get install -y nginx wrk libnginx-mod-http-brotli-static');
  process.exit(1);
}
// Two cores or more: servers on the last core, wrk (and this script) on the others.
const cores = availableParallelism();
const SERVER_CPU = cores >= 2 && hasProgram('taskset', ['-V']) ? String(cores - 1) : null;
const WRK_CPU = SERVER_CPU ? (cores === 2 ? '0' : `0-${cores - 2}`) : null;

const temp = benchWorkspace('blattwerk-bench-', 'bench');

const CSRF_META = /<meta name="csrf-token" content="([^"]*)">/;
const ENCODINGS = ['gzip', 'br', 'identity'] as const;
type Encoding = (typeof ENCODINGS)[number];

function decode(response: RawResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(response.body);
  if (encoding === 'br') return brotliDecompressSync(response.body);
  return response.body;
}

async function seed(dataDir: string): Promise<void> {
  if (seedCache && existsSync(join(seedCache, 'blattwerk.db'))) {
    console.log(`bench: copying the seeded data from ${seedCache}`);
    cpSync(seedCache, dataDir, { recursive: true });
    return;
  }
  console.log(`bench: seeding the demo, ${COMMENTS_ON_ARTICLE} comments on ${ARTICLE} and ${LONG_DISCUSSION} on /${LONG_SLUG}/ …`);
  const started = Date.now();
  await seedSite(dataDir, [
    { slug: ARTICLE_SLUG, count: COMMENTS_ON_ARTICLE },
    { slug: LONG_SLUG, count: LONG_DISCUSSION },
  ]);
  console.log(`bench: seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (seedCache) cpSync(dataDir, seedCache, { recursive: true });
}

/**
 * A Lua script for wrk: every request a new address (an extra `r` parameter the page ignores),
 * so every one is a page-cache miss and is rendered.
 */
function missScript(file: string, path: string): string {
  const joiner = path.includes('?') ? '&' : '?';
  writeFileSync(
    file,
    // wrk seeds Lua's random numbers the same way every run: the start time keeps a later
    // round from asking for the addresses of an earlier one (which the cache would have).
    ['local n = 0', 'local stamp = os.time()', 'request = function()', '  n = n + 1', `  return wrk.format("GET", "${path}${joiner}r=" .. stamp .. "-" .. n .. "-" .. math.random(1000000000))`, 'end', ''].join('\n'),
  );
  return file;
}

async function main(): Promise<number> {
  const machine = describeMachine(serverRoot);
  console.log(`bench: ${machine.cpuModel}, ${machine.logicalCores} cores, load ${machine.loadAverage}, Node ${machine.node}, nginx ${machine.nginx}, wrk ${machine.wrk}`);
  console.log(`bench: server ${serverRoot} at ${machine.commit}; servers on CPU ${SERVER_CPU ?? 'any'}, wrk on CPU ${WRK_CPU ?? 'any'}; ${ROUNDS} rounds of ${SECONDS} s`);
  const dataDir = join(temp, 'data');
  const nginxPrefix = join(temp, 'nginx');
  const nginxRoot = join(nginxPrefix, 'html');
  mkdirSync(join(nginxRoot, 'plain'), { recursive: true });
  await seed(dataDir);

  const portOf = async () => freePort();
  const cached: Blattwerk = await startBlattwerk({
    root: serverRoot, dataDir, port: await portOf(), demo: false, pageCache: true, logFile: join(temp, 'cached.log'),
    env: { BLATTWERK_RATE_LIMITS: 'off' }, cpu: SERVER_CPU ?? undefined,
  });
  const uncached: Blattwerk = await startBlattwerk({
    root: serverRoot, dataDir, port: await portOf(), demo: false, pageCache: false, logFile: join(temp, 'uncached.log'),
    args: ['--workers', 'false'], cpu: SERVER_CPU ?? undefined,
  });
  console.log(`bench: Blattwerk (cache) ${cached.url}, (no cache) ${uncached.url}`);

  // The article's exact bytes in each encoding, written for nginx to send as they are.
  const bodies = {} as Record<Encoding, RawResponse>;
  await get(`${cached.url}${ARTICLE}`); // fills the cache
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the copy's gzip and brotli bodies are made in the background
  for (const encoding of ENCODINGS) {
    bodies[encoding] = await get(`${cached.url}${ARTICLE}`, 15_000, encoding);
    if (bodies[encoding].status !== 200) throw new Error(`GET ${ARTICLE} (${encoding}) answered ${bodies[encoding].status}`);
  }
  writeFileSync(join(nginxRoot, 'index.html'), bodies.identity.body);
  writeFileSync(join(nginxRoot, 'plain', 'index.html'), bodies.identity.body);
  if (bodies.gzip.headers['content-encoding'] === 'gzip') writeFileSync(join(nginxRoot, 'index.html.gz'), bodies.gzip.body);
  if (bodies.br.headers['content-encoding'] === 'br') writeFileSync(join(nginxRoot, 'index.html.br'), bodies.br.body);
  const nginx = await startNginx({ prefix: nginxPrefix, root: nginxRoot, port: await freePort(), nginx: nginxProgram!, cpu: SERVER_CPU ?? undefined });
  const nginxUrl = `http://127.0.0.1:${nginx.port}`;
  console.log(`bench: nginx ${nginxUrl} (brotli_static ${nginx.brotli ? 'loaded' : 'NOT available'})`);

  const checks: EncodingCheck[] = [];
  const identity = bodies.identity.body;
  for (const encoding of ENCODINGS) {
    const fromNginx = await get(`${nginxUrl}/`, 15_000, encoding);
    const fromBlattwerk = bodies[encoding];
    checks.push({
      encoding,
      nginxEncoding: String(fromNginx.headers['content-encoding'] ?? 'identity'),
      blattwerkEncoding: String(fromBlattwerk.headers['content-encoding'] ?? 'identity'),
      nginxBytes: fromNginx.body.length,
      blattwerkBytes: fromBlattwerk.body.length,
      identical: fromNginx.body.equals(fromBlattwerk.body),
      decodesToPage: decode(fromBlattwerk).equals(identity) && decode(fromNginx).equals(identity),
      blattwerkHeaderBytes: fromBlattwerk.headerBytes,
      nginxHeaderBytes: fromNginx.headerBytes,
    });
  }
  for (const c of checks) console.log(`bench: ${c.encoding}: nginx ${c.nginxEncoding} ${bytes(c.nginxBytes)}, Blattwerk ${c.blattwerkEncoding} ${bytes(c.blattwerkBytes)}, identical ${c.identical ? 'yes' : 'NO'}, same page ${c.decodesToPage ? 'yes' : 'NO'}`);
  const token = CSRF_META.exec(identity.toString('utf8'))?.[1] ?? '';

  const group = (b: { child: { pid?: number } }) => b.child.pid ?? null;
  const searchScript = missScript(join(temp, 'search.lua'), SEARCH);
  const articleMisses = missScript(join(temp, 'article-misses.lua'), ARTICLE);
  const enc = (e: Encoding): Record<string, string> => (e === 'identity' ? {} : { 'Accept-Encoding': e });
  const browser = { 'Accept-Encoding': 'gzip, deflate, br' };
  const targets: (RoundTarget & { title: string; server: string })[] = [
    { key: 'nginx-plain', title: 'nginx, plain static file (the check; identity)', server: 'nginx', url: `${nginxUrl}/plain/`, group: group(nginx), connections: CONNECTIONS },
    { key: 'nginx-gzip', title: 'nginx, article, gzip_static', server: 'nginx', url: `${nginxUrl}/`, group: group(nginx), connections: CONNECTIONS, headers: enc('gzip') },
    { key: 'article-gzip', title: 'Blattwerk, cached article, gzip', server: 'cached', url: `${cached.url}${ARTICLE}`, group: group(cached), connections: CONNECTIONS, headers: enc('gzip') },
    { key: 'nginx-br', title: 'nginx, article, brotli_static', server: 'nginx', url: `${nginxUrl}/`, group: group(nginx), connections: CONNECTIONS, headers: enc('br') },
    { key: 'article-br', title: 'Blattwerk, cached article, brotli', server: 'cached', url: `${cached.url}${ARTICLE}`, group: group(cached), connections: CONNECTIONS, headers: enc('br') },
    { key: 'article-identity', title: 'Blattwerk, cached article, identity', server: 'cached', url: `${cached.url}${ARTICLE}`, group: group(cached), connections: CONNECTIONS },
    { key: 'home', title: 'Blattwerk, home page (browser encodings)', server: 'cached', url: `${cached.url}/`, group: group(cached), connections: CONNECTIONS, headers: browser },
    { key: 'feed', title: 'Blattwerk, /feed.xml (browser encodings)', server: 'cached', url: `${cached.url}/feed.xml`, group: group(cached), connections: CONNECTIONS, headers: browser },
    // Search pages are cached for 5 s (site/routes.ts): `search` gives each request a new
    // address, so every one is rendered (the word's snippets are still reused: a popular word);
    // `search-cached` is the same query over and over, as readers repeat a popular search.
    { key: 'search', title: 'Blattwerk, search (rendered: a new address each time), 50 connections', server: 'cached', url: `${cached.url}${SEARCH}`, script: searchScript, group: group(cached), connections: CONNECTIONS, headers: browser },
    { key: 'search-cached', title: 'Blattwerk, search (the same query again: page cache), 50 connections', server: 'cached', url: `${cached.url}${SEARCH}`, group: group(cached), connections: CONNECTIONS, headers: browser },
    // Cookie-less readers asking for a page while it renders share that render (request
    // collapsing, platform/threads.ts): `miss` gives each request a new address so that every
    // one is rendered; `miss-shared` asks for the article itself, as readers do.
    { key: 'miss', title: 'Blattwerk, article render (cache off, a new address each time), 50 connections', server: 'uncached', url: `${uncached.url}${ARTICLE}`, script: articleMisses, group: group(uncached), connections: CONNECTIONS, headers: browser },
    { key: 'miss-shared', title: 'Blattwerk, the article with the cache off (concurrent readers share renders), 50 connections', server: 'uncached', url: `${uncached.url}${ARTICLE}`, group: group(uncached), connections: CONNECTIONS, headers: browser },
    { key: 'miss-serial', title: 'Blattwerk, article render (cache off), 1 connection', server: 'uncached', url: `${uncached.url}${ARTICLE}`, group: group(uncached), connections: 1, headers: browser },
    { key: 'miss-long-serial', title: `Blattwerk, ${LONG_DISCUSSION.toLocaleString('en-US')}-comment article render (cache off), 1 connection`, server: 'uncached', url: `${uncached.url}/${LONG_SLUG}/`, group: group(uncached), connections: 1, headers: browser },
    {
      key: 'cached-under-search', title: 'Blattwerk, cached article (10 connections) while 50 connections search', server: 'cached',
      url: `${cached.url}${ARTICLE}`, group: group(cached), connections: 10, headers: browser,
      alongside: { url: `${cached.url}${SEARCH}`, connections: CONNECTIONS, script: searchScript },
    },
    {
      key: 'cached-under-misses', title: 'Blattwerk, cached article (10 connections) while 50 connections force cache misses', server: 'cached',
      url: `${cached.url}${ARTICLE}`, group: group(cached), connections: 10, headers: browser,
      alongside: { url: `${cached.url}${ARTICLE}`, connections: CONNECTIONS, script: missScript(join(temp, 'miss.lua'), ARTICLE) },
    },
  ];
  // Stops of the machine itself (lib/stalls.ts): a tail latency measured across one is the
  // host's, so the cached-under-load rows run again until they have clean rounds.
  const watch = await startStallWatch(Array.from({ length: cores }, (_, i) => String(i)));
  console.log(`bench: watching for stops of the machine (one watcher per CPU, ${watch.policy} class)`);
  const stopsOf = (run: RoundRun) => (run.stalls?.count ? ` · machine stopped ${run.stalls.count}× (worst ${run.stalls.worstMs.toFixed(0)} ms)` : '');
  const runs = await interleave(targets, {
    rounds: ROUNDS, durationS: SECONDS, warmupS: WARMUP_S, wrkCpu: WRK_CPU, watch,
    needsCleanRuns: (target) => target.key.startsWith('cached-under'),
    onRun: (target, run) => {
      const r = run.result;
      const side = run.alongside ? ` · alongside ${rate(run.alongside.requestsPerSec)} req/s p99 ${ms(run.alongside.p99Ms)}` : '';
      console.log(`  r${run.round} ${target.key.padEnd(20)} ${rate(r.requestsPerSec).padStart(8)} req/s p50 ${ms(r.p50Ms).padStart(8)} p99 ${ms(r.p99Ms).padStart(8)} cpu ${run.cpuUsPerRequest?.toFixed(1) ?? '–'} µs/req load ${run.load.toFixed(2)}${side}${stopsOf(run)}`);
    },
  });
  const figures: TargetFigures[] = targets.map((t) => ({ key: t.key, title: t.title, server: t.server, connections: t.connections, headers: t.headers ?? {}, runs: runs.get(t.key)! }));
  const medianRps = (key: string) => median(runs.get(key)!.map((r) => r.result.requestsPerSec));
  const reference: ReferenceCheck = {
    floor: REFERENCE_FLOOR,
    plain: medianRps('nginx-plain'),
    gzip: medianRps('nginx-gzip'),
    br: nginx.brotli ? medianRps('nginx-br') : Number.NaN,
    brotliModule: nginx.brotli,
  };
  const referenceOk = reference.gzip >= REFERENCE_FLOOR * reference.plain && (!nginx.brotli || reference.br >= REFERENCE_FLOOR * reference.plain);
  // The target is judged side by side (rounds.ts `paired`): nginx, Blattwerk, Blattwerk, nginx
  // in short slices, so that the host's drift between rounds does not enter the ratio.
  const byKey = (key: string) => targets.find((t) => t.key === key)!;
  const pairedRuns: NonNullable<BenchReport['paired']> = [];
  for (const encoding of ['gzip', 'br'] as const) {
    if (encoding === 'br' && !nginx.brotli) continue;
    const rounds = await paired(byKey(`nginx-${encoding}`), byKey(`article-${encoding}`), { rounds: ROUNDS, sliceS: PAIRED_SLICE_S, warmupS: WARMUP_S, wrkCpu: WRK_CPU, watch });
    for (const r of rounds) {
      console.log(`  r${r.round} side by side ${encoding}: nginx ${rate(pooledRate(r.reference))}, Blattwerk ${rate(pooledRate(r.subject))} req/s → ${r.ratio.toFixed(2)}${r.stopped ? ' (machine stopped)' : ''}`);
    }
    pairedRuns.push({ encoding, sliceS: PAIRED_SLICE_S, rounds });
  }
  await nginx.stop();
  await uncached.stop();

  // Every core: cache misses and search on one core (one process pinned to it) and on two
  // (`--processes 2`, not pinned; wrk shares the cores), cache off so that every request
  // renders. A single process not pinned is measured too: its render thread already takes the
  // second core, so `--processes 1` against 2 alone would not say whether the cores are used.
  const scaling: TargetFigures[] = [];
  const scaled: Blattwerk[] = [];
  const layouts = [
    { suffix: '1core', processes: 1, cpu: SERVER_CPU ?? undefined, title: '1 process pinned to one core' },
    { suffix: '1', processes: 1, cpu: undefined, title: '1 process, not pinned' },
    { suffix: '2', processes: 2, cpu: undefined, title: '2 processes, not pinned' },
  ].filter((layout) => layout.suffix !== '1core' || layout.cpu !== undefined);
  try {
    for (const layout of layouts) {
      scaled.push(await startBlattwerk({
        root: serverRoot, dataDir, port: await portOf(), demo: false, pageCache: false, logFile: join(temp, `scale-${layout.suffix}.log`),
        args: ['--workers', 'false', '--processes', String(layout.processes)], startTimeoutMs: 240_000, cpu: layout.cpu,
      }));
    }
    const scaleTargets: RoundTarget[] = scaled.flatMap((server, i) => [
      { key: `scale-miss-${layouts[i]!.suffix}`, url: `${server.url}${ARTICLE}`, script: articleMisses, group: group(server), connections: CONNECTIONS, headers: browser },
      { key: `scale-search-${layouts[i]!.suffix}`, url: `${server.url}${SEARCH}`, script: searchScript, group: group(server), connections: CONNECTIONS, headers: browser },
    ]);
    const scaleRuns = await interleave(scaleTargets, {
      rounds: ROUNDS, durationS: SECONDS, warmupS: WARMUP_S, wrkCpu: null, watch,
      // Both cores busy is when the host stops one (lib/stalls.ts): a run it stopped measures
      // the host, so every scaling row gets as many runs without a stop as there are rounds.
      needsCleanRuns: () => true,
      onRun: (target, run) => console.log(`  r${run.round} ${target.key.padEnd(20)} ${rate(run.result.requestsPerSec).padStart(8)} req/s p99 ${ms(run.result.p99Ms)} load ${run.load.toFixed(2)}${stopsOf(run)}`),
    });
    for (const t of scaleTargets) {
      const layout = layouts.find((l) => t.key.endsWith(`-${l.suffix}`))!;
      scaling.push({ key: t.key, title: `${t.key.startsWith('scale-miss') ? 'article render (cache off)' : 'search'}, ${layout.title}`, server: `processes ${layout.processes}`, connections: t.connections, headers: t.headers ?? {}, runs: scaleRuns.get(t.key)! });
    }
  } catch (error) {
    console.error(`bench: --processes not measured: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    for (const server of scaled) await server.stop();
  }
  figures.push(...scaling);

  // Writes: comment posting from 10 clients, then 1,000 live readers.
  const api = `${cached.url}/api/v1/articles/${ARTICLE_SLUG}/comments`;
  // One script per round: wrk seeds Lua's random numbers the same way every run, so without
  // the round in the text round 2 would repeat round 1's comments (refused as duplicates).
  const postScript = (round: number) => {
  const script = join(temp, `post-${round}.lua`);
  writeFileSync(
    script,
    [
      `local round = ${round}`,
      'local counter = 0',
      `local token = "${token}"`,
      `local origin = "${cached.url}"`,
      'request = function()',
      '  counter = counter + 1',
      // Each post from another reader (its own address): one address posting thousands a day
      // is what the rate limits (off here) stop, and its duplicate check reads all its comments.
      '  local body = string.format(\'{"body":"Kommentar aus dem Lasttest, Runde %d, Nummer %d-%d zur Haushaltsdebatte.","name":"Lasttest","email":"last-%d-%d@example.org"}\', round, counter, math.random(1000000000), round, counter)',
      '  return wrk.format("POST", nil, { ["content-type"] = "application/json", ["x-csrf-token"] = token, ["origin"] = origin }, body)',
      'end',
    ].join('\n'),
  );
  return script;
  };
  console.log(`\n▶ comment POST throughput: ${api}`);
  const posts: TargetFigures = { key: 'post', title: 'Blattwerk, comment POST (JSON API, 10 clients)', server: 'cached', connections: 10, headers: {}, runs: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const load = (await import('node:os')).loadavg()[0]!;
    const { groupCpuSeconds } = await import('./lib/rounds.js');
    const before = groupCpuSeconds(group(cached)!);
    const { result, command } = await runWrk({ url: api, threads: 1, connections: 10, durationS: SECONDS, script: postScript(round), cpu: WRK_CPU ?? undefined });
    const after = groupCpuSeconds(group(cached)!);
    posts.runs.push({ round, result, command, load, cpuUsPerRequest: before !== null && after !== null && result.requests ? ((after - before) * 1e6) / result.requests : null });
    console.log(`  r${round} ${rate(result.requestsPerSec)} comments/s · p50 ${ms(result.p50Ms)} · p99 ${ms(result.p99Ms)} · non-2xx ${result.non2xx3xx} · load ${load.toFixed(2)}`);
  }
  figures.push(posts);

  let fanOut: FanOutResult | Error;
  console.log(`\n▶ SSE fan-out: ${SSE_READERS} readers, ${SSE_ROUNDS} comments`);
  try {
    fanOut = await sseFanOut({
      base: cached.url, article: ARTICLE_SLUG, readers: SSE_READERS, rounds: SSE_ROUNDS,
      post: async (n) => {
        const res = await fetch(api, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: cached.url },
          body: JSON.stringify({ body: `Live-Kommentar ${n} ${Date.now()}`, name: 'Live', email: 'live@example.org' }),
        });
        if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
      },
    });
    console.log(`  p50 ${ms(fanOut.p50Ms)} · p99 ${ms(fanOut.p99Ms)} · max ${ms(fanOut.maxMs)} · missed ${fanOut.missed}`);
  } catch (error) {
    fanOut = error as Error;
  }
  await cached.stop();
  await watch.stop();

  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : null;
  let liveSection: string[] = [];
  let liveFailed = false;
  if (withLive) {
    console.log('\nbench: live discussion (readers of 20 articles, comments and likes on one) …');
    let live: LiveRun | Error;
    try {
      // As many rounds as the rest, of 10 s each (bench:live alone runs 5 by default).
      live = await liveDiscussion({ root: serverRoot, temp, command: 'npm run bench', label: option('label') ?? undefined, rounds: ROUNDS, secondsPerRound: 10 });
    } catch (error) {
      live = error as Error;
      console.error(`  failed: ${live.message.split('\n')[0]}`);
    }
    liveFailed = live instanceof Error;
    liveSection = live instanceof Error ? failedLiveSection(live, previous) : renderLiveSection(live, previous);
  }

  const report: BenchReport = {
    label: option('label') ?? machine.commit,
    machine,
    serverCpu: SERVER_CPU,
    wrkCpu: WRK_CPU,
    rounds: ROUNDS,
    seconds: SECONDS,
    warmupS: WARMUP_S,
    figures,
    checks,
    reference,
    referenceOk,
    target: TARGET_RATIO,
    fanOut: fanOut instanceof Error ? fanOut.message : fanOut,
    liveSection,
    paired: pairedRuns,
    totalSeconds: (Date.now() - startedAt) / 1000,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  };
  // Read again: bench:live or another section may have been written meanwhile.
  const latest = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : null;
  writeFileSync(RESULTS, renderBench(report, latest));
  console.log(`\nbench: wrote ${relative(process.cwd(), RESULTS) || RESULTS}`);
  const ratio = (e: 'gzip' | 'br' | 'identity') => medianRps(`article-${e}`) / (e === 'identity' ? reference.plain : e === 'gzip' ? reference.gzip : reference.br);
  for (const e of ['gzip', 'br', 'identity'] as const) console.log(`bench: Blattwerk / nginx ${e}: ${ratio(e).toFixed(3)} (medians)`);
  for (const p of pairedRuns) console.log(`bench: Blattwerk / nginx ${p.encoding}, side by side: ${pairedMedian(p.rounds).toFixed(3)} (judges the target)`);
  if (!referenceOk) {
    console.error('bench: the nginx reference is broken (more than 30 % below nginx\'s plain file): no ratio is claimed');
    return 1;
  }
  if (checks.some((c) => !c.decodesToPage)) {
    console.error('bench: nginx and Blattwerk did not send the same page');
    return 1;
  }
  return liveFailed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`bench: ${(error as Error).stack ?? String(error)}`);
  code = 1;
} finally {
  await stopAll();
}
process.exit(code);
