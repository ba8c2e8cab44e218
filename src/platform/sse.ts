/**
 * Server-Sent Events fan-out. Readers subscribe to a channel (one per article); a
 * publish writes one pre-serialised frame to every open stream of that channel. Streams
 * get a heartbeat comment so proxies keep them open, and are closed cleanly on shutdown.
 * One address (an IPv6 sender by its /64) holds at most `maxPerAddress` open streams: a
 * stream costs a socket and memory for as long as it stays open, so without a cap one
 * machine could hold thousands. The one over the cap is refused with RATE_LIMITED (429)
 * before anything is written, so the route can still answer it as an error.
 *
 * @example
 *   const hub = createSseHub();
 *   hub.subscribe(`article:${id}`, reply.raw, { address: request.ip }); // throws RATE_LIMITED over the cap
 *   reply.hijack();
 *   hub.publish(`article:${id}`, 'comment', { id: 12 });
 */
import type { ServerResponse } from 'node:http';
import { AppError } from './errors.js';
import { senderKey } from './ip.js';

/** Open streams one address may hold: tabs and devices of a household, a small office. */
export const SSE_PER_ADDRESS = 32;

export interface SubscribeOptions {
  /** The client's IP address; streams are counted per address (IPv6: per /64). */
  address?: string;
  /** How long the browser waits before reconnecting. */
  retryMs?: number;
}

export interface SseHub {
  subscribe(channel: string, res: ServerResponse, options?: SubscribeOptions): () => void;
  publish(channel: string, event: string, data: unknown, id?: string | number): number;
  connections(): number;
  /** Streams open on `channel` in this process (a publisher with none skips its work). */
  listeners(channel: string): number;
  close(): void;
}

export function createSseHub(options: { heartbeatMs?: number; maxPerAddress?: number } = {}): SseHub {
  const channels = new Map<string, Set<ServerResponse>>();
  const perAddress = new Map<string, number>();
  const maxPerAddress = options.maxPerAddress ?? SSE_PER_ADDRESS;
  let total = 0;
  const heartbeat = setInterval(() => {
    for (const set of channels.values()) for (const res of set) res.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 25_000);
  heartbeat.unref();

  return {
    subscribe(channel, res, { address, retryMs = 5000 } = {}) {
      const key = address === undefined ? null : senderKey(address);
      const held = key === null ? 0 : (perAddress.get(key) ?? 0);
      if (key !== null && held >= maxPerAddress) {
        throw new AppError('RATE_LIMITED', { retryAfter: 30, detail: `at most ${maxPerAddress} live streams per address` });
      }
      if (key !== null) perAddress.set(key, held + 1);
      let set = channels.get(channel);
      if (!set) channels.set(channel, (set = new Set()));
      set.add(res);
      total++;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write(`retry: ${retryMs}\n\n`);
      let done = false;
      const unsubscribe = () => {
        if (done) return;
        done = true;
        total--;
        if (key !== null) {
          const left = (perAddress.get(key) ?? 1) - 1;
          if (left > 0) perAddress.set(key, left);
          else perAddress.delete(key);
        }
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
    listeners(channel) {
      return channels.get(channel)?.size ?? 0;
    },
    close() {
      clearInterval(heartbeat);
      for (const set of channels.values()) for (const res of set) res.end();
      channels.clear();
      perAddress.clear();
    },
  };
}
