/**
 * The identity part of the comment form that depends on the `identity` setting (one
 * value for the whole site, so the cached page stays the same for everyone): a sign-in
 * link under the name and e-mail fields ('both'), or instead of them ('accounts'). The
 * page script replaces it with "signed in as NAME" for a signed-in reader.
 *
 * @example
 *   readerFormNote('de', 'stadtrat-tagt', 'both');
 *   // <p class="comment-identity">Sie haben ein Leserkonto? <a href="/account/login/?return=/stadtrat-tagt/">Anmelden</a></p>
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { translator, type Language } from '../../platform/i18n.js';
import type { SiteSettings } from '../../platform/settings.js';
import { readerMessages } from './messages.js';

export type IdentitySetting = SiteSettings['discussion']['identity'];

export function readerFormNote(lang: Language, slug: string, identity: IdentitySetting): SafeHtml | '' {
  if (identity === 'guests') return '';
  const t = translator(lang, readerMessages);
  const link = html`<a class="sign-in-link" href="/account/login/?return=/${slug}/">${t('form.signIn')}</a>`;
  return identity === 'accounts'
    ? html`<p class="comment-identity">${t('form.accountsOnly')} ${link}</p>`
    : html`<p class="comment-identity">${t('form.orSignIn')} ${link}</p>`;
}
