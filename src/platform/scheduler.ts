/**
 * Periodic work in this process: publishing scheduled articles when their time comes.
 * Several nodes may run it at once; `publishDue` is a compare-and-set per article, so
 * each article is published once.
 */
import type { Logger } from './logging.js';

export interface Scheduler {
  start(): void;
  stop(): void;
  /** One pass now (tests call this instead of waiting). */
  tick(): Promise<void>;
}

export function createScheduler(
  { content, logger }: { content: { publishDue(): Promise<number> }; logger: Logger },
  intervalMs = 15_000,
): Scheduler {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const published = await content.publishDue();
      if (published) logger.info({ published }, 'published scheduled articles');
    } catch (error) {
      logger.error({ err: error }, 'scheduled publishing failed');
    } finally {
      running = false;
    }
  };
  return {
    start() {
      timer ??= setInterval(() => void tick(), intervalMs);
      timer.unref();
      void tick();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    tick,
  };
}
