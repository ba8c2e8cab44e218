/**
 * The Telegram Bot API call and what its answer means, kept apart from jobs and storage so
 * the rules (what to escape, when to retry) are pure and tested on their own.
 *
 * @example
 *   const text = telegramText({ title: 'Stadtrat tagt', teaser: 'Heute ab 18 Uhr.', url: 'https://z.example/stadtrat/' });
 *   const outcome = await sendTelegramMessage({ apiBase: 'https://api.telegram.org', botToken, channel: '@zeitung' }, text);
 *   if (outcome.kind === 'retry') …
 */
import { OutboundError, outboundRequest } from '../../platform/outbound.js';

export interface TelegramTarget {
  apiBase: string;
  botToken: string;
  channel: string;
}

/** What one attempt came to: posted, worth another try (maybe not before `retryAfterMs`), or never going to work. */
export type SendOutcome =
  | { kind: 'sent'; status: number; excerpt: string }
  | { kind: 'retry'; status: number | null; excerpt: string; error: string; retryAfterMs?: number }
  | { kind: 'permanent'; status: number | null; excerpt: string; error: string };

/** Telegram refuses longer texts; titles and teasers are clipped well below it. */
const TITLE_MAX = 300;
const TEASER_MAX = 1000;
const EXCERPT_MAX = 500;
const TIMEOUT_MS = 10_000;

/**
 * Escapes text for Telegram's HTML parse mode, which knows exactly these three entities
 * (plus `&quot;`, needed only inside attributes, which we do not write).
 *
 * @example
 *   escapeTelegramHtml('Fish & <Chips>'); // 'Fish &amp; &lt;Chips&gt;'
 */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The post: bold title, teaser, and the link on its own line. The bare link (rather than
 * `<a>`) is what Telegram turns into the preview card, and shows readers where it goes.
 *
 * @example
 *   telegramText({ title: 'A & B', teaser: '', url: 'https://z.example/a/' });
 *   // '<b>A &amp; B</b>\n\nhttps://z.example/a/'
 */
export function telegramText(post: { title: string; teaser: string; url: string }): string {
  const parts = [`<b>${escapeTelegramHtml(clip(post.title, TITLE_MAX))}</b>`];
  const teaser = clip(post.teaser, TEASER_MAX);
  if (teaser) parts.push(escapeTelegramHtml(teaser));
  parts.push(escapeTelegramHtml(post.url));
  return parts.join('\n\n');
}

/**
 * Removes the bot token from anything we store or log: it is part of the request URL,
 * and error messages of HTTP clients like to quote URLs.
 *
 * @example
 *   redact('POST /bot123:abc/sendMessage failed', '123:abc'); // 'POST /bot[token]/sendMessage failed'
 */
export function redact(text: string, token: string): string {
  return token ? text.split(token).join('[token]') : text;
}

/**
 * Reads Telegram's answer. 429 carries `parameters.retry_after` (seconds) in the body and
 * often a Retry-After header; 5xx is Telegram's trouble; any other 4xx (bad token, unknown
 * channel, bot not an admin of it) stays wrong however often it is repeated, and so do
 * 3xx (redirects are not followed: the token is in the URL).
 *
 * @example
 *   classifyTelegramResponse(429, '{"ok":false,"parameters":{"retry_after":7}}', null); // { kind: 'retry', retryAfterMs: 7000, … }
 */
export function classifyTelegramResponse(status: number, body: string, retryAfterHeader: string | null): SendOutcome {
  const excerpt = body.slice(0, EXCERPT_MAX);
  let parsed: { ok?: unknown; description?: unknown; parameters?: { retry_after?: unknown } } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // Proxies in front of the API answer HTML on 502/503; the status decides then.
  }
  const description = typeof parsed.description === 'string' ? parsed.description : `HTTP ${status}`;
  if (status >= 200 && status < 300 && parsed.ok === true) return { kind: 'sent', status, excerpt };
  if (status === 429) {
    const seconds = Number(parsed.parameters?.retry_after ?? retryAfterHeader);
    const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) * 1000 : undefined;
    return { kind: 'retry', status, excerpt, error: description, ...(retryAfterMs ? { retryAfterMs } : {}) };
  }
  if (status >= 500) return { kind: 'retry', status, excerpt, error: description };
  // A 2xx without `ok: true` is not the Bot API (a wrong apiBase): repeating will not help.
  const error = status < 300 ? `not a Bot API answer (HTTP ${status})` : description;
  return { kind: 'permanent', status, excerpt, error };
}

/**
 * `POST {apiBase}/bot{token}/sendMessage`. Network errors and timeouts answer `retry`;
 * nothing here throws, and no message carries the token.
 *
 * @example
 *   await sendTelegramMessage(target, telegramText(post)); // { kind: 'sent', status: 200, … }
 */
export async function sendTelegramMessage(
  target: TelegramTarget,
  text: string,
  options: { timeoutMs?: number } = {},
): Promise<SendOutcome> {
  const url = `${target.apiBase.replace(/\/+$/, '')}/bot${target.botToken}/sendMessage`;
  try {
    // Guarded like every outbound call; redirects are not followed (the token is in the URL).
    const answer = await outboundRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: target.channel, text, parse_mode: 'HTML', disable_web_page_preview: false }),
      timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
      maxBytes: 64 * 1024,
      overflow: 'truncate',
    });
    const retryAfter = answer.headers['retry-after'];
    return classifyTelegramResponse(answer.status, answer.body.toString('utf8'), typeof retryAfter === 'string' ? retryAfter : null);
  } catch (error) {
    // A refused target (private address, not http) stays refused however often it is tried.
    if (error instanceof OutboundError && error.problem !== 'timeout' && error.problem !== 'too-large') {
      return { kind: 'permanent', status: null, excerpt: '', error: redact(`${error.name}: ${error.message}`, target.botToken) };
    }
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const code = cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
    return { kind: 'retry', status: null, excerpt: '', error: redact(`${detail}${code}`, target.botToken) };
  }
}
