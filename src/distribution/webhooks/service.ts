/**
 * Webhooks: staff register receivers; each event they asked for becomes one delivery row
 * and one durable job in the same transaction; the job POSTs the stored body, signed anew
 * with a fresh timestamp on every attempt, and any non-2xx answer or timeout is retried
 * with the job queue's exponential backoff. REST routes and event wiring share this.
 *
 * @example
 *   const webhooks = createWebhookService({ store, jobs, settings, now });
 *   const { webhook, secret } = await webhooks.create({ url: 'https://hooks.example.org/in', events: ['article.published'] }, staffId);
 *   await webhooks.dispatch('article.published', async () => ({ article: { id: 7 } }));
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import type { Job, JobQueue } from '../../platform/jobs/index.js';
import type { SettingsService } from '../../platform/settings.js';
import type { EventBus } from '../../platform/events.js';
import { OutboundError, checkOutboundUrl } from '../../platform/outbound.js';
import type { WebhookEvent } from './events.js';
import { postWebhook, type WebhookAnswer } from './http.js';
import type { Receivers } from './receivers.js';
import { generateSecret, signWebhook } from './signature.js';
import { deliveryJobKey, type Delivery, type Webhook, type WebhookStore } from './store.js';

export const DELIVERY_JOB = 'webhook.deliver';

export interface DeliveryJob {
  deliveryId: string;
}

export interface WebhookServiceDeps {
  store: WebhookStore;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  settings: Pick<SettingsService, 'get'>;
  now: () => Date;
  /** Told of every register and delete, so that each process's kept receivers are forgotten. */
  bus?: Pick<EventBus, 'emit'>;
  /** Who receives an event, kept in memory (`receivers.ts`); the table is read each time without it. */
  receivers?: Receivers;
  /** Tests shorten it; receivers get 10 s by default. */
  timeoutMs?: number;
  post?: typeof postWebhook;
}

/** A failed attempt as the job queue sees it; `permanent` ends the retries (a refused target). */
class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

function targetError(error: OutboundError): AppError {
  return new AppError('VALIDATION', { field: 'url', detail: error.message, cause: error });
}

/**
 * @example
 *   createWebhookService(deps).list(); // Webhook[] without secrets
 */
