/**
 * The site on the fediverse, built on Fedify: actors (the publication and its authors) with
 * stored keys, WebFinger and NodeInfo, paged outbox and followers collections, the articles
 * as `Article` objects, the inbox (inbox.ts), and sending Create/Update/Delete of articles
 * to followers through the durable job queue (queue.ts). Fedify signs and verifies HTTP
 * signatures and handles JSON-LD; this file only says what our actors and objects are.
 *
 * @example
 *   const federation = createFederationService(deps);
 *   const answer = await federation.fetch(request);   // a Web Request for /ap/…, /.well-known/…
 *   federation.startQueue();                          // on nodes that run workers
 */
import {
  createFederation,
  getAuthenticatedDocumentLoader,
  type Context,
  type Federation,
} from '@fedify/fedify';
import {
  Article,
  Create,
  Delete,
  Endpoints,
  Image,
  Note,
  Organization,
  Person,
  PropertyValue,
  PUBLIC_COLLECTION,
  Tombstone,
  Update,
  isActor,
  type Recipient,
} from '@fedify/vocab';
import type { ContentService, Article as ContentArticle } from '../content/index.js';
import { mediaIdsOf } from '../content/index.js';
import { toFeedItems } from '../distribution/index.js';
import type { DiscussionOperations } from '../discussion/index.js';
import type { MediaService } from '../media/index.js';
import type { DatabaseHandle } from '../platform/db/index.js';
import type { EventBus } from '../platform/events.js';
import { escapeHtml } from '../platform/html.js';
import type { JobQueue } from '../platform/jobs/index.js';
import type { Logger } from '../platform/logging.js';
import type { SettingsService } from '../platform/settings.js';
import { createActors, type ActorProfile } from './actors.js';
import { createInbox } from './inbox.js';
import { createKeyStore } from './keys.js';
import { createKvStore } from './kv.js';
import { documentLoader } from './loader.js';
import { SITE_ACTOR, articleObject, authorActor, authorIdOf, commentNote, instant } from './objects.js';
import { createFederationQueue } from './queue.js';
import { createFederationSettings } from './settings.js';
import { createFederationStore } from './store.js';

export interface FederationDeps {
  database: DatabaseHandle;
  jobs: Pick<JobQueue, 'enqueue' | 'register' | 'stats' | 'wake'>;
  bus: Pick<EventBus, 'on' | 'onAny' | 'emit'>;
  settings: Pick<SettingsService, 'get'>;
  content: Pick<ContentService, 'visibleArticle' | 'listPublished' | 'store'>;
  media: Pick<MediaService, 'getMany'>;
  /** Replies become comments through the discussion's own operations (issue 13). */
  operations: Pick<DiscussionOperations, 'postComment' | 'editComment' | 'removeComment'>;
  /** A comment (the discussion's store): for replies to replies, and to send the site's comments out. */
  commentById: (id: number) => Promise<CommentFacts | undefined>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  publicUrl: string;
  secret: string;
  /** `BLATTWERK_FEDERATION=on` / `--federation`: on whatever the site setting says. */
  forceOn: boolean;
  now: () => Date;
  /** Attempts per delivery before it is given up (default 8: at most about 64 minutes of backoff). */
  maxAttempts?: number;
  /** A delivery without an answer within this fails and is retried (default 30 s). */
  deliveryTimeoutMs?: number;
}

/** What federation reads of a comment. */
export interface CommentFacts {
  id: number;
  article_id: number;
  parent_id: number | null;
  status: string;
  identity: string;
  author_name: string;
  html: string;
  created_at: string;
}

/** The job that sends a comment of the site out as a reply, or takes it back. */
export const COMMENT_JOB = 'federation.comment';
interface CommentJob {
  commentId: number;
  action: 'create' | 'delete';
}

/** The job that turns a published, changed or deleted article into activities. */
export const ARTICLE_JOB = 'federation.article';
type ArticleAction = 'create' | 'update' | 'delete';
interface ArticleJob {
  articleId: number;
  action: ArticleAction;
  slug: string;
}

