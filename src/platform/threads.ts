/**
 * Render threads: the event loop that answers cached pages never renders. A GET or HEAD the
 * page cache cannot answer (a cache miss, a search, a feed, a newsroom page) goes to a pool
 * of worker threads, each running the whole app on its own database connection; the answer
 * comes back as bytes, and a page comes back as its template (with the per-visitor holes),
 * which this thread stores in its page cache and sends (pages.ts `sendRelayed`). Writes,
 * live streams, health and metrics stay on this thread: they are short, or they hold
 * this thread's state (the live hub, the counters).
 *
 * A worker that throws or runs out of memory is replaced; the requests it held are answered
 * 500 with a request id (logged with the cause), and the process keeps serving.
 *
 * @example
 *   const pool = createRenderPool({ size: 1, entry, workerData: { config }, logger });
 *   if (pool.takes(request)) pool.dispatch(request).then((answer) => sendRelayed(pages, request, response, answer));
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type { IncomingMessage, ServerResponse, OutgoingHttpHeaders } from 'node:http';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError } from './errors.js';
import { ChurnTable } from './churn.js';
import { requestId as newRequestId } from './http.js';
import { asksForActivityJson, isOwnRelayed, sendRelayed, sessionCookieOf, type PageSender, type RelayedPage } from './pages.js';

/** What the main thread sends a worker: a request to answer, an event, or (tests) a fault. */
export type ToWorker =
  | {
      kind: 'request'; id: number; method: string; url: string; headers: Record<string, string | string[] | undefined>; remoteAddress: string;
      /** The page cache will not keep this page (an address asked for once): compress it once, cheaply. */
      once?: boolean;
    }
  | { kind: 'event'; event: string; payload: unknown }
  | { kind: 'close' };

/** What a worker sends back. */
export type FromWorker =
  | { kind: 'ready'; yielding?: Yielding }
  | { kind: 'answer'; id: number; status: number; headers: OutgoingHttpHeaders; body: Uint8Array; page?: RelayedPage }
  | { kind: 'event'; event: string; payload: unknown }
  /** Tests (`x-blattwerk-fault: late`): the page is rendered, its answer held back. */
  | { kind: 'held'; id: number };

export interface RelayedAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** A page, built in the thread (pages.ts `sendRelayed`). */
  page?: RelayedPage | undefined;
}

interface Pending {
  resolve(answer: RelayedAnswer): void;
  reject(error: Error): void;
}

/** A request waiting on the main thread for room in a render thread. */
interface Queued {
  request: IncomingMessage;
  once: boolean;
  resolve(answer: RelayedAnswer): void;
  reject(error: Error): void;
}

/** Requests a render thread holds at once; the rest wait on the main thread (`dispatch`). */
export const IN_FLIGHT_PER_THREAD = 2;

/** A request dropped before rendering because its reader had closed the connection. */
export class ClientGoneError extends Error {
  constructor() {
    super('the reader closed the connection before the page was rendered');
  }
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
  /** Its requests in flight, by message id (a `ChurnTable`: one comes and goes per request). */
  pending: ChurnTable<Pending>;
  /** Resolves when the thread has exited, whatever the reason. */
  exited: Promise<void>;
  /** The thread's kernel id, once it is ready (Linux): its CPU time counts for the deadline. */
  tid: number | null;
  /** Its CPU time as last read (`recentCpu`). */
  cpu?: { reading: ReturnType<typeof threadCpu>; at: number };
}

export interface RenderPoolOptions {
  size: number;
  /** The worker's module (a .js file, or .ts when running from source through tsx). */
  entry: URL;
  workerData: unknown;
  logger: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
  resourceLimits?: ResourceLimits;
  /** How long one render may take before its thread is replaced (default 60 s). */
  deadlineMs?: number;
  /** Events a worker raised (it only reads, but a read may still say something happened). */
  onEvent?: (event: string, payload: unknown) => void;
}

/**
 * What goes to a thread: pages (paths without a file extension), search included. What
 * stays: the API, live streams, health and metrics, and files — assets, media, feeds,
 * sitemaps — which are served from memory or disk, or from their own caches (a feed is
 * rendered once per change), where a trip to a thread would cost more than it saves.
 */
