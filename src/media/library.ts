/**
 * The media library as the newsroom works with it: where each image is used (articles,
 * galleries, featured images, author pictures), search and the filters "unused" and
 * "missing a credit", and deletion, which is refused while an image is in use (the
 * refusal names the articles, so the editor knows where to take it out first).
 *
 * @example
 *   const library = createMediaLibrary({ db, media });
 *   const { items, uses } = await library.search({ q: 'rathaus', filter: 'unused' });
 *   await library.remove(staff, 12); // MediaInUseError (409 MEDIA_IN_USE) while used
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import type { Role } from '../platform/users.js';
import { assertMayEditMedia } from './access.js';
import { toMediaItem, type MediaService } from './service.js';
import { isLicenceCode, type MediaItem } from './types.js';
import { checkedHttpUrl } from '../platform/links.js';

/** One place an image appears. */
export interface MediaUse {
  kind: 'article' | 'author';
  id: number;
  title: string;
  /** Articles: draft, scheduled or published; author pictures: null. */
  status: string | null;
}

export const MEDIA_FILTERS = ['all', 'unused', 'uncredited'] as const;
export type MediaFilter = (typeof MEDIA_FILTERS)[number];

export function isMediaFilter(value: unknown): value is MediaFilter {
  return typeof value === 'string' && (MEDIA_FILTERS as readonly string[]).includes(value);
}

/** Every image id a stored article body (JSON) shows, galleries included. */
export function mediaIdsInBody(body: string): Set<number> {
  const found = new Set<number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.mediaId === 'number') found.add(record.mediaId);
    Object.values(record).forEach(visit);
  };
  try {
    visit(JSON.parse(body));
  } catch {
    // An unreadable body shows nothing we can name.
  }
  return found;
}

/** Refused deletion: the image is in use; `uses` lists where. */
export class MediaInUseError extends AppError {
  readonly uses: MediaUse[];
  constructor(uses: MediaUse[]) {
    super('MEDIA_IN_USE', { field: 'id', detail: uses.map((u) => `${u.kind} ${u.id}`).join(', ') });
    this.uses = uses;
  }
}

const SEARCH_LIMIT = 200;

/** The longest texts an image keeps (the JSON schema and the form's maxlength say the same). */
export const TEXT_LIMITS = { alt: 500, caption: 2000, credit: 300, sourceUrl: 2000 } as const;

/** What a change to an image's texts may name; anything left out stays. */
export interface MediaTextsInput {
  alt?: unknown;
  caption?: unknown;
  credit?: unknown;
  sourceUrl?: unknown;
  licence?: unknown;
}

/** An image's source: empty means none; anything else must be an absolute http(s) URL. */
export function httpUrlOrNull(value: unknown, field: string): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value === 'string' && value.length > TEXT_LIMITS.sourceUrl) throw new AppError('VALIDATION', { field, detail: `at most ${TEXT_LIMITS.sourceUrl} characters` });
  return checkedHttpUrl(value, field);
}

