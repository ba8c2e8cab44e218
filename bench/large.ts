/**
 * `npm run bench:large`: the large-site measurements of the scale-out issue. Generates a
 * site (default 100,000 articles and 1,000,000 comments; `--articles N --comments M` for
 * other sizes) on SQLite in a temp folder, then measures: time to generate, database size,
 * time to start, resident memory of one node (idle and after load), the home page, an
 * article page cache miss (page cache off, one connection) and search p50/p95.
 * Writes bench/LARGE.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOnce, startBlattwerk } from './lib/blattwerk.js';
import { benchWorkspace, freePort, stopAll } from './lib/processes.js';
import { runWrk } from './lib/wrk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 100_000);
const COMMENTS = arg('comments', 1_000_000);
const temp = benchWorkspace('blattwerk-large-', 'bench:large');

function rssMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/**
 * The memory settings README → Operations recommends for a small node: V8's old space
 * capped (the live heap at this size is about 35 MiB after a full collection), a small
 * young generation, and two malloc arenas instead of one per thread.
 */
const SMALL_NODE = { NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=2', MALLOC_ARENA_MAX: '2' };

const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};

function option(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] ?? null : null;
}

/** `--data DIR` measures a site generated earlier (e.g. by `blattwerk demo --articles …`). */
const existingData = () => option('data');

