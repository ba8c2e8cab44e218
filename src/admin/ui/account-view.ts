/**
 * The account page (`/admin/account/`), for every staff member: their signed-in devices
 * with a sign-out button each, the second factor (set up with a QR code drawn on the
 * server, confirm with a code, recovery codes shown once, switch off with the password)
 * and a password change. Plain forms; a refused one comes back with its fields marked.
 * Passwords are never written back into a page.
 *
 * @example
 *   renderAccount(t, 'de', { sessions, totp, recoveryCodes: null, notice: null, errors: null, code: '' });
 */
import { html, raw, type SafeHtml } from '../../platform/html.js';
import { formatDate, type Language } from '../../platform/i18n.js';
import { csrfField } from '../../site/index.js';
import type { TotpState } from '../account/service.js';
import type { T } from './layout.js';

export const ACCOUNT_NOTICES = ['revoked', 'totpEnabled', 'totpDisabled', 'passwordChanged'] as const;
export type AccountNotice = (typeof ACCOUNT_NOTICES)[number];

export interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
  current: boolean;
}

export type AccountForm = 'totpEnable' | 'totpDisable' | 'password';

export interface AccountPage {
  sessions: readonly SessionRow[];
  totp: TotpState;
  /** Only right after the second factor was switched on. */
  recoveryCodes: readonly string[] | null;
  notice: AccountNotice | null;
  /** The refused form and a message per field. */
  errors: { form: AccountForm; fields: Record<string, string> } | null;
  /** The TOTP code as typed (a one-time code, not a secret worth hiding from its typist). */
  code: string;
  /** Author profiles linked to this account, which its holder may edit. */
  profiles?: readonly { id: number; name: string }[];
}

function field(
  page: AccountPage,
  form: AccountForm,
  spec: { id: string; name: string; label: string; type: string; autocomplete: string; value?: string; extra?: SafeHtml },
): SafeHtml {
  const error = page.errors?.form === form ? page.errors.fields[spec.name] : undefined;
  return html`<p class="field"><label for="${spec.id}">${spec.label}</label><input id="${spec.id}" name="${spec.name}" type="${spec.type}" autocomplete="${spec.autocomplete}" maxlength="1024" required${spec.value ? html` value="${spec.value}"` : ''}${spec.extra ?? ''}${error ? html` aria-invalid="true" aria-describedby="${spec.id}-error"` : ''}>${error ? html`<span class="field-error" id="${spec.id}-error">${error}</span>` : ''}</p>`;
}

function formAlert(t: T, page: AccountPage, form: AccountForm): SafeHtml | '' {
  return page.errors?.form === form ? html`<p class="notice notice-error" role="alert">${t('account.invalid')}</p>` : '';
}

