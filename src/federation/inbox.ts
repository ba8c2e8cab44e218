/**
 * What arrives in the inboxes, after Fedify has verified the HTTP signature (an unsigned or
 * badly signed delivery never gets here: 401, logged): Follow and Undo, replies as comments,
 * their edits and deletions, likes and announces of articles. A reply goes through the
 * discussion's `postComment` with a `federated` caller: the same policy, screen, filters,
 * bans, rate limit (per instance), DSA process and log as any comment. Whatever is refused
 * or ignored is logged with its reason in `fed_events` and changes nothing else.
 *
 * @example
 *   createInbox({ federation, store, settings, actors, content, operations, … });
 */
import type { Context, Federation, InboxContext } from '@fedify/fedify';
import {
  Accept,
  Announce,
  Article,
  Create,
  Delete,
  Follow,
  Like,
  Note,
  Reject,
  Undo,
  Update,
  isActor,
  type Activity,
  type Actor,
} from '@fedify/vocab';
import type { ContentService } from '../content/index.js';
import type { DiscussionOperations } from '../discussion/index.js';
import type { Caller } from '../platform/caller.js';
import { AppError } from '../platform/errors.js';
import type { Logger } from '../platform/logging.js';
import { checkOutboundUrl, outboundRequest } from '../platform/outbound.js';
import { ipHash } from '../platform/privacy.js';
import type { Actors } from './actors.js';
import { SITE_ACTOR } from './objects.js';
import { noteToCommentText } from './remote-html.js';
import { isBlocked, type FederationSettingsStore } from './settings.js';
import type { FederationStore } from './store.js';

/** A note's HTML beyond this is refused before it is even converted. */
export const MAX_NOTE_HTML = 100_000;

export interface InboxDeps {
  federation: Federation<void>;
  store: FederationStore;
  settings: FederationSettingsStore;
  actors: Actors;
  content: Pick<ContentService, 'visibleArticle'>;
  operations: Pick<DiscussionOperations, 'postComment' | 'editComment' | 'removeComment'>;
  /** A comment's article and status (discussion's store), to answer replies to replies. */
  commentById?: (id: number) => Promise<{ id: number; article_id: number; status: string } | undefined>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  secret: string;
  publicUrl: string;
  now: () => Date;
  /** Test switch (BLATTWERK_OUTBOUND_ALLOW_LOOPBACK): followers' inboxes may be on loopback. */
  loopback: boolean;
}

class Ignored extends Error {
  constructor(
    readonly outcome: 'refused' | 'ignored',
    reason: string,
  ) {
    super(reason);
  }
}

const typeName = (activity: Activity) => activity.constructor.name;
const hostOf = (url: URL | null | undefined) => url?.host ?? 'unknown';

