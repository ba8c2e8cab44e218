/**
 * Sends mail. With `BLATTWERK_SMTP_URL` it speaks SMTP over a small connection pool
 * (a newsletter run reuses connections instead of a handshake per reader); without it,
 * each message lands as an `.eml` file in `<dataDir>/outbox/`, so a fresh install works
 * and shows what it would have sent. Tune the SMTP side through the URL's query, e.g.
 * `smtp://u:p@host:587?maxConnections=2&socketTimeout=30000`.
 *
 * @example
 *   const mailer = createMailer({
 *     smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: 'Redaktion <news@example.org>', logger,
 *   });
 *   const { messageId } = await mailer.send({
 *     to: 'reader@example.org', subject: 'Bitte bestätigen', text, html,
 *     listUnsubscribe: { url: `${config.publicUrl}/newsletter/unsubscribe?t=${token}` },
 *   });
 *   mailer.close(); // on shutdown
 */
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from '../logging.js';
import { composeMessage, type OutgoingMail } from './compose.js';
import { MailError, toMailError } from './errors.js';
import { writeOutbox } from './outbox.js';

export interface MailerOptions {
  smtpUrl: string | null | undefined;
  dataDir: string;
  /** The From address, e.g. `Redaktion <news@example.org>`; its domain ends Message-IDs. */
  from: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply (`250 OK …`), or where the outbox copy went. */
  response: string;
  accepted: string[];
  /** Recipients the server refused while taking the others (refusing all throws). */
  rejected: string[];
  /** The `.eml` file in outbox mode, else null. */
  file: string | null;
}

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  /** Sends one message; throws `MailError` (see its `permanent`). */
  send(message: OutgoingMail): Promise<SentMail>;
  /** Closes pooled SMTP connections. */
  close(): void;
}

// Nodemailer's defaults wait minutes on a silent server; a job should fail and retry sooner.
const SMTP_DEFAULTS = {
  pool: true,
  maxConnections: 3,
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 60_000,
} as const;

// Content is always strings here; refuse nodemailer's file-path and URL content loading outright.
const NO_LOADING = { disableFileAccess: true, disableUrlAccess: true } as const;

export function createMailer(options: MailerOptions): Mailer {
  if (!/@/.test(options.from)) {
    throw new MailError(`invalid From address ${JSON.stringify(options.from)}`, { permanent: true, code: 'ECONFIG' });
  }
  return options.smtpUrl ? smtpMailer(options, options.smtpUrl) : outboxMailer(options);
}

function smtpMailer(options: MailerOptions, url: string): Mailer {
  const transporter = createTransport({ ...SMTP_DEFAULTS, ...NO_LOADING, url });
  return {
    mode: 'smtp',
    async send(message) {
      const mail = composeMessage(message, { from: options.from, now: new Date() });
      try {
        const info = await transporter.sendMail(mail);
        return {
          messageId: info.messageId,
          response: info.response,
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
          file: null,
        };
      } catch (error) {
        throw toMailError(error);
      }
    },
    close: () => transporter.close(),
  };
}

function outboxMailer(options: MailerOptions): Mailer {
  const dir = join(options.dataDir, 'outbox');
  // CRLF: the line ending of RFC 5322, which .eml readers expect.
  const transporter: Transporter = createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    ...NO_LOADING,
  });
  return {
    mode: 'outbox',
    async send(message) {
      const now = new Date();
      const mail = composeMessage(message, { from: options.from, now });
      let raw: Buffer;
      try {
        const info = await transporter.sendMail(mail);
        raw = info.message as Buffer;
      } catch (error) {
        throw toMailError(error);
      }
      let file: string;
      try {
        file = await writeOutbox(dir, mail.messageId, raw, now);
      } catch (error) {
        const reason = `cannot write to the outbox ${dir}: ${(error as Error).message}`;
        throw new MailError(reason, { permanent: false, code: 'EOUTBOX', cause: error });
      }
      options.logger.info({ file, messageId: mail.messageId }, 'no SMTP configured: mail written to the outbox');
      const to = Array.isArray(mail.to) ? mail.to.map(String) : [String(mail.to)];
      return { messageId: mail.messageId, response: `written to ${file}`, accepted: to, rejected: [], file };
    },
    close() {},
  };
}
