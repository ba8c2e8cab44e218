/**
 * The newsroom's writes to articles, each with a resolved caller and every rule in one
 * place: who may touch which article (`rules.ts`), which status a role may set, the image
 * credit rule, the audit entry. The JSON API, the editor and (next) importers and the
 * command line are doors over these; restoring an old revision is an update like any other,
 * so a contributor cannot change a published article that way either.
 *
 * @example
 *   const articles = createArticleOperations(deps);
 *   await articles.update(request.caller, 7, input);              // 403 when the caller may not
 *   await articles.restore(request.caller, 7, 41);                 // the same rules as update
 */
import type { Kysely } from 'kysely';
import { actorOf, hasRole, hasScope, type ActingCaller, type Caller } from '../platform/caller.js';
import type { Database } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import type { EventBus } from '../platform/events.js';
import { ROLES_FOR, may } from '../platform/permissions.js';
import type { SettingsService } from '../platform/settings.js';
import type { StaffUser } from '../platform/sessions.js';
import { assertImagesCredited } from './image-credits.js';
import { assertMayEdit, assertMayUseStatus } from './rules.js';
import { freeSlug, setSlugFollows, slugFollowsTitle } from './slug-follow.js';
import type { ContentService } from './service.js';
import type { Article, ArticleInput } from './types.js';

/** What the audit log is told (admin/ owns the log; the root hands its writer in). */
export type AuditRecord = (actor: { id: number | null; name: string } | null, action: string, targetType: string, targetId: number, detail?: Record<string, unknown>) => Promise<void>;

export interface ArticleOperationDeps {
  content: Pick<ContentService, 'store' | 'createArticle' | 'updateArticle'>;
  database: { db: Kysely<Database> };
  settings: Pick<SettingsService, 'get'>;
  bus: Pick<EventBus, 'emit'>;
  audit: AuditRecord;
}

/** The old text of a revision: what restore brings back. */
interface RevisionData {
  title?: string;
  subtitle?: string;
  body?: Article['body'];
  seoTitle?: string;
  seoDescription?: string;
}

/** The site itself (command line, importers) acts as an editor of everything; an integration as its stand-in editor. */
function staffOf(caller: ActingCaller): StaffUser {
  return caller.kind === 'system' ? { id: 0, email: '', name: caller.name, role: 'owner' } : caller.staff;
}

/** Staff without the role are refused; anybody else is not signed in as staff at all. */
const refusal = (caller: Caller) => new AppError(caller.kind === 'staff' || caller.kind === 'integration' ? 'FORBIDDEN' : 'UNAUTHORIZED');

function writer(caller: Caller): ActingCaller {
  if (!hasRole(caller, ROLES_FOR.write)) throw refusal(caller);
  return caller;
}

/** A change to content: an integration needs `content:write` for it, whichever door it came through. */
function changer(caller: Caller): ActingCaller {
  const acting = writer(caller);
  if (!hasScope(acting, 'content:write')) throw new AppError('FORBIDDEN');
  return acting;
}

function inputOf(article: Article, changes: Partial<ArticleInput> = {}): ArticleInput {
  return {
    kind: article.kind, slug: article.slug, lang: article.lang, status: article.status, publishedAt: article.publishedAt,
    scheduledAt: article.scheduledAt, title: article.title, subtitle: article.subtitle, body: article.body, seoTitle: article.seoTitle,
    seoDescription: article.seoDescription, featuredMediaId: article.featuredMediaId, featuredCaption: article.featuredCaption,
    commentsOpen: article.commentsOpen, authorIds: article.authors.map((a) => a.id), tagIds: article.tags.map((t) => t.id),
    ...changes,
  };
}

/**
 * The main tag (shown above the headline and first in lists) is the first of the tags:
 * `mainTagId`, when given, must be one of them and is put first.
 */
function withMainTag(input: ArticleInput): ArticleInput {
  const main = input.mainTagId;
  if (main === undefined || main === null) return input;
  if (!input.tagIds.includes(main)) throw new AppError('VALIDATION', { field: 'mainTagId', detail: 'the main tag must be one of the tags' });
  return { ...input, tagIds: [main, ...input.tagIds.filter((id) => id !== main)] };
}

