/**
 * The look of the pages staff see before they are signed in (sign-in, password reset,
 * an invitation's welcome): the newsroom's stylesheets and a centred card, so they read
 * as the newsroom's door rather than a reader page with bare fields.
 *
 * @example
 *   renderDocument(frame, { title, canonicalPath, noindex: true, main, ...authChrome(frame) });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Frame } from '../../site/index.js';
import { assetUrl } from '../ui/layout.js';

export function authChrome(frame: Frame): { head: SafeHtml; bodyClass: string } {
  const sheets = ['admin.css', 'auth.css'].map((name) => assetUrl(frame, name)).filter((url): url is string => url !== null);
  return { head: html`${sheets.map((href) => html`<link rel="stylesheet" href="${href}">`)}`, bodyClass: 'auth-page' };
}
