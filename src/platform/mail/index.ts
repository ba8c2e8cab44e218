/**
 * Outgoing mail over SMTP or, without `BLATTWERK_SMTP_URL`, into `<data>/outbox/`.
 *
 * @example
 *   import { createMailer, MailError } from './platform/mail/index.js';
 */
export { createMailer, type Mailer, type MailerOptions, type SentMail } from './mailer.js';
export { MailError, toMailError } from './errors.js';
export { headerValue, type OutgoingMail } from './compose.js';
export { outboxFileName } from './outbox.js';
