/**
 * The one part of a shared, cached page that depends on who is looking: a form's "who is
 * writing" fields. A page marks it with two alternatives, one for guests (name and e-mail
 * fields) and one for a signed-in staff member or reader ("You are writing as NAME"); the
 * page cache keeps both and picks one per visitor when it sends. Cookie-less visitors always
 * get the guest alternative, so their copy stays shared and precompressed.
 *
 * Which alternative a session gets is remembered for a minute after the request that
 * resolved its caller (`WhoMemo`), so cached pages can answer without a database lookup;
 * an unknown session is routed once, its caller resolved, and answered from the cache then.
 *
 * @example
 *   html`${raw(whoSection(guestFields, 'Sie schreiben als <strong>' + WHO_NAME + '</strong>.'))}`
 */
import { escapeHtml } from './html.js';

const GUEST = '\u0000who:guest\u0000';
const SIGNED = '\u0000who:signed\u0000';
const END = '\u0000who:end\u0000';
/** Where the signed-in person's name goes (escaped when filled in). */
export const WHO_NAME = '\u0000who:name\u0000';

const SECTION = new RegExp(`${GUEST}([\\s\\S]*?)${SIGNED}([\\s\\S]*?)${END}`, 'g');

/** Marks the two alternatives; both are HTML already (the name is filled in escaped). */
export function whoSection(guest: string, signed: string): string {
  return `${GUEST}${guest}${SIGNED}${signed}${END}`;
}

export function hasWhoSection(body: string): boolean {
  return body.includes(GUEST);
}

/** The page for a guest (null) or for a signed-in person with this name. */
export function fillWho(body: string, name: string | null): string {
  if (!body.includes(GUEST)) return body;
  return body.replace(SECTION, (_all, guest: string, signed: string) => (name === null ? guest : signed.split(WHO_NAME).join(escapeHtml(name))));
}

/** Who a session is, as far as the page cache needs to know: a name, a guest (null), or unknown. */
export type Who = { name: string } | null;

export interface WhoMemo {
  remember(sid: string, who: Who): void;
  /** `undefined`: not known (lately); route the request so its caller is resolved. */
  recall(sid: string): Who | undefined;
  forget(sid: string): void;
}

export function createWhoMemo(options: { ttlMs?: number; max?: number; now?: () => number } = {}): WhoMemo {
  const ttl = options.ttlMs ?? 60_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { who: Who; at: number }>();
  return {
    remember(sid, who) {
      if (known.size >= max) known.clear();
      known.set(sid, { who, at: now() });
    },
    recall(sid) {
      const entry = known.get(sid);
      if (!entry) return undefined;
      if (now() - entry.at > ttl) {
        known.delete(sid);
        return undefined;
      }
      return entry.who;
    },
    forget(sid) {
      known.delete(sid);
    },
  };
}
