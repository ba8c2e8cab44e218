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

/**
 * Whether memory outside the heap (ArrayBuffers: a render's page, its compressed copies) counts
 * towards the same limit as the heap. Without it V8 starts a full collection whenever 64 MB
 * more of it has been allocated since the last, whatever the heap's own limit: a render
 * thread allocates ~70–90 KB of it per search, and marked its 70 MB heap every ~700 searches
 * (a pause of 15–30 ms each, most of search's p99; bench/PROFILE.md section 10).
 */
const EXTERNAL_IN_GLOBAL_LIMIT = '--external-memory-accounted-in-global-limit';

/** Whether the operator already chose a growing factor for this process. */
export function operatorChoseGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^--heap[-_]growing[-_]percent(?:=|$)/.test(arg));
}

/** Whether the operator already said how memory outside the heap counts. */
export function operatorChoseExternal(execArgv: readonly string[], nodeOptions: string): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^--(?:no-)?external[-_]memory[-_]accounted[-_]in[-_]global[-_]limit$/.test(arg));
}

/** Sets the growing factor for this process unless the operator set one; answers the percent in force, or null if theirs. */
export function growHeapsForServing(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): number | null {
  if (!operatorChoseExternal(execArgv, nodeOptions)) v8.setFlagsFromString(EXTERNAL_IN_GLOBAL_LIMIT);
  if (operatorChoseGrowth(execArgv, nodeOptions)) return null;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}
