/**
 * The checks a comment body passes before it is stored.
 */
import { formatNumber, translator, type Language } from '../../platform/i18n.js';
import { cleanCommentText } from './clean.js';
import { commentTextMessages } from './messages.js';

/**
 * Longest body accepted, in UTF-16 code units: the unit a `<textarea maxlength>` counts in,
 * so the form and the server agree on where the limit is.
 */
export const MAX_COMMENT_LENGTH = 20_000;

export type CommentTextErrorCode = 'COMMENT_EMPTY' | 'COMMENT_TOO_LONG';

/**
 * A body that cannot be accepted. Tests and callers switch on `code`; `localized` gives the
 * reader-facing message.
 *
 * @example
 *   try { validateCommentBody('  ') } catch (e) {
 *     if (e instanceof CommentTextError) e.code; // 'COMMENT_EMPTY'
 *   }
 */
export class CommentTextError extends Error {
  readonly code: CommentTextErrorCode;
  /** 400 for both: the reader can fix the body and send it again. */
  readonly status = 400;
  readonly field = 'body';

  constructor(code: CommentTextErrorCode, message: string) {
    super(message);
    this.name = 'CommentTextError';
    this.code = code;
  }

  localized(lang: Language): string {
    return translator(lang, commentTextMessages)(this.code, { max: formatNumber(MAX_COMMENT_LENGTH, lang) });
  }
}

/**
 * Nothing visible left: whitespace, and default-ignorable characters such as the Hangul
 * filler U+3164 that readers use to post "empty" comments.
 */
const VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}]/u;

/**
 * Returns the body as it should be stored: trimmed, NFC, without control, bidi-override
 * and spoofing zero-width characters. Throws `CommentTextError` when nothing is left or
 * the body is longer than `MAX_COMMENT_LENGTH`.
 *
 * @example
 *   validateCommentBody('  Gut\u202e geschrieben!\u0000 '); // 'Gut geschrieben!'
 *   validateCommentBody('\u200b');                         // throws COMMENT_EMPTY
 */
export function validateCommentBody(source: string): string {
  const body = cleanCommentText(source).trim();
  if (!VISIBLE.test(body)) throw new CommentTextError('COMMENT_EMPTY', 'The comment is empty.');
  if (body.length > MAX_COMMENT_LENGTH) {
    throw new CommentTextError(
      'COMMENT_TOO_LONG',
      `The comment has ${body.length} characters; at most ${MAX_COMMENT_LENGTH} are allowed.`,
    );
  }
  return body;
}