export function createWebhookService(deps: WebhookServiceDeps) {
  const { store, jobs, settings, now } = deps;
  const post = deps.post ?? postWebhook;
  const allowPrivate = async () => (await settings.get('distribution')).allowPrivateWebhookTargets;

  async function send(url: string, body: string, headers: Record<string, string>): Promise<WebhookAnswer> {
    // The outbound helper checks literal IPs and, as the socket connects, what names resolve to.
    return post(new URL(url), body, headers, { guard: !(await allowPrivate()), timeoutMs: deps.timeoutMs });
  }

  async function deliver(event: WebhookEvent, data: () => Promise<unknown>, hooks: { id: number }[]): Promise<number> {
    if (hooks.length === 0) return 0;
    const payload = await data();
    if (payload === null || payload === undefined) return 0;
    const createdAt = now().toISOString();
    await store.db.transaction().execute(async (tx) => {
      for (const hook of hooks) {
        const id = randomUUID();
        const body = JSON.stringify({ id, event, createdAt, data: payload });
        await tx
          .insertInto('webhook_deliveries')
          .values({ delivery_id: id, webhook_id: hook.id, event, body, status: 'pending', created_at: createdAt, error: null, response_code: null, last_attempt_at: null })
          .execute();
        await jobs.enqueue(DELIVERY_JOB, { deliveryId: id } satisfies DeliveryJob, { dedupeKey: deliveryJobKey(id) }, tx);
      }
    });
    jobs.wake();
    return hooks.length;
  }

  return {
    /** Registers a receiver; the secret is answered here and never again. */
    async create(input: { url: string; events: WebhookEvent[]; description?: string }, createdBy: number | null) {
      const events = [...new Set(input.events)];
      if (events.length === 0) throw new AppError('VALIDATION', { field: 'events', detail: 'choose at least one event' });
      const url = await checkOutboundUrl(input.url, { allowPrivate: await allowPrivate() }).catch((error: unknown) => {
        throw error instanceof OutboundError ? targetError(error) : error;
      });
      const secret = generateSecret();
      const webhook = await store.insert({ url: url.href, events, secret, description: input.description ?? '', createdBy, now: now() });
      await deps.bus?.emit('webhooks.changed', { webhookId: webhook.id });
      return { webhook, secret };
    },

    list: (): Promise<Webhook[]> => store.list(),

    async remove(id: number): Promise<void> {
      if (!(await store.remove(id))) throw new AppError('NOT_FOUND', { field: 'id' });
      await deps.bus?.emit('webhooks.changed', { webhookId: id });
    },

    find: (id: number): Promise<Webhook | null> => store.find(id),

    /** Newest first; `nextAttemptAt` is when a delivery still waiting will be tried (else null). */
    async deliveries(webhookId: number, limit = 100): Promise<(Delivery & { nextAttemptAt: Date | null })[]> {
      if (!(await store.find(webhookId))) throw new AppError('NOT_FOUND', { field: 'id' });
      const rows = await store.deliveries(webhookId, limit);
      const waiting = rows.filter((row) => row.status === 'pending' || row.status === 'retrying').map((row) => row.id);
      const next = await store.nextAttempts(waiting);
      return rows.map((row) => ({ ...row, nextAttemptAt: next.get(row.id) ?? null }));
    },

    /**
     * One delivery per receiver of `event`, created with its job in one transaction.
     * `data` is only built when someone listens.
     */
    async dispatch(event: WebhookEvent, data: () => Promise<unknown>): Promise<number> {
      if (!deps.receivers) return deliver(event, data, await store.subscribedTo(event));
      try {
        return await deliver(event, data, await deps.receivers.subscribedTo(event));
      } catch {
        // A kept list may still name a webhook deleted a moment ago on another node, whose
        // delivery row the foreign key refuses: once more with the table as it is now.
        deps.receivers.forget();
        return deliver(event, data, await store.subscribedTo(event));
      }
    },

    /** The job: one attempt, recorded on the delivery row whatever its end. */
    async handle(job: Job<DeliveryJob>): Promise<void> {
      const delivery = await store.delivery(job.payload.deliveryId);
      // Deleted with its webhook, or already delivered by an earlier run of this job.
      if (!delivery || delivery.status === 'delivered') return;
      const timestamp = Math.floor(now().getTime() / 1000);
      const headers = {
        'x-blattwerk-event': delivery.event,
        'x-blattwerk-delivery': delivery.delivery_id,
        'x-blattwerk-timestamp': String(timestamp),
        'x-blattwerk-signature': signWebhook(delivery.secret, timestamp, delivery.body),
      };
      const last = job.attempt >= job.maxAttempts;
      const record = (status: 'delivered' | 'retrying' | 'failed', answer: WebhookAnswer | null, error: string | null) =>
        store.recordAttempt(delivery.delivery_id, {
          status,
          attempts: job.attempt,
          responseCode: answer?.status ?? null,
          responseExcerpt: answer?.excerpt ?? '',
          error,
          at: now(),
        });
      let answer: WebhookAnswer;
      try {
        answer = await send(delivery.url, delivery.body, headers);
      } catch (error) {
        const refused = error instanceof OutboundError && (error.problem === 'private' || error.problem === 'scheme' || error.problem === 'invalid');
        const message = error instanceof Error ? error.message : String(error);
        await record(refused || last ? 'failed' : 'retrying', null, message);
        throw new DeliveryError(message, refused);
      }
      if (answer.status >= 200 && answer.status < 300) return record('delivered', answer, null);
      await record(last ? 'failed' : 'retrying', answer, `HTTP ${answer.status}`);
      throw new DeliveryError(`receiver answered HTTP ${answer.status}`);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
