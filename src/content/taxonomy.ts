/**
 * Authors and tags: create, update, delete a tag, and their lists with article counts.
 * Every check of an input is made before anything is written, and all problems are
 * reported together (`TaxonomyInvalid.errors`, each an `AppError` naming its field), so a
 * form can mark every wrong field at once; the JSON API answers with the first. Every
 * change emits `taxonomy.changed` (bridged to every node: page caches drop, search reindexes).
 *
 * @example
 *   const author = await taxonomy.updateAuthor(3, { name: 'Jana B.', links: [{ label: 'Web', url: 'https://jana.example' }] });
 *   await taxonomy.deleteTag(7); // removed from every article first
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { EventBus } from '../platform/events.js';
import { AppError } from '../platform/errors.js';
import { LANGUAGES, type Language } from '../platform/i18n.js';
import { checkedHttpUrl } from '../platform/links.js';
import { isValidSlug, slugify } from './slug.js';
import { personName, text } from './fields.js';
import type { ContentStore } from './store.js';
import type { Author, AuthorInput, AuthorLink, Book, Tag, TagInput } from './types.js';

export const TAXONOMY_LIMITS = { authorName: 200, tagName: 100, bio: 5_000, description: 2_000, label: 200, title: 300, entries: 50 } as const;

/** Every problem with one author or tag input; `code`/`field` are the first one's. */
export class TaxonomyInvalid extends AppError {
  constructor(readonly errors: readonly AppError[]) {
    super(errors[0]!.code, { field: errors[0]!.field, detail: errors[0]!.detail });
  }
}

interface Deps {
  db: Kysely<Database>;
  bus: EventBus;
  store: ContentStore;
  now: () => Date;
}

/** Collects field errors instead of stopping at the first. */
function collector() {
  const errors: AppError[] = [];
  const attempt = <T>(check: () => T, fallback: T): T => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      errors.push(error);
      return fallback;
    }
  };
  const fail = (code: 'VALIDATION' | 'SLUG_TAKEN' | 'SLUG_INVALID' | 'FORBIDDEN', field: string, detail: string) => errors.push(new AppError(code, { field, detail }));
  const done = () => {
    if (errors.length) throw new TaxonomyInvalid(errors);
  };
  return { attempt, fail, done };
}

function slugOf(value: unknown, name: string): string {
  const slug = typeof value === 'string' && value.trim() ? value.trim() : slugify(name);
  if (!isValidSlug(slug)) throw new AppError('SLUG_INVALID', { field: 'slug', detail: slug });
  return slug;
}

function entries(value: unknown, field: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > TAXONOMY_LIMITS.entries || !value.every((item) => item && typeof item === 'object')) {
    throw new AppError('VALIDATION', { field, detail: `${field} must be a list of at most ${TAXONOMY_LIMITS.entries} entries` });
  }
  return value as Record<string, unknown>[];
}

