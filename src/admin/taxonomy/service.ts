/**
 * Authors and tags as the newsroom changes them: who may (rules.ts), the content operation,
 * and the audit entry, in that order. The JSON API (`routes.ts`) and the newsroom pages
 * (`ui/taxonomy-routes.ts`) both call these, so they refuse and record alike.
 *
 * @example
 *   const taxonomy = createTaxonomyAdmin(services, audit);
 *   await taxonomy.updateAuthor(request.staff!, 3, { name: 'Jana B.' });
 */
import type { ContentService } from '../../content/index.js';
import type { Author, AuthorInput, TagInput } from '../../content/index.js';
import { AppError } from '../../platform/errors.js';
import type { StaffUser } from '../../platform/sessions.js';
import type { Audit } from '../audit.js';
import { assertMayEditAuthor, assertMayLink } from './rules.js';

/** What this module needs from the composition root. */
export type AdminTaxonomyServiceDeps = { content: ContentService };

type Actor = Pick<StaffUser, 'id' | 'name' | 'email' | 'role'>;
const who = (user: Actor) => ({ id: user.id, name: user.name || user.email });

export function createTaxonomyAdmin(services: Pick<AdminTaxonomyServiceDeps, 'content'>, audit: Pick<Audit, 'record'>) {
  const { content } = services;
  return {
    /** The author, when this user may edit it: 404 unknown, 403 someone else's (writers). */
    async authorFor(user: Actor, id: number): Promise<Author> {
      const author = await content.store.authorBy('id', id);
      if (!author) throw new AppError('NOT_FOUND', { field: 'id' });
      assertMayEditAuthor(user, author);
      return author;
    },

    async createAuthor(user: Actor, input: AuthorInput): Promise<Author> {
      const author = await content.createAuthor(input);
      await audit.record(who(user), 'author.create', 'author', author.id, { slug: author.slug, name: author.name, userId: author.userId });
      return author;
    },

    async updateAuthor(user: Actor, id: number, input: AuthorInput): Promise<Author> {
      const before = await this.authorFor(user, id);
      assertMayLink(user, before, input.userId);
      const author = await content.updateAuthor(id, input);
      const detail: Record<string, unknown> = { slug: author.slug, name: author.name };
      if (before.slug !== author.slug) detail.from = before.slug;
      if (before.userId !== author.userId) detail.userId = author.userId;
      await audit.record(who(user), 'author.update', 'author', author.id, detail);
      return author;
    },

    async createTag(user: Actor, input: TagInput) {
      const tag = await content.createTag(input);
      await audit.record(who(user), 'tag.create', 'tag', tag.id, { slug: tag.slug, name: tag.name });
      return tag;
    },

    async updateTag(user: Actor, id: number, input: TagInput) {
      const before = await content.store.tagBy('id', id);
      const tag = await content.updateTag(id, input);
      await audit.record(who(user), 'tag.update', 'tag', tag.id, { slug: tag.slug, name: tag.name, ...(before && before.slug !== tag.slug ? { from: before.slug } : {}) });
      return tag;
    },

    async deleteTag(user: Actor, id: number) {
      const { tag, articles } = await content.deleteTag(id);
      await audit.record(who(user), 'tag.delete', 'tag', tag.id, { slug: tag.slug, name: tag.name, articles });
      return { tag, articles };
    },
  };
}

export type TaxonomyAdmin = ReturnType<typeof createTaxonomyAdmin>;
