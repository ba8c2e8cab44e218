// `npm test`: every *.test.ts under src/ (and bench/ sanity tests), with Node's test runner.
// PostgreSQL contract runs need BLATTWERK_TEST_PG_URL; browser tests need Chromium
// (/usr/bin/chromium or BLATTWERK_CHROMIUM). CI sets BLATTWERK_REQUIRE_PG=1 and
// BLATTWERK_REQUIRE_BROWSER=1 so that neither can be skipped silently.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';
import { runOnSupportedNode } from './node-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// On Node 20 this fetches the pinned Node 24 into .node/ and runs this script again on it.
await runOnSupportedNode(root, fileURLToPath(import.meta.url));
ensureDependencies(root);
const filter = process.argv.slice(2);

function find(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...find(path));
    else if (entry.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

let files = [...find(join(root, 'src')), ...find(join(root, 'bench'))].sort();
if (filter.length) files = files.filter((f) => filter.some((part) => f.includes(part)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Two files at a time where they are independent (each test takes its own temporary folder
// and its own PostgreSQL database), which halves the wall time on a 2-core CI machine.
// BLATTWERK_TEST_CONCURRENCY=1 runs one file at a time, as before.
const concurrency = Math.max(1, Number(process.env.BLATTWERK_TEST_CONCURRENCY) || Math.min(2, availableParallelism()));
// The demo site's images are encoded once per run and copied into each demo site's data
// folder (src/site/fixture.ts); the folder goes when the run ends.
const demoMedia = mkdtempSync(join(tmpdir(), 'blattwerk-demo-media-'));
process.on('exit', () => rmSync(demoMedia, { recursive: true, force: true }));
const run = (name, list, { env = {}, parallel = 1 } = {}) => {
  const started = Date.now();
  console.log(`\n# ${name}: ${list.length} files, ${parallel} at a time\n`);
  const status =
    spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${parallel}`, ...list], {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', BLATTWERK_FROM_SOURCE: '1', BLATTWERK_TEST_DEMO_MEDIA: demoMedia, ...env },
    }).status ?? 1;
  phases.push(`${name}: ${Math.round((Date.now() - started) / 1000)} s${status ? ' (failed)' : ''}`);
  return status;
};
const phases = [];
const source = (f) => readFileSync(join(root, f), 'utf8');

// Files that start child processes (servers, a capped import) or measure memory run one at a
// time after the rest: a neighbour would slow their boots past their bounds or skew the figure.
const alone = (f) => /\b(?:spawn|fork|execFile)\b|memoryUsage\(/.test(source(f));
// Browser journeys last, in runs of their own: they are the slowest and need the rest to be
// sound (node --test sorts the files it is given, so one run could not order them). Each file
// starts its own Chromium and its own demo site on a port and data folder of its own, so they
// run two at a time too; the ones that start processes of their own (Lighthouse's Chromium,
// the HTML checker) measure the page and run alone after them.
// Every part runs even when an earlier one failed, so a CI log shows all failures at once.
const unit = files.filter((f) => !f.includes('.browser.'));
const browser = files.filter((f) => f.includes('.browser.'));
let status = 0;
const shared = unit.filter((f) => !alone(f));
const serial = unit.filter(alone);
if (shared.length) status |= run('unit and integration tests', shared, { parallel: concurrency });
if (serial.length) status |= run('tests that start servers or measure memory', serial);
const journeys = browser.filter((f) => !alone(f));
const measuring = browser.filter(alone);
if (journeys.length) status |= run('browser tests', journeys, { parallel: concurrency });
if (measuring.length) status |= run('browser tests that measure the page', measuring);
// Second pass: the HTTP suites (the whole app through inject(), on SQLite above) again on
// PostgreSQL, when a server is configured. Suites opt in by taking their database from
// createHttpTestDatabase (platform/testing.ts) or the moderation desk's test app.
const overHttp = files.filter((f) => !f.includes('.browser.') && /createHttpTestDatabase|startModerationApp/.test(source(f)));
if (process.env.BLATTWERK_TEST_PG_URL && overHttp.length) {
  status |= run('HTTP suites on PostgreSQL', overHttp, { env: { BLATTWERK_TEST_HTTP_DB: 'postgres' }, parallel: concurrency });
}
console.log(`\n# time per part\n${phases.map((line) => `#   ${line}`).join('\n')}`);
process.exit(status);
