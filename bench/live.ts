/**
 * `npm run bench:live`: the live-discussion scenario alone (see lib/live.ts), written into
 * the "Live discussion" section of bench/RESULTS.md; the rest of the file is left as it is.
 *
 * Options: `--rounds N` (default 5), `--seconds S` per round (default 10), `--label TEXT`
 * (names the row, e.g. "before (a5afca3)"; the commit by default), `--results FILE`
 * (another RESULTS.md, e.g. when measuring an older checkout for this one's file).
 * Every child is ended on exit, on error and on SIGINT/SIGTERM; the temp folder is removed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveDiscussion } from './lib/live.js';
import { renderLiveSection, replaceLiveSection } from './lib/live-report.js';
import { hasProgram } from './lib/machine.js';
import { benchWorkspace, stopAll } from './lib/processes.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function option(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}

function whole(name: string, fallback: number, max: number): number {
  const text = option(name);
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`bench:live: --${name} takes a whole number from 1 to ${max}`);
    process.exit(2);
  }
  return value;
}

const rounds = whole('rounds', 5, 20);
const seconds = whole('seconds', 10, 120);
const label = option('label') ?? undefined;
const results = resolve(option('results') ?? join(ROOT, 'bench', 'RESULTS.md'));
if (!hasProgram('wrk', ['-v'])) {
  console.error('bench:live: wrk not found. Install with: apt-get install -y wrk');
  process.exit(1);
}
const given = process.argv.slice(2).map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`));
const command = `npm run bench:live${given.length ? ` -- ${given.join(' ')}` : ''}`;
const temp = benchWorkspace('blattwerk-bench-live-', 'bench:live');

let code = 1;
try {
  const run = await liveDiscussion({ root: ROOT, temp, command, label, rounds, secondsPerRound: seconds });
  const previous = existsSync(results) ? readFileSync(results, 'utf8') : '# Benchmark results\n';
  // Read after the run, not before it: other sections may have been rewritten meanwhile.
  writeFileSync(results, replaceLiveSection(previous, renderLiveSection(run, previous)));
  console.log(`bench:live: wrote the "Live discussion" section of ${results}`);
  code = 0;
} catch (error) {
  console.error(`bench:live: ${(error as Error).stack ?? String(error)}`);
} finally {
  await stopAll();
}
process.exit(code); // the workspace goes with the 'exit' handler
