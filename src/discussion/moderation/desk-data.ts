/**
 * What the moderation desk shows about each comment: its article, the comment it answers,
 * the commenter (name, e-mail for staff, earlier comments and approvals, first time,
 * trusted, banned), the screen's reasons and the readers' reports. One query per kind of
 * fact for the whole page, not one per card.
 *
 * @example
 *   const cards = await deskCards(db, [12, 13], now);
 */
import { sql } from 'kysely';
import type { ModerationDb } from './tables.js';

export type DeskFilter = 'held' | 'reported' | 'notices' | 'spam';
export const DESK_FILTERS: readonly DeskFilter[] = ['held', 'reported', 'notices', 'spam'];

export interface SpamReason {
  code: string;
  detail: string;
  weight?: number;
}

export interface Commenter {
  name: string;
  email: string;
  identity: string;
  /** Other comments by the same person (any status). */
  earlier: number;
  /** Of those, how many readers could see (published). */
  approved: number;
  rejected: number;
  firstTime: boolean;
  trusted: boolean;
  banned: boolean;
  staff: boolean;
}

export interface DeskCard {
  id: number;
  status: string;
  /** A held edit of a published comment: `body` is the edit, `approvedBody` what readers see. */
  edit: boolean;
  body: string;
  approvedBody: string | null;
  createdAt: string;
  article: { id: number; slug: string; title: string };
  parent: { id: number; authorName: string; body: string } | null;
  author: Commenter;
  spamScore: number;
  spamReasons: SpamReason[];
}

function reasonsOf(json: string): SpamReason[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((r): r is SpamReason => typeof r?.code === 'string' && typeof r?.detail === 'string') : [];
  } catch {
    return [];
  }
}

/** Ids of held comments and held edits, oldest first (the order they should be worked). */
export async function heldIds(db: ModerationDb, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'published'), eb('pending_body', 'is not', null)])]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Comments marked as spam, newest first: the place to rescue a false positive. */
export async function spamIds(db: ModerationDb, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('comments').select('id').where('status', '=', 'spam').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function deskCounts(db: ModerationDb): Promise<{ held: number; spam: number }> {
  const row = await db
    .selectFrom('comments')
    .select([
      sql<number>`sum(case when status = 'pending' or (status = 'published' and pending_body is not null) then 1 else 0 end)`.as('held'),
      sql<number>`sum(case when status = 'spam' then 1 else 0 end)`.as('spam'),
    ])
    .executeTakeFirst();
  return { held: Number(row?.held ?? 0), spam: Number(row?.spam ?? 0) };
}

/** The cards for these comment ids, in the order given (ids that no longer exist are left out). */
export async function deskCards(db: ModerationDb, ids: readonly number[], now: Date): Promise<DeskCard[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .selectAll('c')
    .select(['a.slug as article_slug', 'a.title as article_title'])
    .where('c.id', 'in', [...ids])
    .execute();
  const parentIds = [...new Set(rows.flatMap((r) => (r.parent_id ? [r.parent_id] : [])))];
  const identities = [...new Set(rows.map((r) => r.identity))];
  const at = now.toISOString();
  const [parents, history, trusted, bans] = await Promise.all([
    parentIds.length
      ? db.selectFrom('comments').select(['id', 'author_name', 'body', 'status']).where('id', 'in', parentIds).execute()
      : Promise.resolve([]),
    db
      .selectFrom('comments')
      .select([
        'identity',
        sql<number>`count(*)`.as('total'),
        sql<number>`sum(case when status = 'published' then 1 else 0 end)`.as('approved'),
        sql<number>`sum(case when status in ('rejected', 'spam') then 1 else 0 end)`.as('rejected'),
      ])
      .where('identity', 'in', identities)
      .groupBy('identity')
      .execute(),
    db.selectFrom('moderation_trusted').select('identity').where('identity', 'in', identities).execute(),
    db
      .selectFrom('moderation_bans')
      .select(['kind', 'value'])
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
      .where('kind', 'in', ['account', 'email'])
      .execute(),
  ]);
  const parentOf = new Map(parents.map((p) => [p.id, p]));
  const historyOf = new Map(history.map((h) => [h.identity, h]));
  const trustedSet = new Set(trusted.map((t) => t.identity));
  const banned = new Set(bans.map((b) => (b.kind === 'email' ? `email:${b.value}` : b.value)));
  const byId = new Map(rows.map((row) => {
    const h = historyOf.get(row.identity);
    const self = { published: row.status === 'published' ? 1 : 0, rejected: row.status === 'rejected' || row.status === 'spam' ? 1 : 0 };
    const earlier = Math.max(0, Number(h?.total ?? 1) - 1);
    const approved = Math.max(0, Number(h?.approved ?? 0) - self.published);
    const parent = row.parent_id ? parentOf.get(row.parent_id) : undefined;
    const card: DeskCard = {
      id: row.id,
      status: row.status,
      edit: row.status === 'published' && row.pending_body !== null,
      body: row.pending_body ?? row.body,
      approvedBody: row.pending_body !== null ? row.body : null,
      createdAt: row.pending_at ?? row.created_at,
      article: { id: row.article_id, slug: row.article_slug, title: row.article_title },
      parent: parent && parent.status !== 'deleted' ? { id: parent.id, authorName: parent.author_name, body: parent.body } : null,
      author: {
        name: row.author_name,
        email: row.author_email,
        identity: row.identity,
        earlier,
        approved,
        rejected: Math.max(0, Number(h?.rejected ?? 0) - self.rejected),
        firstTime: approved === 0,
        trusted: trustedSet.has(row.identity),
        banned: banned.has(row.identity),
        staff: row.identity.startsWith('user:'),
      },
      spamScore: row.spam_score,
      spamReasons: reasonsOf(row.spam_reasons),
    };
    return [row.id, card] as const;
  }));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
