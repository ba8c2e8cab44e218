// `npm test`: every *.test.ts under src/ (and bench/ sanity tests), with Node's test runner.
// PostgreSQL contract runs need BLATTWERK_TEST_PG_URL; browser tests need Chromium
// (/usr/bin/chromium or BLATTWERK_CHROMIUM). CI sets BLATTWERK_REQUIRE_PG=1 and
// BLATTWERK_REQUIRE_BROWSER=1 so that neither can be skipped silently.
import { spawn } from 'node:child_process';
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
/** What every test process sees, with a part's own additions. */
const testEnv = (env) => ({ ...process.env, NODE_ENV: 'test', BLATTWERK_FROM_SOURCE: '1', BLATTWERK_TEST_DEMO_MEDIA: demoMedia, ...env });
/** What the spec reporter says of a part's failures: the section from "failing tests" on. */
const failures = [];
const keepFailures = (name, output) => {
  const at = output.lastIndexOf('\u2716 failing tests:');
  if (at >= 0) failures.push(`## ${name}\n${output.slice(at, at + 8000)}`);
};
// Output is passed through as it comes and kept, so a part's failures can be repeated at the
// end of the log, next to the time per part, where a CI summary that shows the log's tail sees them.
const run = async (name, list, { env = {}, parallel = 1 } = {}) => {
  const started = Date.now();
  console.log(`\n# ${name}: ${list.length} files, ${parallel} at a time\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${parallel}`, ...list], {
    cwd: root,
    env: testEnv(env),
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  const output = [];
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    output.push(chunk);
  });
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  if (status) keepFailures(name, Buffer.concat(output).toString('utf8'));
  phases.push(`${name}: ${Math.round((Date.now() - started) / 1000)} s${status ? ' (failed)' : ''}`);
  return status;
};
const phases = [];
const source = (f) => readFileSync(join(root, f), 'utf8');

// Unit files share one process per CPU (--test-isolation=none) where they can: a process of its
// own per file loads the app's modules once per file, about 2.3 s of CPU each, which was half
// of this part. Each process's report is printed whole when it ends, one after the other.
// A file keeps a process of its own when it changes what the whole process sees (environment
// variables, process listeners, the federation test kit's loopback switch) or has hooks at its
// top level: without isolation those belong to the whole process (a file's before() runs before
// every file's tests, its after() at the very end, its beforeEach() around every test).
const pooledRun = async (name, list, parallel, env = {}) => {
  const started = Date.now();
  const groups = Array.from({ length: Math.min(parallel, list.length) }, (_, i) => list.filter((_, j) => j % parallel === i));
  console.log(`\n# ${name}: ${list.length} files in ${groups.length} shared processes\n`);
  const results = await Promise.all(
    groups.map(
      (group) =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-isolation=none', '--test-reporter=spec', ...group], {
            cwd: root,
            env: testEnv(env),
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          const output = [];
          child.stdout.on('data', (chunk) => output.push(chunk));
          child.stderr.on('data', (chunk) => output.push(chunk));
          child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(output) }));
        }),
    ),
  );
  for (const result of results) process.stdout.write(result.output);
  for (const result of results) if (result.code !== 0) keepFailures(name, result.output.toString('utf8'));
  const status = results.some((result) => result.code !== 0) ? 1 : 0;
  phases.push(`${name}: ${Math.round((Date.now() - started) / 1000)} s${status ? ' (failed)' : ''}`);
  return status;
};
const ownProcess = (f) => /process\.env\.\w+ =|process\.env\[[^\]]+\] =|delete process\.env|process\.on\(|startFederatingSite|^(?:before|after|beforeEach|afterEach)\(/m.test(source(f));

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
const pooled = shared.filter((f) => !ownProcess(f));
const separate = shared.filter(ownProcess);
if (pooled.length) status |= await pooledRun('unit and integration tests', pooled, concurrency);
if (separate.length) status |= await run('unit tests that change the process', separate, { parallel: concurrency });
if (serial.length) status |= await run('tests that start servers or measure memory', serial);
const journeys = browser.filter((f) => !alone(f));
const measuring = browser.filter(alone);
if (journeys.length) status |= await run('browser tests', journeys, { parallel: concurrency });
if (measuring.length) status |= await run('browser tests that measure the page', measuring);
// Second pass: the HTTP suites (the whole app through inject(), on SQLite above) again on
// PostgreSQL, when a server is configured. Suites opt in by taking their database from
// createHttpTestDatabase (platform/testing.ts) or the moderation desk's test app.
const overHttp = files.filter((f) => !f.includes('.browser.') && /createHttpTestDatabase|startModerationApp/.test(source(f)));
if (process.env.BLATTWERK_TEST_PG_URL && overHttp.length) {
  const env = { BLATTWERK_TEST_HTTP_DB: 'postgres' };
  const pooledHttp = overHttp.filter((f) => !ownProcess(f));
  const separateHttp = overHttp.filter(ownProcess);
  if (pooledHttp.length) status |= await pooledRun('HTTP suites on PostgreSQL', pooledHttp, concurrency, env);
  if (separateHttp.length) status |= await run('HTTP suites on PostgreSQL that change the process', separateHttp, { env, parallel: concurrency });
}
if (failures.length) console.log(`\n# failures, repeated from their parts\n\n${failures.join('\n\n')}`);
console.log(`\n# time per part\n${phases.map((line) => `#   ${line}`).join('\n')}`);
process.exit(status);
