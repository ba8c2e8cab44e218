/**
 * The newsletter's tables (migration `0011_newsletter`) and the shapes the rest of the
 * folder passes around. Times are ISO-8601 UTC text, as everywhere in Blattwerk.
 *
 * @example
 *   const db = handle.db.withTables<AudienceTables>();
 *   await db.selectFrom('subscribers').selectAll().where('status', '=', 'active').execute();
 */
import type { Generated } from 'kysely';

/**
 * pending: signed up, not confirmed yet · active: confirmed, receives mail ·
 * unsubscribed: left (address erased, its hash kept so an import cannot bring it back) ·
 * bounced: the mail server refused the address for good.
 */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced';
export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = ['pending', 'active', 'unsubscribed', 'bounced'];

export type DeliveryStatus = 'sent' | 'failed' | 'skipped';

// Type aliases, not interfaces: Kysely's withTables wants an index signature.
export type SubscribersTable = {
  id: Generated<number>;
  /** Lower-cased; null once the reader unsubscribed (the hash stays). */
  email: string | null;
  /** `emailHash(email, secret)`: finds an address without storing it after unsubscribe. */
  email_hash: string;
  name: string;
  status: SubscriberStatus;
  /** 'form' or 'import'. */
  source: string;
  subscribed_at: string;
  /** The consent: when the double opt-in was confirmed (or the imported consent time). */
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  bounce_reason: string | null;
  /** Last confirmation (or "already subscribed") mail: at most one per window. */
  confirm_sent_at: string | null;
  updated_at: string;
};

export type SubscriberTopicsTable = {
  subscriber_id: number;
  /** A tag slug. No rows: the reader gets every newsletter. */
  topic: string;
};

export type NewslettersTable = {
  id: Generated<number>;
  /** issue: a composed issue (`newsletter_issues`, issue 11). */
  kind: 'article' | 'digest' | 'issue';
  article_id: number | null;
  /** Only subscribers of this topic (and those without topics); null: everyone. */
  topic: string | null;
  subject: string;
  /** The shared part of the mail, rendered once when the send was started. */
  html: string;
  text: string;
  /** Recipients enqueued so far; the fan-out job raises it chunk by chunk. */
  total: Generated<number>;
  /** Highest subscriber id enqueued: where a restarted fan-out goes on. */
  cursor: Generated<number>;
  fanned_out: Generated<number>;
  created_by: number | null;
  created_at: string;
  /** The line mail clients show after the subject (`0052_newsletter_issues`). */
  preheader: Generated<string>;
  issue_id: number | null;
};

export type IssueStatus = 'draft' | 'scheduled' | 'sent';

/** A composed issue (issue 11): written, previewed, test-sent, scheduled or sent. */
export type NewsletterIssuesTable = {
  id: Generated<number>;
  subject: string;
  preheader: string;
  /** Markdown (paragraphs, **bold**, *italic*, [links](https://…)). */
  intro: string;
  /** JSON array of article ids, in the order they appear. */
  article_ids: string;
  donation: number;
  topic: string | null;
  status: IssueStatus;
  scheduled_at: string | null;
  newsletter_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
};

export type NewsletterDeliveriesTable = {
  newsletter_id: number;
  subscriber_id: number;
  status: DeliveryStatus;
  message_id: string | null;
  error: string | null;
  at: string;
};

export type AudienceTables = {
  subscribers: SubscribersTable;
  subscriber_topics: SubscriberTopicsTable;
  newsletters: NewslettersTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  newsletter_issues: NewsletterIssuesTable;
};

/** A newsletter send as the admin sees it. */
export interface SendProgress {
  id: number;
  kind: 'article' | 'digest' | 'issue';
  articleId: number | null;
  topic: string | null;
  subject: string;
  /** preparing: recipients are still being enqueued; sending; done: nothing left queued. */
  status: 'preparing' | 'sending' | 'done';
  total: number;
  queued: number;
  sent: number;
  failed: number;
  /** Recipients who left or bounced after the send started. */
  skipped: number;
  createdAt: string;
}
