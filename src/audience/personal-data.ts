/**
 * The newsletter's part of a reader's data: the subscription with its consent record
 * (when and how it was given, when confirmed), the chosen topics and the deliveries. On
 * deletion the subscription, topics and deliveries go entirely.
 *
 * @example
 *   registerPrivacyRoutes(http, { ...services, personalData: [newsletterPersonalData(db)] });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { PersonalDataSource } from '../platform/personal-data.js';
import type { AudienceTables } from './types.js';

export function newsletterPersonalData(handle: Kysely<Database>): PersonalDataSource {
  const db = handle.withTables<AudienceTables>();
  const subscribers = (hash: string) => db.selectFrom('subscribers').selectAll().where('email_hash', '=', hash).execute();
  return {
    kind: 'newsletter',
    async find(who) {
      const rows = await subscribers(who.hash);
      return Promise.all(rows.map(async (row) => ({
        email: row.email,
        name: row.name,
        status: row.status,
        consent: { source: row.source, subscribedAt: row.subscribed_at, confirmedAt: row.confirmed_at, unsubscribedAt: row.unsubscribed_at },
        topics: (await db.selectFrom('subscriber_topics').select('topic').where('subscriber_id', '=', row.id).execute()).map((t) => t.topic),
        deliveries: await db.selectFrom('newsletter_deliveries').select(['newsletter_id', 'status', 'at']).where('subscriber_id', '=', row.id).execute(),
      })));
    },
    async erase(who) {
      const ids = (await subscribers(who.hash)).map((r) => r.id);
      if (!ids.length) return 0;
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('subscriber_topics').where('subscriber_id', 'in', ids).execute();
        await tx.deleteFrom('newsletter_deliveries').where('subscriber_id', 'in', ids).execute();
        await tx.deleteFrom('subscribers').where('id', 'in', ids).execute();
      });
      return ids.length;
    },
  };
}
