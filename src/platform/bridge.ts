/**
 * Bridges the events bus across app nodes on PostgreSQL with LISTEN/NOTIFY, so that a
 * comment posted through one node reaches readers streaming from another, and every
 * node drops its page cache when content changes. Each node tags what it sends with its
 * id and ignores its own echo; events that arrived from elsewhere are not sent on again.
 * On SQLite there is only one node and nothing to bridge.
 *
 * @example
 *   const bridge = await bridgeEvents(bus, handle, logger);
 *   await bridge.close();
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseHandle } from './db/index.js';
import type { EventBus, EventName } from './events.js';
import type { Logger } from './logging.js';

const CHANNEL = 'blattwerk_events';
/** NOTIFY payloads are limited to 8000 bytes; our events are small ids. */
const MAX_PAYLOAD = 7900;

export interface Bridge {
  nodeId: string;
  close(): Promise<void>;
}

export async function bridgeEvents(bus: EventBus, handle: DatabaseHandle, logger: Pick<Logger, 'warn' | 'error' | 'info'>): Promise<Bridge> {
  const nodeId = randomBytes(6).toString('hex');
  if (handle.dialect !== 'postgres' || !handle.pool) return { nodeId, close: async () => undefined };
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: handle.url });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'event bridge connection lost; reconnecting');
      scheduleReconnect();
    });
    next.on('notification', (message) => {
      if (!message.payload) return;
      try {
        const { n, e, p } = JSON.parse(message.payload) as { n: string; e: EventName; p: never };
        if (n === nodeId) return;
        void bus.emit(e, p, { remote: true });
      } catch (error) {
        logger.warn({ err: error }, 'ignored a malformed bridged event');
      }
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    client = next;
  };

  const scheduleReconnect = () => {
    const old = client;
    client = null;
    void old?.end().catch(() => undefined);
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch(() => scheduleReconnect());
    }, 1000);
    retry.unref();
  };

  await connect();
  const unsubscribe = bus.onAny(async (event, payload, meta) => {
    if (meta.remote || closed) return;
    const message = JSON.stringify({ n: nodeId, e: event, p: payload });
    if (Buffer.byteLength(message) > MAX_PAYLOAD) {
      logger.error({ event }, 'event too large to bridge');
      return;
    }
    // Sent through the pool, so a NOTIFY never waits behind the listening connection.
    await handle.pool!.query('SELECT pg_notify($1, $2)', [CHANNEL, message]);
  });

  return {
    nodeId,
    async close() {
      closed = true;
      unsubscribe();
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
