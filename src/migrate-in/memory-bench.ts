/**
 * Imports one WordPress export into a fresh data folder and prints time and peak memory
 * as JSON. Run as its own process (memory.test.ts does), so the peak resident set size the
 * kernel reports (`maxRSS`) is the import's and nothing else's.
 *
 * @example
 *   node --import tsx src/migrate-in/memory-bench.ts /tmp/big.xml /tmp/data [--reindex]
 *   // {"seconds":84.2,"maxRssMb":171,"sampledPeakMb":168,"articles":30840,"comments":289000,…}
 */
import { statSync } from 'node:fs';
import { buildServices, closeServices } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { importDepsFrom } from './deps.js';
import { importWordPress } from './wordpress.js';

const [file, data, flag] = process.argv.slice(2);
if (!file || !data) {
  console.error('usage: memory-bench.ts FILE DATA_DIR [--reindex]');
  process.exit(2);
}
let sampledPeak = 0;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 100);
const services = await buildServices(loadConfig({ flags: { data, 'log-level': 'silent', workers: 'false' }, env: {} }));
const deps = await importDepsFrom(services);
const started = performance.now();
const cpuBefore = process.cpuUsage();
// The search index is rebuilt after an import; measured apart, as it is the same work as `reindexAll`.
const report = await importWordPress({ ...deps, changed: undefined }, file, {});
const imported = performance.now();
const cpu = process.cpuUsage(cpuBefore);
if (flag === '--reindex') await services.search.reindexAll();
const done = performance.now();
clearInterval(sampler);
const json = report.summary();
report.dispose();
await closeServices(services);
console.log(
  JSON.stringify({
    bytes: statSync(file).size,
    seconds: Math.round((imported - started) / 100) / 10,
    // CPU time too: on a shared machine the wall clock also measures the neighbours.
    cpuSeconds: Math.round((cpu.user + cpu.system) / 100_000) / 10,
    reindexSeconds: flag === '--reindex' ? Math.round((done - imported) / 100) / 10 : null,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sampledPeakMb: Math.round(sampledPeak / 1048576),
    articles: json.added.articles ?? 0,
    comments: json.added.comments ?? 0,
    skippedSpam: json.skipped['spam comment']?.count ?? 0,
    node: process.version,
  }),
);
