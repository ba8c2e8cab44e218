/**
 * Writing bench/RESULTS.md: the figures of this run, the machine, and a history section
 * that keeps every earlier run's summary line (the new one is appended).
 */
import type { Machine } from './machine.js';
import type { WrkResult } from './wrk.js';

export interface Measurement {
  key: string;
  title: string;
  url: string;
  server: string;
  /** The wrk command line that produced the figures. */
  command: string;
  /** How the server was started. */
  serverCommand: string;
  /** One response fetched before the run (identity encoding). */
  status: number | null;
  bodyBytes: number | null;
  headerBytes: number | null;
  result: WrkResult | null;
  error: string | null;
  note?: string;
}

export interface ByteCheck {
  nginxBytes: number;
  blattwerkBytes: number;
  sameLength: boolean;
  /** Equal once the CSRF token (the only per-visitor part) is masked in both. */
  equalExceptToken: boolean;
  tokenFound: boolean;
  identical: boolean;
}

export interface Report {
  machine: Machine;
  measurements: Measurement[];
  ratio: number | null;
  target: number;
  byteCheck: ByteCheck | null;
  wrkShape: string;
  warmupS: number;
  totalSeconds: number;
  /** Further sections (writes, live stream) already in Markdown. */
  extras?: string[];
}

export const HISTORY_HEADING = '## History';

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function rate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Math.round(value).toLocaleString('en-US');
}

