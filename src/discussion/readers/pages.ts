/**
 * The `<main>` of the account pages: ask for a link, "link sent", confirm (with the name
 * on a first sign-in), "signed in". Personal pages: routes.ts sends them uncached.
 *
 * @example
 *   loginMain(t, { returnTo: '/stadtrat-tagt/' }); // <div class="static-page"><h1 …>Anmelden</h1> …
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Translate } from '../../platform/i18n.js';
import { csrfField } from '../../site/index.js';
import type { ReaderMessageKey } from './messages.js';

type T = Translate<ReaderMessageKey>;

const alert = (error: string | undefined) => (error ? html`<p class="notice notice-error" role="alert">${error}</p>` : '');

export function loginMain(t: T, options: { returnTo: string; email?: string; error?: string }): SafeHtml {
  return html`<div class="static-page"><h1 class="page-title">${t('login.title')}</h1>
<p>${t('login.intro')}</p>${alert(options.error)}
<form method="post" action="/account/login/">${csrfField()}<input type="hidden" name="return" value="${options.returnTo}">
<p class="field"><label for="login-email">${t('login.email')}</label><input id="login-email" type="email" name="email" required maxlength="254" autocomplete="email" value="${options.email ?? ''}"${options.error ? html` aria-invalid="true"` : ''}></p>
<p><button type="submit">${t('login.send')}</button></p></form></div>`;
}

export function sentMain(t: T): SafeHtml {
  return html`<div class="static-page"><h1 class="page-title">${t('login.title')}</h1><p class="notice" role="status">${t('login.sent')}</p></div>`;
}

export function signedInMain(t: T, name: string, returnTo: string): SafeHtml {
  return html`<div class="static-page"><h1 class="page-title">${t('login.title')}</h1><p>${t('login.signedIn', { name })}</p>
<form method="post" action="/account/logout/">${csrfField()}<p><button type="submit">${t('login.logout')}</button> <a href="${returnTo}">${t('login.back')}</a></p></form></div>`;
}

export function confirmMain(t: T, options: { token: string; email: string; known: boolean; name?: string; error?: string }): SafeHtml {
  return html`<div class="static-page"><h1 class="page-title">${t('confirm.title')}</h1>
<p>${t('confirm.text', { email: options.email })}</p>${alert(options.error)}
<form method="post" action="/account/login/confirm">${csrfField()}<input type="hidden" name="token" value="${options.token}">
${options.known ? '' : html`<p>${t('confirm.welcome')}</p>
<p class="field"><label for="reader-name">${t('confirm.name')}</label><input id="reader-name" name="name" type="text" autocomplete="name" maxlength="80" required value="${options.name ?? ''}"></p>`}
<p><button type="submit">${t('confirm.button')}</button></p></form></div>`;
}

export function invalidMain(t: T): SafeHtml {
  return html`<div class="static-page"><h1 class="page-title">${t('confirm.title')}</h1><p>${t('confirm.invalid')}</p>
<p><a href="/account/login/">${t('confirm.again')}</a></p></div>`;
}
