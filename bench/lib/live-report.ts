/**
 * The "Live discussion" section of bench/RESULTS.md: one summary row per run (kept from
 * earlier runs, so a before/after pair stays side by side), then the latest run's rounds.
 * `npm run bench:live` replaces only this section; `npm run bench` rebuilds the whole file
 * and passes the section in as an extra, with the same rows carried over.
 *
 * @example
 *   const lines = renderLiveSection(run, readFileSync(RESULTS, 'utf8'));
 *   writeFileSync(RESULTS, replaceLiveSection(readFileSync(RESULTS, 'utf8'), lines));
 */
import type { Machine } from './machine.js';
import { ms, rate } from './report.js';

export const LIVE_HEADING = '## Live discussion';
const RUNS_HEADER = '| run | hit rate (median, min–max) | reader req/s | reader p50 | reader p99 | comments landed / sent | likes landed / sent | rounds | machine |';

export interface WriteTally {
  /** Requests sent (a send skipped for lack of a target or of a free slot is not sent). */
  sent: number;
  /** Answered 2xx. */
  acknowledged: number;
  /** Not sent: too many requests still in flight, or (likes) no comment left to like. */
  skipped: number;
  /** Statuses other than 2xx, and network errors, by name. */
  failures: Record<string, number>;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface LiveRound {
  hits: number | null;
  misses: number | null;
  /** hits / (hits + misses) over the round; null when the server has no counters. */
  hitRate: number | null;
  /** One-minute load average when the round began (the machine is shared). */
  loadAtStart: number;
  /** Server CPU seconds per second of the round (1 = one core busy all along; other work on the machine takes from it). */
  serverCpu: number | null;
  readerRequests: number;
  readerRps: number;
  /** Bytes read per reader response (headers included): shows the bodies came gzipped. */
  readerBytes: number | null;
  readerP50Ms: number | null;
  readerP99Ms: number | null;
  readerErrors: number;
  readerNon2xx: number;
  comments: WriteTally & { published: number; landed: number | null };
  likes: WriteTally & { landed: number | null };
}

export interface LiveRun {
  /** "before (a5afca3)", or the commit when no label was given. */
  label: string;
  machine: Machine;
  rounds: LiveRound[];
  secondsPerRound: number;
  commentsPerSec: number;
  likesPerSec: number;
  liveArticle: string;
  articles: string[];
  seededComments: number;
  readerCommand: string;
  serverCommand: string;
  command: string;
  totalSeconds: number;
  notes: string[];
}

/** Median of the finite values (mean of the middle two for an even count); null if none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)} %`;
}

const sum = (values: readonly (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));
const landedOf = (landed: number | null, sent: number) => `${landed === null ? '–' : rate(landed)} / ${rate(sent)}`;

export function summaryRow(run: LiveRun): string {
  const r = run.rounds;
  const rates = r.map((x) => x.hitRate).filter((v): v is number => v !== null);
  const spread = rates.length ? ` (${percent(Math.min(...rates))}–${percent(Math.max(...rates))})` : '';
  const m = run.machine;
  const machine = `${m.logicalCores} × ${m.cpuModel}, Node ${m.node}, load at start ${m.loadAverage}`;
  return (
    `| ${run.label} · ${m.date} | ${percent(median(r.map((x) => x.hitRate)))}${spread} | ${rate(median(r.map((x) => x.readerRps)))} | ` +
    `${ms(median(r.map((x) => x.readerP50Ms)))} | ${ms(median(r.map((x) => x.readerP99Ms)))} | ` +
    `${landedOf(sum(r.map((x) => x.comments.landed)), r.reduce((a, x) => a + x.comments.sent, 0))} | ` +
    `${landedOf(sum(r.map((x) => x.likes.landed)), r.reduce((a, x) => a + x.likes.sent, 0))} | ${r.length} × ${run.secondsPerRound} s | ${machine} |`
  );
}

/** The body of a section from a whole RESULTS.md: from its heading to the next `## `. */
function sectionOf(markdown: string | null): string[] {
  if (!markdown) return [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => line.trim() === LIVE_HEADING);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Summary rows of earlier runs, in order, from an existing RESULTS.md. */
export function earlierRuns(markdown: string | null): string[] {
  const lines = sectionOf(markdown);
  const header = lines.findIndex((line) => line.startsWith('| run |'));
  if (header < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.trimEnd());
  }
  return rows;
}

function tallyCell(t: WriteTally, landed: number | null, extra = ''): string {
  const failures = Object.entries(t.failures).map(([what, n]) => `${what} × ${n}`).join(', ');
  return `${landed === null ? '–' : rate(landed)} / ${rate(t.acknowledged)}${extra} / ${rate(t.sent)}${t.skipped ? `, ${t.skipped} not sent` : ''}${failures ? ` (${failures})` : ''}`;
}

export function renderLiveSection(run: LiveRun, previous: string | null): string[] {
  const out: string[] = [LIVE_HEADING, ''];
  out.push(
    'Written by `npm run bench:live` (`bench/live.ts`, also run by `npm run bench`); each run adds a row, earlier rows are kept.',
    '',
    `Readers fetch ${run.articles.length} different articles in turn (wrk, \`Accept-Encoding: gzip\`, no cookies) while, on \`/${run.liveArticle}/\`, ` +
      `${run.commentsPerSec} comments/s and ${run.likesPerSec} likes/s arrive through the JSON API (cookie-less, CSRF token from the page's ` +
      '`<meta name="csrf-token">`, each like on a different comment of the article, since cookie-less likes from one address may count once per comment). ' +
      'Rate limits off, discussion policy "none" (comments are published directly). The hit rate is read from the server\'s page-cache counters ' +
      '(`/metrics`, hits and misses over the round); "landed" is what the public comments API shows afterwards. Figures are medians of the rounds; ' +
      'landed and sent are totals over the rounds.',
    '',
  );
  out.push(RUNS_HEADER, '|---|---:|---:|---:|---:|---:|---:|---|---|');
  for (const row of earlierRuns(previous)) out.push(row);
  out.push(summaryRow(run), '');

  out.push(`### Latest run: ${run.label}, per round`, '');
  out.push('"Server CPU" is the server process\'s CPU time over the round\'s wall time, and the load is the one-minute average as the round began: the machine is shared, and they tell a slow server from a busy machine.', '');
  out.push('| round | hit rate | hits / misses | reader req/s | reader p50 | reader p99 | bytes per reader response | reader errors / non-2xx | comments landed / acknowledged (published) / sent | comment p50 / p99 | likes landed / acknowledged / sent | like p50 / p99 | server CPU | load at start |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  run.rounds.forEach((x, i) => {
    out.push(
      `| ${i + 1} | ${percent(x.hitRate)} | ${x.hits === null ? '–' : `${rate(x.hits)} / ${rate(x.misses)}`} | ${rate(x.readerRps)} | ${ms(x.readerP50Ms)} | ${ms(x.readerP99Ms)} | ` +
        `${x.readerBytes === null ? '–' : `${rate(x.readerBytes)} B`} | ${x.readerErrors} / ${x.readerNon2xx} | ${tallyCell(x.comments, x.comments.landed, ` (${rate(x.comments.published)})`)} | ${ms(x.comments.p50Ms)} / ${ms(x.comments.p99Ms)} | ` +
        `${tallyCell(x.likes, x.likes.landed)} | ${ms(x.likes.p50Ms)} / ${ms(x.likes.p99Ms)} | ${percent(x.serverCpu)} | ${x.loadAtStart.toFixed(2)} |`,
    );
  });
  out.push('');
  out.push(`Articles read: ${run.articles.map((slug) => `\`/${slug}/\``).join(', ')}.`, '');
  out.push(`The live article starts with ${run.seededComments.toLocaleString('en-US')} comments (the first 200 threaded, the rest on later discussion pages, so there are comments enough to like).`, '');
  for (const note of run.notes) out.push(note, '');
  out.push(`Command: \`${run.command}\` (took ${run.totalSeconds.toFixed(0)} s)`, '');
  out.push(`Readers: \`${run.readerCommand}\``, '');
  out.push(`Server: \`${run.serverCommand}\``, '');
  const m = run.machine;
  out.push(
    `Machine: ${m.date}, ${m.logicalCores} × ${m.cpuModel}${m.cgroupCpuLimit ? ` (limit ${m.cgroupCpuLimit})` : ''}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ` +
      `wrk ${m.wrk}, load average at start ${m.loadAverage}, commit ${m.commit === 'unknown' ? 'unknown (not a git checkout: see the label)' : m.commit}. Shared with other work: compare rows measured close together.`,
    '',
  );
  return out;
}

/** The section when the scenario failed: the error, and the earlier rows kept. */
export function failedLiveSection(error: Error, previous: string | null): string[] {
  const out = [LIVE_HEADING, '', 'The last run failed:', '', '```', error.message.trim(), '```', ''];
  const rows = earlierRuns(previous);
  if (rows.length) out.push(RUNS_HEADER, '|---|---:|---:|---:|---:|---:|---:|---|---|', ...rows, '');
  return out;
}

/** RESULTS.md with the Live discussion section replaced, or inserted before "Other measurements". */
export function replaceLiveSection(markdown: string, section: readonly string[]): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => line.trim() === LIVE_HEADING);
  if (start >= 0) {
    const next = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
    lines.splice(start, (next < 0 ? lines.length : next) - start, ...section);
  } else {
    const before = ['## Other measurements', '## Machine', '## History'].map((h) => lines.findIndex((line) => line.trim() === h)).find((i) => i >= 0);
    if (before === undefined) lines.push('', ...section);
    else lines.splice(before, 0, ...section);
  }
  return lines.join('\n');
}
