/**
 * The federation's SQL: followers (paged by id), remote notes that became comments, likes
 * and announces, the log of refused or ignored activities, and what was sent of each article.
 *
 * @example
 *   const store = createFederationStore(handle, now);
 *   await store.addFollower({ actor: 'site', follower: 'https://social.example/users/ada', … });
 */
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../platform/db/index.js';
import type { FedFollowersTable, FederationTables, FollowerStatus } from './tables.js';

export type Follower = Omit<FedFollowersTable, 'id'> & { id: number };

export interface NewFollower {
  actor: string;
  follower: string;
  handle: string;
  name: string;
  url: string | null;
  inbox: string;
  sharedInbox: string | null;
  followId: string;
  status: FollowerStatus;
}

export type EventOutcome = 'refused' | 'ignored' | 'accepted';

export function createFederationStore(handle: Pick<DatabaseHandle, 'db'>, now: () => Date) {
  const db = handle.db.withTables<FederationTables>() as unknown as Kysely<FederationTables>;
  const stamp = () => now().toISOString();

  return {
    db,
    /** Adds or renews a follow (a second Follow from the same actor replaces the first; approval holds). */
    async addFollower(f: NewFollower): Promise<FollowerStatus> {
      const values = {
        handle: f.handle, name: f.name, url: f.url, inbox: f.inbox, shared_inbox: f.sharedInbox, follow_id: f.followId,
      };
      const existing = await db.selectFrom('fed_followers').select(['id', 'status']).where('actor', '=', f.actor).where('follower', '=', f.follower).executeTakeFirst();
      if (existing) {
        const status = existing.status === 'accepted' ? 'accepted' : f.status;
        await db.updateTable('fed_followers').set({ ...values, status }).where('id', '=', existing.id).execute();
        return status;
      }
      await db
        .insertInto('fed_followers')
        .values({ ...values, actor: f.actor, follower: f.follower, status: f.status, created_at: stamp() })
        .onConflict((oc) => oc.columns(['actor', 'follower']).doNothing())
        .execute();
      return f.status;
    },
    follower: (actor: string, follower: string) =>
      db.selectFrom('fed_followers').selectAll().where('actor', '=', actor).where('follower', '=', follower).executeTakeFirst(),
    followerById: (id: number) => db.selectFrom('fed_followers').selectAll().where('id', '=', id).executeTakeFirst(),
    async setFollowerStatus(id: number, status: FollowerStatus): Promise<void> {
      await db.updateTable('fed_followers').set({ status }).where('id', '=', id).execute();
    },
    async removeFollower(actor: string, follower: string): Promise<number> {
      const result = await db.deleteFrom('fed_followers').where('actor', '=', actor).where('follower', '=', follower).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async removeFollowerEverywhere(follower: string): Promise<number> {
      return Number((await db.deleteFrom('fed_followers').where('follower', '=', follower).executeTakeFirst()).numDeletedRows);
    },
    async removeFollowerById(id: number): Promise<void> {
      await db.deleteFrom('fed_followers').where('id', '=', id).execute();
    },
    /** Accepted followers of `actor` after `afterId`, oldest first (`limit` null: all). */
    followers(actor: string, afterId: number, limit: number | null, status: FollowerStatus = 'accepted') {
      let query = db.selectFrom('fed_followers').selectAll().where('actor', '=', actor).where('status', '=', status).where('id', '>', afterId).orderBy('id');
      if (limit !== null) query = query.limit(limit);
      return query.execute();
    },
    /** Followers for the newsroom: every actor, newest first. */
    listFollowers(status: FollowerStatus, limit: number, offset: number) {
      return db.selectFrom('fed_followers').selectAll().where('status', '=', status).orderBy('id', 'desc').limit(limit).offset(offset).execute();
    },
    async countFollowers(actor: string | null, status: FollowerStatus = 'accepted'): Promise<number> {
      let query = db.selectFrom('fed_followers').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', status);
      if (actor !== null) query = query.where('actor', '=', actor);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },
    async removeFollowersFrom(domain: string): Promise<number> {
      const result = await db
        .deleteFrom('fed_followers')
        .where((eb) => eb.or([eb('follower', 'like', `%://${domain}/%`), eb('follower', 'like', `%.${domain}/%`)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    noteByUri: (note: string) => db.selectFrom('fed_notes').selectAll().where('note', '=', note).executeTakeFirst(),
    noteOfComment: (commentId: number) => db.selectFrom('fed_notes').selectAll().where('comment_id', '=', commentId).executeTakeFirst(),
    async addNote(note: string, commentId: number, author: string): Promise<void> {
      await db.insertInto('fed_notes').values({ note, comment_id: commentId, author, created_at: stamp() }).onConflict((oc) => oc.column('note').doNothing()).execute();
    },

    async addReaction(articleId: number, kind: 'like' | 'announce', actor: string, activity: string): Promise<boolean> {
      const result = await db
        .insertInto('fed_reactions')
        .values({ article_id: articleId, kind, actor, activity, created_at: stamp() })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async removeReaction(kind: 'like' | 'announce', actor: string, activity: string | null, articleId: number | null): Promise<number> {
      let query = db.deleteFrom('fed_reactions').where('kind', '=', kind).where('actor', '=', actor);
      if (activity !== null) query = query.where((eb) => eb.or([eb('activity', '=', activity), ...(articleId !== null ? [eb('article_id', '=', articleId)] : [])]));
      else if (articleId !== null) query = query.where('article_id', '=', articleId);
      return Number((await query.executeTakeFirst()).numDeletedRows);
    },
    /** Likes and announces per article, most reacted first. */
    reactionCounts(limit = 50) {
      return db
        .selectFrom('fed_reactions')
        .select((eb) => [
          'article_id',
          eb.fn.sum<number | string>(eb.case().when('kind', '=', 'like').then(1).else(0).end()).as('likes'),
          eb.fn.sum<number | string>(eb.case().when('kind', '=', 'announce').then(1).else(0).end()).as('announces'),
        ])
        .groupBy('article_id')
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .limit(limit)
        .execute();
    },
    async reactionsOf(articleId: number): Promise<{ likes: number; announces: number }> {
      const rows = await db
        .selectFrom('fed_reactions')
        .select((eb) => ['kind', eb.fn.countAll<number | string>().as('n')])
        .where('article_id', '=', articleId)
        .groupBy('kind')
        .execute();
      const of = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
      return { likes: of('like'), announces: of('announce') };
    },

    /** What was sent of an article: null before its Create; `deleted_at` after its Delete. */
    sentArticle: (articleId: number) => db.selectFrom('fed_articles').selectAll().where('article_id', '=', articleId).executeTakeFirst(),
    async markSent(articleId: number, deleted: boolean): Promise<void> {
      const at = stamp();
      await db
        .insertInto('fed_articles')
        .values({ article_id: articleId, created_at: at, deleted_at: deleted ? at : null })
        .onConflict((oc) => oc.column('article_id').doUpdateSet({ deleted_at: deleted ? at : null, ...(deleted ? {} : { created_at: at }) }))
        .execute();
    },

    async log(instance: string, kind: string, outcome: EventOutcome, reason: string): Promise<void> {
      await db.insertInto('fed_events').values({ at: stamp(), instance: instance.slice(0, 255), kind: kind.slice(0, 80), outcome, reason: reason.slice(0, 1000) }).execute();
    },
    recentEvents(limit = 50) {
      return db.selectFrom('fed_events').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
}

export type FederationStore = ReturnType<typeof createFederationStore>;
