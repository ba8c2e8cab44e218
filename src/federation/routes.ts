/**
 * The federation's doors. Fedify's routes (`/.well-known/webfinger`, `/.well-known/nodeinfo`,
 * `/nodeinfo/2.1`, `/ap/…`) are handed to Fedify as Web Requests; inbox deliveries are
 * checked first: size, JSON, type, blocked instances and a rate limit per instance, each
 * refusal logged with its reason (`fed_events`). The home and author pages answer
 * `application/activity+json` with their actor. Off (404) unless federation is on.
 *
 * @example
 *   registerFederationRoutes(app, { federation, database, publicUrl, now });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../platform/db/index.js';
import { createRateLimiter } from '../platform/ratelimit.js';
import { isBlocked } from './settings.js';
import type { FederationService } from './service.js';

/** Activities larger than this are refused before they are parsed. */
export const MAX_INBOX_BYTES = 256 * 1024;
/** Deliveries per instance and minute (Mastodon sends far fewer, even in a busy thread). */
export const INBOX_RATE = { windowSeconds: 60, max: 300 };
const HANDLED = new Set(['Follow', 'Undo', 'Create', 'Update', 'Delete', 'Like', 'Announce', 'Accept', 'Reject']);
const ACTIVITY_JSON = /application\/(activity\+json|ld\+json)/i;
const FEDIFY_PATHS = ['/.well-known/webfinger', '/.well-known/nodeinfo', '/nodeinfo/2.1', '/ap/*'];

export interface FederationRouteDeps {
  federation: Pick<FederationService, 'fetch' | 'settings' | 'store' | 'actors' | 'federation'>;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  publicUrl: string;
  now: () => Date;
}

function toWebRequest(request: FastifyRequest, publicUrl: string, body?: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return new Request(`${publicUrl}${request.url}`, {
    method: request.method,
    headers,
    ...(body && request.method === 'POST' ? { body: new Uint8Array(body) } : {}),
  });
}

async function sendWeb(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding') reply.header(name, value);
  });
  return reply.send(Buffer.from(await response.arrayBuffer()));
}

/** The instance a delivery comes from: its actor's host, else the signature key's. */
function senderHost(activity: Record<string, unknown>, request: FastifyRequest): string | null {
  const actor = activity.actor;
  const id = typeof actor === 'string' ? actor : actor && typeof actor === 'object' ? (actor as { id?: unknown }).id : undefined;
  const fromSignature = /keyId="([^"]+)"/.exec(String(request.headers.signature ?? request.headers['signature-input'] ?? ''))?.[1];
  for (const candidate of [id, fromSignature]) {
    if (typeof candidate !== 'string') continue;
    try {
      return new URL(candidate).hostname;
    } catch {
      /* try the next */
    }
  }
  return null;
}

export function registerFederationRoutes(app: FastifyInstance, deps: FederationRouteDeps): void {
  const { federation, publicUrl } = deps;
  const perInstance = createRateLimiter(deps.database, INBOX_RATE);

  async function refuse(reply: FastifyReply, status: number, instance: string, kind: string, reason: string) {
    await federation.store.log(instance, kind, 'refused', reason);
    return reply.status(status).type('application/json').send({ error: reason });
  }

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const settings = await federation.settings.get();
    if (!settings.enabled) return reply.status(404).type('application/json').send({ error: 'federation is off' });
    let body: Buffer | undefined;
    if (request.method === 'POST') {
      body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (body.length > MAX_INBOX_BYTES) return refuse(reply, 413, 'unknown', 'unknown', `too large (${body.length} bytes)`);
      let activity: unknown;
      try {
        activity = JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(reply, 400, 'unknown', 'unknown', 'malformed JSON');
      }
      if (!activity || typeof activity !== 'object' || Array.isArray(activity) || typeof (activity as { type?: unknown }).type !== 'string') {
        return refuse(reply, 400, 'unknown', 'unknown', 'not an activity (no type)');
      }
      const record = activity as Record<string, unknown>;
      const type = record.type as string;
      const host = senderHost(record, request) ?? 'unknown';
      if (isBlocked(host, settings.blockedDomains)) return refuse(reply, 403, host, type, 'blocked instance');
      const { allowed, retryAfterSeconds } = await perInstance.check(`fedinbox:${host}`, deps.now());
      if (!allowed) {
        reply.header('retry-after', String(retryAfterSeconds));
        return refuse(reply, 429, host, type, 'rate limit of the instance');
      }
      if (!HANDLED.has(type)) {
        await federation.store.log(host, type, 'ignored', `unknown activity type ${type.slice(0, 60)}`);
        return reply.status(202).send();
      }
      const response = await federation.fetch(toWebRequest(request, publicUrl, body));
      if (!response) return reply.status(404).send();
      if (response.status === 400) await federation.store.log(host, type, 'refused', `malformed activity: ${(await response.clone().text()).slice(0, 200)}`);
      return sendWeb(reply, response);
    }
    const response = await federation.fetch(toWebRequest(request, publicUrl));
    if (!response) return reply.status(404).type('application/json').send({ error: 'not found' });
    return sendWeb(reply, response);
  }

  void app.register(async (scope) => {
    // Activities come as application/activity+json or ld+json (or anything): raw bytes here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, payload, done) => done(null, payload));
    for (const url of FEDIFY_PATHS) {
      scope.route({ method: ['GET', 'HEAD', 'POST'], url, config: { access: 'public', csrf: false }, schema: { hide: true }, handler: handle });
    }
  });

  // Content negotiation: the home page and an author page, asked for as ActivityPub, are actors.
  app.addHook('onRequest', async (request, reply) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !ACTIVITY_JSON.test(String(request.headers.accept ?? ''))) return;
    const path = request.url.split('?')[0] ?? '';
    if (path !== '/' && !/^\/author\/[a-z0-9-]+\/$/.test(path)) return;
    if (!(await federation.settings.get()).enabled) return;
    const identifier = await federation.actors.byPageUrl(new URL(path, publicUrl));
    if (!identifier) return;
    const ctx = federation.federation.createContext(new URL(`${publicUrl}/`));
    const actorUri = ctx.getActorUri(identifier);
    const response = await federation.fetch(new Request(actorUri, { headers: { accept: 'application/activity+json' } }));
    if (!response) return;
    reply.header('vary', 'Accept');
    return sendWeb(reply, response);
  });
}