const FOLLOWERS_PAGE = 100;
const OUTBOX_PAGE = 20;

function profileSummary(profile: ActorProfile): string | null {
  return profile.summary ? `<p>${escapeHtml(profile.summary)}</p>` : null;
}

export function createFederationService(deps: FederationDeps) {
  const { publicUrl, now, logger } = deps;
  const settings = createFederationSettings({ db: deps.database.db, bus: deps.bus, forceOn: deps.forceOn, now });
  const store = createFederationStore(deps.database, now);
  const keys = createKeyStore(deps.database, now);
  const actors = createActors({ publicUrl, settings: deps.settings, federation: settings, content: deps.content, media: deps.media });
  const loader = documentLoader({ userAgent: `Blattwerk/0.1 (+${publicUrl}/)` });
  const queue = createFederationQueue(deps.jobs, { maxAttempts: deps.maxAttempts ?? 8, now, ...(deps.deliveryTimeoutMs ? { timeoutMs: deps.deliveryTimeoutMs } : {}) });
  const loopback = process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK === '1';

  const kv = createKvStore(deps.database, now);
  const federation: Federation<void> = createFederation<void>({
    kv,
    // Deliveries and fan-out are durable jobs; incoming activities are handled at once, so
    // a reply is a comment (or refused, with its reason logged) when the inbox answers.
    queue: { outbox: queue, fanout: queue },
    manuallyStartQueue: true,
    // Retries are the job queue's (backoff, then `failed` with the error, in the newsroom);
    // Fedify's circuit breaker would hold or drop deliveries outside it.
    circuitBreaker: false,
    origin: publicUrl,
    documentLoaderFactory: () => loader,
    contextLoaderFactory: () => loader,
    authenticatedDocumentLoaderFactory: (identity) => getAuthenticatedDocumentLoader(identity, { allowPrivateAddress: loopback }),
  });

  federation
    .setActorDispatcher('/ap/actors/{identifier}', async (ctx, identifier) => {
      const profile = await actors.byIdentifier(identifier);
      if (!profile) return null;
      const pairs = await ctx.getActorKeyPairs(identifier);
      const values = {
        id: ctx.getActorUri(identifier),
        preferredUsername: profile.username,
        name: profile.name,
        summary: profileSummary(profile),
        url: new URL(profile.url),
        icon: profile.icon ? new Image({ url: new URL(profile.icon.url), mediaType: profile.icon.type }) : null,
        image: profile.header ? new Image({ url: new URL(profile.header.url), mediaType: profile.header.type }) : null,
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: pairs[0]?.cryptographicKey ?? null,
        assertionMethods: pairs.map((pair) => pair.multikey),
        manuallyApprovesFollowers: (await settings.get()).approveFollowers,
        discoverable: true,
        indexable: true,
        attachments: profile.links
          .filter((link) => /^https?:\/\//.test(link.url))
          .map((link) => new PropertyValue({ name: link.label, value: `<a href="${escapeHtml(link.url)}" rel="me nofollow noopener">${escapeHtml(link.url.replace(/^https?:\/\//, ''))}</a>` })),
      };
      return profile.kind === 'site' ? new Organization(values) : new Person(values);
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => ((await actors.byIdentifier(identifier)) ? keys.pairsOf(identifier) : []))
    .mapHandle(async (_ctx, username) => actors.byUsername(username))
    .mapAlias(async (_ctx, resource) => {
      const identifier = await actors.byPageUrl(resource);
      return identifier ? { identifier } : null;
    });

  federation.setWebFingerLinksDispatcher(async (ctx, resource) => {
    const username = resource.protocol === 'acct:' ? resource.pathname.split('@')[0] ?? '' : '';
    const identifier = username ? await actors.byUsername(username) : await actors.byPageUrl(resource);
    const profile = identifier ? await actors.byIdentifier(identifier) : null;
    return profile?.icon ? [{ rel: 'http://webfinger.net/rel/avatar', type: profile.icon.type, href: profile.icon.url }] : [];
  });

  federation.setNodeInfoDispatcher('/nodeinfo/2.1', async () => {
    const site = await deps.settings.get('site');
    const published = await deps.content.listPublished({ perPage: 1 });
    const authors = await deps.content.store.authorNames();
    return {
      software: { name: 'blattwerk', version: '0.1.0', homepage: new URL(`${publicUrl}/`) },
      protocols: ['activitypub'],
      usage: { users: { total: authors.length + 1 }, localPosts: published.total, localComments: 0 },
      openRegistrations: false,
      metadata: { nodeName: site.title, nodeDescription: site.description || site.tagline },
    };
  });

  // Followers, paged by row id; null for "all at once" makes Fedify walk the pages itself.
  federation
    .setFollowersDispatcher('/ap/actors/{identifier}/followers', async (_ctx, identifier, cursor) => {
      if (cursor === null) return null;
      const after = Number(cursor) || 0;
      const rows = await store.followers(identifier, after, FOLLOWERS_PAGE);
      const items: Recipient[] = rows.map((row) => ({
        id: new URL(row.follower),
        inboxId: new URL(row.inbox),
        endpoints: row.shared_inbox ? { sharedInbox: new URL(row.shared_inbox) } : null,
      }));
      return { items, nextCursor: rows.length === FOLLOWERS_PAGE ? String(rows.at(-1)!.id) : null };
    })
    .setCounter(async (_ctx, identifier) => store.countFollowers(identifier))
    .setFirstCursor(async () => '0');

  // The outbox: a Create for each published article of the actor, newest first.
  async function articlesOf(identifier: string, page: number, perPage: number) {
    const authorId = authorIdOf(identifier);
    if (identifier !== SITE_ACTOR && authorId === null) return null;
    return deps.content.listPublished({ page, perPage, ...(authorId !== null ? { authorId } : {}) });
  }
  federation
    .setOutboxDispatcher('/ap/actors/{identifier}/outbox', async (ctx, identifier, cursor) => {
      if (cursor === null) return null;
      const page = Math.max(1, Number(cursor) || 1);
      const list = await articlesOf(identifier, page, OUTBOX_PAGE);
      if (!list) return null;
      const full = await Promise.all(list.items.map((summary) => deps.content.visibleArticle(summary.id).catch(() => null)));
      const objects = await articleObjects(ctx, full.filter((a): a is ContentArticle => a !== null));
      const items = objects.map(
        ({ object, article }) =>
          new Create({ id: new URL(`${object.id!.href}#create`), actor: ctx.getActorUri(identifier), object, to: PUBLIC_COLLECTION, published: instant(article.publishedAt ?? now()) }),
      );
      return { items, nextCursor: page < list.pages ? String(page + 1) : null };
    })
    .setCounter(async (_ctx, identifier) => (await articlesOf(identifier, 1, 1))?.total ?? 0)
    .setFirstCursor(async () => '1');

  federation.setObjectDispatcher(Article, '/ap/articles/{id}', async (ctx, values) => {
    if (!(await settings.get()).enabled) return null;
    const article = await deps.content.visibleArticle(Number(values.id)).catch(() => null);
    if (!article) return null;
    return (await articleObjects(ctx, [article]))[0]?.object ?? null;
  });
  // Comments of the site federated as replies (the `federateComments` setting).
  federation.setObjectDispatcher(Note, '/ap/comments/{id}', async (ctx, values) => {
    const built = await commentNoteOf(ctx, Number(values.id));
    return built?.note ?? null;
  });

  const sentKey = (commentId: number) => ['blattwerk', 'sent-comment', String(commentId)] as const;

  /** The Note for a published comment of the site, with what it replies to and whom it mentions. */
  async function commentNoteOf(ctx: Context<void>, commentId: number) {
    const fed = await settings.get();
    if (!fed.enabled || !fed.federateComments) return null;
    const comment = await deps.commentById(commentId);
    if (!comment || comment.status !== 'published' || comment.identity.startsWith('fediverse:')) return null;
    const article = await deps.content.visibleArticle(comment.article_id).catch(() => null);
    if (!article) return null;
    let replyTo: URL = ctx.getObjectUri(Article, { id: String(article.id) });
    let mention: URL | null = null;
    if (comment.parent_id !== null) {
      const remote = await store.noteOfComment(comment.parent_id);
      if (remote) {
        replyTo = new URL(remote.note);
        mention = new URL(remote.author);
      } else if (await kv.get(sentKey(comment.parent_id))) replyTo = ctx.getObjectUri(Note, { id: String(comment.parent_id) });
    }
    const note = commentNote(ctx, { id: comment.id, authorName: comment.author_name, html: comment.html, createdAt: comment.created_at, url: `${publicUrl}/${article.slug}/comment/${comment.id}/` }, replyTo, mention);
    return { note, mention };
  }

  async function sendComment(job: CommentJob): Promise<void> {
    const fed = await settings.get();
    if (!fed.enabled) return;
    const ctx = federation.createContext(new URL(`${publicUrl}/`));
    const noteId = ctx.getObjectUri(Note, { id: String(job.commentId) });
    const actor = ctx.getActorUri(SITE_ACTOR);
    if (job.action === 'delete') {
      if (!(await kv.get(sentKey(job.commentId)))) return;
      await ctx.sendActivity({ identifier: SITE_ACTOR }, 'followers', new Delete({ id: new URL(`${noteId.href}#delete`), actor, object: new Tombstone({ id: noteId }), to: PUBLIC_COLLECTION }), { preferSharedInbox: true });
      await kv.delete(sentKey(job.commentId));
      return;
    }
    if (!fed.federateComments || (await kv.get(sentKey(job.commentId)))) return;
    const built = await commentNoteOf(ctx, job.commentId);
    if (!built) return;
    const create = new Create({ id: new URL(`${noteId.href}#create`), actor, object: built.note, to: PUBLIC_COLLECTION, ccs: built.note.ccIds });
    await ctx.sendActivity({ identifier: SITE_ACTOR }, 'followers', create, { preferSharedInbox: true });
    if (built.mention) {
      // The author of the note answered gets it in their own inbox too.
      const author = await ctx.lookupObject(built.mention).catch(() => null);
      if (author && isActor(author) && author.id && author.inboxId) await ctx.sendActivity({ identifier: SITE_ACTOR }, author, create);
    }
    await kv.set(sentKey(job.commentId), true);
  }

  async function articleObjects(ctx: Context<void>, articles: ContentArticle[]) {
    const ids = articles.flatMap((a) => [...(a.featuredMediaId === null ? [] : [a.featuredMediaId]), ...mediaIdsOf(a.body)]);
    const media = await deps.media.getMany(ids);
    const donation = await deps.settings.get('donation');
    const items = toFeedItems(articles, { publicUrl, media, donationText: donation.appeal, now: now() });
    return articles.flatMap((article) => {
      const item = items.find((i) => i.url.endsWith(`/${article.slug}/`));
      return item ? [{ article, object: articleObject(ctx, item, article) }] : [];
    });
  }

  const inbox = createInbox({
    federation, store, settings, actors, content: deps.content, operations: deps.operations, commentById: deps.commentById, logger, secret: deps.secret, publicUrl, now, loopback,
  });

  // --- sending articles ---------------------------------------------------------------

  async function sendArticle(job: ArticleJob): Promise<void> {
    if (!(await settings.get()).enabled) return;
    const ctx = federation.createContext(new URL(`${publicUrl}/`));
    const sent = await store.sentArticle(job.articleId);
    const article = await deps.content.visibleArticle(job.articleId).catch(() => null);
    const objectId = ctx.getObjectUri(Article, { id: String(job.articleId) });
    const senders = (a: ContentArticle | null) => [SITE_ACTOR, ...(a?.authors.map((x) => authorActor(x.id)) ?? [])];
    const stamp = now().getTime();
    if (!article) {
      // Deleted, unpublished or moved back to draft: only what went out is taken back.
      if (!sent || sent.deleted_at) return;
      for (const identifier of senders(null)) {
        const activity = new Delete({
          id: new URL(`${objectId.href}#delete-${stamp}`),
          actor: ctx.getActorUri(identifier),
          object: new Tombstone({ id: objectId, deleted: instant(now()) }),
          to: PUBLIC_COLLECTION,
          cc: ctx.getFollowersUri(identifier),
        });
        await ctx.sendActivity({ identifier }, 'followers', activity, { preferSharedInbox: true });
      }
      await store.markSent(job.articleId, true);
      return;
    }
    const [built] = await articleObjects(ctx, [article]);
    if (!built) return;
    const create = !sent || sent.deleted_at !== null;
    if (!create && job.action === 'create') return; // sent already (a second node, a repeat)
    for (const identifier of senders(article)) {
      const common = { actor: ctx.getActorUri(identifier), object: built.object, to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(identifier) };
      const activity = create
        ? new Create({ ...common, id: new URL(`${objectId.href}#create-${identifier}`), published: instant(article.publishedAt ?? now()) })
        : new Update({ ...common, id: new URL(`${objectId.href}#update-${identifier}-${stamp}`), updated: instant(now()) });
      await ctx.sendActivity({ identifier }, 'followers', activity, { preferSharedInbox: true });
    }
    if (create) await store.markSent(job.articleId, false);
  }

  deps.jobs.register<ArticleJob>(ARTICLE_JOB, async (job) => sendArticle(job.payload));
  deps.jobs.register<CommentJob>(COMMENT_JOB, async (job) => sendComment(job.payload));

  // Events of this node only (the bridge repeats them on the others): each becomes one job.
  deps.bus.onAny(async (event, payload, meta) => {
    if (meta.remote) return;
    if (event === 'comment.published' || event === 'comment.updated') {
      const p = payload as { commentId: number; status?: string };
      const action = event === 'comment.published' ? 'create' : p.status === 'published' ? null : 'delete';
      const fed = action ? await settings.get() : null;
      if (!action || !fed?.enabled || (action === 'create' && !fed.federateComments)) return;
      await deps.jobs.enqueue(COMMENT_JOB, { commentId: p.commentId, action } satisfies CommentJob, { dedupeKey: `federation:comment:${p.commentId}:${action}:${now().getTime()}` });
      return;
    }
    let job: ArticleJob | null = null;
    if (event === 'article.published') {
      const p = payload as { articleId: number; slug: string };
      job = { articleId: p.articleId, slug: p.slug, action: 'create' };
    } else if (event === 'article.saved') {
      const p = payload as { articleId: number; slug: string; status: string };
      job = { articleId: p.articleId, slug: p.slug, action: p.status === 'published' ? 'update' : 'delete' };
    } else if (event === 'article.deleted') {
      const p = payload as { articleId: number; slug: string };
      job = { articleId: p.articleId, slug: p.slug, action: 'delete' };
    }
    if (!job || !(await settings.get()).enabled) return;
    // Only articles that went out are updated or taken back; a draft's saves send nothing.
    if (job.action !== 'create' && !(await store.sentArticle(job.articleId))) return;
    await deps.jobs.enqueue(ARTICLE_JOB, job, { dedupeKey: `federation:article:${job.articleId}:${job.action}:${now().getTime()}` });
  });

  return {
    federation,
    settings,
    store,
    keys,
    actors,
    inbox,
    /** Answers a Web Request for one of Fedify's routes, or null when it is not one of them. */
    async fetch(request: Request): Promise<Response | null> {
      let missed = false;
      const response = await federation.fetch(request, {
        contextData: undefined,
        onNotFound: () => {
          missed = true;
          return new Response(null, { status: 404 });
        },
        onNotAcceptable: () => {
          missed = true;
          return new Response(null, { status: 406 });
        },
      });
      return missed ? null : response;
    },
    /** Starts working the delivery jobs on this node (nodes with workers). */
    startQueue(signal?: AbortSignal): void {
      void federation.startQueue(undefined, signal ? { signal } : {});
    },
    sendArticle,
  };
}

export type FederationService = ReturnType<typeof createFederationService>;
