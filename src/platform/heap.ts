/**
 * How far V8 lets a serving process's heaps grow before a full collection. V8 sizes the next
 * limit from how fast it collected; in a serving process that settled at ~1.1× the live heap,
 * so the main thread (65 MB live) marked and compacted every 0.6–2 s to free 2–3 MB, and the
 * render threads every 1.5–2 s (bench/PROFILE.md section 9). Letting a heap grow to three
 * times its live size before the next one cut the collector's helper threads' CPU per search by
 * 20–35 % and raised searches per second by 7–21 % in three alternating pairs, at a cost of
 * up to ~2× live heap in memory (~150 MB per process at demo size).
 *
 * V8 flags are the process's: render threads (worker isolates) get the same. An operator who
 * gives `--heap-growing-percent` (in NODE_OPTIONS or on the command line) keeps theirs.
 *
 * @example
 *   growHeapsForServing(); // before the app is built
 */
import v8 from 'node:v8';

/** The heap may grow to (1 + this/100) × its live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 200;

/** Whether the operator already chose a growing factor for this process. */
export function operatorChoseGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^--heap[-_]growing[-_]percent(?:=|$)/.test(arg));
}

/** Sets the growing factor for this process unless the operator set one; answers the percent in force, or null if theirs. */
export function growHeapsForServing(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): number | null {
  if (operatorChoseGrowth(execArgv, nodeOptions)) return null;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}