export function createTaxonomy({ db, bus, store, now }: Deps) {
  /** Checks an author input completely; answers the row values or throws `TaxonomyInvalid`. */
  async function checkAuthor(input: AuthorInput, id: number | null) {
    const { attempt, fail, done } = collector();
    const name = attempt(() => personName(input.name, TAXONOMY_LIMITS.authorName), '');
    const slug = attempt(() => slugOf(input.slug, name), '');
    const bio: Partial<Record<Language, string>> = {};
    if (input.bio !== undefined && input.bio !== null && typeof input.bio !== 'object') fail('VALIDATION', 'bio', 'bio must be an object');
    for (const lang of LANGUAGES) {
      const value = attempt(() => text(input.bio?.[lang], `bio.${lang}`, TAXONOMY_LIMITS.bio), '');
      if (value) bio[lang] = value;
    }
    const links: AuthorLink[] = attempt(() => entries(input.links, 'links'), []).map((link, i) => ({
      label: attempt(() => text(link.label, `links[${i}].label`, TAXONOMY_LIMITS.label, true), ''),
      url: attempt(() => checkedHttpUrl(link.url, `links[${i}].url`), ''),
    }));
    const books: Book[] = attempt(() => entries(input.books, 'books'), []).map((book, i) => {
      const year = book.year;
      if (year !== undefined && year !== null && !(Number.isInteger(year) && (year as number) >= 1 && (year as number) <= 9999)) {
        fail('VALIDATION', `books[${i}].year`, 'a year from 1 to 9999');
      }
      return {
        title: attempt(() => text(book.title, `books[${i}].title`, TAXONOMY_LIMITS.title, true), ''),
        url: attempt(() => checkedHttpUrl(book.url, `books[${i}].url`), ''),
        ...(Number.isInteger(year) ? { year: year as number } : {}),
      };
    });
    const avatar = input.avatarMediaId ?? null;
    if (avatar !== null && !(Number.isInteger(avatar) && avatar > 0)) fail('VALIDATION', 'avatarMediaId', 'an image id');
    else if (avatar !== null && !(await db.selectFrom('media').select('id').where('id', '=', avatar).executeTakeFirst())) {
      fail('VALIDATION', 'avatarMediaId', `no image ${avatar} in the media library`);
    }
    const userId = input.userId ?? null;
    if (userId !== null && !(Number.isInteger(userId) && userId > 0)) fail('VALIDATION', 'userId', 'a staff account id');
    else if (userId !== null && !(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) {
      fail('VALIDATION', 'userId', `no staff account ${userId}`);
    }
    if (slug) {
      const taken = await store.authorBy('slug', slug);
      if (taken && taken.id !== id) fail('SLUG_TAKEN', 'slug', slug);
    }
    done();
    return {
      slug,
      name,
      bio: JSON.stringify(bio),
      avatar_media_id: avatar,
      links: JSON.stringify(links),
      books: JSON.stringify(books),
      user_id: userId,
    };
  }

  async function checkTag(input: TagInput, id: number | null) {
    const { attempt, fail, done } = collector();
    const name = attempt(() => text(input.name, 'name', TAXONOMY_LIMITS.tagName, true), '');
    const slug = attempt(() => slugOf(input.slug, name), '');
    const description = attempt(() => text(input.description, 'description', TAXONOMY_LIMITS.description), '');
    if (slug) {
      const taken = await store.tagBy('slug', slug);
      if (taken && taken.id !== id) fail('SLUG_TAKEN', 'slug', slug);
    }
    done();
    return { slug, name, description };
  }

  /** A concurrent write that took the slug between check and write is still SLUG_TAKEN. */
  function unique(error: unknown): never {
    const message = error instanceof Error ? error.message : '';
    if (/UNIQUE|unique/.test(message)) throw new TaxonomyInvalid([new AppError('SLUG_TAKEN', { field: 'slug' })]);
    throw error;
  }

  const changed = (kind: 'author' | 'tag') => bus.emit('taxonomy.changed', { kind });

  return {
    async createAuthor(input: AuthorInput): Promise<Author> {
      const values = await checkAuthor(input, null);
      const row = await db
        .insertInto('authors')
        .values({ ...values, created_at: now().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch(unique);
      await changed('author');
      return (await store.authorBy('id', row.id))!;
    },

    /**
     * Replaces an author's profile. `userId` left out keeps the linked account (an author
     * editing their own profile cannot unlink or hand it on; the admin route refuses that).
     */
    async updateAuthor(id: number, input: AuthorInput): Promise<Author> {
      const before = await store.authorBy('id', id);
      if (!before) throw new AppError('NOT_FOUND', { field: 'id' });
      const values = await checkAuthor({ ...input, userId: input.userId === undefined ? before.userId : input.userId }, id);
      await db.updateTable('authors').set(values).where('id', '=', id).execute().catch(unique);
      await changed('author');
      return (await store.authorBy('id', id))!;
    },

    async createTag(input: TagInput): Promise<Tag> {
      const values = await checkTag(input, null);
      const row = await db.insertInto('tags').values(values).returning('id').executeTakeFirstOrThrow().catch(unique);
      await changed('tag');
      return (await store.tagBy('id', row.id))!;
    },

    async updateTag(id: number, input: TagInput): Promise<Tag> {
      if (!(await store.tagBy('id', id))) throw new AppError('NOT_FOUND', { field: 'id' });
      const values = await checkTag(input, id);
      await db.updateTable('tags').set(values).where('id', '=', id).execute().catch(unique);
      await changed('tag');
      return (await store.tagBy('id', id))!;
    },

    /** Deletes a tag after taking it off every article; answers how many articles had it. */
    async deleteTag(id: number): Promise<{ tag: Tag; articles: number }> {
      const tag = await store.tagBy('id', id);
      if (!tag) throw new AppError('NOT_FOUND', { field: 'id' });
      const articles = await db.transaction().execute(async (tx) => {
        const removed = await tx.deleteFrom('article_tags').where('tag_id', '=', id).executeTakeFirst();
        await tx.deleteFrom('tags').where('id', '=', id).execute();
        return Number(removed.numDeletedRows);
      });
      await changed('tag');
      return { tag, articles };
    },
  };
}