const STAYS = /^\/(?:api|assets|media|healthz|readyz|metrics)(?:\/|$)|\/stream$|\.[a-z0-9]{1,8}$/i;

export interface RenderPool {
  /** Whether this request is rendered in a worker. */
  takes(request: IncomingMessage): boolean;
  /**
   * Sends the request to a worker (a HEAD as a GET: the body is dropped here) once one has
   * room; rejects if the worker dies, or with `ClientGoneError` if the reader left first.
   */
  dispatch(request: IncomingMessage, options?: { once?: boolean }): Promise<RelayedAnswer>;
  /** Passes an event to every worker (their caches of settings and names). */
  broadcast(event: string, payload: unknown): void;
  /** Requests handed to the pool so far (tests, metrics). */
  readonly dispatched: number;
  /** Workers replaced so far (tests, metrics). */
  readonly replaced: number;
  /** Requests dropped unrendered because their reader had gone (tests, metrics). */
  readonly dropped: number;
  /** Requests waiting for room in a thread. */
  readonly queued: number;
  /** Tests: pages rendered and held back (`x-blattwerk-fault: late`), so far. */
  readonly held: number;
  /** Resolves once every thread is ready (tests; requests never wait for it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

// Flags a render thread takes over from the process: with the value that follows them, or in
// one piece (`--import=tsx`, `--cpu-prof`).
const PASSED_WITH_NEXT = /^--(?:import|require|loader|experimental-loader|conditions|cpu-prof-dir|cpu-prof-interval|cpu-prof-name)$/;
const PASSED_ALONE = /^--(?:import|require|loader|experimental-loader|conditions|cpu-prof(?:-[a-z]+)?)(?:=|$)/;

/**
 * The flags a render thread starts with. Workers started from TypeScript sources need tsx's
 * loader, which the main thread may have registered in code (bin/blattwerk.js) rather than
 * through --import. Only the loader flags pass on, and the profiler's (`--cpu-prof`,
 * `--cpu-prof-interval 200`, to profile the threads): process-wide ones (the test runner's)
 * a Worker refuses, and a flag without its value would stop every thread from starting.
 *
 * @example
 *   workerExecArgv(['--cpu-prof', '--cpu-prof-interval', '200', '--test'], false); // ['--cpu-prof', '--cpu-prof-interval', '200']
 */
export function workerExecArgv(execArgv: readonly string[], fromSource: boolean): string[] {
  const passed: string[] = [];
  execArgv.forEach((arg, i, all) => {
    if (PASSED_WITH_NEXT.test(arg)) {
      if (all[i + 1] !== undefined) passed.push(arg, all[i + 1]!);
    } else if (PASSED_ALONE.test(arg)) passed.push(arg);
  });
  return fromSource && !passed.some((arg) => arg.includes('tsx')) ? [...passed, '--import', 'tsx'] : passed;
}

export function createRenderPool(options: RenderPoolOptions): RenderPool {
  const slots: Slot[] = [];
  let next = 0;
  let counter = 0;
  let replaced = 0;
  let held = 0;
  let failures = 0;
  let closing = false;
  let warnedNice = false;
  const execArgv = workerExecArgv(process.execArgv, options.entry.pathname.endsWith('.ts'));

  const start = (index: number): Slot => {
    const worker = new Worker(options.entry, { workerData: options.workerData, execArgv, resourceLimits: options.resourceLimits });
    let markReady: () => void = () => undefined;
    let failReady: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    ready.catch(() => undefined);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const slot: Slot = { worker, ready, isReady: false, pending: new ChurnTable(), exited, tid: null };
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'ready') {
        if (message.yielding?.policy === 'nice' && !warnedNice) {
          warnedNice = true;
          options.logger.warn({ yielding: message.yielding }, 'render threads run at nice 19, not in the idle class (chrt from util-linux not found): cached readers may wait a few milliseconds behind renders');
        }
        slot.tid = message.yielding?.tid ?? null;
        options.logger.info({ yielding: message.yielding }, 'render thread ready');
        slot.isReady = true;
        markReady();
        pump();
      }
      else if (message.kind === 'answer') {
        slot.pending.take(message.id)?.resolve({ status: message.status, headers: message.headers, body: Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength), page: message.page });
      } else if (message.kind === 'event') options.onEvent?.(message.event, message.payload);
      else if (message.kind === 'held') held++;
    });
    let started = false;
    let failed = false;
    void ready.then(() => (started = true), () => undefined);
    const fail = (error: Error) => {
      if (failed) return; // 'error' and then 'exit': one replacement
      failed = true;
      slot.isReady = false;
      failReady(error);
      for (const waiting of slot.pending.values()) waiting.reject(error);
      slot.pending.clear();
      if (closing || slots[index] !== slot) return;
      replaced++;
      // A thread that dies before it is ready (a broken build, too little memory) is not
      // restarted in a tight loop: the next try waits, longer each time, up to 30 s.
      failures = started ? 0 : failures + 1;
      const delay = failures === 0 ? 0 : Math.min(30_000, 500 * 2 ** (failures - 1));
      options.logger.error({ err: error, restartInMs: delay }, 'render thread died; starting a new one');
      if (delay === 0) slots[index] = start(index);
      else {
        const waiting = setTimeout(() => {
          if (!closing && slots[index] === slot) slots[index] = start(index);
        }, delay);
        waiting.unref();
      }
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`render thread exited with code ${code}`)));
    return slot;
  };

  for (let i = 0; i < Math.max(1, options.size); i++) slots.push(start(i));

  // Requests wait here, on the main thread, until a thread has room (`IN_FLIGHT_PER_THREAD`):
  // a reader who gives up (closes the connection) while waiting is dropped and never
  // rendered. Posted straight to a thread, a flood of abandoned requests (a client's
  // time-outs and retries) would queue unboundedly inside it, and every later miss would
  // wait behind renders nobody reads.
  const queue: Queued[] = [];
  let dropped = 0;
  let dispatched = 0;
  const pump = () => {
    while (queue.length > 0) {
      let slot: Slot | undefined;
      for (let i = 0; i < slots.length; i++) {
        const candidate = slots[(next + i) % slots.length]!;
        if (candidate.isReady && candidate.pending.size < IN_FLIGHT_PER_THREAD && (!slot || candidate.pending.size < slot.pending.size)) slot = candidate;
      }
      if (!slot) return; // every thread busy (or starting): an answer or a ready thread pumps again
      next++;
      const waiting = queue.shift()!;
      if (waiting.request.socket.destroyed) {
        dropped++;
        waiting.reject(new ClientGoneError());
        continue;
      }
      post(slot, waiting);
    }
  };
  const post = (slot: Slot, { request, once, resolve, reject }: Queued) => {
    const id = ++counter;
    const message: ToWorker = {
      kind: 'request',
      id,
      method: 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
      once,
    };
    // A render that never ends (a loop, not a crash) takes its thread down after the
    // deadline: the thread is replaced and its requests answered 500, as for a crash.
    // A thread that yields to busy readers (idle class) may wait long for a core without
    // being stuck: past the deadline it is given more time while it is runnable and has not
    // used the deadline's worth of CPU since (up to ten deadlines in all).
    const limitMs = options.deadlineMs ?? 60_000;
    const postedAt = Date.now();
    const atPost = recentCpu(slot);
    let deadline: NodeJS.Timeout;
    const check = (waitMs: number) => {
      deadline = setTimeout(() => {
        const now = threadCpu(slot.tid);
        const starved = atPost !== null && now !== null && now.runnable && now.cpuMs - atPost.cpuMs < limitMs && Date.now() - postedAt < 10 * limitMs;
        if (starved) check(Math.min(limitMs, 1000));
        else void slot.worker.terminate();
      }, waitMs);
      deadline.unref();
    };
    check(limitMs);
    const settle = () => {
      clearTimeout(deadline);
      setImmediate(pump);
    };
    slot.pending.set(id, {
      resolve: (answer) => {
        settle();
        resolve(answer);
      },
      reject: (error) => {
        settle();
        reject(error);
      },
    });
    slot.worker.postMessage(message);
  };

  return {
    takes(request) {
      // While no thread is ready (starting, or replacing one that died) the event loop
      // renders, as without threads: slower for cached readers, but nobody waits for a start.
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const url = request.url ?? '/';
      const query = url.indexOf('?');
      return !STAYS.test(query === -1 ? url : url.slice(0, query)) && slots.some((slot) => slot.isReady);
    },
    dispatch(request, { once = false } = {}) {
      dispatched++;
      return new Promise<RelayedAnswer>((resolve, reject) => {
        queue.push({ request, once, resolve, reject });
        pump();
      });
    },
    broadcast(event, payload) {
      const message: ToWorker = { kind: 'event', event, payload };
      for (const slot of slots) void slot.ready.then(() => slot.worker.postMessage(message), () => undefined);
    },
    get dispatched() {
      return dispatched;
    },
    get replaced() {
      return replaced;
    },
    get dropped() {
      return dropped;
    },
    get queued() {
      return queue.length;
    },
    get held() {
      return held;
    },
    async ready() {
      while (!slots.every((slot) => slot.isReady)) await Promise.race([...slots.map((slot) => slot.ready.catch(() => undefined)), new Promise((r) => setTimeout(r, 100))]);
    },
    async close() {
      closing = true;
      // Asked to end first, so that a thread exits as a process would (its --cpu-prof is
      // written then); one that does not within a second is terminated.
      await Promise.all(slots.map(async (slot) => {
        if (slot.isReady) slot.worker.postMessage({ kind: 'close' } satisfies ToWorker);
        const timer = setTimeout(() => void slot.worker.terminate(), slot.isReady ? 1000 : 0);
        await slot.exited;
        clearTimeout(timer);
      }));
    },
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** How old a thread's CPU reading may be when a request is posted to it (`recentCpu`). */
const CPU_READING_MS = 100;

/**
 * The thread's CPU time, read at most every `CPU_READING_MS`: read for every request, the
 * /proc file took 8 % of the event loop's time under a search flood. An older reading only
 * counts up to 100 ms more CPU against a render's deadline (60 s).
 */
function recentCpu(slot: Slot): ReturnType<typeof threadCpu> {
  const now = Date.now();
  if (!slot.cpu || now - slot.cpu.at > CPU_READING_MS) slot.cpu = { reading: threadCpu(slot.tid), at: now };
  return slot.cpu.reading;
}

/** CPU time (user plus system) of one of this process's threads and whether it is runnable; null where unknown. */
function threadCpu(tid: number | null): { cpuMs: number; runnable: boolean } | null {
  if (tid === null) return null;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, runnable: fields[0] === 'R' };
  } catch {
    return null;
  }
}

