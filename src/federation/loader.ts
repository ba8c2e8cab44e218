/**
 * How Fedify fetches remote documents (actors, notes, keys): through the project's one door
 * for outbound requests (platform/outbound.ts), so the same rules hold as for webhooks and
 * fetched media: http(s) only; private, link-local and loopback addresses refused (checked on
 * the address really connected to); a deadline for the whole exchange; a cap on the bytes
 * read. `BLATTWERK_OUTBOUND_ALLOW_LOOPBACK=1` lets 127.0.0.1 through for tests with two
 * instances on loopback, and nothing else. JSON-LD contexts Fedify knows are never fetched.
 *
 * @example
 *   createFederation({ kv, documentLoaderFactory: () => documentLoader(), contextLoaderFactory: () => documentLoader() });
 */
import { preloadedContexts, type RemoteDocument } from '@fedify/fedify';
import { outboundRequest } from '../platform/outbound.js';

/** Remote documents larger than this are refused: no actor or note needs more. */
export const MAX_DOCUMENT_BYTES = 256 * 1024;
export const FETCH_TIMEOUT_MS = 10_000;

const ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams", application/json;q=0.5';

export class DocumentError extends Error {
  override name = 'DocumentError';
}

export function documentLoader(options: { userAgent?: string } = {}) {
  return async function load(url: string): Promise<RemoteDocument> {
    const known = (preloadedContexts as Record<string, unknown>)[url];
    if (known !== undefined) return { contextUrl: null, documentUrl: url, document: known };
    const answer = await outboundRequest(url, {
      headers: { accept: ACCEPT, ...(options.userAgent ? { 'user-agent': options.userAgent } : {}) },
      timeoutMs: FETCH_TIMEOUT_MS,
      maxBytes: MAX_DOCUMENT_BYTES,
      redirects: 3,
    });
    if (answer.status < 200 || answer.status > 299) throw new DocumentError(`${url} answered ${answer.status}`);
    let document: unknown;
    try {
      document = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw new DocumentError(`${url} is not JSON`);
    }
    return { contextUrl: null, documentUrl: answer.url ?? url, document };
  };
}
