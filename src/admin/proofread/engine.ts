/**
 * Where Hunspell runs. Suggestions for an unknown German compound take up to ~300 ms of
 * synchronous WebAssembly; on the server's own thread that would stall every reader's
 * page meanwhile. So by default the dictionaries live in one worker thread per process,
 * and the server only waits for its answers. `inlineEngine` runs in the calling thread
 * (inside the worker, and for measuring Hunspell alone).
 *
 * @example
 *   const engine = workerEngine();
 *   await engine.check('de-DE', ['Stadtrat', 'Urkaine']); // [true, false]
 *   await engine.suggest('de-DE', ['Urkaine']);           // [['Ukraine']]
 */
import { Worker } from 'node:worker_threads';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { speller } from './hunspell.js';
import type { Variant } from './types.js';

export interface SpellEngine {
  /** Whether the dictionary accepts each word, in order. */
  check(variant: Variant, words: readonly string[]): Promise<boolean[]>;
  /** Suggestions for each word, best first, in order. */
  suggest(variant: Variant, words: readonly string[]): Promise<string[][]>;
}

export type EngineRequest = { id: number; op: 'check' | 'suggest'; variant: Variant; words: string[] };
export type EngineReply = { id: number; result: boolean[] | string[][] } | { id: number; error: string };

export const inlineEngine: SpellEngine = {
  async check(variant, words) {
    const dictionary = await speller(variant);
    return words.map((word) => dictionary.correct(word));
  },
  async suggest(variant, words) {
    const dictionary = await speller(variant);
    return words.map((word) => dictionary.suggest(word));
  },
};

/**
 * The worker is this file's sibling: `engine-worker.js` once built. Run from source
 * (tests, `tsx`), it is a .ts file, and tsx does not hook itself into worker threads on
 * Node 20, so the worker first registers tsx and then imports the file.
 */
function spawnWorker(): Worker {
  const ext = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./engine-worker${ext}`, import.meta.url);
  if (ext !== '.ts') return new Worker(entry);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true });
}

interface Waiting {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

let shared: SpellEngine | null = null;

/** The process's worker engine, started on first use (one worker for every app). */
export function workerEngine(): SpellEngine {
  shared ??= createWorkerEngine();
  return shared;
}

function createWorkerEngine(): SpellEngine {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  function failAll(error: Error) {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  }

  function start(): Worker {
    const started = spawnWorker();
    started.on('message', (reply: EngineReply) => {
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('error' in reply) entry?.reject(new Error(reply.error));
      else entry?.resolve(reply.result);
      if (waiting.size === 0) started.unref();
    });
    started.on('error', (error) => failAll(error));
    // A crashed worker is replaced on the next call; whatever it owed fails now.
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new Error('proofreading worker stopped'));
    });
    return started;
  }

  function call<T>(op: EngineRequest['op'], variant: Variant, words: readonly string[]): Promise<T> {
    if (words.length === 0) return Promise.resolve([] as T);
    worker ??= start();
    // Keep the process alive while an answer is owed, and not a moment longer.
    worker.ref();
    const id = nextId++;
    const current = worker;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: (result) => resolve(result as T), reject });
      current.postMessage({ id, op, variant, words: [...words] } satisfies EngineRequest);
    });
  }

  return {
    check: (variant, words) => call<boolean[]>('check', variant, words),
    suggest: (variant, words) => call<string[][]>('suggest', variant, words),
  };
}