export function createInbox(deps: InboxDeps) {
  const { federation, store, logger } = deps;

  async function record(activity: Activity, outcome: 'refused' | 'ignored' | 'accepted', reason: string): Promise<void> {
    const instance = hostOf(activity.actorId);
    if (outcome !== 'accepted') logger.info({ instance, type: typeName(activity), outcome, reason }, 'federation: activity not taken');
    await store.log(instance, typeName(activity), outcome, reason).catch((error: unknown) => logger.error({ err: error }, 'federation: could not log'));
  }

  /** Runs a handler; what it refuses or ignores is logged, never thrown back at the sender. */
  function guarded<A extends Activity>(handle: (ctx: InboxContext<void>, activity: A) => Promise<string>) {
    return async (ctx: InboxContext<void>, activity: A) => {
      try {
        const blocked = (await deps.settings.get()).blockedDomains;
        if (activity.actorId && isBlocked(activity.actorId.hostname, blocked)) throw new Ignored('refused', 'blocked instance');
        await record(activity, 'accepted', await handle(ctx, activity));
      } catch (error) {
        if (error instanceof Ignored) await record(activity, error.outcome, error.message);
        else if (error instanceof AppError) await record(activity, 'refused', error.code);
        else {
          logger.warn({ err: error, type: typeName(activity) }, 'federation: activity failed');
          await record(activity, 'refused', `error: ${(error as Error).message ?? String(error)}`.slice(0, 300));
        }
      }
    };
  }

  function callerFor(actor: URL, handle: string, name: string, noteUrl: string): Caller {
    return {
      kind: 'federated',
      sessionHash: null,
      // The comment rate limit and the screen count per remote author (their actor stands
      // where an address would); a whole instance is limited at the inbox (routes.ts).
      ipHash: ipHash(`fediverse:${actor.href}`, deps.secret, deps.now()),
      remote: { actor: actor.href, handle, name, noteUrl },
    };
  }

  function handleOf(actor: Actor): string {
    const user = actor.preferredUsername?.toString() ?? actor.id?.pathname.split('/').filter(Boolean).at(-1) ?? 'unknown';
    return `@${user}@${actor.id?.host ?? 'unknown'}`;
  }

  async function verifiedActor(ctx: Context<void>, activity: Activity): Promise<Actor> {
    const actor = await activity.getActor(ctx);
    if (!actor || !isActor(actor) || !actor.id || actor.id.href !== activity.actorId?.href) throw new Ignored('refused', 'actor could not be resolved');
    return actor;
  }

  /** Our article (by its object id or its page) a reply, like or announce is about. */
  async function articleOf(ctx: Context<void>, target: URL): Promise<number | null> {
    const parsed = ctx.parseUri(target);
    if (parsed?.type === 'object' && parsed.class === Article) {
      const article = await deps.content.visibleArticle(Number(parsed.values.id)).catch(() => null);
      return article?.id ?? null;
    }
    const base = new URL(deps.publicUrl);
    const slug = target.origin === base.origin ? /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(target.pathname)?.[1] : undefined;
    if (!slug) return null;
    return (await deps.content.visibleArticle(slug).catch(() => null))?.id ?? null;
  }

  /** Where a reply belongs: an article, or a comment (ours, or a federated note's). */
  async function placeOf(ctx: Context<void>, target: URL): Promise<{ articleId: number; parentId: number | null } | null> {
    const articleId = await articleOf(ctx, target);
    if (articleId !== null) return { articleId, parentId: null };
    let commentId: number | null = null;
    const parsed = ctx.parseUri(target);
    if (parsed?.type === 'object' && parsed.class === Note) commentId = Number(parsed.values.id);
    else commentId = (await store.noteByUri(target.href))?.comment_id ?? null;
    if (commentId === null || !deps.commentById) return null;
    const comment = await deps.commentById(commentId);
    return comment && comment.status === 'published' ? { articleId: comment.article_id, parentId: comment.id } : null;
  }

  async function ownActorUrls(): Promise<string[]> {
    const ctx = federation.createContext(new URL(`${deps.publicUrl}/`));
    return [ctx.getActorUri(SITE_ACTOR).href, `${deps.publicUrl}/`];
  }

  function noteText(note: Note, own: string[]): string {
    const content = note.content?.toString() ?? '';
    if (content.length > MAX_NOTE_HTML) throw new Ignored('refused', `note too large (${content.length} characters)`);
    return noteToCommentText(content, { ownActors: own });
  }

  function urlOfNote(note: Note): string {
    const url = note.url instanceof URL ? note.url : note.url?.href ?? null;
    const candidate = url ?? note.id;
    return candidate && /^https?:$/.test(candidate.protocol) ? candidate.href : '';
  }

  async function acceptFollow(ctx: Context<void>, identifier: string, follow: Follow, follower: Actor | URL, inbox: URL): Promise<void> {
    const actorUri = ctx.getActorUri(identifier);
    const recipient = follower instanceof URL ? { id: follower, inboxId: inbox } : follower;
    await ctx.sendActivity({ identifier }, recipient, new Accept({ id: new URL(`${actorUri.href}#accept/${encodeURIComponent(follow.id?.href ?? '')}`), actor: actorUri, object: follow }));
  }

  /**
   * `@user@host` → the actor's URL, by WebFinger through the outbound door (https; http only
   * for loopback under the test switch). A URL is taken as it is.
   */
  async function actorUrlOf(target: string): Promise<string> {
    const handle = /^@?([^@\s]+)@([^@\s/]+)$/.exec(target.trim());
    if (!handle) return target;
    const [, user, host] = handle;
    const scheme = deps.loopback && /^(127\.|localhost|\[::1\])/.test(host!) ? 'http' : 'https';
    const answer = await outboundRequest(`${scheme}://${host}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${user}@${host}`)}`, {
      headers: { accept: 'application/jrd+json' }, timeoutMs: 10_000, maxBytes: 64 * 1024,
    });
    const links = (JSON.parse(answer.body.toString('utf8')) as { links?: { rel?: string; type?: string; href?: string }[] }).links ?? [];
    const self = links.find((l) => l.rel === 'self' && /activity\+json|ld\+json/.test(l.type ?? ''))?.href;
    if (!self) throw new AppError('NOT_FOUND', { field: 'target' });
    return self;
  }

  federation
    .setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox')
    .setSharedKeyDispatcher(() => ({ identifier: SITE_ACTOR }))
    .on(
      Follow,
      guarded(async (ctx, follow) => {
        const target = follow.objectId ? ctx.parseUri(follow.objectId) : null;
        if (target?.type !== 'actor' || !(await deps.actors.byIdentifier(target.identifier))) throw new Ignored('ignored', 'follow of an unknown actor');
        const follower = await verifiedActor(ctx, follow);
        const inbox = follower.inboxId;
        const shared = follower.endpoints?.sharedInbox ?? null;
        if (!inbox || !follow.id) throw new Ignored('refused', 'follower without inbox or follow without id');
        for (const url of [inbox, ...(shared ? [shared] : [])]) {
          // Deliveries go to these addresses: never into our own network.
          await checkOutboundUrl(url.href).catch(() => {
            throw new Ignored('refused', `inbox on a refused address (${url.host})`);
          });
        }
        const approve = (await deps.settings.get()).approveFollowers;
        const status = await store.addFollower({
          actor: target.identifier,
          follower: follower.id!.href,
          handle: handleOf(follower),
          name: follower.name?.toString() ?? handleOf(follower),
          url: follower.url instanceof URL ? follower.url.href : null,
          inbox: inbox.href,
          sharedInbox: shared?.href ?? null,
          followId: follow.id.href,
          status: approve ? 'pending' : 'accepted',
        });
        if (status === 'accepted') await acceptFollow(ctx, target.identifier, follow, follower, inbox);
        return status === 'accepted' ? `follows ${target.identifier}` : `waits for approval (${target.identifier})`;
      }),
    )
    .on(
      Undo,
      guarded(async (ctx, undo) => {
        const object = await undo.getObject(ctx);
        if (!object || !(object instanceof Follow || object instanceof Like || object instanceof Announce)) throw new Ignored('ignored', 'undo of an unknown object');
        if (object.actorId?.href !== undo.actorId?.href) throw new Ignored('refused', 'undo of someone else’s activity');
        if (object instanceof Follow) {
          const target = object.objectId ? ctx.parseUri(object.objectId) : null;
          if (target?.type !== 'actor') throw new Ignored('ignored', 'unfollow of an unknown actor');
          const removed = await store.removeFollower(target.identifier, undo.actorId!.href);
          return removed ? `unfollowed ${target.identifier}` : 'was not following';
        }
        const kind = object instanceof Like ? 'like' : 'announce';
        const articleId = object.objectId ? await articleOf(ctx, object.objectId) : null;
        const removed = await store.removeReaction(kind, undo.actorId!.href, object.id?.href ?? null, articleId);
        return `${kind} taken back (${removed})`;
      }),
    )
    .on(
      Create,
      guarded(async (ctx, create) => {
        const note = await create.getObject(ctx);
        // An article of a site one of our actors follows: received (the log says so), not stored.
        if (note instanceof Article && note.id) return `article received: ${note.id.href}`;
        if (!(note instanceof Note)) throw new Ignored('ignored', `create of ${note ? note.constructor.name : 'nothing'}`);
        if (!note.id || note.attributionId?.href !== create.actorId?.href) throw new Ignored('refused', 'note not written by the sender');
        if (await store.noteByUri(note.id.href)) throw new Ignored('ignored', 'note already received');
        const target = note.replyTargetId;
        const place = target ? await placeOf(ctx, target) : null;
        if (!place) throw new Ignored('ignored', target ? 'reply to an unknown object' : 'not a reply');
        const text = noteText(note, await ownActorUrls());
        const author = await verifiedActor(ctx, create);
        const noteUrl = urlOfNote(note);
        if (!noteUrl) throw new Ignored('refused', 'note without an http(s) address');
        const caller = callerFor(author.id!, handleOf(author), author.name?.toString() ?? handleOf(author), noteUrl);
        const posted = await deps.operations.postComment(caller, place.articleId, { body: text, parentId: place.parentId, notify: false });
        await store.addNote(note.id.href, posted.id, author.id!.href);
        return `comment ${posted.id} ${posted.status}`;
      }),
    )
    .on(
      Update,
      guarded(async (ctx, update) => {
        const note = await update.getObject(ctx);
        if (!(note instanceof Note) || !note.id) throw new Ignored('ignored', `update of ${note ? note.constructor.name : 'nothing'}`);
        const known = await store.noteByUri(note.id.href);
        if (!known) throw new Ignored('ignored', 'update of an unknown note');
        if (known.author !== update.actorId?.href || note.attributionId?.href !== known.author) throw new Ignored('refused', 'update of someone else’s note');
        const author = await verifiedActor(ctx, update);
        const caller = callerFor(author.id!, handleOf(author), author.name?.toString() ?? handleOf(author), urlOfNote(note));
        const edited = await deps.operations.editComment(caller, known.comment_id, noteText(note, await ownActorUrls()));
        return `comment ${known.comment_id} ${edited.pending ? 'edit held' : 'edited'}`;
      }),
    )
    .on(
      Delete,
      guarded(async (_ctx, del) => {
        const id = del.objectId;
        if (!id || !del.actorId) throw new Ignored('ignored', 'delete without object');
        if (id.href === del.actorId.href) {
          // An account deleted on its server: its follows end here too.
          const removed = await store.removeFollowerEverywhere(del.actorId.href);
          return `account gone (${removed} follows ended)`;
        }
        const known = await store.noteByUri(id.href);
        if (!known) throw new Ignored('ignored', 'delete of an unknown object');
        if (known.author !== del.actorId.href) throw new Ignored('refused', 'delete of someone else’s note');
        const caller = callerFor(del.actorId, '', '', '');
        await deps.operations.removeComment(caller, known.comment_id);
        return `comment ${known.comment_id} removed`;
      }),
    )
    .on(
      Like,
      guarded(async (ctx, like) => {
        const articleId = like.objectId ? await articleOf(ctx, like.objectId) : null;
        if (articleId === null || !like.id || !like.actorId) throw new Ignored('ignored', 'like of an unknown object');
        return (await store.addReaction(articleId, 'like', like.actorId.href, like.id.href)) ? `like of article ${articleId}` : 'like counted before';
      }),
    )
    .on(
      Announce,
      guarded(async (ctx, announce) => {
        const articleId = announce.objectId ? await articleOf(ctx, announce.objectId) : null;
        if (articleId === null || !announce.id || !announce.actorId) throw new Ignored('ignored', 'announce of an unknown object');
        return (await store.addReaction(articleId, 'announce', announce.actorId.href, announce.id.href)) ? `announce of article ${articleId}` : 'announce counted before';
      }),
    )
    .on(
      Accept,
      guarded(async (_ctx, accept) => `follow accepted by ${accept.actorId?.href ?? 'unknown'}`),
    )
    .on(
      Reject,
      guarded(async (_ctx, reject) => `follow turned down by ${reject.actorId?.href ?? 'unknown'}`),
    )
    .onError(async (_ctx, error) => {
      logger.warn({ err: error }, 'federation: inbox error');
    })
    .onUnverifiedActivity(async (_ctx, activity, reason) => {
      await record(activity, 'refused', `signature not verified (${reason.type})`);
    });

  return {
    /** One of our actors follows a remote actor (`@user@host` or its URL): Follow goes out. */
    async follow(identifier: string, target: string): Promise<URL> {
      const ctx = federation.createContext(new URL(`${deps.publicUrl}/`));
      const remote = await ctx.lookupObject(await actorUrlOf(target));
      if (!remote || !isActor(remote) || !remote.id) throw new AppError('NOT_FOUND', { field: 'target' });
      const actorUri = ctx.getActorUri(identifier);
      const id = new URL(`${actorUri.href}#follow/${encodeURIComponent(remote.id.href)}`);
      await ctx.sendActivity({ identifier }, remote, new Follow({ id, actor: actorUri, object: remote.id }));
      return remote.id;
    },
    /** The newsroom approves a waiting follow: Accept goes out. */
    async approve(id: number): Promise<boolean> {
      const row = await store.followerById(id);
      if (!row || row.status !== 'pending') return false;
      await store.setFollowerStatus(id, 'accepted');
      const ctx = federation.createContext(new URL(`${deps.publicUrl}/`));
      const follow = new Follow({ id: new URL(row.follow_id), actor: new URL(row.follower), object: ctx.getActorUri(row.actor) });
      await acceptFollow(ctx, row.actor, follow, new URL(row.follower), new URL(row.inbox));
      return true;
    },
    /** The newsroom turns a follow down (or ends one): Reject goes out, the row goes. */
    async reject(id: number): Promise<boolean> {
      const row = await store.followerById(id);
      if (!row) return false;
      await store.removeFollowerById(id);
      const ctx = federation.createContext(new URL(`${deps.publicUrl}/`));
      const actorUri = ctx.getActorUri(row.actor);
      const follow = new Follow({ id: new URL(row.follow_id), actor: new URL(row.follower), object: actorUri });
      await ctx.sendActivity({ identifier: row.actor }, { id: new URL(row.follower), inboxId: new URL(row.inbox) }, new Reject({ id: new URL(`${actorUri.href}#reject/${row.id}-${Date.now()}`), actor: actorUri, object: follow }));
      return true;
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
