/**
 * Who may change an image's texts (alt text, caption, credit, source, licence). What an
 * image says about its rights is printed under it wherever it appears, so editors and up
 * change any image; anyone else only an image they uploaded themselves, and only while it
 * appears in nothing but their own unpublished articles (once it is in someone else's
 * article, on a profile or in published work, it is an editor's to change).
 *
 * @example
 *   await assertMayEditMedia(db, request.staff!, 12); // or AppError FORBIDDEN (403)
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import { may } from '../platform/permissions.js';
import type { Role } from '../platform/users.js';

/** Whether a stored article body (JSON) shows image `id` anywhere, galleries included. */
function bodyShows(body: string, id: number): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (!node || typeof node !== 'object') return false;
    const record = node as Record<string, unknown>;
    return record.mediaId === id || Object.values(record).some(visit);
  };
  try {
    return visit(JSON.parse(body));
  } catch {
    return true; // unreadable: assume the worst
  }
}

export async function assertMayEditMedia(db: Kysely<Database>, user: { id: number; role: Role }, mediaId: number): Promise<void> {
  if (may(user.role, 'publishAny')) return;
  const refuse = (detail: string) => new AppError('FORBIDDEN', { field: 'id', detail });
  const row = await db.selectFrom('media').select('uploaded_by').where('id', '=', mediaId).executeTakeFirst();
  if (!row || row.uploaded_by !== user.id) throw refuse('only editors change images others uploaded');
  const avatar = await db.selectFrom('authors').select('id').where('avatar_media_id', '=', mediaId).executeTakeFirst();
  if (avatar) throw refuse('the image is an author picture');
  // Bodies are stored as JSON.stringify writes them; the parse below decides, the LIKE only narrows.
  const candidates = await db
    .selectFrom('articles')
    .select(['id', 'status', 'body', 'featured_media_id'])
    .where((eb) =>
      eb.or([
        eb('featured_media_id', '=', mediaId),
        eb('body', 'like', `%"mediaId":${mediaId}%`),
        eb('body', 'like', `%"mediaId": ${mediaId}%`),
      ]),
    )
    .execute();
  const uses = candidates.filter((a) => a.featured_media_id === mediaId || bodyShows(a.body, mediaId));
  if (uses.length === 0) return;
  if (uses.some((a) => a.status === 'published')) throw refuse('the image is in published work');
  const owners = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.user_id'])
    .where('article_authors.article_id', 'in', uses.map((a) => a.id))
    .execute();
  const mine = new Set(owners.filter((o) => o.user_id === user.id).map((o) => o.article_id));
  if (uses.some((a) => !mine.has(a.id))) throw refuse("the image is in someone else's article");
}
