/**
 * Test helpers for the newsletter: a real SMTP server in the test process (smtp-server,
 * a dev dependency) that keeps what it accepts, and a small MIME reader (mailparser is
 * not a dependency) for headers, encoded words and the parts of multipart/alternative.
 * Only tests import this file.
 *
 * @example
 *   const sink = await startSmtpSink({ refuse: (to) => (to.startsWith('bounce@') ? 550 : null) });
 *   // BLATTWERK_SMTP_URL = sink.url
 *   const [mail] = await sink.waitFor((mails) => mails.length >= 1);
 *   mail!.header('list-unsubscribe'); // '<https://…/newsletter/unsubscribe?token=…>'
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  /** When the server accepted it (ms since the epoch). */
  at: number;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** A header, unfolded and with RFC 2047 encoded words decoded; the first if repeated. */
  header(name: string): string | undefined;
  /** Decoded text/plain and text/html parts ('' if absent). */
  text: string;
  html: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  mails: ReceivedMail[];
  /** While true, messages are read but never acknowledged (as if the server hung). */
  holding: boolean;
  /** Resolves once `ready(mails)` holds; rejects after `timeoutMs`. */
  waitFor(ready: (mails: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(options: { refuse?: (rcpt: string) => number | null } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    url: '',
    mails: [],
    holding: false,
    async waitFor(ready, timeoutMs = 20_000) {
      const started = Date.now();
      while (!ready(sink.mails)) {
        if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms; ${sink.mails.length} mails so far`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return sink.mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    // Nodemailer would upgrade to TLS and refuse the server's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address) ?? null;
      if (code) return callback(Object.assign(new Error(`5.1.1 <${address.address}>: no such user`), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // Never answered: the client cannot know the mail arrived, so it did not.
        if (sink.holding) return;
        sink.mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  // A client that dies mid-conversation (a killed server under test) resets its socket;
  // that is expected here, not a failure of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}

function splitHeaders(raw: string): { headers: [string, string][]; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = head.split(/\r?\n/).filter(Boolean).map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
  });
  return { headers, body };
}

export function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=' && /^[0-9A-F]{2}$/i.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(input[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = (encoding ?? '7bit').toLowerCase();
  if (kind === 'quoted-printable') return decodeQuotedPrintable(body);
  if (kind === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

export function parseMail(raw: string, to: string[] = []): ReceivedMail {
  const { headers, body } = splitHeaders(raw);
  const header = (name: string) => {
    const found = headers.find(([n]) => n === name.toLowerCase());
    return found ? decodeWords(found[1]) : undefined;
  };
  const parts: { type: string; text: string }[] = [];
  const type = header('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitHeaders(chunk.replace(/^\r?\n/, ''));
      const get = (n: string) => part.headers.find(([h]) => h === n)?.[1];
      parts.push({ type: (get('content-type') ?? 'text/plain').toLowerCase(), text: decodeBody(part.body.replace(/\r?\n$/, ''), get('content-transfer-encoding')) });
    }
  } else {
    parts.push({ type: type.toLowerCase(), text: decodeBody(body, header('content-transfer-encoding')) });
  }
  return {
    raw,
    at: Date.now(),
    to,
    header,
    text: parts.find((p) => p.type.startsWith('text/plain'))?.text ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.text ?? '',
  };
}