/** The niceness a render thread takes where it cannot take the idle class (0–19). */
export const RENDER_NICENESS = 19;

/** How a render thread yields the CPU to the event loop (tests, logs). */
export type Yielding = { policy: 'idle' | 'nice'; niceness: number; tid: number } | null;

/**
 * Puts the calling thread behind every ordinary thread for the CPU (Linux, the thread's own
 * id read from /proc/thread-self). A render thread calls it once it has booted (booting in the
 * idle class on a busy core, it never finished), so that on a busy core
 * the kernel runs the main thread the moment a reader's request arrives instead of letting
 * it wait out the render's time slice.
 *
 * First choice is the idle scheduling class (SCHED_IDLE, set with util-linux's `chrt`: Node
 * has no call for it): an ordinary thread that wakes always preempts it. Measured on one
 * core shared with a CPU-bound thread, a cached page's p99 was 1.5 ms beside an idle-class
 * thread, 8–13 ms beside one at nice 10 or 19 (`bench/PROFILE.md`). Without `chrt` the thread
 * takes nice 19. Either way a render waits only while readers keep that core busy: a core
 * free of them renders at full speed. Answers what was set, or null where threads cannot
 * be told apart (not Linux, no /proc).
 */
export function yieldToEventLoop(): Yielding {
  if (process.platform !== 'linux') return null;
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    if (getPriority(tid) < RENDER_NICENESS) setPriority(tid, RENDER_NICENESS);
  } catch {
    return null;
  }
  const idle = spawnSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
  return { policy: idle.status === 0 ? 'idle' : 'nice', niceness: getPriority(tid), tid };
}

