/**
 * An SMTP server on 127.0.0.1 that accepts every message and keeps nothing but counts:
 * messages, bytes (the DATA as received, dot-stuffing removed), distinct recipients,
 * connections, and when the first and the last message arrived. The first message is
 * kept whole, so the benchmark can check that what it timed was a real newsletter mail.
 *
 * @example
 *   const sink = await startCountingSink();
 *   // BLATTWERK_SMTP_URL = sink.url
 *   await sink.waitForMessages(10_000, deadline);
 *   await sink.close();
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CountingSink {
  url: string;
  port: number;
  messages: number;
  bytes: number;
  /** Distinct envelope recipients: with one mail per reader, messages − recipients are duplicates. */
  recipients: Set<string>;
  connections: number;
  /** performance.now() of the first and the last accepted message. */
  firstAt: number | null;
  lastAt: number | null;
  /** The first message as received. */
  sample: string | null;
  /** Resolves when `count` messages arrived; rejects at `deadline` (performance.now()) or on `abort`. */
  waitForMessages(count: number, deadline: number, abort?: () => string | null): Promise<void>;
  close(): Promise<void>;
}

export async function startCountingSink(): Promise<CountingSink> {
  const waiters = new Set<() => void>();
  const sink: CountingSink = {
    url: '',
    port: 0,
    messages: 0,
    bytes: 0,
    recipients: new Set(),
    connections: 0,
    firstAt: null,
    lastAt: null,
    sample: null,
    waitForMessages(count, deadline, abort) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          const reason = abort?.() ?? null;
          if (sink.messages >= count) finish();
          else if (reason) finish(new Error(reason));
          else if (performance.now() > deadline) finish(new Error(`timed out with ${sink.messages} of ${count} messages at the sink`));
        };
        // Woken by every message, and once a second for the deadline and the abort check.
        const timer = setInterval(check, 1000);
        const finish = (error?: Error) => {
          clearInterval(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    // Nodemailer would upgrade to TLS and refuse a self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    // One pooled client sends many messages per connection; do not close idle ones early.
    socketTimeout: 120_000,
    onConnect(_session, callback) {
      sink.connections++;
      callback();
    },
    onData(stream, session, callback) {
      let size = 0;
      const keep: Buffer[] | null = sink.sample === null ? [] : null;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        keep?.push(chunk);
      });
      stream.on('end', () => {
        const at = performance.now();
        sink.messages++;
        sink.bytes += size;
        for (const rcpt of session.envelope.rcptTo) sink.recipients.add(rcpt.address);
        sink.firstAt ??= at;
        sink.lastAt = at;
        if (keep && sink.sample === null) sink.sample = Buffer.concat(keep).toString('utf8');
        callback();
        for (const check of waiters) check();
      });
    },
  });
  server.on('error', () => {
    // A client that drops its connection is the client's business; counting goes on.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
