/**
 * The commenter key: an opaque, stable name for whoever wrote a comment, put into the
 * page as `data-author-key` so a reader's script can collapse the comments of someone
 * they muted. It is an HMAC of the identity (`email:<hash>`, `reader:<id>`, `user:<id>`)
 * under its own derivation of the site secret, so it reveals neither the e-mail hash
 * (which moderation and bans use) nor anything that can be reversed without the secret.
 *
 * @example
 *   commenterKey(secret, 'reader:7');  // 'Qm9vX2Zvb19iYXIx' (16 characters, [A-Za-z0-9_-])
 */
import { createHmac } from 'node:crypto';

export const COMMENTER_KEY_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export function commenterKey(secret: string, identity: string): string {
  return createHmac('sha256', `${secret}:commenter`).update(identity).digest('base64url').slice(0, 16);
}
