/**
 * `npm run bench:federation`: fan-out of one article to 10,000 followers spread over 500
 * shared inboxes (issue 13). A local receiver in its own process takes the deliveries on
 * 127.0.0.1 (it answers 202 and counts them per inbox); the site runs in this process on
 * SQLite (and on PostgreSQL with `--pg URL`), its job queue working the deliveries as in
 * production (10 at a time per node). Measured from "publish" to the 500th delivery: time,
 * the site process's peak RSS and heap, and the jobs it took. Written into the "Federation
 * fan-out" section of bench/RESULTS.md; the rest of the file is left as it is.
 *
 * Options: `--followers N` (default 10000), `--inboxes N` (default 500), `--pg URL`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { createPostgresDatabase } from '../src/platform/testing.js';
import { SITE_ACTOR } from '../src/federation/objects.js';
import { FEDERATION_JOB } from '../src/federation/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');
const HEADING = '## Federation fan-out';

function option(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}
const FOLLOWERS = Number(option('followers') ?? 10_000);
const INBOXES = Number(option('inboxes') ?? 500);
const PG = option('pg');

process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK = '1';

const RECEIVER = `
import { createServer } from 'node:http';
const counts = new Map();
let total = 0;
const server = createServer((req, res) => {
  let size = 0;
  req.on('data', (c) => (size += c.length));
  req.on('end', () => {
    counts.set(req.url, (counts.get(req.url) ?? 0) + 1);
    total++;
    res.writeHead(202); res.end();
    if (total % 50 === 0 || total === Number(process.env.EXPECT)) process.stdout.write(JSON.stringify({ total, inboxes: counts.size, signed: typeof req.headers.signature === 'string' || typeof req.headers['signature-input'] === 'string' }) + '\\n');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Run {
  database: string;
  seconds: number;
  deliveries: number;
  inboxes: number;
  signed: boolean;
  jobs: number;
  rssPeakMb: number;
  heapPeakMb: number;
  rssBeforeMb: number;
}

async function run(database: 'sqlite' | 'postgres'): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-fed-bench-'));
  const pg = database === 'postgres' && PG ? await createPostgresDatabase(PG) : null;
  const url = pg ? pg.url : `sqlite:${join(dataDir, 'bench.db')}`;
  const receiver: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', RECEIVER], { env: { ...process.env, EXPECT: String(INBOXES) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  receiver.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
      buffer = buffer.slice(nl + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  await until(() => lines.some((l) => typeof l.port === 'number'));
  const receiverUrl = `http://127.0.0.1:${lines.find((l) => typeof l.port === 'number')!.port as number}`;

  const port = await freePort();
  const app = await buildApp(loadConfig({ flags: { data: dataDir, 'database-url': url, 'log-level': 'silent', workers: 'false', 'public-url': `http://127.0.0.1:${port}` }, env: { BLATTWERK_FEDERATION: 'on' } }));
  try {
    await app.http.listen({ port, host: '127.0.0.1' });
    const store = app.services.federation.store;
    // 10,000 followers, 20 per instance: each instance's shared inbox takes one delivery.
    const rows = Array.from({ length: FOLLOWERS }, (_, i) => ({
      actor: SITE_ACTOR, follower: `${receiverUrl}/i${i % INBOXES}/users/u${i}`, handle: `@u${i}@i${i % INBOXES}`, name: `U ${i}`, url: null,
      inbox: `${receiverUrl}/i${i % INBOXES}/users/u${i}/inbox`, shared_inbox: `${receiverUrl}/i${i % INBOXES}/inbox`, follow_id: `${receiverUrl}/f/${i}`,
      status: 'accepted' as const, created_at: new Date().toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 500) await store.db.insertInto('fed_followers').values(rows.slice(i, i + 500)).execute();
    await app.services.federation.keys.pairsOf(SITE_ACTOR); // keys exist before the clock starts, as on a running site
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    let heapPeak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
    }, 25);
    app.services.federation.startQueue();
    app.services.jobs.start(100);
    const started = performance.now();
    await app.services.content.createArticle({ lang: 'de', title: 'Haushalt beschlossen', body: [{ type: 'paragraph', text: 'Der Stadtrat hat den Haushalt für das kommende Jahr beschlossen. '.repeat(40) }], status: 'published', authorIds: [], tagIds: [] });
    app.services.jobs.wake();
    await until(() => lines.some((l) => l.total === INBOXES));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const last = lines.filter((l) => typeof l.total === 'number').at(-1)!;
    const jobs = await app.services.database.db.withTables<import('../src/platform/jobs/index.js').JobsDatabase>().selectFrom('jobs').select((eb) => eb.fn.countAll<number | string>().as('n')).where('kind', '=', FEDERATION_JOB).executeTakeFirstOrThrow();
    return {
      database, seconds, deliveries: last.total as number, inboxes: last.inboxes as number, signed: last.signed === true, jobs: Number(jobs.n),
      rssPeakMb: rssPeak / 2 ** 20, heapPeakMb: heapPeak / 2 ** 20, rssBeforeMb: rssBefore / 2 ** 20,
    };
  } finally {
    await app.close();
    receiver.kill();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function section(runs: Run[]): string[] {
  return [
    HEADING,
    '',
    `One article published to ${FOLLOWERS.toLocaleString('en')} followers on ${INBOXES} instances (each with a shared inbox), delivered`,
    'to a local receiver on 127.0.0.1 (another process, answering 202). Time from publishing to the last delivery;',
    "memory of the site's process (peak sampled every 25 ms). Deliveries are jobs in the `jobs` table (fan-out, then",
    'one per shared inbox), signed (HTTP signatures, and an Ed25519 proof on the activity), worked 10 at a time by one node.',
    `\`npm run bench:federation\`${PG ? ' (with `--pg URL`)' : ''}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}.`,
    '',
    '| database | deliveries (inboxes) | jobs | time | deliveries/s | RSS before → peak | heap peak |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${r.database} | ${r.deliveries} (${r.inboxes})${r.signed ? '' : ' unsigned!'} | ${r.jobs} | ${r.seconds.toFixed(1)} s | ${(r.deliveries / r.seconds).toFixed(0)} | ${r.rssBeforeMb.toFixed(0)} → ${r.rssPeakMb.toFixed(0)} MB | ${r.heapPeakMb.toFixed(0)} MB |`),
    '',
  ];
}

function replaceSection(markdown: string, lines: string[]): string {
  const all = markdown.replace(/\r\n?/g, '\n').split('\n');
  const start = all.findIndex((line) => line.trim() === HEADING);
  if (start >= 0) {
    const next = all.findIndex((line, i) => i > start && /^##\s/.test(line));
    all.splice(start, (next < 0 ? all.length : next) - start, ...lines);
  } else {
    const before = ['## Other measurements', '## Machine', '## History'].map((h) => all.findIndex((line) => line.trim() === h)).find((i) => i >= 0);
    if (before === undefined) all.push('', ...lines);
    else all.splice(before, 0, ...lines);
  }
  return all.join('\n');
}

const runs = [await run('sqlite')];
if (PG) runs.push(await run('postgres'));
for (const r of runs) console.log(`${r.database}: ${r.deliveries} deliveries to ${r.inboxes} inboxes in ${r.seconds.toFixed(1)} s; RSS ${r.rssBeforeMb.toFixed(0)} → ${r.rssPeakMb.toFixed(0)} MB, heap peak ${r.heapPeakMb.toFixed(0)} MB`);
writeFileSync(RESULTS, replaceSection(readFileSync(RESULTS, 'utf8'), section(runs)));
process.exit(0);
