/**
 * The federation's tables (0065_federation). Times are ISO-8601 UTC text, as elsewhere.
 * Type aliases, not interfaces: Kysely's withTables wants an index signature.
 */
import type { Generated } from 'kysely';

export type FedKeysTable = {
  id: Generated<number>;
  /** The local actor's identifier (`site`, `a<author id>`). */
  actor: string;
  /** `RSASSA-PKCS1-v1_5` (HTTP Signatures) or `Ed25519` (Object Integrity Proofs). */
  algorithm: string;
  public_jwk: string;
  private_jwk: string;
  created_at: string;
  /** Set when a rotation replaced the key; retired keys are no longer published. */
  retired_at: string | null;
};

/** Fedify's key–value store (caches, inbox idempotence), over our own database. */
export type FedKvTable = {
  key: string;
  value: string;
  expires_at: string | null;
};

export type FollowerStatus = 'pending' | 'accepted';

export type FedFollowersTable = {
  id: Generated<number>;
  /** The local actor followed. */
  actor: string;
  /** The remote actor's id (IRI). */
  follower: string;
  handle: string;
  name: string;
  url: string | null;
  inbox: string;
  shared_inbox: string | null;
  /** The Follow activity's id, answered by Accept or Reject. */
  follow_id: string;
  status: FollowerStatus;
  created_at: string;
};

/** A remote Note that became a comment here. */
export type FedNotesTable = {
  note: string;
  comment_id: number;
  author: string;
  created_at: string;
};

/** Likes and Announces of articles, one per remote actor and kind. */
export type FedReactionsTable = {
  id: Generated<number>;
  article_id: number;
  kind: 'like' | 'announce';
  actor: string;
  activity: string;
  created_at: string;
};

/** Refused or ignored inbound activities, with the reason: the newsroom's log. */
export type FedEventsTable = {
  id: Generated<number>;
  at: string;
  instance: string;
  kind: string;
  outcome: 'refused' | 'ignored' | 'accepted';
  reason: string;
};

/** Articles sent out: a Create went (`created_at`), a Delete went (`deleted_at`). */
export type FedArticlesTable = {
  article_id: number;
  created_at: string;
  deleted_at: string | null;
};

export type FederationTables = {
  fed_articles: FedArticlesTable;
  fed_keys: FedKeysTable;
  fed_kv: FedKvTable;
  fed_followers: FedFollowersTable;
  fed_notes: FedNotesTable;
  fed_reactions: FedReactionsTable;
  fed_events: FedEventsTable;
};