/**
 * Answers a request the page cache could not through the render threads. Cookie-less readers
 * asking for the same address while its render is under way share that render ("request
 * collapsing"): when a page everyone reads has just been dropped (a comment on it), one
 * render answers them all instead of one each, queued behind each other. Shared only while
 * the page cache saw no drop since that render was asked for, so nobody gets a page older
 * than their own request (the reader who posted a comment and is sent back to the article
 * arrives after the drop and gets a render of their own). With several processes the drop
 * may reach this one after the reader does; a visitor's own page (`?posted=1`, pages.ts
 * `isOwnRelayed`) that came from a render begun for another request is therefore rendered
 * again for them (`alone`), so that it shows what they did.
 */
export function createRelay(pool: RenderPool, pages: PageSender, logger: RenderPoolOptions['logger']): (request: IncomingMessage, response: ServerResponse) => void {
  const running = new ChurnTable<{ stamp: number; answer: Promise<RelayedAnswer> }>();
  const relay = (request: IncomingMessage, response: ServerResponse, alone = false): void => {
    const url = request.url ?? '/';
    // Only what is the same for every cookie-less reader (an ActivityPub actor is not a page).
    const shared = sessionCookieOf(request) === undefined && !asksForActivityJson(request);
    const stamp = pages.cache.stamp();
    const under = shared && !alone ? running.get(url) : undefined;
    const joined = under !== undefined && under.stamp === stamp;
    let answer: Promise<RelayedAnswer>;
    if (joined) answer = under.answer;
    else {
      // A page the cache will not keep (an address asked for once) is compressed once, in the
      // encoding asked for, at a low level: not in both encodings at level 6 for a cache it
      // never enters (`PageCache.wouldStore`).
      answer = pool.dispatch(request, { once: !pages.enabled || !pages.cache.wouldStore(url) });
      if (shared) {
        const entry = { stamp, answer };
        running.set(url, entry);
        const done = () => void (running.get(url) === entry && running.delete(url));
        answer.then(done, done);
      }
    }
    answer.then(
      (relayed) => (joined && isOwnRelayed(relayed) ? relay(request, response, true) : sendRelayed(pages, request, response, relayed)),
      (error: Error) => {
        // The reader whose request it was left before it was rendered; those who shared it did not.
        if (error instanceof ClientGoneError && !request.socket.destroyed) return relay(request, response);
        sendThreadFailure(request, response, error, logger);
      },
    );
  };
  return relay;
}

/**
 * The answer when a render thread failed: 500 with a request id the log has too, as JSON
 * for the API and scripts, as a short page for people. Never a hanging socket.
 */
export function sendThreadFailure(request: IncomingMessage, res: ServerResponse, error: Error, logger: RenderPoolOptions['logger']): void {
  if (error instanceof ClientGoneError) {
    res.destroy();
    return;
  }
  const requestId = newRequestId();
  logger.error({ err: error, requestId, url: request.url }, 'render thread failed this request');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const failure = new AppError('INTERNAL');
  const json = (request.url ?? '').startsWith('/api/') || String(request.headers.accept ?? '').startsWith('application/json');
  const body = json
    ? JSON.stringify({ error: { code: failure.code, message: failure.localized('en'), requestId } })
    : `<!doctype html><html lang="de"><meta charset="utf-8"><title>500</title><h1>${failure.localized('de')}</h1><p>${failure.localized('en')}</p><p>Request ID: <code>${requestId}</code></p></html>`;
  res.writeHead(500, {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-request-id': requestId,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'content-length': Buffer.byteLength(body),
  });
  res.end(request.method === 'HEAD' ? undefined : body);
}
