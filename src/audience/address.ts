/**
 * E-mail addresses as the newsletter accepts them: one plain `local@domain.tld`, trimmed
 * and lower-cased (so a second sign-up with other capitals is the same reader), no
 * display names, no lists, nothing that could smuggle a header or a second recipient.
 *
 * @example
 *   normaliseEmail('  Lea@Example.ORG '); // 'lea@example.org'
 *   normaliseEmail('lea@example');        // null
 *   normaliseEmail('a@b.org, c@d.org');   // null
 *   normaliseEmail('lea@müller.de');      // 'lea@xn--mller-kva.de' (what SMTP needs)
 */
import { domainToASCII } from 'node:url';

const MAX_LENGTH = 254;
// Local part: the printable characters RFC 5322 allows unquoted (dot-atom). Domain: LDH
// labels with a dot and a top-level label of letters (or punycode).
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export function normaliseEmail(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const email = input.trim().toLowerCase();
  // Checked before domainToASCII, which would quietly drop a tab or line break.
  if (email.length === 0 || email.length > MAX_LENGTH || /[\s\x00-\x1f\x7f]/.test(email)) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const local = email.slice(0, at);
  // Umlaut domains are common here; SMTP wants their ASCII (punycode) form.
  const domain = domainToASCII(email.slice(at + 1));
  if (local.length > 64 || !LOCAL.test(local) || !DOMAIN.test(domain)) return null;
  const address = `${local}@${domain}`;
  return address.length <= MAX_LENGTH ? address : null;
}