export function createMediaLibrary({ db, media }: { db: Kysely<Database>; media: Pick<MediaService, 'deleteImage'> }) {
  /** Where each image is used; images used nowhere are missing from the map. */
  async function usesOf(ids?: readonly number[]): Promise<Map<number, MediaUse[]>> {
    const wanted = ids ? new Set(ids) : null;
    const uses = new Map<number, MediaUse[]>();
    const add = (mediaId: number, use: MediaUse) => {
      if (wanted && !wanted.has(mediaId)) return;
      const list = uses.get(mediaId) ?? [];
      if (!list.some((u) => u.kind === use.kind && u.id === use.id)) list.push(use);
      uses.set(mediaId, list);
    };
    // Bodies are stored as JSON.stringify writes them; the LIKE narrows, the parse decides.
    const articles = await db
      .selectFrom('articles')
      .select(['id', 'title', 'status', 'body', 'featured_media_id'])
      .where((eb) => eb.or([eb('featured_media_id', 'is not', null), eb('body', 'like', '%"mediaId"%')]))
      .execute();
    for (const article of articles) {
      const use: MediaUse = { kind: 'article', id: article.id, title: article.title, status: article.status };
      if (article.featured_media_id !== null) add(article.featured_media_id, use);
      for (const id of mediaIdsInBody(article.body)) add(id, use);
    }
    const authors = await db.selectFrom('authors').select(['id', 'name', 'avatar_media_id']).where('avatar_media_id', 'is not', null).execute();
    for (const author of authors) add(author.avatar_media_id!, { kind: 'author', id: author.id, title: author.name, status: null });
    return uses;
  }

  return {
    usesOf,

    /**
     * The newest images matching `q` (in alt text, caption, credit, source or file name)
     * and the filter, each with its uses.
     */
    async search(options: { q?: string; filter?: MediaFilter } = {}): Promise<{ items: MediaItem[]; uses: Map<number, MediaUse[]> }> {
      const q = (options.q ?? '').trim().slice(0, 200);
      let query = db.selectFrom('media').selectAll();
      if (q) {
        const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
        // One spelling for both databases: lower() on both sides, backslash as the escape.
        query = query.where((eb) =>
          eb.or((['alt', 'caption', 'credit', 'source_url', 'path'] as const).map((column) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`)),
        );
      }
      if (options.filter === 'uncredited') query = query.where((eb) => eb(eb.fn('trim', ['credit']), '=', ''));
      const uses = await usesOf();
      if (options.filter === 'unused') {
        const used = [...uses.keys()];
        if (used.length) query = query.where('id', 'not in', used);
      }
      const rows = await query.orderBy('id', 'desc').limit(SEARCH_LIMIT).execute();
      return { items: rows.map(toMediaItem), uses };
    },

    /**
     * Changes an image's texts: alt text, caption, credit, source (an absolute http(s)
     * address, or empty for none) and licence. The JSON API and the library's form both
     * come here; a refused change changes nothing.
     */
    async update(user: { id: number; role: Role }, id: number, input: MediaTextsInput): Promise<MediaItem> {
      const existing = await db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst();
      if (!existing) throw new AppError('NOT_FOUND', { field: 'id' });
      await assertMayEditMedia(db, user, id);
      const changes: { alt?: string; caption?: string; credit?: string; source_url?: string | null; licence?: string } = {};
      for (const [field, column] of [['alt', 'alt'], ['caption', 'caption'], ['credit', 'credit']] as const) {
        const value = input[field];
        if (value === undefined) continue;
        if (typeof value !== 'string') throw new AppError('VALIDATION', { field, detail: `${field} must be text` });
        if (value.length > TEXT_LIMITS[field]) throw new AppError('VALIDATION', { field, detail: `${field} is longer than ${TEXT_LIMITS[field]}` });
        changes[column] = value.trim();
      }
      if (input.sourceUrl !== undefined) changes.source_url = httpUrlOrNull(input.sourceUrl, 'sourceUrl');
      if (input.licence !== undefined) {
        if (typeof input.licence !== 'string' || !isLicenceCode(input.licence)) throw new AppError('VALIDATION', { field: 'licence', detail: 'unknown licence' });
        changes.licence = input.licence;
      }
      // An UPDATE with nothing to set is not valid SQL: say so instead of failing.
      if (Object.keys(changes).length === 0) throw new AppError('NOTHING_TO_CHANGE', { detail: `send at least one of ${Object.keys(TEXT_LIMITS).join(', ')}, sourceUrl, licence` });
      await db.updateTable('media').set(changes).where('id', '=', id).execute();
      return toMediaItem(await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    },

    /**
     * Deletes an image no article, gallery or author picture uses; the same people who may
     * change its texts may delete it (access.ts).
     */
    async remove(user: { id: number; role: Role }, id: number): Promise<void> {
      const exists = await db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new AppError('NOT_FOUND', { field: 'id' });
      await assertMayEditMedia(db, user, id);
      const uses = (await usesOf([id])).get(id) ?? [];
      if (uses.length) throw new MediaInUseError(uses);
      await media.deleteImage(id);
    },
  };
}

export type MediaLibrary = ReturnType<typeof createMediaLibrary>;
