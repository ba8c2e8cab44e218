/**
 * Synchronous gzip through one engine per thread and level, kept and reset between pages.
 *
 * `zlib.gzipSync` makes a new engine for every call: a JS object wrapping a native one, which
 * Node marks as its owner. What such an engine reaches outlived every young-generation
 * collection until a full one (V8 appears to keep wrappers changed after creation, as a root):
 * a render thread answering one-off searches kept ~32 KB of buffers per search that way, and
 * its memory outside the heap grew by ~140 MB between full collections, which then came every
 * 7–10 s with pauses of 25–45 ms (bench/PROFILE.md section 12). One engine, reset after each
 * page, leaves only plain buffers, and the next young collection frees them.
 *
 * The engine is driven the way Node's own `gzipSync` drives it (`_handle.writeSync`, its
 * `_writeState`, `reset()`); where those are missing (a Node that changed them) every call
 * falls back to `gzipSync`, the same bytes at the old cost. `reusesEngine()` tells which.
 *
 * @example
 *   const body = gzipPage(Buffer.from(html), 1); // one-off page: fast
 *   const cached = gzipPage(Buffer.from(html), 6); // cached page: smaller
 */
import { constants, createGzip, gzipSync, type Gzip } from 'node:zlib';

/** The part of Node's engine that `gzipSync` uses (lib/zlib.js `processChunkSync`). */
interface EngineInternals {
  _handle?: {
    writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
    reset(): void;
  } | null;
  /** After each write: [output bytes left free, input bytes left unread]. */
  _writeState?: Uint32Array;
}

const engines = new Map<number, Gzip & EngineInternals>();
/** Where the engines write; each result is copied out (grows to the largest page seen). */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);
let broken = false;

/** The kept engine for `level`, made (and its insides checked) on first use; null where Node lacks them. */
function engineFor(level: number): (Gzip & EngineInternals) | null {
  if (broken) return null;
  const known = engines.get(level);
  if (known) return known;
  const engine = createGzip({ level }) as Gzip & EngineInternals;
  if (typeof engine._handle?.writeSync !== 'function' || typeof engine._handle.reset !== 'function' || !(engine._writeState instanceof Uint32Array)) {
    broken = true;
    engine.destroy();
    return null;
  }
  // The engine is never written to as a stream; an error on it would otherwise be unhandled.
  engine.on('error', () => engines.delete(level));
  engines.set(level, engine);
  return engine;
}

/** The input gzipped at `level` (1 fast … 9 small): a complete gzip member of its own. */
export function gzipPage(input: Uint8Array, level: number): Buffer {
  const engine = engineFor(level);
  if (!engine) return gzipSync(input, { level });
  const handle = engine._handle!;
  const state = engine._writeState!;
  // More than zlib's bound for any input (deflateBound: n + n/4096 + n/16384 + 31 with the
  // gzip wrapper), so one call finishes the member.
  const room = input.byteLength + (input.byteLength >> 4) + 64;
  if (scratch.length < room) scratch = Buffer.allocUnsafeSlow(Math.max(room, 2 * scratch.length));
  const out = scratch;
  try {
    handle.writeSync(constants.Z_FINISH, input, 0, input.byteLength, out, 0, room);
    // zlib reports a failure through the engine, which destroys itself.
    if (engine.destroyed || state[1] !== 0 || state[0] === 0) throw new Error('gzip engine failed');
    handle.reset();
  } catch {
    // The engine's state is unknown now: the next call gets a new one, this one the old way.
    engines.delete(level);
    return gzipSync(input, { level });
  }
  // Copied out of the kept output buffer, at its own size: a cached page keeps only that.
  return Buffer.from(out.subarray(0, room - state[0]!));
}

/** Whether pages are compressed through kept engines (tests, the benchmark's notes). */
export function reusesEngine(): boolean {
  return engineFor(1) !== null;
}
