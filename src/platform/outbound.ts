/**
 * Every request the server makes to another server (webhooks, WebSub, Telegram, fetched
 * media, federation) goes through `outboundRequest`, and nothing else under src/ opens an
 * outbound connection (outbound.guard.test.ts checks the sources). A URL a staff member
 * typed must not make the server probe its own network (`http://169.254.169.254/…`,
 * `http://localhost:5432/`), so:
 *
 * - only http and https;
 * - targets that are, or resolve to, a loopback, private, link-local or other non-public
 *   address are refused, checked on the address the socket really connects to (a fresh
 *   connection per request with its own `lookup`), which also defeats DNS rebinding;
 * - redirects are not followed unless asked for, and each hop is checked again;
 * - one deadline for the whole exchange, and a cap on the bytes read.
 *
 * Test switch: `BLATTWERK_OUTBOUND_ALLOW_LOOPBACK=1` lets loopback addresses (127.0.0.0/8,
 * ::1) through, for tests that talk to stand-in servers on 127.0.0.1; every other private
 * range stays refused. Never set it on a public site.
 *
 * @example
 *   const answer = await outboundRequest('https://hub.example/', { method: 'POST', body: 'hub.mode=publish', timeoutMs: 10_000 });
 *   answer.status; // 204
 */
import { lookup as dnsLookup } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLoopbackAddress, isPrivateAddress } from './ip.js';

export type OutboundProblem = 'invalid' | 'scheme' | 'private' | 'unresolvable' | 'timeout' | 'too-large';

/** A refused target or an exchange cut short; `code` is `EPRIVATE` for a private address. */
export class OutboundError extends Error {
  readonly code: string;
  constructor(
    readonly problem: OutboundProblem,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
    this.code = problem === 'private' ? 'EPRIVATE' : `E${problem.toUpperCase().replace('-', '')}`;
  }
}

export const OUTBOUND_TIMEOUT_MS = 10_000;
export const OUTBOUND_MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;

export interface OutboundOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** For the whole exchange, redirects included. */
  timeoutMs?: number;
  /** Bytes of the answer's body that are read. */
  maxBytes?: number;
  /** A longer body: `fail` (the default) refuses it; `truncate` keeps the start and stops reading. */
  overflow?: 'fail' | 'truncate';
  /** How many redirects to follow (each target checked like the first); 0 answers the 3xx itself. */
  redirects?: number;
  /** Private targets allowed (the webhook setting for receivers in one's own network). */
  allowPrivate?: boolean;
}

export interface OutboundAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True when `overflow: 'truncate'` cut the body at `maxBytes`. */
  truncated: boolean;
  /** Where the answer came from (after redirects). */
  url: string;
}

const loopbackAllowed = () => process.env.BLATTWERK_OUTBOUND_ALLOW_LOOPBACK === '1';

/** Whether the guard refuses this address (IP text) under the current switch. */
export function isRefusedAddress(ip: string): boolean {
  return isPrivateAddress(ip) && !(loopbackAllowed() && isLoopbackAddress(ip));
}

/** The host of a URL without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Parses and checks an outbound URL: http(s) only, and (unless `allowPrivate`) a host that
 * resolves only to public addresses. For a form's answer at registration; the request
 * checks again as it connects.
 *
 * @example
 *   await checkOutboundUrl('ftp://x.example/', { allowPrivate: true }); // throws OutboundError('scheme')
 */
export async function checkOutboundUrl(
  raw: string | URL,
  options: { allowPrivate?: boolean; resolve?: (host: string) => Promise<string[]> } = {},
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('invalid', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('scheme', 'only http and https URLs can be requested');
  if (options.allowPrivate) return url;
  const host = hostOf(url);
  const resolve = options.resolve ?? (async (name: string) => (await dnsLookupAsync(name, { all: true })).map((a) => a.address));
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw new OutboundError('unresolvable', `${host} cannot be resolved`);
  }
  if (addresses.length === 0) throw new OutboundError('unresolvable', `${host} cannot be resolved`);
  const refused = addresses.find(isRefusedAddress);
  if (refused) throw new OutboundError('private', `${host} is a loopback or private network address (${refused})`);
  return url;
}

