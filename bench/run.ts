/**
 * `npm run bench`: Blattwerk against nginx serving the same bytes, in one run, on 127.0.0.1.
 *
 *   1. start Blattwerk (child process, demo data in a temp folder, page cache on);
 *   2. fetch the showcase article once, save its exact bytes as nginx's index.html, start
 *      a throw-away nginx (one worker, sendfile) on that folder, check both send the same body;
 *   3. wrk (-t1 -c50 -d8s --latency, after a 2 s warm-up) against: nginx, the cached
 *      article, the home page, /feed.xml, /search?q=haushalt; then, on a second Blattwerk
 *      with the page cache off, the article again (full renders, -c50 and -c1);
 *   4. the live discussion (lib/live.ts): readers of 20 articles while comments and likes
 *      arrive on one of them, on its own data folder and server;
 *   5. write bench/RESULTS.md (figures, ratio against the target, machine, history).
 *
 * Every child is ended on exit, on error and on SIGINT/SIGTERM; temp folders are removed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBlattwerk, type Blattwerk } from './lib/blattwerk.js';
import { describeMachine, hasProgram, waitForQuietMachine } from './lib/machine.js';
import { startNginx, type Nginx } from './lib/nginx.js';
import { benchWorkspace, freePort, get, stopAll, type RawResponse } from './lib/processes.js';
import { bytes, ms, rate, renderResults, type ByteCheck, type Measurement } from './lib/report.js';
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
/** The showcase carries 200 comments; another article a 5,000-comment discussion. */
const COMMENTS_ON_ARTICLE = 200;
const LONG_SLUG = demoArticles.find((a) => a.slug !== ARTICLE_SLUG && a.lang === 'de' && a.status !== 'scheduled')!.slug;
const LONG_DISCUSSION = 5000;
const SSE_READERS = 1000;
const SSE_ROUNDS = 10;
const TARGET_RATIO = 0.5;
const THREADS = 1;
const CONNECTIONS = 50;
const DURATION_S = 8;
const WARMUP_S = 2;
const SERIAL_DURATION_S = 5;
const startedAt = Date.now();

// ---------------------------------------------------------------------------------------
// Preconditions

function findNginx(): string | null {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) if (hasProgram(candidate, ['-v'])) return candidate;
  return null;
}

const nginxProgram = findNginx();
const wrkPresent = hasProgram('wrk', ['-v']);
if (!nginxProgram || !wrkPresent) {
  console.error(`bench: ${[!nginxProgram && 'nginx', !wrkPresent && 'wrk'].filter(Boolean).join(' and ')} not found. Install with:`);
  console.error('  apt-get install -y nginx wrk');
  process.exit(1);
}

// ---------------------------------------------------------------------------------------
// Cleanup, whatever happens

const temp = benchWorkspace('blattwerk-bench-', 'bench');

// ---------------------------------------------------------------------------------------
// Measuring

const CSRF_META = /<meta name="csrf-token" content="([^"]*)">/;

function maskToken(body: Buffer): { text: string; token: string | null } {
  const text = body.toString('latin1');
  const token = CSRF_META.exec(text)?.[1] ?? null;
  return { text: token ? text.split(token).join('\u0000TOKEN\u0000') : text, token };
}

function compareBodies(nginxBody: Buffer, blattwerkBody: Buffer): ByteCheck {
  const a = maskToken(nginxBody);
  const b = maskToken(blattwerkBody);
  return {
    nginxBytes: nginxBody.length,
    blattwerkBytes: blattwerkBody.length,
    sameLength: nginxBody.length === blattwerkBody.length,
    equalExceptToken: a.text === b.text && (a.token?.length ?? 0) === (b.token?.length ?? 0),
    tokenFound: a.token !== null && b.token !== null,
    identical: nginxBody.equals(blattwerkBody),
  };
}

interface Target {
  key: string;
  title: string;
  base: string;
  path: string;
  server: string;
  serverCommand: string;
  connections?: number;
  durationS?: number;
  note?: string;
}

