/**
 * Turns Blattwerk's message shape into nodemailer's, and is the one place that guards
 * headers: values lose CR/LF and other control characters (so a reader-supplied subject
 * cannot add a `Bcc:` line), names must be plain tokens, and the headers the mailer
 * owns cannot be overridden.
 *
 * @example
 *   composeMessage({ to: 'a@example.org', subject: 'Hi', text: 'Hello' }, { from: 'news@example.org', now: new Date() });
 */
import { randomBytes } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import { MailError } from './errors.js';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  /** With `html`, the message is multipart/alternative (text and HTML). */
  html?: string;
  headers?: Record<string, string>;
  /**
   * Adds `List-Unsubscribe` (RFC 2369) and, unless `oneClick: false`, `List-Unsubscribe-Post:
   * List-Unsubscribe=One-Click` (RFC 8058): `url` must then unsubscribe on a bare POST,
   * without a confirmation page, because mail providers call it without a person present.
   */
  listUnsubscribe?: { url: string; mailto?: string; oneClick?: boolean };
  /** A stable id (e.g. derived from a job) makes a retried send recognisable as the same message. */
  messageId?: string;
  replyTo?: string;
  /**
   * Overrides the mailer's From (the newsletter's sender setting). An object, so that a
   * display name with commas or umlauts is encoded, never parsed as a second address.
   */
  from?: { name: string; address: string };
}

// Structure and identity the mailer sets itself; a caller overriding them would break the message.
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'list-unsubscribe',
  'list-unsubscribe-post',
]);

/** A header value on one line: CR/LF become spaces, other control characters go. */
export function headerValue(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '')
    .trim();
}

function invalid(message: string): MailError {
  return new MailError(message, { permanent: true, code: 'EHEADER' });
}

/** The domain of an address like `Name <user@example.org>`, for Message-IDs. */
export function addressDomain(address: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(address)?.[1]?.toLowerCase() ?? 'localhost';
}

function messageIdFor(given: string | undefined, domain: string): string {
  if (given === undefined) return `<${Date.now().toString(36)}.${randomBytes(9).toString('hex')}@${domain}>`;
  const bare = headerValue(given).replace(/^<|>$/g, '');
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(bare)) throw invalid(`not a Message-ID: ${JSON.stringify(given)}`);
  return `<${bare}>`;
}

function unsubscribe(list: NonNullable<OutgoingMail['listUnsubscribe']>) {
  let url: URL;
  try {
    url = new URL(headerValue(list.url));
  } catch {
    throw invalid(`List-Unsubscribe needs an absolute URL, got ${JSON.stringify(list.url)}`);
  }
  if (!/^https?:$/.test(url.protocol)) throw invalid('List-Unsubscribe URL must be http(s)');
  const targets = [url.href];
  if (list.mailto) {
    const mailto = headerValue(list.mailto);
    targets.push(/^mailto:/i.test(mailto) ? mailto : `mailto:${mailto}`);
  }
  // One inner array: nodemailer writes one header with the targets comma-separated,
  // the leftmost (the URL) being the one clients try first.
  return { unsubscribe: [targets] };
}

function senderOf(from: { name: string; address: string }): { name: string; address: string } {
  const address = headerValue(from.address);
  if (!/^[^\s<>@",;]+@[A-Za-z0-9.-]+$/.test(address)) throw invalid(`not a From address: ${JSON.stringify(from.address)}`);
  return { name: headerValue(from.name), address };
}

export function composeMessage(
  message: OutgoingMail,
  context: { from: string; now: Date },
): SendMailOptions & { messageId: string } {
  const to = (Array.isArray(message.to) ? message.to : [message.to]).map(headerValue).filter(Boolean);
  if (to.length === 0) {
    throw new MailError('a message needs at least one recipient', { permanent: true, code: 'EENVELOPE' });
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(name)) throw invalid(`invalid header name ${JSON.stringify(name)}`);
    if (RESERVED.has(name.toLowerCase())) throw invalid(`header ${name} is set by the mailer`);
    headers[name] = headerValue(String(value));
  }
  const from = message.from ? senderOf(message.from) : null;
  const list = message.listUnsubscribe;
  if (list && list.oneClick !== false) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  return {
    from: from ?? context.from,
    to,
    ...(message.replyTo ? { replyTo: headerValue(message.replyTo) } : {}),
    subject: headerValue(message.subject),
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    headers,
    ...(list ? { list: unsubscribe(list) } : {}),
    messageId: messageIdFor(message.messageId, addressDomain(from?.address ?? context.from)),
    date: context.now,
  };
}