export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value.toLocaleString('en-US')} B`;
}

function mib(value: number): string {
  return Number.isFinite(value) ? `${(value / 1024 ** 2).toFixed(1)} MiB/s` : '–';
}

/** Lines of the history section of an existing RESULTS.md (empty if none). */
export function existingHistory(previous: string | null): string[] {
  if (!previous) return [];
  const lines = previous.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => line.trim() === HISTORY_HEADING);
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    if (line.startsWith('- ')) out.push(line.trimEnd());
  }
  return out;
}

export function summaryLine(report: Report): string {
  const find = (key: string) => report.measurements.find((m) => m.key === key);
  const part = (key: string, label: string) => {
    const m = find(key);
    if (!m) return null;
    if (!m.result) return `${label} failed`;
    return `${label} ${rate(m.result.requestsPerSec)} req/s (p99 ${ms(m.result.p99Ms)})`;
  };
  const pieces = [
    part('nginx', 'nginx'),
    part('article', 'article cached'),
    report.ratio === null ? 'ratio –' : `ratio ${report.ratio.toFixed(3)}`,
    part('home', 'home'),
    part('feed', 'feed'),
    part('search', 'search'),
    part('miss', 'miss'),
    (() => {
      const m = find('miss-serial');
      return m?.result ? `render ${ms(m.result.p50Ms)}` : null;
    })(),
  ].filter((piece): piece is string => piece !== null);
  const { machine } = report;
  return `- ${machine.date} · ${machine.commit} · Node ${machine.node} · nginx ${machine.nginx} · ${machine.logicalCores} × ${machine.cpuModel} · ${pieces.join(' · ')}`;
}

export function renderResults(report: Report, previous: string | null): string {
  const { machine, measurements } = report;
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(
    'Written by `npm run bench` (`bench/run.ts`); do not edit by hand except the history, which every run keeps and appends to.',
    '',
    `All traffic on 127.0.0.1. Every figure is one \`${report.wrkShape}\` run of wrk after a ${report.warmupS} s warm-up run against the same URL,`,
    'with no `Accept-Encoding` header (identity bodies, the same bytes from nginx and Blattwerk) and no cookies (anonymous reader).',
    'Blattwerk runs as a child process (`node bin/blattwerk.js serve`), so it never shares an event loop with wrk; nginx runs one worker.',
    `The whole run took ${report.totalSeconds.toFixed(0)} s.`,
    '',
  );

  out.push('## Summary', '');
  out.push('| measurement | req/s | p50 | p99 | bytes per response (body + headers) |');
  out.push('|---|---:|---:|---:|---:|');
  for (const m of measurements) {
    const size = m.bodyBytes === null ? '–' : `${bytes(m.bodyBytes)} + ${m.headerBytes ?? '–'}`;
    if (m.result) out.push(`| ${m.title} | ${rate(m.result.requestsPerSec)} | ${ms(m.result.p50Ms)} | ${ms(m.result.p99Ms)} | ${size} |`);
    else out.push(`| ${m.title} | failed | – | – | ${size} |`);
  }
  out.push('');

  out.push('## Blattwerk vs nginx (cached article)', '');
  if (report.ratio === null) out.push('Ratio not available: one of the two runs failed (see below).');
  else {
    const met = report.ratio >= report.target;
    out.push(
      `Blattwerk / nginx requests per second: **${report.ratio.toFixed(3)}** — target ≥ ${report.target.toFixed(1)}: ${met ? '**met**' : '**NOT met**'}.`,
    );
  }
  out.push('');
  if (report.byteCheck) {
    const c = report.byteCheck;
    out.push(
      `Same bytes: nginx sent a ${bytes(c.nginxBytes)} body, Blattwerk ${bytes(c.blattwerkBytes)}; ` +
        `same length: ${c.sameLength ? 'yes' : 'NO'}; equal except the CSRF token: ${c.equalExceptToken ? 'yes' : 'NO'}` +
        `${c.tokenFound ? '' : ' (no csrf-token meta found)'}; byte-identical: ${c.identical ? 'yes (cookie-less visitors share the anonymous token of the day)' : 'no'}.`,
    );
    out.push('');
  }

  for (const m of measurements) {
    out.push(`## ${m.title}`, '');
    out.push(`\`GET ${m.url}\` on ${m.server}.${m.note ? ` ${m.note}` : ''}`, '');
    if (!m.result) {
      out.push('Failed:', '', '```', (m.error ?? 'unknown error').trim(), '```', '');
      out.push(`Command: \`${m.command}\``, '');
      continue;
    }
    const r = m.result;
    out.push('| req/s | avg | p50 | p75 | p90 | p99 | max | bytes (body + headers) | requests | transfer | errors | non-2xx/3xx |');
    out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    const errors = r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout;
    out.push(
      `| ${rate(r.requestsPerSec)} | ${ms(r.latency?.avgMs)} | ${ms(r.p50Ms)} | ${ms(r.percentiles['75'])} | ${ms(r.percentiles['90'])} | ${ms(r.p99Ms)} | ${ms(r.latency?.maxMs)} | ` +
        `${bytes(m.bodyBytes)} + ${m.headerBytes ?? '–'} | ${rate(r.requests)} in ${r.durationS.toFixed(2)} s | ${mib(r.transferPerSec)} | ` +
        `${errors ? `${errors} (connect ${r.errors.connect}, read ${r.errors.read}, write ${r.errors.write}, timeout ${r.errors.timeout})` : '0'} | ${r.non2xx3xx} |`,
    );
    out.push('', `Command: \`${m.command}\``, '', `Server: \`${m.serverCommand}\``, '');
  }

  if (report.extras?.length) out.push(...report.extras);

  out.push('## Other measurements', '');
  out.push('Written by their own commands and tests, kept beside this file:', '');
  out.push('- `bench/LARGE.md` — `npm run bench:large`: 100,000 articles and 1,000,000 comments (start time, memory, cache misses, search).');
  out.push('- `bench/NEWSLETTER.md` — `npm run bench:newsletter`: 10,000 newsletter mails rendered and handed to SMTP (time, memory).');
  out.push('- `bench/IMPORT.md` — written by `src/migrate-in/memory.test.ts`: a generated 500 MB WordPress export imported with flat memory (time, peak RSS).');
  out.push('- `bench/LIGHTHOUSE.md` — written by `src/site/quality.browser.test.ts`: Lighthouse scores of the article page.');
  out.push('');

  out.push('## Machine', '');
  out.push('| | |', '|---|---|');
  out.push(`| date | ${machine.date} |`);
  out.push(`| CPU | ${machine.cpuModel} |`);
  out.push(`| cores | ${machine.logicalCores} logical (available to Node: ${machine.availableParallelism})${machine.cgroupCpuLimit ? `, limit ${machine.cgroupCpuLimit}` : ''} |`);
  out.push(`| memory | ${machine.memoryGiB} GiB |`);
  out.push(`| OS | ${machine.os} |`);
  out.push(`| Node | ${machine.node} |`);
  out.push(`| nginx | ${machine.nginx} |`);
  out.push(`| wrk | ${machine.wrk} |`);
  out.push(`| load average at start | ${machine.loadAverage} |`);
  out.push(`| commit | ${machine.commit} |`);
  out.push('');
  out.push('The machine may be shared with other work: compare figures from the same run (the ratio), not across runs.', '');

  out.push(HISTORY_HEADING, '');
  out.push('One line per run, oldest first.', '');
  for (const line of existingHistory(previous)) out.push(line);
  out.push(summaryLine(report));
  out.push('');
  return out.join('\n');
}
