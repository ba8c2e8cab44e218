/**
 * Progress of a long import. On a terminal: one line redrawn in place with a bar, the
 * share done, the counts and the rate; elsewhere (a log file, CI): a plain line every few
 * seconds, so the log shows the import is alive without drowning in carriage returns.
 * Either way the last state is written when a phase finishes, so a log never ends on a
 * stale "25%".
 *
 * The rate is of what the phase measures: megabytes per second while a file is read
 * (`unit: 'bytes'`, the default), items per second where the work is counted in items
 * (Ghost's posts, downloads).
 *
 * @example
 *   const progress = createProgress(process.stderr, 'WordPress, importing');
 *   progress.update({ done: bytesRead, total: fileSize, counts: { posts: 12, comments: 340 } });
 *   // 'WordPress, importing: 45.0% · 22.5 MB of 50.0 MB · 12 posts · 340 comments · 3.1 MB/s'
 *   progress.finish();
 */

export interface ProgressState {
  /** Work done and total, in `unit`s; total 0 when unknown. */
  done: number;
  total: number;
  /** 'bytes' (a file read, the default) or 'items' (posts, files). */
  unit?: 'bytes' | 'items';
  counts: Record<string, number>;
}

export interface Progress {
  update(state: ProgressState): void;
  finish(): void;
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const TTY_EVERY_MS = 100;
const PLAIN_EVERY_MS = 5000;
const BAR = 24;
const MB = 1024 * 1024;

/** A progress that shows nothing (tests, --quiet). */
export const silentProgress: Progress = { update() {}, finish() {} };

const number = (n: number) => Math.round(n).toLocaleString('en');
/** '12.3 MB', '540.2 kB': the unit that keeps a small fixture from reading '0.00 MB'. */
const size = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

/** The line for one state; exported for tests. */
export function progressLine(label: string, state: ProgressState, seconds: number, tty: boolean): string {
  const elapsed = Math.max(0.001, seconds);
  const unit = state.unit ?? 'bytes';
  const parts: string[] = [];
  let bar = '';
  if (state.total > 0) {
    const share = Math.min(1, state.done / state.total);
    parts.push(`${(share * 100).toFixed(share < 1 ? 1 : 0)}%`);
    if (tty) bar = ` [${'#'.repeat(Math.round(share * BAR))}${'-'.repeat(BAR - Math.round(share * BAR))}]`;
  }
  if (unit === 'bytes') parts.push(state.total > 0 ? `${size(state.done)} of ${size(state.total)}` : size(state.done));
  else if (state.total > 0) parts.push(`${number(state.done)} of ${number(state.total)}`);
  for (const [what, n] of Object.entries(state.counts)) parts.push(`${number(n)} ${what}`);
  parts.push(unit === 'bytes' ? `${size(state.done / elapsed)}/s` : `${number(state.done / elapsed)}/s`);
  return `${label}${bar}${tty ? ' ' : ': '}${parts.join(' · ')}`;
}

export function createProgress(out: Output, label: string, clock: () => number = Date.now): Progress {
  const started = clock();
  let last = 0;
  let drawn = false;
  let latest: ProgressState | null = null;
  let printed = '';

  const line = (state: ProgressState) => progressLine(label, state, (clock() - started) / 1000, Boolean(out.isTTY));

  return {
    update(state) {
      latest = state;
      const now = clock();
      if (out.isTTY) {
        if (now - last < TTY_EVERY_MS) return;
        last = now;
        const text = line(state).slice(0, Math.max(20, (out.columns ?? 100) - 1));
        out.write(`\r\u001b[2K${text}`);
        drawn = true;
      } else if (now - last >= PLAIN_EVERY_MS) {
        last = now;
        printed = line(state);
        out.write(`${printed}\n`);
      }
    },
    finish() {
      if (!latest) return;
      if (out.isTTY) {
        if (drawn) out.write(`\r\u001b[2K${line(latest)}\n`);
        return;
      }
      const final = line(latest);
      if (final !== printed) out.write(`${final}\n`);
    },
  };
}
