/**
 * Writing bench/NEWSLETTER.md: the figures of one newsletter run (overwritten each run),
 * how they were measured, the command and the machine.
 */
import type { Machine } from './machine.js';
import type { RenderFigures } from './newsletter-seed.js';

export interface NewsletterRun {
  command: string;
  serverCommand: string | null;
  machine: Machine;
  /** 'compiled dist/' or why the sources ran through tsx. */
  codeSource: string;
  subscribers: number;
  articleTitle: string | null;
  seedMs: number | null;
  insertMs: number | null;
  render: RenderFigures | null;
  /** From the POST that started the send until the sink held every mail. */
  wallMs: number | null;
  firstMailMs: number | null;
  /** Between the first and the last mail at the sink. */
  spanMs: number | null;
  /** From the fan-out job's creation until it finished (jobs table). */
  fanOutMs: number | null;
  messages: number;
  recipients: number;
  bytes: number;
  connections: number;
  rssBeforeKiB: number | null;
  hwmBeforeKiB: number | null;
  peakRssKiB: number | null;
  hwmAfterKiB: number | null;
  rssSamples: number;
  serverCpuS: number | null;
  /** The server's main thread during the send: seconds on a CPU and runnable but waiting for one. */
  mainThread: { onCpuS: number; runqueueS: number } | null;
  /** 1-, 5- and 15-minute load averages when the send ended. */
  loadAfter: string | null;
  sinkCpuS: number | null;
  deliveries: Record<string, number> | null;
  retriedJobs: number | null;
  headerCheck: string[];
  sampleBytes: number | null;
  totalSeconds: number;
  error: string | null;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (kib: number | null) => (kib === null || !Number.isFinite(kib) ? '–' : `${(kib / 1024).toFixed(1)} MiB`);
const sec = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);
const perSec = (count: number, ms: number | null) => (ms === null || ms <= 0 ? '–' : int((count * 1000) / ms));

function mainThreadRow(run: NewsletterRun): string {
  if (!run.mainThread || run.wallMs === null) return '–';
  const { onCpuS, runqueueS } = run.mainThread;
  const wallS = run.wallMs / 1000;
  const blocked = Math.max(0, wallS - onCpuS - runqueueS);
  const share = (s: number) => `${s.toFixed(1)} s (${((s / wallS) * 100).toFixed(0)} %)`;
  return `${share(onCpuS)} / ${share(runqueueS)} / ${share(blocked)}`;
}

