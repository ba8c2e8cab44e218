/**
 * A render thread (platform/threads.ts): the whole app on its own database connection, no
 * listening socket, no page cache, no jobs or scheduler. The main thread hands it GETs it
 * could not answer from its page cache; pages go back as templates (pages.ts `relay`).
 * Events from the main thread (settings, content, comments) reach this thread's bus, so
 * its caches of settings, names and related articles follow.
 *
 * Tests may start it with `faults: true`: a request with `x-blattwerk-fault: throw` then
 * throws outside any handler, `oom` allocates until the thread runs out of memory — the
 * two ways a real render can take its thread down — `loop` never ends, `slow` holds the thread
 * for 400 ms, and
 * `late` hands a rendered page over 400 ms after it was made.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildApp } from '../app.js';
import type { Config } from '../platform/config.js';
import type { EventName } from '../platform/events.js';
import type { FromWorker, ToWorker } from '../platform/threads.js';
import { RELAY_ID_HEADER, RELAY_ONCE_HEADER, TRANSFER_MIN_BYTES, transferablesOf } from '../platform/pages.js';
import { yieldToEventLoop } from '../platform/threads.js';
import { answerLocally } from '../platform/local-request.js';
import { ChurnTable } from '../platform/churn.js';

interface RenderWorkerData {
  config: Config;
  faults?: boolean;
}

const data = workerData as RenderWorkerData;
const port = parentPort!;
const app = await buildApp({ ...data.config, workers: false, pageCache: false, renderThreads: 0 }, { renderThread: true });
await app.http.ready();
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
// Pages are built here and handed over ready (pages.ts `RelayedPage`): the main thread's
// event loop neither scans, splices nor compresses them. Well compressed when it caches them.
const pages = app.services.pages;
pages.relayed = new ChurnTable();
pages.relayCaches = data.config.pageCache;

app.services.bus.onAny((event, payload, meta) => {
  if (!meta.remote) send({ kind: 'event', event, payload });
});

function fault(kind: unknown): void {
  if (kind === 'loop') for (;;); // a render that never ends
  else if (kind === 'slow') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400); // a long render: the thread is busy, then answers
  else if (kind === 'throw') throw new Error('render thread fault (test)');
  else if (kind === 'oom') {
    const hoard: unknown[] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
}

port.on('message', (message: ToWorker) => {
  if (message.kind === 'close') {
    void app.close().finally(() => process.exit(0));
    return;
  }
  if (message.kind === 'event') {
    void app.services.bus.emit(message.event as EventName, message.payload as never, { remote: true });
    return;
  }
  if (data.faults && message.headers['x-blattwerk-fault']) fault(message.headers['x-blattwerk-fault']);
  const relayId = String(message.id);
  // Through the router directly, not `inject()`: see platform/local-request.ts.
  void answerLocally(app.http, { method: 'GET', url: message.url, headers: { ...message.headers, [RELAY_ID_HEADER]: relayId, [RELAY_ONCE_HEADER]: message.once ? '1' : '0' }, remoteAddress: message.remoteAddress })
    .then(async (response) => {
      // Tests: the page is rendered now (the main thread is told), its answer arrives 400 ms later.
      if (data.faults && message.headers['x-blattwerk-fault'] === 'late') {
        send({ kind: 'held', id: message.id });
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      const body = new Uint8Array(response.body);
      const page = pages.relayed!.take(relayId);
      const transfer = page ? transferablesOf(page) : [];
      if (body.byteLength >= TRANSFER_MIN_BYTES && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength) transfer.push(body.buffer as ArrayBuffer);
      send({ kind: 'answer', id: message.id, status: response.statusCode, headers: response.headers, body, ...(page ? { page } : {}) }, transfer);
    })
    .catch((error: Error) => {
      pages.relayed!.delete(relayId);
      const body = new TextEncoder().encode(JSON.stringify({ error: { code: 'INTERNAL', message: error.message } }));
      send({ kind: 'answer', id: message.id, status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body });
    });
});

// Renders wait when readers of cached pages need the core (platform/threads.ts). Only from
// now on: until the thread is ready the event loop renders in place, so a thread that booted
// in the idle class on a busy core (a restart under load) never got the CPU to finish booting,
// and every render stayed on the event loop for as long as the load lasted.
const yielding = yieldToEventLoop();
send({ kind: 'ready', yielding });
