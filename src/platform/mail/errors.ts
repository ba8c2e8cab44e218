/**
 * One error type for every way sending can fail, split the way a retrying caller needs
 * it: `permanent` means the same message will fail again (a 5xx bounce, a bad address,
 * a malformed header), so the job queue stops retrying; anything else (4xx greylisting,
 * a refused or dropped connection, a full disk) is worth another attempt.
 *
 * @example
 *   try { await mailer.send(msg); } catch (e) { if (e instanceof MailError && e.permanent) markBounced(); throw e; }
 */
export class MailError extends Error {
  override readonly name = 'MailError';
  readonly permanent: boolean;
  /** The SMTP reply code when the server answered (550, 451, …). */
  readonly responseCode: number | null;
  /** Nodemailer's or our own error code (ECONNECTION, EENVELOPE, EHEADER, …). */
  readonly code: string | null;
  /** The server's full reply line, when there was one. */
  readonly response: string | null;

  constructor(
    message: string,
    details: {
      permanent: boolean;
      responseCode?: number | null;
      code?: string | null;
      response?: string | null;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
    this.permanent = details.permanent;
    this.responseCode = details.responseCode ?? null;
    this.code = details.code ?? null;
    this.response = details.response ?? null;
  }
}

// Failures that do not depend on the server's mood: the message itself is unsendable.
const PERMANENT_CODES = new Set(['EENVELOPE', 'ECONFIG', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS']);

interface NodemailerLike {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  permanent?: unknown;
}

/** Wraps whatever nodemailer threw into a `MailError`. */
export function toMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerLike;
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const message = typeof e.message === 'string' ? e.message : String(error);
  let permanent: boolean;
  if (responseCode !== null) {
    // Nodemailer already reads the reply class (RFC 5321: 5yz permanent, 4yz transient,
    // 503 "bad sequence" transient); trust it, and read the class ourselves if it is absent.
    permanent = typeof e.permanent === 'boolean' ? e.permanent : responseCode >= 500 && responseCode !== 503;
  } else {
    permanent = code !== null && PERMANENT_CODES.has(code);
  }
  return new MailError(message, {
    permanent,
    responseCode,
    code,
    response: typeof e.response === 'string' ? e.response : null,
    cause: error,
  });
}
