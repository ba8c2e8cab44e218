/**
 * Who is asking, resolved once per request before any handler runs: a staff member with
 * their role, a signed-in reader, or a guest, each with the session and the day's IP hash.
 * Operations take this value and decide every rule from it; routes never look at cookies.
 * Readers are the discussion's accounts, so their lookup is handed in (platform imports no
 * capability).
 *
 * @example
 *   installCaller(app, { sessions, readers, secret, now });
 *   app.post('/api/v1/articles/:article/comments', PUBLIC, async (req) => postComment(req.caller, input));
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { CAPABILITIES_OF_SCOPE, ROLES_FOR, type Scope } from './permissions.js';
import { ipHash, sessionHash } from './privacy.js';
import { sessionCookieOf } from './pages.js';
import type { Sessions, StaffUser } from './sessions.js';
import type { Role } from './users.js';
import type { WhoMemo } from './who.js';

/** A reader with an account, signed in (the readers capability says who that is). */
export interface SignedInReader {
  id: number;
  name: string;
  email: string;
}

interface Common {
  /** Hash of the session cookie; null for a visitor without one. */
  sessionHash: string | null;
  /** The day's salted hash of the address (the only form an address is kept in). */
  ipHash: string;
  /**
   * The session hash, creating the session cookie now if the visitor had none (a guest's
   * comment stays theirs to edit through it). Absent where there is no browser (CLI, jobs).
   */
  ensureSession?: () => string;
}

export type Caller =
  | (Common & { kind: 'staff'; staff: StaffUser })
  | (Common & { kind: 'reader'; reader: SignedInReader })
  | (Common & { kind: 'guest' })
  /**
   * Someone on another fediverse server whose signed activity reached the inbox (issue 13):
   * the signature proved `remote.actor`. Writes as that person; `ipHash` stands for the instance.
   */
  | (Common & { kind: 'federated'; remote: RemoteAuthor })
  /** The site itself: the command line, importers, scheduled jobs and test set-ups. */
  | (Common & { kind: 'system'; name: string })
  /**
   * A newsroom integration calling with its token (`Authorization: Bearer`, issue 17). It
   * acts like a staff member whose capabilities are its scopes' (`staff` is that stand-in:
   * an editor's rules, never a real account; see permissions.ts `CAPABILITIES_OF_SCOPE`).
   */
  | (Common & { kind: 'integration'; integration: ActingIntegration; staff: StaffUser });

/** An integration as the operations see it. */
export interface ActingIntegration {
  id: number;
  name: string;
  scopes: readonly Scope[];
}

/** A fediverse author as the discussion sees them (federation/ resolves and verifies them). */
export interface RemoteAuthor {
  /** The actor's id (IRI), proven by the request's signature. */
  actor: string;
  /** `@user@host`, shown beside the name. */
  handle: string;
  name: string;
  /** The original post (the Note's url, else its id): http(s) only. */
  noteUrl: string;
}

export type StaffCaller = Extract<Caller, { kind: 'staff' }>;

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

export interface CallerDeps {
  sessions: Pick<Sessions, 'user' | 'ensure'>;
  /** Who the signed-in reader is, or null (no session, or accounts are switched off). */
  readers: { current(request: FastifyRequest): Promise<SignedInReader | null> };
  secret: string;
  now: () => Date;
  /** Told who each session is, so cached pages can greet signed-in visitors (who.ts). */
  who?: Pick<WhoMemo, 'remember'>;
  /**
   * The integration a bearer token belongs to, or null for an unknown or revoked one
   * (integrations/ owns the table; the root hands the lookup in). Without it tokens are not
   * accepted at all.
   */
  integrations?: { byToken(token: string): Promise<ActingIntegration | null> };
}

/** A guest without a session: what jobs, tests and the command line act as by default. */
export function guestCaller(ip: string, secret: string, now: Date): Caller {
  return { kind: 'guest', sessionHash: null, ipHash: ipHash(ip, secret, now) };
}

/** A staff member acting outside HTTP (command line, importers, tests). */
export function staffCaller(staff: StaffUser, ip = '127.0.0.1', secret = '', now = new Date()): StaffCaller {
  return { kind: 'staff', staff, sessionHash: null, ipHash: ipHash(ip, secret, now) };
}