async function measure(target: Target): Promise<Measurement> {
  const url = `${target.base}${target.path}`;
  const connections = target.connections ?? CONNECTIONS;
  const durationS = target.durationS ?? DURATION_S;
  const measurement: Measurement = {
    key: target.key,
    title: target.title,
    url: target.path,
    server: target.server,
    command: `wrk -t ${THREADS} -c ${connections} -d ${durationS}s --latency ${url}`,
    serverCommand: target.serverCommand,
    status: null,
    bodyBytes: null,
    headerBytes: null,
    result: null,
    error: null,
    ...(target.note ? { note: target.note } : {}),
  };
  console.log(`\n▶ ${target.title}: ${url}`);
  try {
    let first: RawResponse | null = null;
    for (let i = 0; i < 2; i++) first = await get(url); // fills the page cache where there is one
    const response = first!;
    measurement.status = response.status;
    measurement.bodyBytes = response.body.length;
    measurement.headerBytes = response.headerBytes;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}, not 200:\n${response.body.toString('utf8').slice(0, 500)}`);

    await waitForQuietMachine();
    await runWrk({ url, threads: THREADS, connections, durationS: WARMUP_S });
    const { result, command } = await runWrk({ url, threads: THREADS, connections, durationS });
    measurement.command = command;
    measurement.result = result;
    const errors = result.errors.connect + result.errors.read + result.errors.write + result.errors.timeout;
    console.log(
      `  ${rate(result.requestsPerSec)} req/s · p50 ${ms(result.p50Ms)} · p99 ${ms(result.p99Ms)} · ${bytes(response.body.length)} body + ${response.headerBytes} B headers` +
        `${errors ? ` · ${errors} socket errors` : ''}${result.non2xx3xx ? ` · ${result.non2xx3xx} non-2xx/3xx` : ''}`,
    );
    if (result.non2xx3xx > 0) measurement.note = `${measurement.note ?? ''} ${result.non2xx3xx} responses were not 2xx/3xx: the figures are not trustworthy.`.trim();
  } catch (error) {
    measurement.error = (error as Error).message;
    console.error(`  failed: ${measurement.error.split('\n')[0]}`);
  }
  return measurement;
}

interface Writes {
  markdown: string[];
  post: Measurement | null;
  fanOut: FanOutResult | null;
}

/** Comment POST throughput (wrk with a Lua script) and SSE fan-out to many readers. */
async function measureWrites(server: Blattwerk): Promise<Writes> {
  const markdown: string[] = [];
  const page = await get(`${server.url}${ARTICLE}`);
  const token = CSRF_META.exec(page.body.toString('utf8'))?.[1] ?? '';
  const api = `${server.url}/api/v1/articles/${ARTICLE_SLUG}/comments`;
  const script = join(temp, 'post.lua');
  writeFileSync(
    script,
    [
      'local counter = 0',
      `local token = "${token}"`,
      `local origin = "${server.url}"`,
      'request = function()',
      '  counter = counter + 1',
      '  local body = string.format(\'{"body":"Kommentar aus dem Lasttest Nummer %d-%d zur Haushaltsdebatte.","name":"Lasttest","email":"last@example.org"}\', counter, math.random(1000000000))',
      '  return wrk.format("POST", nil, { ["content-type"] = "application/json", ["x-csrf-token"] = token, ["origin"] = origin }, body)',
      'end',
    ].join('\n'),
  );
  let post: Measurement | null = null;
  console.log(`\n▶ comment POST throughput: ${api}`);
  try {
    await waitForQuietMachine();
    const { result, command } = await runWrk({ url: api, threads: THREADS, connections: 10, durationS: DURATION_S, script });
    post = {
      key: 'post', title: '(g) Blattwerk, comment POST (JSON API, published directly)', url: api.replace(server.url, ''), server: 'Blattwerk, rate limits off',
      command, serverCommand: server.command, status: 201, bodyBytes: null, headerBytes: null, result, error: null,
      note: 'Each request validates, screens (Bayes), renders Markdown, stores with fsync, and pushes the comment to live readers.',
    };
    console.log(`  ${rate(result.requestsPerSec)} comments/s · p50 ${ms(result.p50Ms)} · p99 ${ms(result.p99Ms)} · non-2xx ${result.non2xx3xx}`);
    markdown.push('## Comment posting', '', '| comments/s | p50 | p99 | non-2xx | command |', '|---:|---:|---:|---:|---|');
    markdown.push(`| ${rate(result.requestsPerSec)} | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${result.non2xx3xx} | \`${command}\` (Lua script posts unique JSON comments) |`, '');
  } catch (error) {
    markdown.push('## Comment posting', '', `Failed: ${(error as Error).message}`, '');
  }

  let fanOut: FanOutResult | null = null;
  console.log(`\n▶ SSE fan-out: ${SSE_READERS} readers, ${SSE_ROUNDS} comments`);
  try {
    fanOut = await sseFanOut({
      base: server.url,
      article: ARTICLE_SLUG,
      readers: SSE_READERS,
      rounds: SSE_ROUNDS,
      post: async (n) => {
        const res = await fetch(api, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: server.url },
          body: JSON.stringify({ body: `Live-Kommentar ${n} ${Date.now()}`, name: 'Live', email: 'live@example.org' }),
        });
        if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
      },
    });
    console.log(`  p50 ${ms(fanOut.p50Ms)} · p99 ${ms(fanOut.p99Ms)} · max ${ms(fanOut.maxMs)} · missed ${fanOut.missed}`);
    markdown.push('## Live comments (SSE fan-out)', '');
    markdown.push(`${SSE_READERS.toLocaleString('en-US')} readers hold an event stream open on the article; ${SSE_ROUNDS} comments are posted one after another through the API.`);
    markdown.push('Each figure is the time from sending the POST until a reader has the rendered comment (all readers in one client process on loopback).', '');
    markdown.push('| readers | comments | deliveries | p50 | p99 | max | missed |', '|---:|---:|---:|---:|---:|---:|---:|');
    markdown.push(`| ${fanOut.readers} | ${fanOut.rounds} | ${fanOut.samples} | ${ms(fanOut.p50Ms)} | ${ms(fanOut.p99Ms)} | ${ms(fanOut.maxMs)} | ${fanOut.missed} |`, '');
  } catch (error) {
    markdown.push('## Live comments (SSE fan-out)', '', `Failed: ${(error as Error).message}`, '');
  }
  return { markdown, post, fanOut };
}