function sessions(t: T, lang: Language, page: AccountPage): SafeHtml {
  const rows = page.sessions.map((s) => {
    const device = s.userAgent.trim() || t('account.unknownDevice');
    return html`<tr${s.current ? html` class="session-current"` : ''}>
<td>${device}${s.current ? html` <strong class="badge">${t('account.thisSession')}</strong>` : ''}</td>
<td><time datetime="${s.createdAt}">${formatDate(new Date(s.createdAt), lang, true)}</time></td>
<td><time datetime="${s.lastSeenAt}">${formatDate(new Date(s.lastSeenAt), lang, true)}</time></td>
<td>${s.current
      ? ''
      : html`<form method="post" action="/admin/account/sessions/${s.id}/revoke">${csrfField()}<button type="submit" class="link-button" aria-label="${t('account.revokeLabel', { device })}">${t('account.revoke')}</button></form>`}</td>
</tr>`;
  });
  return html`<section id="account-sessions" aria-labelledby="account-sessions-title">
<h2 id="account-sessions-title">${t('account.sessions')}</h2>
<table class="desk-table account-sessions">
<thead><tr><th scope="col">${t('account.device')}</th><th scope="col">${t('account.created')}</th><th scope="col">${t('account.lastSeen')}</th><th scope="col"><span class="visually-hidden">${t('account.revoke')}</span></th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
}

function totp(t: T, page: AccountPage): SafeHtml {
  const { enabled, pending } = page.totp;
  let body: SafeHtml;
  if (page.recoveryCodes) {
    body = html`<p>${t('account.totpEnabled')}</p><p>${t('account.recoveryIntro')}</p>
<ul class="recovery-codes">${page.recoveryCodes.map((code) => html`<li><code>${code}</code></li>`)}</ul>`;
  } else if (enabled) {
    body = html`<p>${t('account.totpOn')}</p>
<form method="post" action="/admin/account/totp/disable">${csrfField()}${formAlert(t, page, 'totpDisable')}
${field(page, 'totpDisable', { id: 'totp-disable-password', name: 'password', label: t('account.passwordCurrent'), type: 'password', autocomplete: 'current-password' })}
<p><button type="submit">${t('account.totpDisable')}</button></p></form>`;
  } else if (pending) {
    // The SVG comes from the qrcode package (paths only, no text or script): safe as markup.
    body = html`<p>${t('account.totpScan')}</p>
<figure class="totp-qr" role="img" aria-label="${t('account.totpQr')}">${raw(pending.qrSvg)}</figure>
<p>${t('account.totpSecret')}: <code id="totp-secret">${pending.secret}</code></p>
<form method="post" action="/admin/account/totp/enable">${csrfField()}${formAlert(t, page, 'totpEnable')}
${field(page, 'totpEnable', { id: 'totp-code', name: 'code', label: t('account.code'), type: 'text', autocomplete: 'one-time-code', value: page.code, extra: html` inputmode="numeric"` })}
<p><button type="submit">${t('account.totpConfirm')}</button></p></form>`;
  } else {
    body = html`<p>${t('account.totpOff')}</p>
<form method="post" action="/admin/account/totp/setup">${csrfField()}<p><button type="submit">${t('account.totpStart')}</button></p></form>`;
  }
  return html`<section id="account-totp" aria-labelledby="account-totp-title"><h2 id="account-totp-title">${t('account.totp')}</h2>${body}</section>`;
}

function password(t: T, page: AccountPage): SafeHtml {
  return html`<section id="account-password" aria-labelledby="account-password-title"><h2 id="account-password-title">${t('account.password')}</h2>
<form method="post" action="/admin/account/password">${csrfField()}${formAlert(t, page, 'password')}
${field(page, 'password', { id: 'password-current', name: 'currentPassword', label: t('account.passwordCurrent'), type: 'password', autocomplete: 'current-password' })}
${field(page, 'password', { id: 'password-new', name: 'newPassword', label: t('account.passwordNew'), type: 'password', autocomplete: 'new-password' })}
${field(page, 'password', { id: 'password-confirm', name: 'confirmPassword', label: t('account.passwordConfirm'), type: 'password', autocomplete: 'new-password' })}
<p><button type="submit">${t('account.passwordSave')}</button></p></form></section>`;
}

const NOTICE_TEXT = {
  revoked: 'account.revoked',
  totpEnabled: 'account.totpEnabled',
  totpDisabled: 'account.totpDisabled',
  passwordChanged: 'account.passwordChanged',
} as const satisfies Record<AccountNotice, string>;

export function renderAccount(t: T, lang: Language, page: AccountPage): SafeHtml {
  return html`<div class="admin-account">
<h1 class="page-title">${t('account.title')}</h1>
${page.notice ? html`<p class="notice" role="status">${t(NOTICE_TEXT[page.notice])}</p>` : ''}
${page.profiles?.length
    ? html`<section id="account-profile" aria-labelledby="account-profile-title"><h2 id="account-profile-title">${t('authors.own')}</h2>
<ul>${page.profiles.map((p) => html`<li><a href="/admin/authors/${p.id}/">${t('authors.ownEdit', { name: p.name })}</a></li>`)}</ul></section>`
    : ''}
<p><a href="/admin/account/notifications/">${t('notifications.link')}</a></p>
${sessions(t, lang, page)}
${totp(t, page)}
${password(t, page)}
</div>`;
}