export function createArticleOperations(deps: ArticleOperationDeps) {
  const { content, database } = deps;
  const audited = (caller: ActingCaller, action: string, id: number, detail: Record<string, unknown>) => {
    const actor = actorOf(caller);
    // The site itself is logged as 'system'; an integration by its name (no account).
    return deps.audit(caller.kind === 'system' ? null : { id: actor.userId, name: actor.name }, action, 'article', id, detail);
  };

  async function load(id: number): Promise<Article> {
    const article = await content.store.findBy('id', id);
    if (!article) throw new AppError('NOT_FOUND', { field: 'id' });
    return article;
  }

  async function ownAuthorIds(userId: number): Promise<number[]> {
    return (await database.db.selectFrom('authors').select('id').where('user_id', '=', userId).execute()).map((a) => a.id);
  }

  /** Every rule of a change to an existing article, before anything is written. */
  async function mayChange(caller: ActingCaller, before: Article, input: ArticleInput) {
    const user = staffOf(caller);
    assertMayEdit(user, before);
    assertMayUseStatus(user, input.status, before.status === 'published');
    await assertImagesCredited(deps, input);
  }

  /**
   * Where an article lives after a change. While its address follows the title, a change
   * that leaves the address as it was (or empty) takes the title's; an address typed by
   * hand, or the first publication, ends the following. A followed address left behind
   * was never public: it keeps no redirect.
   */
  async function addressFor(before: Article, input: ArticleInput) {
    const keep = { slug: input.slug, after: async (_article: Article) => {} };
    if (!(await slugFollowsTitle(database.db, before.id))) return keep;
    const typed = input.slug !== undefined && input.slug !== '' && input.slug !== before.slug;
    const slug = typed ? input.slug : ((await freeSlug(database.db, input.title, before.id)) ?? before.slug);
    return {
      slug,
      after: async (article: Article) => {
        if (article.slug !== before.slug) {
          await database.db.deleteFrom('slug_redirects').where('old_slug', '=', before.slug).where('article_id', '=', before.id).execute();
        }
        if (typed || article.status === 'published') {
          await setSlugFollows(database.db, before.id, false);
        }
      },
    };
  }

  return {
    /**
     * The newsroom's list, newest change first: editors see every article, authors and
     * contributors the ones they are named on (a filter in the query, not after it).
     */
    async list(caller: Caller, options: { status?: string; page: number }) {
      const acting = writer(caller);
      const user = staffOf(acting);
      let query = database.db.selectFrom('articles').select(['id', 'slug', 'title', 'status', 'kind', 'lang', 'updated_at', 'published_at', 'scheduled_at']);
      if (options.status !== undefined) {
        if (!['draft', 'scheduled', 'published'].includes(options.status)) throw new AppError('BAD_REQUEST', { field: 'status' });
        query = query.where('status', '=', options.status as 'draft');
      }
      if (!may(user.role, 'publishAny')) {
        const mine = await ownAuthorIds(user.id);
        query = query.where('id', 'in', (qb) => qb.selectFrom('article_authors').select('article_id').where('author_id', 'in', mine.length ? mine : [0]));
      }
      return query.orderBy('updated_at', 'desc').limit(50).offset((options.page - 1) * 50).execute();
    },

    /** An article the caller may open in the editor. */
    async read(caller: Caller, id: number): Promise<Article> {
      const acting = writer(caller);
      const article = await load(id);
      assertMayEdit(staffOf(acting), article);
      return article;
    },

    async create(caller: Caller, input: ArticleInput): Promise<Article> {
      const acting = changer(caller);
      const user = staffOf(acting);
      assertMayUseStatus(user, input.status, false);
      if (acting.kind === 'staff' && !may(user.role, 'publishAny')) {
        const mine = await ownAuthorIds(user.id);
        if (!input.authorIds.some((id) => mine.includes(id))) {
          throw new AppError('FORBIDDEN', { field: 'authorIds', detail: 'name yourself among the authors' });
        }
      }
      await assertImagesCredited(deps, input);
      // No address typed: it is made from the title and follows it until published (slug-follow.ts).
      const follows = (input.slug === undefined || input.slug === '') && input.status !== 'published';
      const slug = input.slug === undefined || input.slug === '' ? ((await freeSlug(database.db, input.title, null)) ?? undefined) : input.slug;
      const article = await content.createArticle({ ...withMainTag(input), slug }, acting.kind === 'staff' ? user.id : null);
      if (follows) await setSlugFollows(database.db, article.id, true);
      await audited(acting, article.status === 'published' ? 'article.publish' : 'article.create', article.id, { slug: article.slug });
      return article;
    },

    async update(caller: Caller, id: number, input: ArticleInput, note = ''): Promise<Article> {
      const acting = changer(caller);
      const before = await load(id);
      await mayChange(acting, before, input);
      const follow = await addressFor(before, input);
      const article = await content.updateArticle(before.id, withMainTag({ ...input, slug: follow.slug }), acting.kind === 'staff' ? acting.staff.id : null, note);
      await follow.after(article);
      const action = article.status === 'published' && before.status !== 'published' ? 'article.publish' : 'article.edit';
      await audited(acting, action, article.id, { slug: article.slug, from: before.status, to: article.status });
      return article;
    },

    /** Publishes an article now: an update of its status, under the same rules. */
    async publish(caller: Caller, id: number): Promise<Article> {
      const before = await load(id);
      return this.update(caller, id, inputOf(before, { status: 'published', scheduledAt: null }));
    },

    /**
     * Brings back a revision's text; where the article lives and whether it is public stay
     * as now. The same rules as any update: the caller must be allowed to change it as it is.
     */
    async restore(caller: Caller, id: number, revisionId: number): Promise<Article> {
      const acting = changer(caller);
      const article = await load(id);
      const row = await database.db.selectFrom('revisions').select(['data']).where('id', '=', revisionId).where('article_id', '=', id).executeTakeFirst();
      // Who may not edit the article learns nothing about its revisions.
      assertMayEdit(staffOf(acting), article);
      if (!row) throw new AppError('NOT_FOUND', { field: 'revision' });
      const old = JSON.parse(row.data) as RevisionData;
      const input = inputOf(article, {
        title: old.title ?? article.title, subtitle: old.subtitle ?? article.subtitle, body: old.body ?? article.body,
        seoTitle: old.seoTitle ?? article.seoTitle, seoDescription: old.seoDescription ?? article.seoDescription,
      });
      await mayChange(acting, article, input);
      const restored = await content.updateArticle(article.id, input, acting.kind === 'staff' ? acting.staff.id : null, `restored revision ${revisionId}`);
      await audited(acting, 'article.restore', article.id, { revision: revisionId });
      return restored;
    },

    async remove(caller: Caller, id: number): Promise<void> {
      if (!hasRole(caller, ROLES_FOR.publishAny) || !hasScope(caller, 'content:write')) throw refusal(caller);
      const article = await load(id);
      await database.db.deleteFrom('articles').where('id', '=', article.id).execute();
      await deps.bus.emit('article.deleted', { articleId: article.id, slug: article.slug });
      await audited(caller, 'article.delete', article.id, { slug: article.slug, title: article.title });
    },
  };
}

export type ArticleOperations = ReturnType<typeof createArticleOperations>;
