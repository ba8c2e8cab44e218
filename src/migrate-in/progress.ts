/**
 * Progress of a long import. On a terminal: one line redrawn in place with a bar, the
 * counts and the rate; elsewhere (a log file, CI): a plain line every few seconds, so the
 * log shows the import is alive without drowning in carriage returns.
 *
 * @example
 *   const progress = createProgress(process.stderr, 'WordPress');
 *   progress.update({ done: bytesRead, total: fileSize, counts: { articles: 12, comments: 340 } });
 *   progress.finish();
 */

export interface ProgressState {
  /** Work done and total, in any unit (bytes of the file); total 0 when unknown. */
  done: number;
  total: number;
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

/** A progress that shows nothing (tests, --quiet). */
export const silentProgress: Progress = { update() {}, finish() {} };

export function createProgress(out: Output, label: string, clock: () => number = Date.now): Progress {
  const started = clock();
  let last = 0;
  let drawn = false;
  let latest: ProgressState | null = null;

  function line(state: ProgressState): string {
    const seconds = Math.max(0.001, (clock() - started) / 1000);
    const items = Object.values(state.counts).reduce((a, b) => a + b, 0);
    const counts = Object.entries(state.counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(' · ');
    const rate = `${Math.round(items / seconds).toLocaleString('en')}/s`;
    if (!state.total) return `${label}: ${counts} · ${rate}`;
    const share = Math.min(1, state.done / state.total);
    const percent = `${(share * 100).toFixed(share < 1 ? 1 : 0)}%`;
    if (!out.isTTY) return `${label}: ${percent} · ${counts} · ${rate}`;
    const filled = Math.round(share * BAR);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${percent} · ${counts} · ${rate}`;
  }

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
        out.write(`${line(state)}\n`);
      }
    },
    finish() {
      if (out.isTTY && drawn && latest) out.write(`\r\u001b[2K${line(latest)}\n`);
    },
  };
}
