/**
 * The SQL of webhooks, written once for SQLite and PostgreSQL: receivers, their
 * deliveries (one row per event and receiver, updated on each attempt) and the set of
 * articles seen published, which tells an update from a first publication.
 *
 * @example
 *   const store = createWebhookStore(handle.db);
 *   const hooks = await store.subscribedTo('article.published');
 */
import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { JobsDatabase } from '../../platform/jobs/index.js';
import type { WebhookEvent } from './events.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'failed';

// Type aliases, not interfaces: Kysely's withTables wants an index signature.
export type WebhooksTable = {
  id: Generated<number>;
  url: string;
  events: string;
  secret: string;
  description: string;
  created_by: number | null;
  created_at: string;
};

export type WebhookDeliveriesTable = {
  id: Generated<number>;
  /** Random (UUID): the X-Blattwerk-Delivery header and the body's `id`. */
  delivery_id: string;
  webhook_id: number;
  event: string;
  body: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  response_code: number | null;
  response_excerpt: Generated<string>;
  error: string | null;
  created_at: string;
  last_attempt_at: string | null;
};

export type WebhookTables = {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_published_articles: { article_id: number; seen_at: string };
};

/** A receiver as staff see it: never with its secret. */
export interface Webhook {
  id: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  createdAt: Date;
}

export interface Delivery {
  id: string;
  webhookId: number;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  responseExcerpt: string;
  error: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  body: string;
}

/** The dedupe key of a delivery's job: one job per delivery, whatever runs it twice. */
export const deliveryJobKey = (deliveryId: string) => `webhook:delivery:${deliveryId}`;

const toWebhook = (row: Selectable<WebhooksTable>): Webhook => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookEvent[],
  description: row.description,
  createdAt: new Date(row.created_at),
});

/**
 * @example
 *   await createWebhookStore(db).insert({ url, events: ['article.published'], secret, description: '', createdBy: 1, now });
 */
export function createWebhookStore(database: Kysely<Database>) {
  const db = database.withTables<WebhookTables>();
  /** Every webhook with the events it asked for (few rows; `receivers.ts` keeps them per process). */
  async function receivers(): Promise<{ id: number; events: string[] }[]> {
    const rows = await db.selectFrom('webhooks').select(['id', 'events']).execute();
    return rows.map((row) => ({ id: row.id, events: JSON.parse(row.events) as string[] }));
  }
  return {
    db,

    async insert(input: { url: string; events: WebhookEvent[]; secret: string; description: string; createdBy: number | null; now: Date }) {
      const row = await db
        .insertInto('webhooks')
        .values({
          url: input.url,
          events: JSON.stringify(input.events),
          secret: input.secret,
          description: input.description,
          created_by: input.createdBy,
          created_at: input.now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWebhook(row);
    },

    async list(): Promise<Webhook[]> {
      return (await db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(toWebhook);
    },

    async find(id: number): Promise<Webhook | null> {
      const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toWebhook(row) : null;
    },

    /** Deliveries go with it (foreign key cascade); their queued jobs find nothing and end. */
    async remove(id: number): Promise<boolean> {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    receivers,

    /** Receivers of an event. Few rows: filtered here rather than with dialect-specific JSON SQL. */
    async subscribedTo(event: WebhookEvent): Promise<{ id: number }[]> {
      return (await receivers()).filter((row) => row.events.includes(event));
    },

    /** A delivery with what sending it needs; null when it (or its webhook) is gone. */
    async delivery(deliveryId: string) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
        .select(['webhook_deliveries.delivery_id', 'webhook_deliveries.event', 'webhook_deliveries.body', 'webhook_deliveries.status'])
        .select(['webhooks.url', 'webhooks.secret'])
        .where('webhook_deliveries.delivery_id', '=', deliveryId)
        .executeTakeFirst();
      return row ?? null;
    },

    async recordAttempt(
      deliveryId: string,
      attempt: { status: DeliveryStatus; attempts: number; responseCode: number | null; responseExcerpt: string; error: string | null; at: Date },
    ): Promise<void> {
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: attempt.status,
          attempts: attempt.attempts,
          response_code: attempt.responseCode,
          response_excerpt: attempt.responseExcerpt,
          error: attempt.error,
          last_attempt_at: attempt.at.toISOString(),
        })
        .where('delivery_id', '=', deliveryId)
        .execute();
    },

    async deliveries(webhookId: number, limit: number): Promise<Delivery[]> {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.delivery_id,
        webhookId: row.webhook_id,
        event: row.event,
        status: row.status,
        attempts: row.attempts,
        responseCode: row.response_code,
        responseExcerpt: row.response_excerpt,
        error: row.error,
        createdAt: new Date(row.created_at),
        lastAttemptAt: row.last_attempt_at ? new Date(row.last_attempt_at) : null,
        body: row.body,
      }));
    },

    /**
     * When each still-queued delivery will be tried next (its job's `run_at`), by delivery
     * id. Two plain queries rather than a join on a built string, which the dialects spell
     * differently.
     */
    async nextAttempts(deliveryIds: readonly string[]): Promise<Map<string, Date>> {
      if (deliveryIds.length === 0) return new Map();
      const keys = new Map(deliveryIds.map((id) => [deliveryJobKey(id), id]));
      const rows = await database
        .withTables<JobsDatabase>()
        .selectFrom('jobs')
        .select(['dedupe_key', 'run_at'])
        .where('dedupe_key', 'in', [...keys.keys()])
        .where('status', '=', 'queued')
        .execute();
      return new Map(rows.flatMap((row) => (row.dedupe_key && keys.has(row.dedupe_key) ? [[keys.get(row.dedupe_key)!, new Date(row.run_at)] as const] : [])));
    },

    /** Notes an article as published; true when it was not before (a first publication). */
    async markPublished(articleId: number, now: Date): Promise<boolean> {
      const row = await db
        .insertInto('webhook_published_articles')
        .values({ article_id: articleId, seen_at: now.toISOString() })
        .onConflict((oc) => oc.column('article_id').doNothing())
        .returning('article_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The article went back to draft: publishing it again is a publication, not an update. */
    async forgetPublished(articleId: number): Promise<void> {
      await db.deleteFrom('webhook_published_articles').where('article_id', '=', articleId).execute();
    },
  };
}

export type WebhookStore = ReturnType<typeof createWebhookStore>;