export type ActingCaller = Extract<Caller, { kind: 'staff' | 'system' | 'integration' }>;

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.includes(role));

/**
 * A staff member with one of `roles` (owners may everything), the site itself, or an
 * integration one of whose scopes gives the capability these roles stand for.
 */
export function hasRole(caller: Caller, roles: readonly Role[]): caller is ActingCaller {
  if (caller.kind === 'system') return true;
  if (caller.kind === 'integration') {
    return caller.integration.scopes.some((scope) => CAPABILITIES_OF_SCOPE[scope].some((capability) => sameRoles(ROLES_FOR[capability], roles)));
  }
  return caller.kind === 'staff' && (caller.staff.role === 'owner' || roles.includes(caller.staff.role));
}

/** False only for an integration without `scope`: people and the site are judged by their roles. */
export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.kind !== 'integration' || caller.integration.scopes.includes(scope);
}

/** How an integration is named in logs: the audit log shows it as the one who acted. */
export function integrationActorName(integration: Pick<ActingIntegration, 'name'>): string {
  return `${integration.name} (integration)`;
}

/** How logs name who acted. */
export function actorOf(caller: ActingCaller): { userId: number | null; name: string } {
  if (caller.kind === 'staff') return { userId: caller.staff.id, name: caller.staff.name };
  if (caller.kind === 'integration') return { userId: null, name: integrationActorName(caller.integration) };
  return { userId: null, name: caller.name };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token of an API request (the metrics endpoint outside /api/ has its own). */
export function bearerTokenOf(request: Pick<FastifyRequest, 'headers' | 'url'>): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !request.url.startsWith('/api/')) return null;
  return BEARER.exec(header)?.[1] ?? null;
}

/** The stand-in staff member an integration acts as: an editor's rules, no account (id below zero). */
export function integrationStaff(integration: ActingIntegration): StaffUser {
  return { id: -integration.id, email: '', name: integrationActorName(integration), role: 'editor' };
}

export function systemCaller(name: string): Caller {
  return { kind: 'system', name, sessionHash: null, ipHash: 'system' };
}

export async function resolveCaller(deps: CallerDeps, request: FastifyRequest, reply: FastifyReply): Promise<Caller> {
  const token = deps.integrations ? bearerTokenOf(request) : null;
  if (token !== null && deps.integrations) {
    // Unknown and revoked tokens take the same path (one lookup by hash) and get the same 401.
    const integration = await deps.integrations.byToken(token);
    if (!integration) throw new AppError('UNAUTHORIZED', { field: 'authorization' });
    return { kind: 'integration', integration, staff: integrationStaff(integration), sessionHash: null, ipHash: ipHash(request.ip, deps.secret, deps.now()) };
  }
  const sid = sessionCookieOf(request);
  const common: Common = {
    sessionHash: sid ? sessionHash(sid) : null,
    ipHash: ipHash(request.ip, deps.secret, deps.now()),
    ensureSession: () => {
      const hash = sessionHash(deps.sessions.ensure(request, reply));
      request.caller.sessionHash = hash;
      return hash;
    },
  };
  // Without a cookie nobody is signed in: no lookup at all for most requests.
  if (!sid) return { ...common, kind: 'guest' };
  const staff = await deps.sessions.user(request);
  if (staff) return { ...common, kind: 'staff', staff };
  const reader = await deps.readers.current(request);
  if (reader) return { ...common, kind: 'reader', reader };
  return { ...common, kind: 'guest' };
}

export function installCaller(app: FastifyInstance, deps: CallerDeps): void {
  // Set by the hook below before any handler runs; null only on the not-found handler.
  app.decorateRequest('caller', null as unknown as never);
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const caller = await resolveCaller(deps, request, reply);
    request.caller = caller;
    const sid = sessionCookieOf(request);
    if (sid && deps.who) {
      deps.who.remember(sid, caller.kind === 'staff' ? { name: caller.staff.name } : caller.kind === 'reader' ? { name: caller.reader.name } : null);
    }
  });
}
