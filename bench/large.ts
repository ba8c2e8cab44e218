/**
 * `npm run bench:large`: the large-site measurements of the scale-out issue. Generates a
 * site (default 100,000 articles and 1,000,000 comments; `--articles N --comments M` for
 * other sizes) on SQLite in a temp folder, then measures: time to generate, database size,
 * time to start, resident memory of one node (idle and after load), the home page, an
 * article page cache miss (page cache off, one connection) and search p50/p95.
 * Writes bench/LARGE.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBlattwerk } from './lib/blattwerk.js';
import { freePort, killAllSync, stopAll } from './lib/processes.js';
import { runWrk } from './lib/wrk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 100_000);
const COMMENTS = arg('comments', 1_000_000);
const temp = mkdtempSync(join(tmpdir(), 'blattwerk-large-'));
process.on('exit', () => {
  killAllSync();
  rmSync(temp, { recursive: true, force: true });
});

function rssMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};

/** `--data DIR` measures a site generated earlier (e.g. by `blattwerk demo --articles …`). */
function existingData(): string | null {
  const i = process.argv.indexOf('--data');
  return i > 0 ? process.argv[i + 1] ?? null : null;
}

async function main() {
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

  const measureServer = async (pageCache: boolean) => {
    const port = await freePort();
    const t0 = Date.now();
    const server = await startBlattwerk({ root: ROOT, dataDir: data, port, demo: false, pageCache, logFile: join(temp, `server-${pageCache}.log`) });
    return { server, startS: (Date.now() - t0) / 1000 };
  };

  const { server, startS } = await measureServer(false);
  const idle = rssMiB(server.child.pid!);
  const home = await runWrk({ url: `${server.url}/`, threads: 1, connections: 1, durationS: 5 });
  // generiert-1 draws the longest discussion (about 21,000 comments); generiert-500 is typical.
  const article = await runWrk({ url: `${server.url}/generiert-1/`, threads: 1, connections: 1, durationS: 5, timeoutS: 30 });
  const typical = await runWrk({ url: `${server.url}/generiert-500/`, threads: 1, connections: 1, durationS: 5, timeoutS: 30 });
  // The article with the longest discussion (the generator concentrates comments).
  const searches: { q: string; p50: number; p90: number; p99: number; rps: number }[] = [];
  for (const q of ['haushalt', 'stadtrat straßenbahn', 'council budget', 'bibliothek']) {
    const run = await runWrk({ url: `${server.url}/search?q=${encodeURIComponent(q)}`, threads: 1, connections: 1, durationS: 4, timeoutS: 30 });
    searches.push({ q, p50: run.result.p50Ms ?? NaN, p90: run.result.percentiles['90'] ?? NaN, p99: run.result.p99Ms ?? NaN, rps: run.result.requestsPerSec });
  }
  const loaded = rssMiB(server.child.pid!);
  await server.stop();

  const now = new Date().toISOString();
  say('# Large-site measurements');
  say('');
  say(`Written by \`npm run bench:large\` (\`bench/large.ts\`) on ${now}. SQLite, one node, page cache off for the page figures (every request renders).`);
  say(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}. Loopback, \`wrk -t1 -c1\` (one request at a time).`);
  say('');
  say('| what | figure |');
  say('|---|---:|');
  say(`| articles / comments | ${reuse ? 'as generated (100,000 / 1,000,000)' : `${ARTICLES.toLocaleString('en-US')} / ${COMMENTS.toLocaleString('en-US')}`} |`);
  say(`| time to generate (incl. demo seed and search index) | ${Number.isFinite(generateS) ? `${generateS.toFixed(0)} s` : 'generated earlier (199 s in the first run)'} |`);
  say(`| database size (file + WAL) | ${(dbBytes / 1024 ** 2).toFixed(0)} MiB |`);
  say(`| time to start (process start → /healthz answers) | ${startS.toFixed(1)} s |`);
  say(`| resident memory, idle after start | ${idle.rss.toFixed(0)} MiB |`);
  say(`| resident memory after the load below (peak) | ${loaded.rss.toFixed(0)} MiB (${loaded.hwm.toFixed(0)} MiB) |`);
  say(`| home page, cache miss p50 / p99 | ${(home.result.p50Ms ?? NaN).toFixed(2)} ms / ${(home.result.p99Ms ?? NaN).toFixed(2)} ms |`);
  say(`| article page with ~21,000 comments, cache miss p50 / p99 | ${(article.result.p50Ms ?? NaN).toFixed(2)} ms / ${(article.result.p99Ms ?? NaN).toFixed(2)} ms |`);
  say(`| a typical article page, cache miss p50 / p99 | ${(typical.result.p50Ms ?? NaN).toFixed(2)} ms / ${(typical.result.p99Ms ?? NaN).toFixed(2)} ms |`);
  for (const s of searches) say(`| search "${s.q}" p50 / p90 / p99 | ${s.p50.toFixed(1)} / ${s.p90.toFixed(1)} / ${s.p99.toFixed(1)} ms (${s.rps.toFixed(0)} req/s) |`);
  say('');
  say('Targets from the issue: one node under 200 MB resident at this size; cache misses in milliseconds.');
  writeFileSync(join(ROOT, 'bench', 'LARGE.md'), lines.join('\n') + '\n');
}

try {
  await main();
} finally {
  await stopAll();
}
