/**
 * The discussion's part of a reader's data, found by the e-mail address: comments written
 * as a guest (identity `email:<hash>`) or under a reader account with that address
 * (`reader:<id>`), their earlier versions and likes given, reply-notification
 * subscriptions, reports sent from the reader's sessions, DSA notices sent with the
 * address, and the reader account itself (sign-ins, mutes).
 *
 * Deletion: comments become "deleted" placeholders (answers of others stay in place), likes,
 * subscriptions, reports and the account go; a DSA notice stays as the moderation record it
 * is, with the notifier's name and address erased.
 *
 * @example
 *   const sources = discussionPersonalData(db);
 *   for (const source of sources) console.log(source.kind, await source.find({ email, hash }));
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { DataSubject, PersonalDataSource } from '../platform/personal-data.js';
import type { EventBus } from '../platform/events.js';
import type { NotifyTables } from './notify/tables.js';
import type { ModerationTables } from './moderation/tables.js';
import type { ReaderTables } from './readers/tables.js';

type Db = Kysely<Database & NotifyTables & ModerationTables & ReaderTables>;

export function discussionPersonalData(handle: Kysely<Database>, bus: Pick<EventBus, 'emit'>): PersonalDataSource[] {
  const db = handle.withTables<NotifyTables & ModerationTables & ReaderTables>() as Db;

  const readerIds = async (who: DataSubject) => (await db.selectFrom('readers').select('id').where('email', '=', who.email).execute()).map((r) => r.id);
  const identities = async (who: DataSubject) => [`email:${who.hash}`, ...(await readerIds(who)).map((id) => `reader:${id}`)];
  const comments = async (who: DataSubject) =>
    db.selectFrom('comments').selectAll().where('identity', 'in', await identities(who)).orderBy('id').execute();
  /** Who the reader was when liking or reporting: their account and the sessions they wrote from. */
  const voters = async (who: DataSubject) => {
    const ids = await readerIds(who);
    const sessions = (await comments(who)).flatMap((c) => (c.session_hash ? [c.session_hash] : []));
    const readerSessions = ids.length ? (await db.selectFrom('reader_sessions').select('id_hash').where('reader_id', 'in', ids).execute()).map((s) => s.id_hash) : [];
    return [...new Set([...ids.map((id) => `reader:${id}`), ...sessions, ...readerSessions])];
  };

  const commentSource: PersonalDataSource = {
    kind: 'comments',
    async find(who) {
      const rows = await comments(who);
      const edits = rows.length ? await db.selectFrom('comment_edits').selectAll().where('comment_id', 'in', rows.map((r) => r.id)).execute() : [];
      const slugs = new Map((rows.length ? await db.selectFrom('articles').select(['id', 'slug', 'title']).where('id', 'in', [...new Set(rows.map((r) => r.article_id))]).execute() : []).map((a) => [a.id, a]));
      return rows.map((c) => ({
        id: c.id,
        article: { slug: slugs.get(c.article_id)?.slug, title: slugs.get(c.article_id)?.title },
        as: c.identity.startsWith('reader:') ? 'account' : 'guest',
        name: c.author_name,
        email: c.author_email,
        text: c.body,
        status: c.status,
        likes: c.likes,
        createdAt: c.created_at,
        editedAt: c.edited_at,
        earlierVersions: edits.filter((e) => e.comment_id === c.id).map((e) => ({ text: e.body, at: e.created_at })),
      }));
    },
    async erase(who, at) {
      const rows = (await comments(who)).filter((r) => r.status !== 'deleted');
      if (!rows.length) return 0;
      const ids = rows.map((r) => r.id);
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('comment_edits').where('comment_id', 'in', ids).execute();
        await tx
          .updateTable('comments')
          .set({ status: 'deleted', body: '', html: '', author_name: '', author_email: '', pending_body: null, pending_html: null, pending_at: null, deleted_at: at.toISOString() })
          .where('id', 'in', ids)
          .execute();
      });
      for (const row of rows) await bus.emit('comment.updated', { commentId: row.id, articleId: row.article_id, status: 'deleted' });
      return rows.length;
    },
  };

  const likes: PersonalDataSource = {
    kind: 'likes',
    async find(who) {
      const list = await voters(who);
      if (!list.length) return [];
      return db.selectFrom('comment_likes').select(['comment_id as commentId', 'created_at as at']).where('voter', 'in', list).execute();
    },
    async erase(who) {
      const list = await voters(who);
      if (!list.length) return 0;
      const rows = await db.selectFrom('comment_likes').select('comment_id').where('voter', 'in', list).execute();
      await db.transaction().execute(async (tx) => {
        for (const { comment_id } of rows) {
          await tx.updateTable('comments').set((eb) => ({ likes: eb('likes', '-', 1) })).where('id', '=', comment_id).where('likes', '>', 0).execute();
        }
        await tx.deleteFrom('comment_likes').where('voter', 'in', list).execute();
      });
      return rows.length;
    },
  };

  const notifications: PersonalDataSource = {
    kind: 'replyNotifications',
    async find(who) {
      const rows = await db.selectFrom('notify_subscriptions').select(['comment_id', 'status', 'created_at', 'confirmed_at', 'unsubscribed_at']).where('email', '=', who.email).execute();
      const confirmed = await db.selectFrom('notify_addresses').select('confirmed_at').where('email_hash', '=', who.hash).executeTakeFirst();
      return [...rows.map((r) => ({ commentId: r.comment_id, status: r.status, createdAt: r.created_at, confirmedAt: r.confirmed_at, unsubscribedAt: r.unsubscribed_at })), ...(confirmed ? [{ addressConfirmedAt: confirmed.confirmed_at }] : [])];
    },
    async erase(who) {
      const a = await db.deleteFrom('notify_subscriptions').where('email', '=', who.email).executeTakeFirst();
      const b = await db.deleteFrom('notify_addresses').where('email_hash', '=', who.hash).executeTakeFirst();
      return Number(a.numDeletedRows) + Number(b.numDeletedRows);
    },
  };

  const reports: PersonalDataSource = {
    kind: 'reports',
    async find(who) {
      const list = await voters(who);
      if (!list.length) return [];
      return db.selectFrom('comment_reports').select(['comment_id as commentId', 'reason', 'note', 'created_at as at']).where('reporter', 'in', list).execute();
    },
    async erase(who) {
      const list = await voters(who);
      if (!list.length) return 0;
      return Number((await db.deleteFrom('comment_reports').where('reporter', 'in', list).executeTakeFirst()).numDeletedRows);
    },
  };

  const notices: PersonalDataSource = {
    kind: 'dsaNotices',
    async find(who) {
      return db.selectFrom('dsa_notices').select(['id', 'comment_id as commentId', 'category', 'explanation', 'notifier_name as name', 'notifier_email as email', 'created_at as at', 'status', 'decision_reason as decision']).where('notifier_email', '=', who.email).execute();
    },
    async erase(who) {
      const result = await db.updateTable('dsa_notices').set({ notifier_name: '', notifier_email: '' }).where('notifier_email', '=', who.email).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };

  const account: PersonalDataSource = {
    kind: 'readerAccount',
    async find(who) {
      const rows = await db.selectFrom('readers').selectAll().where('email', '=', who.email).execute();
      const logins = await db.selectFrom('reader_logins').select(['created_at']).where('email', '=', who.email).execute();
      return Promise.all(rows.map(async (r) => ({
        name: r.name, email: r.email, createdAt: r.created_at, lastLoginAt: r.last_login_at,
        muted: (await db.selectFrom('reader_mutes').select('muted_key').where('reader_id', '=', r.id).execute()).map((m) => m.muted_key),
        signInLinksRequested: logins.map((l) => l.created_at),
      })));
    },
    async erase(who) {
      const ids = await readerIds(who);
      await db.deleteFrom('reader_logins').where('email', '=', who.email).execute();
      if (!ids.length) return 0;
      // Sessions and mutes go with the account (foreign keys cascade; deleted here for SQLite without them).
      await db.deleteFrom('reader_sessions').where('reader_id', 'in', ids).execute();
      await db.deleteFrom('reader_mutes').where('reader_id', 'in', ids).execute();
      return Number((await db.deleteFrom('readers').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
    },
  };

  // Likes and reports are found through the account and the sessions of the comments: they go before those.
  return [likes, reports, commentSource, notifications, notices, account];
}
