/**
 * `blattwerk serve --processes N`: N processes (node:cluster) answer on one port and share one
 * database (SQLite in WAL mode, or PostgreSQL). The primary migrates (and seeds the demo)
 * once, then forks; it answers nothing itself.
 *
 * - Events (cache invalidation, live comments, likes) reach every process: on SQLite through
 *   the cluster's IPC channel (the primary passes each process's events to the others), on
 *   PostgreSQL through the LISTEN/NOTIFY bridge every process already has (platform/bridge.ts).
 * - Jobs and the scheduler run in process 1 only (a replacement for it takes them over), so
 *   they run exactly once; page-view counts are flushed by every process (they add up).
 * - A process that dies is replaced.
 */
import cluster, { type Worker } from 'node:cluster';
import type { App } from '../app.js';
import type { Config } from '../platform/config.js';
import type { EventName } from '../platform/events.js';

interface EventMessage {
  bw: 'event';
  event: EventName;
  payload: unknown;
}

function isEventMessage(message: unknown): message is EventMessage {
  return typeof message === 'object' && message !== null && (message as { bw?: unknown }).bw === 'event';
}

/** The primary: forks `processes` workers, relays their events, replaces the dead. */
export async function runPrimary(config: Config, processes: number, prepare: () => Promise<void>): Promise<number> {
  await prepare();
  const byIndex = new Map<number, Worker>();
  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ BLATTWERK_PROCESS_INDEX: String(index) });
    byIndex.set(index, worker);
    worker.on('message', (message: unknown) => {
      if (!isEventMessage(message)) return;
      for (const other of byIndex.values()) if (other !== worker && other.isConnected()) other.send(message);
    });
    worker.on('exit', (code, signal) => {
      if (byIndex.get(index) === worker) byIndex.delete(index);
      if (stopping) return;
      console.error(`blattwerk: process ${index} (pid ${worker.process.pid}) ended (${signal ?? code}); starting a new one`);
      setTimeout(() => fork(index), 500).unref();
    });
  };
  for (let i = 1; i <= processes; i++) fork(i);
  console.log(`Blattwerk: ${processes} processes on http://${config.host}:${config.port}/ (database: ${config.databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite'})`);
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of byIndex.values()) worker.process.kill('SIGTERM');
    const deadline = setTimeout(() => process.exit(0), 10_000);
    deadline.unref();
    const check = setInterval(() => {
      if (byIndex.size === 0) process.exit(0);
    }, 100);
    check.unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

/** Which process of the cluster this is (1…N), or null outside a cluster. */
export function processIndex(): number | null {
  if (cluster.isPrimary) return null;
  const index = Number(process.env.BLATTWERK_PROCESS_INDEX);
  return Number.isInteger(index) && index > 0 ? index : null;
}

/** A worker process's config: only process 1 runs jobs and the scheduler. */
export function workerConfig(config: Config, index: number): Config {
  return { ...config, workers: config.workers && index === 1 };
}

/**
 * Joins this process's events bus to the others' through the primary (SQLite only: on
 * PostgreSQL the LISTEN/NOTIFY bridge already does it, and both would deliver twice).
 */
export function joinCluster(app: App, index: number): void {
  if (!app.services.config.workers) app.services.views.start(); // every process's page views count
  if (app.services.database.dialect === 'postgres') return;
  app.services.bus.onAny((event, payload, meta) => {
    if (meta.remote || !process.connected) return;
    process.send?.({ bw: 'event', event, payload } satisfies EventMessage);
  });
  process.on('message', (message: unknown) => {
    if (isEventMessage(message)) void app.services.bus.emit(message.event, message.payload as never, { remote: true });
  });
  void index;
}