async function main(): Promise<number> {
  await waitForQuietMachine();
  const machine = describeMachine(ROOT);
  console.log(`bench: ${machine.cpuModel}, ${machine.logicalCores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, nginx ${machine.nginx}, wrk ${machine.wrk}`);
  console.log(`bench: temp folder ${temp}`);

  const dataDir = join(temp, 'data');
  const nginxPrefix = join(temp, 'nginx');
  const nginxRoot = join(nginxPrefix, 'html');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(nginxRoot, { recursive: true });

  const measurements: Measurement[] = [];
  let byteCheck: ByteCheck | null = null;
  let failure: string | null = null;

  // 1. The demo newsroom plus discussions, then Blattwerk with its page cache on it.
  console.log(`bench: seeding the demo, ${COMMENTS_ON_ARTICLE} comments on ${ARTICLE} and ${LONG_DISCUSSION} on /${LONG_SLUG}/ …`);
  const seedStarted = Date.now();
  await seedSite(dataDir, [
    { slug: ARTICLE_SLUG, count: COMMENTS_ON_ARTICLE },
    { slug: LONG_SLUG, count: LONG_DISCUSSION },
  ]);
  console.log(`bench: seeded in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
  let server: Blattwerk | null = await startBlattwerk({
    root: ROOT,
    dataDir,
    port: await freePort(),
    demo: false,
    pageCache: true,
    logFile: join(temp, 'blattwerk.log'),
  });
  console.log(`bench: Blattwerk at ${server.url}`);

  // 2. The article's exact bytes, served by nginx from disk.
  const article = await get(`${server.url}${ARTICLE}`);
  if (article.status !== 200) throw new Error(`GET ${ARTICLE} answered ${article.status}; is the demo showcase article there?`);
  writeFileSync(join(nginxRoot, 'index.html'), article.body);
  let nginx: Nginx | null = await startNginx({ prefix: nginxPrefix, root: nginxRoot, port: await freePort(), nginx: nginxProgram! });
  const nginxUrl = `http://127.0.0.1:${nginx.port}`;
  console.log(`bench: nginx at ${nginxUrl} (config ${nginx.configFile})`);

  const fromNginx = await get(`${nginxUrl}/`);
  const again = await get(`${server.url}${ARTICLE}`);
  byteCheck = compareBodies(fromNginx.body, again.body);
  console.log(
    `bench: same bytes? nginx body ${bytes(byteCheck.nginxBytes)}, Blattwerk body ${bytes(byteCheck.blattwerkBytes)}: ` +
      `same length ${byteCheck.sameLength ? 'yes' : 'NO'}, equal except CSRF token ${byteCheck.equalExceptToken ? 'yes' : 'NO'}, ` +
      `byte-identical ${byteCheck.identical ? 'yes' : 'no'}`,
  );
  if (!byteCheck.sameLength || !byteCheck.equalExceptToken) failure = 'nginx and Blattwerk did not send the same article bytes';

  // 3. The load runs, one after another.
  const nginxCommand = `${nginxProgram} -e <tmp>/nginx/error.log -p <tmp>/nginx -c <tmp>/nginx/nginx.conf`;
  const cached = 'Blattwerk, page cache on';
  measurements.push(await measure({ key: 'nginx', title: `(a) nginx, static copy of the article (1,200 words, ${COMMENTS_ON_ARTICLE} comments)`, base: nginxUrl, path: '/', server: 'nginx (1 worker, sendfile, from disk)', serverCommand: nginxCommand }));
  measurements.push(await measure({ key: 'article', title: `(b) Blattwerk, the same article from the page cache`, base: server.url, path: ARTICLE, server: cached, serverCommand: server.command }));
  measurements.push(await measure({ key: 'home', title: '(c) Blattwerk, home page', base: server.url, path: '/', server: cached, serverCommand: server.command }));
  measurements.push(await measure({ key: 'feed', title: '(d) Blattwerk, /feed.xml', base: server.url, path: '/feed.xml', server: cached, serverCommand: server.command }));
  measurements.push(await measure({ key: 'search', title: '(e) Blattwerk, search (not cached)', base: server.url, path: '/search?q=haushalt', server: cached, serverCommand: server.command }));

  await nginx.stop();
  nginx = null;
  await server.stop();
  server = null;

  // Cache misses: a second server on the same data, page cache off, so every request renders.
  console.log('\nbench: starting Blattwerk with the page cache off …');
  server = await startBlattwerk({
    root: ROOT,
    dataDir,
    port: await freePort(),
    demo: false,
    pageCache: false,
    logFile: join(temp, 'blattwerk-nocache.log'),
  });
  const uncached = 'Blattwerk, page cache off (every request renders)';
  measurements.push(
    await measure({
      key: 'miss',
      title: '(f) Blattwerk, article render (cache miss), 50 connections',
      base: server.url,
      path: ARTICLE,
      server: uncached,
      serverCommand: server.command,
      note: 'Throughput of full renders; latency includes queueing behind 49 other connections.',
    }),
  );
  measurements.push(
    await measure({
      key: 'miss-serial',
      title: '(f′) Blattwerk, article render (cache miss), 1 connection',
      base: server.url,
      path: ARTICLE,
      server: uncached,
      serverCommand: server.command,
      connections: 1,
      durationS: SERIAL_DURATION_S,
      note: 'One request at a time: p50 is the render time of one page as a reader sees it on loopback.',
    }),
  );
  measurements.push(
    await measure({
      key: 'miss-long-serial',
      title: `(f″) Blattwerk, render of an article with ${LONG_DISCUSSION.toLocaleString('en-US')} comments (cache miss), 1 connection`,
      base: server.url,
      path: `/${LONG_SLUG}/`,
      server: uncached,
      serverCommand: server.command,
      connections: 1,
      durationS: SERIAL_DURATION_S,
      note: 'The first page of the discussion (50 threads with their replies) is rendered; later pages load on demand.',
    }),
  );
  await server.stop();
  server = null;

  // Writes: comment posting and the live stream, on a cached server without rate limits
  // (they would stop a load generator from one address after eight comments).
  console.log('\nbench: starting Blattwerk for the write benchmarks (rate limits off) …');
  server = await startBlattwerk({
    root: ROOT,
    dataDir,
    port: await freePort(),
    demo: false,
    pageCache: true,
    logFile: join(temp, 'blattwerk-writes.log'),
    env: { BLATTWERK_RATE_LIMITS: 'off' },
  });
  const writes = await measureWrites(server);
  await server.stop();
  server = null;

  // 4. The live discussion.
  console.log('\nbench: live discussion (readers of 20 articles, comments and likes on one) …');
  let live: LiveRun | Error;
  try {
    live = await liveDiscussion({ root: ROOT, temp, command: 'npm run bench' });
  } catch (error) {
    live = error as Error;
    console.error(`  failed: ${live.message.split('\n')[0]}`);
  }

  // 5. Results.
  const find = (key: string) => measurements.find((m) => m.key === key)?.result ?? null;
  const a = find('nginx');
  const b = find('article');
  const ratio = a && b && a.requestsPerSec > 0 ? b.requestsPerSec / a.requestsPerSec : null;

  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : null;
  const markdown = renderResults(
    {
      machine,
      measurements,
      ratio,
      target: TARGET_RATIO,
      byteCheck,
      wrkShape: `wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION_S}s --latency`,
      warmupS: WARMUP_S,
      totalSeconds: (Date.now() - startedAt) / 1000,
      extras: [...writes.markdown, ...(live instanceof Error ? failedLiveSection(live, previous) : renderLiveSection(live, previous))],
    },
    previous,
  );
  writeFileSync(RESULTS, markdown);

  console.log('\n──────── summary ────────');
  for (const m of measurements) {
    console.log(
      `${m.title.padEnd(62)} ${m.result ? `${rate(m.result.requestsPerSec).padStart(8)} req/s  p50 ${ms(m.result.p50Ms).padStart(9)}  p99 ${ms(m.result.p99Ms).padStart(9)}` : 'FAILED'}`,
    );
  }
  if (ratio !== null) {
    console.log(`\nBlattwerk / nginx (cached article): ${ratio.toFixed(3)} — target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`);
  }
  console.log(`bench: wrote ${relative(process.cwd(), RESULTS) || RESULTS}`);

  const failed = measurements.filter((m) => !m.result);
  if (failed.length) failure ??= `${failed.length} measurement(s) failed: ${failed.map((m) => m.key).join(', ')}`;
  if (live instanceof Error) failure ??= 'the live-discussion scenario failed';
  if (failure) {
    console.error(`bench: ${failure}`);
    return 1;
  }
  return 0;
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
process.exit(code); // the workspace goes with the 'exit' handler
