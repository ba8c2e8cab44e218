/**
 * One webhook POST with `node:http(s)` rather than `fetch`: only a request's own `lookup`
 * lets us check the address a socket really connects to (see address.ts). Redirects are
 * not followed (a 3xx could point anywhere, including inside our network); the whole
 * exchange has a deadline; only the first kilobytes of an answer are kept.
 *
 * @example
 *   const answer = await postWebhook(new URL('https://hooks.example.org/in'), body, headers, { guard: true });
 *   answer.status; // 204
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup } from './address.js';

export interface WebhookAnswer {
  status: number;
  /** The start of the response body, for the delivery log. */
  excerpt: string;
}

export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 2048;

/**
 * @example
 *   await postWebhook(url, '{"id":"…"}', { 'x-blattwerk-event': 'article.published' }, { timeoutMs: 10_000, guard: false });
 */
export function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs?: number; guard: boolean },
): Promise<WebhookAnswer> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'Blattwerk-Webhooks/1',
      },
      // A fresh connection each time: a pooled socket would skip the lookup check.
      agent: false,
      ...(options.guard ? { lookup: guardedLookup } : {}),
    });
    // Covers connect, a receiver that accepts and never answers, and one that dribbles.
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_BYTES) });
      };
      res.on('data', (chunk: Buffer) => {
        if (size >= EXCERPT_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        // Enough to show staff; the rest is not worth waiting for.
        if (size >= EXCERPT_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    req.end(body);
  });
}
