/**
 * Fedify's `MessageQueue` over the project's durable job queue (platform/jobs): every
 * delivery, fan-out and retry is a row in `jobs`, so it survives a crash, is worked by
 * whichever node of a PostgreSQL cluster claims it (`FOR UPDATE SKIP LOCKED`), and a
 * failure is retried by the job queue's own backoff (`nativeRetrial`: Fedify rethrows and
 * leaves retrying to us) until `maxAttempts`, then stays `failed` with its last error, which
 * the newsroom's federation page lists. Ordering keys are not honoured (deliveries to one
 * inbox may overtake each other, which ActivityPub servers tolerate).
 *
 * @example
 *   const queue = createFederationQueue(jobs, { maxAttempts: 8 });
 *   createFederation({ kv, queue, manuallyStartQueue: true });
 */
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import type { JobQueue } from '../platform/jobs/index.js';

export const FEDERATION_JOB = 'federation.message';

export interface FederationQueueOptions {
  /** Attempts per delivery before it is given up (the job queue's backoff between them). */
  maxAttempts?: number;
  /**
   * A delivery (or fan-out step) taking longer fails and is retried later: a server that
   * accepts connections and never answers must not hold a worker (default 30 s).
   */
  timeoutMs?: number;
  now?: () => Date;
}

type Handler = (message: unknown) => Promise<void> | void;

export function createFederationQueue(jobs: Pick<JobQueue, 'enqueue' | 'register' | 'stats'>, options: FederationQueueOptions = {}): MessageQueue {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let handler: Handler | null = null;
  let registered = false;

  const runAt = (enqueue?: MessageQueueEnqueueOptions) =>
    enqueue?.delay ? new Date(now().getTime() + Math.max(0, enqueue.delay.total({ unit: 'millisecond' }))) : undefined;

  return {
    nativeRetrial: true,
    async enqueue(message: unknown, enqueue?: MessageQueueEnqueueOptions) {
      const at = runAt(enqueue);
      await jobs.enqueue(FEDERATION_JOB, message, { maxAttempts, ...(at ? { runAt: at } : {}) });
    },
    async enqueueMany(messages: readonly unknown[], enqueue?: MessageQueueEnqueueOptions) {
      const at = runAt(enqueue);
      for (const message of messages) await jobs.enqueue(FEDERATION_JOB, message, { maxAttempts, ...(at ? { runAt: at } : {}) });
    },
    async listen(handle: Handler, listen?: MessageQueueListenOptions) {
      // One handler per node: the job queue claims a kind only where it is registered.
      handler = handle;
      if (!registered) {
        registered = true;
        jobs.register(FEDERATION_JOB, async (job) => {
          if (!handler) throw new Error('the federation queue is not listening on this node');
          let timer: NodeJS.Timeout | undefined;
          const deadline = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          });
          try {
            await Promise.race([handler(job.payload), deadline]);
          } finally {
            clearTimeout(timer);
          }
        });
      }
      if (!listen?.signal) return new Promise<void>(() => {});
      const signal = listen.signal;
      await new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      if (handler === handle) handler = null;
    },
    async getDepth() {
      const stats = await jobs.stats();
      const kind = stats.kinds[FEDERATION_JOB];
      return { queued: (kind?.queued ?? 0) + (kind?.running ?? 0) };
    },
  };
}
