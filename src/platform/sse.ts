/**
 * Server-Sent Events fan-out. Readers subscribe to a channel (one per article); a
 * publish writes one pre-serialised frame to every open stream of that channel. Streams
 * get a heartbeat comment so proxies keep them open, and are closed cleanly on shutdown.
 *
 * @example
 *   const hub = createSseHub();
 *   hub.subscribe(`article:${id}`, reply.raw);
 *   hub.publish(`article:${id}`, 'comment', { id: 12 });
 */
import type { ServerResponse } from 'node:http';

export interface SseHub {
  subscribe(channel: string, res: ServerResponse, retryMs?: number): () => void;
  publish(channel: string, event: string, data: unknown, id?: string | number): number;
  connections(): number;
  close(): void;
}

export function createSseHub(options: { heartbeatMs?: number } = {}): SseHub {
  const channels = new Map<string, Set<ServerResponse>>();
  let total = 0;
  const heartbeat = setInterval(() => {
    for (const set of channels.values()) for (const res of set) res.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 25_000);
  heartbeat.unref();

  return {
    subscribe(channel, res, retryMs = 5000) {
      let set = channels.get(channel);
      if (!set) channels.set(channel, (set = new Set()));
      set.add(res);
      total++;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${retryMs}\n\n`);
      let done = false;
      const unsubscribe = () => {
        if (done) return;
        done = true;
        total--;
        set!.delete(res);
        if (set!.size === 0) channels.delete(channel);
      };
      res.on('close', unsubscribe);
      return unsubscribe;
    },
    publish(channel, event, data, id) {
      const set = channels.get(channel);
      if (!set || set.size === 0) return 0;
      // Serialised once for all readers; JSON has no raw newlines, so one data line.
      const frame = `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of set) res.write(frame);
      return set.size;
    },
    connections() {
      return total;
    },
    close() {
      clearInterval(heartbeat);
      for (const set of channels.values()) for (const res of set) res.end();
      channels.clear();
    },
  };
}