/**
 * A `lookup` that refuses private addresses at connection time. IP literals never reach a
 * lookup, so `outboundRequest` checks those itself first.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isRefusedAddress(a.address));
    const first = addresses[0];
    if (refused || !first) {
      const problem = new OutboundError(refused ? 'private' : 'unresolvable', `${hostname} resolves to ${refused?.address ?? 'nothing'}, a loopback or private network address`);
      return callback(Object.assign(problem, refused ? {} : { code: 'ENOTFOUND' }), '', 0);
    }
    if (options.all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
};

/** One request without redirects; `deadline` is a Date.now() value. */
function once(url: URL, options: OutboundOptions, deadline: number, totalMs: number): Promise<Omit<OutboundAnswer, 'url'>> {
  const guard = !options.allowPrivate;
  const host = hostOf(url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new OutboundError('scheme', 'only http and https URLs can be requested'));
  if (guard && isIP(host) && isRefusedAddress(host)) {
    return Promise.reject(new OutboundError('private', `${host} is a loopback or private network address`));
  }
  const maxBytes = options.maxBytes ?? OUTBOUND_MAX_BYTES;
  const timeoutMs = Math.max(1, deadline - Date.now());
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = options.body;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        'user-agent': 'Blattwerk/1',
        ...options.headers,
        ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      },
      // A fresh connection each time: a pooled socket would skip the lookup check.
      agent: false,
      ...(guard ? { lookup: guardedLookup } : {}),
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    // Covers connect, a server that accepts and never answers, and one that dribbles.
    const timer = setTimeout(() => {
      const error = new OutboundError('timeout', `no answer within ${totalMs / 1000} s`);
      settle(() => reject(error));
      req.destroy(error);
    }, timeoutMs);
    req.on('error', (error) => settle(() => reject(error)));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean) =>
        settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, maxBytes), truncated }));
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size <= maxBytes) return;
        if (options.overflow === 'truncate') finish(true);
        else settle(() => reject(new OutboundError('too-large', `the answer is larger than ${maxBytes} bytes`)));
        res.destroy();
        req.destroy();
      });
      res.on('end', () => finish(false));
      res.on('error', (error) => settle(() => reject(error)));
      res.on('aborted', () => settle(() => reject(new Error('the answer was cut off'))));
    });
    req.end(body);
  });
}

/**
 * The one way to call another server. Throws `OutboundError` for a refused target, a
 * timeout or a body over the cap, and the socket's error for network trouble; any HTTP
 * status is an answer, not an error.
 *
 * @example
 *   const page = await outboundRequest('https://images.example/a.jpg', { redirects: 3, maxBytes: 20 * 1024 * 1024 });
 */
export async function outboundRequest(target: string | URL, options: OutboundOptions = {}): Promise<OutboundAnswer> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new OutboundError('invalid', 'not a valid URL');
  }
  const totalMs = options.timeoutMs ?? OUTBOUND_TIMEOUT_MS;
  const deadline = Date.now() + totalMs;
  let current = options;
  for (let hop = 0; ; hop++) {
    const answer = await once(url, current, deadline, totalMs);
    const location = answer.headers.location;
    const redirect = answer.status >= 300 && answer.status < 400 && typeof location === 'string';
    if (!redirect || hop >= Math.min(options.redirects ?? 0, MAX_REDIRECTS)) return { ...answer, url: url.href };
    try {
      url = new URL(location, url);
    } catch {
      throw new OutboundError('invalid', 'a redirect to something that is not a URL');
    }
    // As browsers do: 307/308 repeat the request, the others become a GET without a body.
    if (answer.status !== 307 && answer.status !== 308) current = { ...current, method: 'GET', body: undefined };
  }
}