export function renderNewsletterReport(run: NewsletterRun): string {
  const m = run.machine;
  const r = run.render;
  const lines: string[] = [
    '# Newsletter send benchmark',
    '',
    'Written by `npm run bench:newsletter` (`bench/newsletter.ts`); overwritten by every run. Do not edit by hand.',
    '',
    `Command: \`${run.command}\` — ${m.date}, commit ${m.commit}, the whole run took ${run.totalSeconds.toFixed(0)} s.`,
    '',
  ];
  if (run.error) lines.push(`**The run did not finish: ${run.error}** The figures below are what was measured until then.`, '');

  lines.push(
    '## How',
    '',
    `Blattwerk runs as a child process, the real server (\`blattwerk serve\`, job workers on, SQLite, ${run.codeSource}), with`,
    '`BLATTWERK_SMTP_URL` pointing at an SMTP sink in the benchmark process on 127.0.0.1 that accepts every message, counts it',
    'and its bytes and discards it. Two processes, so the server\'s memory and CPU are its own (read from `/proc/<pid>`) and',
    'the sink never shares the event loop that renders and sends; both share the machine\'s cores.',
    '',
    `Before the server starts, the data folder gets the demo newsroom, ${int(run.subscribers)} confirmed subscribers (inserted straight`,
    'into the table), an editor account, and `newsletter.ratePerSecond` = 10,000 (the highest the pacer takes), so the rate limit',
    'is not the bottleneck. The benchmark signs in as the editor and sends the demo\'s showcase article to everyone with',
    '`POST /api/v1/admin/newsletters`: the issue is rendered once, a fan-out job enqueues one `newsletter.deliver` job per',
    'reader (chunks of 500), and the workers (10 jobs claimed per round, nodemailer pool of 3 SMTP connections, the defaults)',
    'render each reader\'s mail, hand it to SMTP and record the delivery. The clock stops when the sink holds every mail.',
    '',
    '## Figures',
    '',
    '| | |',
    '|---|---:|',
    `| subscribers | ${int(run.subscribers)} |`,
    `| mails at the sink | ${int(run.messages)} |`,
    `| distinct recipients (duplicates) | ${int(run.recipients)} (${int(run.messages - run.recipients)}) |`,
    `| **wall time, POST → last mail at the sink** | **${sec(run.wallMs)}** |`,
    `| **mails per second** (over the wall time) | **${perSec(run.messages, run.wallMs)}** |`,
    `| mails per second between the first and the last mail | ${perSec(Math.max(0, run.messages - 1), run.spanMs)} |`,
    `| first mail at the sink after | ${sec(run.firstMailMs)} |`,
    `| fan-out (enqueue every delivery job) | ${sec(run.fanOutMs)} |`,
    `| **peak RSS of the server during the send** (VmRSS sampled every 100 ms, ${int(run.rssSamples)} samples) | **${mib(run.peakRssKiB)}** |`,
    `| RSS of the server before the send / VmHWM before → after | ${mib(run.rssBeforeKiB)} / ${mib(run.hwmBeforeKiB)} → ${mib(run.hwmAfterKiB)} |`,
    `| server CPU time during the send (user + system, all threads) | ${run.serverCpuS === null ? '–' : `${run.serverCpuS.toFixed(1)} s: ${((run.serverCpuS * 1000) / Math.max(1, run.messages)).toFixed(2)} ms per mail${run.wallMs ? `, ${((run.serverCpuS * 100000) / run.wallMs).toFixed(0)} % of one core` : ''}`} |`,
    `| server main thread (event loop, SQLite): on a CPU / waiting for a CPU / blocked or idle (disk sync, SMTP replies) | ${mainThreadRow(run)} |`,
    `| sink CPU time during the send (benchmark process) | ${run.sinkCpuS === null ? '–' : `${run.sinkCpuS.toFixed(1)} s`} |`,
    `| **bytes handed to SMTP** (DATA, all mails) | **${int(run.bytes)} B** (${(run.bytes / 1024 ** 2).toFixed(1)} MiB, ${run.messages ? int(run.bytes / run.messages) : '–'} B per mail) |`,
    `| SMTP connections opened | ${int(run.connections)} |`,
    `| deliveries recorded | ${run.deliveries ? Object.entries(run.deliveries).map(([k, v]) => `${k} ${int(v)}`).join(', ') || 'none' : '–'} |`,
    `| delivery jobs that needed a retry | ${run.retriedJobs === null ? '–' : int(run.retriedJobs)} |`,
    '',
  );

  lines.push('## Render time per mail, measured apart', '');
  if (r) {
    lines.push(
      `The same functions \`newsletter.deliver\` uses, ${int(r.count)} times in a loop in the benchmark process (after a warm-up),`,
      'without database, job queue or network: what each mail costs before SMTP.',
      '',
      '| step | per mail | total bytes |',
      '|---|---:|---:|',
      `| issue (article → shared HTML and text), once per send | ${r.issueMs.toFixed(2)} ms | – |`,
      `| reader's mail: links, footer, HTML frame, plain text (\`issueMail\`) | ${r.renderUsPerMail.toFixed(1)} µs | HTML ${int(r.htmlBytes)} B, text ${int(r.textBytes)} B |`,
      `| MIME message: headers, multipart/alternative, quoted-printable (\`composeMessage\` + nodemailer) | ${r.mimeUsPerMail.toFixed(1)} µs | ${int(r.mimeBytes)} B |`,
      '',
    );
  } else lines.push('Not measured.', '');

  lines.push('## Checks', '');
  if (run.articleTitle) lines.push(`- Sent article: “${run.articleTitle}”.`);
  for (const check of run.headerCheck) lines.push(`- ${check}`);
  if (run.sampleBytes !== null) lines.push(`- First mail as received: ${int(run.sampleBytes)} B.`);
  lines.push(
    `- Setup (not timed): demo newsroom ${sec(run.seedMs)}, ${int(run.subscribers)} subscribers inserted in ${sec(run.insertMs)}.`,
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpuModel}, ${m.logicalCores} logical cores (available parallelism ${m.availableParallelism})${m.cgroupCpuLimit ? `, limited to ${m.cgroupCpuLimit}` : ''}`,
    `- Memory: ${m.memoryGiB} GiB; OS: ${m.os}; Node ${m.node}`,
    `- Load average (1, 5, 15 min) at the start: ${m.loadAverage}; when the send ended: ${run.loadAfter ?? '–'}. Other work on the machine shares its cores with both processes.`,
    '',
  );
  if (run.serverCommand) lines.push(`Server: \`${run.serverCommand}\``, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
