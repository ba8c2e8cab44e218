/**
 * Who receives which webhook event, kept per process (issue 16): every published comment
 * dispatches two events, and reading the `webhooks` table for each cost two statements per
 * post. The list is forgotten on `webhooks.changed` (emitted by the service on register and
 * delete, reaching every process and node like every event) and after `ttlMs` at most, for
 * a change the bus did not carry.
 *
 * @example
 *   const receivers = cachedReceivers(store, bus, now);
 *   await receivers.subscribedTo('comment.published'); // [{ id: 3 }]
 */
import type { EventBus } from '../../platform/events.js';
import type { WebhookEvent } from './events.js';
import type { WebhookStore } from './store.js';

export interface Receivers {
  subscribedTo(event: WebhookEvent): Promise<{ id: number }[]>;
  /** Drops the kept list: the next call reads the table. */
  forget(): void;
}

export function cachedReceivers(store: Pick<WebhookStore, 'receivers'>, bus: Pick<EventBus, 'on'>, now: () => Date, ttlMs = 5_000): Receivers {
  let kept: { at: number; rows: Promise<{ id: number; events: string[] }[]> } | null = null;
  const forget = () => {
    kept = null;
  };
  bus.on('webhooks.changed', forget);
  return {
    forget,
    async subscribedTo(event) {
      const at = now().getTime();
      if (!kept || at - kept.at >= ttlMs || at < kept.at) {
        const mine = { at, rows: store.receivers() };
        kept = mine;
        // A failed read is not kept.
        mine.rows.catch(() => kept === mine && forget());
      }
      return (await kept.rows).filter((row) => row.events.includes(event)).map(({ id }) => ({ id }));
    },
  };
}
