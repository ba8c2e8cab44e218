/**
 * SSE fan-out: N readers hold a stream open on one article; a comment is posted through
 * the API; the time from the POST until each reader has the event is recorded.
 *
 * @example
 *   const { p50Ms, p99Ms } = await sseFanOut({ base, article: 'stadtrat', readers: 1000, rounds: 10, post });
 */
import http from 'node:http';

export interface FanOutResult {
  readers: number;
  rounds: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  missed: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function sseFanOut(options: { base: string; article: string; readers: number; rounds: number; post: (n: number) => Promise<void> }): Promise<FanOutResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.readers + 10 });
  const waiting = new Map<number, (at: number) => void>();
  const streams: http.ClientRequest[] = [];
  let open = 0;
  const arrivals: number[][] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${open}/${options.readers} streams opened`)), 60_000);
    for (let i = 0; i < options.readers; i++) {
      // At most 32 streams per address (platform/sse.ts): readers come from 127.0.0.2, .3, …,
      // as readers behind different addresses would (all of 127/8 is loopback on Linux).
      const localAddress = `127.0.0.${2 + Math.floor(i / 30)}`;
      const request = http.get(`${options.base}/api/v1/articles/${options.article}/comments/stream`, { agent, localAddress }, (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes('retry:') && !(res as unknown as { counted?: boolean }).counted) {
            (res as unknown as { counted?: boolean }).counted = true;
            if (++open === options.readers) {
              clearTimeout(timer);
              resolve();
            }
          }
          let index;
          while ((index = buffer.indexOf('\n\n')) !== -1) {
            const frame = buffer.slice(0, index);
            buffer = buffer.slice(index + 2);
            const id = /^id: (\d+)$/m.exec(frame)?.[1];
            if (frame.includes('event: comment') && id) waiting.get(Number(id))?.(performance.now());
          }
        });
      });
      request.on('error', reject);
      streams.push(request);
    }
  });
  let missed = 0;
  for (let round = 0; round < options.rounds; round++) {
    const times: number[] = [];
    let resolveAll!: () => void;
    const all = new Promise<void>((r) => (resolveAll = r));
    let expectedId = -1;
    const started = performance.now();
    const listener = (at: number) => {
      times.push(at - started);
      if (times.length === options.readers) resolveAll();
    };
    // The comment id is learnt from the stream itself: any new id counts for this round.
    const original = waiting.get.bind(waiting);
    waiting.get = ((id: number) => {
      if (expectedId === -1) expectedId = id;
      return id === expectedId ? listener : original(id);
    }) as typeof waiting.get;
    await options.post(round);
    await Promise.race([all, new Promise((r) => setTimeout(r, 10_000))]);
    waiting.get = original;
    missed += options.readers - times.length;
    arrivals.push(times);
  }
  for (const stream of streams) stream.destroy();
  agent.destroy();
  const flat = arrivals.flat().sort((a, b) => a - b);
  return {
    readers: options.readers,
    rounds: options.rounds,
    samples: flat.length,
    p50Ms: percentile(flat, 50),
    p99Ms: percentile(flat, 99),
    maxMs: flat.at(-1) ?? NaN,
    missed,
  };
}
