/**
 * Comments go in buffered, a few hundred per INSERT, because a site may have a million
 * of them. Replies come after their parents (the export is in id order), so a reply's
 * parent and thread are already known when it is reached, whether the parent kept its
 * id or got a new one.
 *
 * @example
 *   const comments = insertComments({ db, dialect, secret, stale, counts, articleId, userId });
 *   for (const c of items) await comments.add(c);
 *   await comments.flush();
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { emailHash } from '../privacy.js';
import type { ExportedComment } from './document.js';
import { resetSequences } from './sequences.js';
import { ImportError } from './validate.js';

const CHUNK = 500;

interface Pending {
  values: Record<string, unknown>;
  edits: ExportedComment['edits'];
}

export function insertComments(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  secret: string;
  /** Tables whose PostgreSQL counter lags behind ids inserted explicitly (shared with import-rows). */
  stale: Set<string>;
  counts: { added: number; existing: number };
  articleId(slug: string): Promise<number>;
  userId(email: string | null): Promise<number | null>;
}) {
  const { db, counts } = deps;
  /** Comment id in the file → id on this site. */
  const ids = new Map<number, number>();
  let buffer: ExportedComment[] = [];

  const known = (id: number | null, what: string, c: ExportedComment): number | null => {
    if (id === null) return null;
    const mapped = ids.get(id);
    if (mapped === undefined) throw new ImportError(`comment ${c.id}: its ${what} ${id} is not earlier in the file`);
    return mapped;
  };

  async function values(c: ExportedComment): Promise<Record<string, unknown>> {
    const userId = await deps.userId(c.userEmail);
    // Identities are keyed with the site's secret, which differs here: recompute them.
    const identity = userId !== null ? `user:${userId}` : `email:${emailHash(c.authorEmail, deps.secret)}`;
    return {
      article_id: await deps.articleId(c.article), parent_id: known(c.parentId, 'parent', c), depth: c.depth,
      author_name: c.authorName, author_email: c.authorEmail, identity, session_hash: null, user_id: userId, body: c.body,
      html: c.html, status: c.status, likes: c.likes, ip_hash: '', spam_score: c.spamScore, spam_reasons: JSON.stringify(c.spamReasons),
      created_at: c.createdAt, edited_at: c.editedAt, deleted_at: c.deletedAt,
    };
  }

  async function write(pending: Pending[]): Promise<void> {
    if (pending.length === 0) return;
    await insertMany(db, 'comments', pending.map((p) => p.values));
    const edits = pending.flatMap((p) => p.edits.map((e) => ({ comment_id: p.values.id, body: e.body, created_at: e.createdAt })));
    if (edits.length > 0) await insertMany(db, 'comment_edits', edits);
    pending.length = 0;
  }

  async function flush(): Promise<void> {
    const chunk = buffer;
    buffer = [];
    if (chunk.length === 0) return;
    const rows = await db.selectFrom('comments').select(['id', 'article_id', 'created_at', 'body']).where('id', 'in', chunk.map((c) => c.id)).execute();
    const taken = new Map(rows.map((r) => [r.id, r]));
    const pending: Pending[] = [];
    for (const c of chunk) {
      const articleId = await deps.articleId(c.article);
      const holder = taken.get(c.id);
      if (holder && holder.article_id === articleId && holder.created_at === c.createdAt && holder.body === c.body) {
        ids.set(c.id, c.id);
        counts.existing++;
        continue;
      }
      if (holder) {
        // Its id belongs to another comment here; it may still be here under a new id.
        const same = await db.selectFrom('comments').select('id').where('article_id', '=', articleId).where('created_at', '=', c.createdAt)
          .where('author_name', '=', c.authorName).where('body', '=', c.body).executeTakeFirst();
        if (same) {
          ids.set(c.id, same.id);
          counts.existing++;
          continue;
        }
      }
      const row = await values(c);
      if (!holder) {
        ids.set(c.id, c.id);
        pending.push({ values: { id: c.id, ...row, thread_id: c.threadId === c.id ? c.id : known(c.threadId, 'thread', c) }, edits: c.edits });
        taken.set(c.id, { id: c.id, article_id: articleId, created_at: c.createdAt, body: c.body });
        deps.stale.add('comments');
      } else {
        await write(pending);
        if (deps.stale.delete('comments') && deps.dialect === 'postgres') await resetSequences(db, deps.dialect, {}, ['comments']);
        const id = await insertOne(db, { ...row, thread_id: c.threadId === c.id ? null : known(c.threadId, 'thread', c) });
        if (c.threadId === c.id) await db.updateTable('comments').set({ thread_id: id }).where('id', '=', id).execute();
        ids.set(c.id, id);
        // A later comment of this chunk whose own id is this one must not be written over it.
        taken.set(id, { id, article_id: articleId, created_at: c.createdAt, body: c.body });
        if (c.edits.length > 0) await insertMany(db, 'comment_edits', c.edits.map((e) => ({ comment_id: id, body: e.body, created_at: e.createdAt })));
      }
      counts.added++;
    }
    await write(pending);
  }

  return {
    async add(comment: ExportedComment): Promise<void> {
      buffer.push(comment);
      if (buffer.length >= CHUNK) await flush();
    },
    flush,
  };
}

async function insertOne(db: Kysely<Database>, values: Record<string, unknown>): Promise<number> {
  const columns = Object.keys(values);
  const { rows } = await sql<{ id: number }>`insert into comments (${sql.join(columns.map((c) => sql.ref(c)))})
    values (${sql.join(columns.map((c) => values[c]))}) returning id`.execute(db);
  return Number(rows[0]!.id);
}

async function insertMany(db: Kysely<Database>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const per = Math.max(1, Math.floor(20_000 / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const slice = rows.slice(i, i + per).map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(slice)}`.execute(db);
  }
}