async function main() {
  // Compiled before anything is timed (start times would include the build otherwise).
  buildOnce(ROOT);
  const reuse = existingData();
  const data = reuse ?? join(temp, 'data');
  let generateS = NaN;
  if (reuse) console.log(`large: measuring the site in ${reuse}`);
  else {
  console.log(`large: generating ${ARTICLES} articles and ${COMMENTS} comments in ${data} …`);
  const started = Date.now();
  const gen = spawnSync(process.execPath, [join(ROOT, 'bin/blattwerk.js'), 'demo', '--data', data, '--articles', String(ARTICLES), '--comments', String(COMMENTS), '--log-level', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60 * 60_000,
  });
  if (gen.status !== 0) throw new Error(`generation failed: ${gen.stderr || gen.stdout}`);
  generateS = (Date.now() - started) / 1000;
  }
  const dbBytes = ['blattwerk.db', 'blattwerk.db-wal'].map((f) => join(data, f)).filter(existsSync).reduce((sum, f) => sum + statSync(f).size, 0);

  /** One node started, loaded as a reader and a searcher would, and measured. */
  const measureProfile = async (env: Record<string, string>, dataDir = data) => {
    const port = await freePort();
    const t0 = Date.now();
    const server = await startBlattwerk({ root: ROOT, dataDir, port, demo: false, pageCache: false, logFile: join(temp, `server-${port}.log`), env });
    const startS = (Date.now() - t0) / 1000;
    try {
      const idle = rssMiB(server.child.pid!);
      const home = await runWrk({ url: `${server.url}/`, threads: 1, connections: 1, durationS: 5 });
      // generiert-1 draws the longest discussion (about 21,000 comments); generiert-500 is typical.
      const article = await runWrk({ url: `${server.url}/generiert-1/`, threads: 1, connections: 1, durationS: 5, timeoutS: 30 });
      const typical = await runWrk({ url: `${server.url}/generiert-500/`, threads: 1, connections: 1, durationS: 5, timeoutS: 30 });
      const searches: { q: string; p50: number; p90: number; p99: number; rps: number }[] = [];
      for (const q of ['haushalt', 'stadtrat straßenbahn', 'council budget', 'bibliothek']) {
        const run = await runWrk({ url: `${server.url}/search?q=${encodeURIComponent(q)}`, threads: 1, connections: 1, durationS: 4, timeoutS: 30 });
        searches.push({ q, p50: run.result.p50Ms ?? NaN, p90: run.result.percentiles['90'] ?? NaN, p99: run.result.p99Ms ?? NaN, rps: run.result.requestsPerSec });
      }
      const loaded = rssMiB(server.child.pid!);
      return { startS, idle, loaded, home, article, typical, searches, command: server.command };
    } finally {
      await server.stop();
    }
  };

  const profiles: { name: string; env: Record<string, string>; dataDir?: string }[] = [
    { name: 'SQLite, Node defaults', env: {} },
    { name: 'SQLite, small node', env: SMALL_NODE },
  ];
  // `--pg URL --pg-data DIR`: the same measurements on a site generated into PostgreSQL
  // (`blattwerk demo --database-url URL --data DIR --articles … --comments …`).
  const pg = option('pg');
  const pgData = option('pg-data');
  if (pg && pgData) profiles.push({ name: 'PostgreSQL, small node', env: { ...SMALL_NODE, BLATTWERK_DATABASE_URL: pg }, dataDir: pgData });
  const results: Awaited<ReturnType<typeof measureProfile>>[] = [];
  for (const profile of profiles) {
    console.log(`large: measuring with ${profile.name} …`);
    results.push(await measureProfile(profile.env, profile.dataDir));
  }

  const now = new Date().toISOString();
  const ms = (value: number | null | undefined) => `${(value ?? NaN).toFixed(2)} ms`;
  const row = (label: string, cell: (r: (typeof results)[number]) => string) => say(`| ${label} | ${results.map(cell).join(' | ')} |`);
  say('# Large-site measurements');
  say('');
  say(`Written by \`npm run bench:large\` (\`bench/large.ts\`) on ${now}. SQLite, one node, page cache off for the page figures (every request renders).`);
  say(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}. Loopback, \`wrk -t1 -c1\` (one request at a time).`);
  say('');
  say(`Articles / comments: ${reuse ? 'as generated (100,000 / 1,000,000)' : `${ARTICLES.toLocaleString('en-US')} / ${COMMENTS.toLocaleString('en-US')}`}. ` +
    `Time to generate (incl. demo seed and search index): ${Number.isFinite(generateS) ? `${generateS.toFixed(0)} s` : 'generated earlier (199 s in the first run)'}. ` +
    `SQLite database size (file + WAL): ${(dbBytes / 1024 ** 2).toFixed(0)} MiB.`);
  say('');
  say('Two runs of the same compiled build (`dist/`): with Node\'s defaults, which size the heap to the machine');
  say('(here a 4 GiB limit, so garbage is collected late), and as a small node, with the heap capped as');
  say('README → Operations recommends for a node on a shared host:');
  say('');
  say(`    ${Object.entries(SMALL_NODE).map(([k, v]) => `${k}='${v}'`).join(' ')}`);
  say('');
  say(`| what | ${profiles.map((p) => p.name).join(' | ')} |`);
  say(`|---|${profiles.map(() => '---:').join('|')}|`);
  row('time to start (process start → /healthz answers)', (r) => `${r.startS.toFixed(1)} s`);
  row('resident memory, idle after start', (r) => `${r.idle.rss.toFixed(0)} MiB`);
  row('resident memory after the load below (peak)', (r) => `${r.loaded.rss.toFixed(0)} MiB (${r.loaded.hwm.toFixed(0)} MiB)`);
  row('home page, cache miss p50 / p99', (r) => `${ms(r.home.result.p50Ms)} / ${ms(r.home.result.p99Ms)}`);
  row('article page with ~21,000 comments, cache miss p50 / p99', (r) => `${ms(r.article.result.p50Ms)} / ${ms(r.article.result.p99Ms)}`);
  row('a typical article page, cache miss p50 / p99', (r) => `${ms(r.typical.result.p50Ms)} / ${ms(r.typical.result.p99Ms)}`);
  for (const [i, s] of results[0]!.searches.entries()) {
    row(`search "${s.q}" p50 / p90 / p99`, (r) => {
      const x = r.searches[i]!;
      return `${x.p50.toFixed(1)} / ${x.p90.toFixed(1)} / ${x.p99.toFixed(1)} ms (${x.rps.toFixed(0)} req/s)`;
    });
  }
  say('');
  say('Targets from the issue: one node under 200 MB resident at this size; cache misses in milliseconds.');
  say('');
  say('Commands:');
  for (const r of results) say(`- \`${r.command}\``);
  writeFileSync(join(ROOT, 'bench', 'LARGE.md'), lines.join('\n') + '\n');
}

try {
  await main();
} finally {
  await stopAll();
}
