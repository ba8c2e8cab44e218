/**
 * One webhook POST through the platform's outbound helper (platform/outbound.ts): the
 * address the socket connects to is checked unless private targets are allowed, redirects
 * are not followed (a 3xx could point anywhere, including inside our network), the whole
 * exchange has a deadline, and only the first kilobytes of an answer are kept.
 *
 * @example
 *   const answer = await postWebhook(new URL('https://hooks.example.org/in'), body, headers, { guard: true });
 *   answer.status; // 204
 */
import { outboundRequest } from '../../platform/outbound.js';

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
export async function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs?: number; guard: boolean },
): Promise<WebhookAnswer> {
  const answer = await outboundRequest(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Blattwerk-Webhooks/1' },
    body,
    timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    // Enough to show staff; the rest is not worth waiting for.
    maxBytes: EXCERPT_BYTES,
    overflow: 'truncate',
    allowPrivate: !options.guard,
  });
  return { status: answer.status, excerpt: answer.body.toString('utf8').slice(0, EXCERPT_BYTES) };
}
