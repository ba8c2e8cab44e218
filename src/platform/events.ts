/**
 * A typed in-process events bus. Capabilities emit facts ("article.published"); the page
 * cache, search index and later the live stream and jobs subscribe. Listeners run after
 * the emitting write has committed; a failing listener is logged, never breaks the emitter.
 * In PostgreSQL mode a bridge (issue: scale-out) forwards events between nodes.
 *
 * @example
 *   const bus = createEventBus(logger);
 *   bus.on('article.published', ({ articleId }) => cache.clear());
 *   await bus.emit('article.published', { articleId: 7, slug: 'stadtrat' });
 */
export interface EventMap {
  'article.saved': { articleId: number; slug: string; status: string };
  'article.published': { articleId: number; slug: string };
  'article.deleted': { articleId: number; slug: string };
  'taxonomy.changed': { kind: 'author' | 'tag' | 'media' };
  'settings.changed': { keys: string[] };
  /** design settings (site/theme): `home` changed only the home page, `pages` every page's frame. */
  'design.changed': { scope: 'home' | 'pages' };
  /** A comment became visible to readers (posted directly or approved). */
  'comment.published': { commentId: number; articleId: number; parentId: number | null };
  /** A comment waits in the moderation queue. */
  'comment.pending': { commentId: number; articleId: number };
  /** A visible comment changed or disappeared (edit, delete, reject, spam). */
  'comment.updated': { commentId: number; articleId: number; status: string };
  /** A like was given or taken back: one number on one article's page changed. */
  'comment.liked': { commentId: number; articleId: number; likes: number };
  /** A reader suggested a correction; it waits in the editors' inbox (content/corrections). */
  'correction.suggested': { suggestionId: number; articleId: number };
  /** audience: a newsletter subscriber confirmed the double opt-in. */
  'subscriber.confirmed': { subscriberId: number };
  /** distribution: a webhook was registered or deleted; every process forgets its list of receivers. */
  'webhooks.changed': { webhookId: number };
}

export type EventName = keyof EventMap;
/** `meta.remote`: the event happened on another node, process or thread, which handles its side effects (mails, jobs) itself. */
type Listener<E extends EventName> = (payload: EventMap[E], meta: EventMeta) => void | Promise<void>;

/** Where an event came from: this process, or another node through the bridge. */
export interface EventMeta {
  remote: boolean;
}

export interface EventBus {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Also called for every event, e.g. to forward it to other nodes. */
  onAny(listener: (event: EventName, payload: unknown, meta: EventMeta) => void | Promise<void>): () => void;
  emit<E extends EventName>(event: E, payload: EventMap[E], meta?: EventMeta): Promise<void>;
}

interface ErrorLogger {
  error(obj: unknown, msg?: string): void;
}

export function createEventBus(logger: ErrorLogger): EventBus {
  const listeners = new Map<EventName, Set<Listener<EventName>>>();
  const anyListeners = new Set<(event: EventName, payload: unknown, meta: EventMeta) => void | Promise<void>>();

  async function safely(fn: () => void | Promise<void>, event: EventName): Promise<void> {
    try {
      await fn();
    } catch (error) {
      logger.error({ err: error, event }, 'event listener failed');
    }
  }

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener<EventName>);
      return () => set.delete(listener as Listener<EventName>);
    },
    onAny(listener) {
      anyListeners.add(listener);
      return () => anyListeners.delete(listener);
    },
    async emit(event, payload, meta = { remote: false }) {
      const tasks: Promise<void>[] = [];
      for (const listener of listeners.get(event) ?? []) tasks.push(safely(() => listener(payload, meta), event));
      for (const listener of anyListeners) tasks.push(safely(() => listener(event, payload, meta), event));
      await Promise.all(tasks);
    },
  };
}
