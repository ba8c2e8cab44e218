/**
 * The SQL of notifications, written once for SQLite and PostgreSQL: subscriptions and
 * their confirmation, confirmed addresses, staff opt-outs, and the few reads the mails
 * need (a comment with its article, who wrote it, who moderates).
 *
 * @example
 *   const store = createNotifyStore(handle.db);
 *   const sub = await store.subscriptionOf(commentId);
 */
import type { Kysely } from 'kysely';
import { compiledOnce } from '../../platform/db/compiled.js';
import type { Database } from '../../platform/db/schema.js';
import { notifyDb, type StaffMailKind, type SubscriptionRow, type SubscriptionStatus } from './tables.js';

/** Roles that see the moderation queue (as the moderation routes allow). */
export const MODERATOR_ROLES = ['owner', 'admin', 'editor', 'moderator'] as const;

export function createNotifyStore(handle: Kysely<Database>) {
  const db = notifyDb(handle);
  // Run for the comments of every turn (issue 16): compiled once; duplicates dropped in
  // JavaScript, as DISTINCT sorts the few rows in a temporary b-tree.
  const authorUsers = compiledOnce((p: { articleId: number }) =>
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .innerJoin('users', 'users.id', 'authors.user_id')
      .select(['users.id', 'users.email'])
      .where('article_authors.article_id', '=', p.articleId),
  );
  const subscriptions = () => db.selectFrom('notify_subscriptions').selectAll();

  return {
    subscriptionById: (id: number) => subscriptions().where('id', '=', id).executeTakeFirst(),
    subscriptionByToken: (tokenHash: string) => subscriptions().where('token_hash', '=', tokenHash).executeTakeFirst(),
    subscriptionOf: (commentId: number) => subscriptions().where('comment_id', '=', commentId).executeTakeFirst(),

    /** Idempotent: a comment's one subscription stays as it is once made. */
    async addSubscription(input: { commentId: number; email: string; status: SubscriptionStatus; at: string }): Promise<SubscriptionRow | undefined> {
      await db
        .insertInto('notify_subscriptions')
        .values({
          comment_id: input.commentId,
          email: input.email,
          status: input.status,
          token_hash: null,
          created_at: input.at,
          confirmed_at: input.status === 'confirmed' ? input.at : null,
          unsubscribed_at: null,
        })
        .onConflict((oc) => oc.column('comment_id').doNothing())
        .execute();
      return subscriptions().where('comment_id', '=', input.commentId).executeTakeFirst();
    },

    async isConfirmedAddress(emailHash: string): Promise<boolean> {
      return Boolean(await db.selectFrom('notify_addresses').select('email_hash').where('email_hash', '=', emailHash).executeTakeFirst());
    },

    async rememberAddress(emailHash: string, at: string): Promise<void> {
      await db
        .insertInto('notify_addresses')
        .values({ email_hash: emailHash, confirmed_at: at })
        .onConflict((oc) => oc.column('email_hash').doNothing())
        .execute();
    },

    /** Records the hash of a newly mailed link; false when the subscription is no longer pending. */
    async setToken(id: number, tokenHash: string): Promise<boolean> {
      const result = await db
        .updateTable('notify_subscriptions')
        .set({ token_hash: tokenHash })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * Confirms the address: this subscription and every other pending one of the same
     * address (all were made by whoever commented with it, and they just proved to own it).
     */
    async confirmAddress(email: string, emailHash: string, at: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('notify_subscriptions')
          .set({ status: 'confirmed', confirmed_at: at })
          .where('email', '=', email)
          .where('status', '=', 'pending')
          .execute();
        await tx
          .insertInto('notify_addresses')
          .values({ email_hash: emailHash, confirmed_at: at })
          .onConflict((oc) => oc.column('email_hash').doNothing())
          .execute();
      });
    },

    async unsubscribe(id: number, at: string): Promise<void> {
      await db
        .updateTable('notify_subscriptions')
        .set({ status: 'unsubscribed', unsubscribed_at: at })
        .where('id', '=', id)
        .where('status', '!=', 'unsubscribed')
        .execute();
    },

    /**
     * A deleted comment takes its subscription with it, and the address's confirmation
     * once no subscription of it is left (readers' right to erasure).
     */
    async forgetComment(commentId: number, emailHashOf: (email: string) => string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const gone = await tx.deleteFrom('notify_subscriptions').where('comment_id', '=', commentId).returning('email').executeTakeFirst();
        if (!gone) return;
        const left = await tx.selectFrom('notify_subscriptions').select('id').where('email', '=', gone.email).limit(1).executeTakeFirst();
        if (!left) await tx.deleteFrom('notify_addresses').where('email_hash', '=', emailHashOf(gone.email)).execute();
      });
    },

    async optOut(userId: number, kind: StaffMailKind, at: string): Promise<void> {
      await db
        .insertInto('notify_optouts')
        .values({ user_id: userId, kind, created_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doNothing())
        .execute();
    },

    async optedOut(userId: number, kind: StaffMailKind): Promise<boolean> {
      const row = await db.selectFrom('notify_optouts').select('user_id').where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
      return Boolean(row);
    },

    user: (id: number) => db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('id', '=', id).executeTakeFirst(),

    moderators: () => db.selectFrom('users').select(['id', 'email']).where('role', 'in', [...MODERATOR_ROLES]).orderBy('id').execute(),

    /** Staff accounts linked to the article's authors. */
    /** Each staff account among the article's authors, once (two profiles may share one). */
    async articleAuthorUsers(articleId: number): Promise<{ id: number; email: string }[]> {
      const { rows } = await authorUsers(db, { articleId });
      return rows.filter((row, i) => rows.findIndex((other) => other.id === row.id) === i);
    },

    async pendingCount(): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** A comment with what a mail about it needs; the writer's address for "not about yourself". */
    commentForMail: (commentId: number) =>
      db
        .selectFrom('comments')
        .innerJoin('articles', 'articles.id', 'comments.article_id')
        .leftJoin('users', 'users.id', 'comments.user_id')
        .select([
          'comments.id',
          'comments.article_id',
          'comments.parent_id',
          'comments.author_name',
          'comments.author_email',
          'comments.user_id',
          'comments.body',
          'comments.html',
          'comments.status',
          'articles.slug',
          'articles.title',
          'users.email as user_email',
        ])
        .where('comments.id', '=', commentId)
        .executeTakeFirst(),
  };
}

export type NotifyStore = ReturnType<typeof createNotifyStore>;

/** Who wrote a comment, as an address: a guest's, or the staff account's. */
export function writerEmail(comment: { author_email: string; user_email: string | null }): string {
  return (comment.user_email || comment.author_email).trim().toLowerCase();
}
