/**
 * The readers' side of regular support, as HTML that needs no script: the sign-up form
 * (on /support/ and, with the fields marked, after a refusal), the double opt-in page,
 * and the supporter's own page (pause, change, end, receipts, data). Every value goes
 * through the escaping `html` template; each field error is shown at its field.
 *
 * @example
 *   mandateForm(t, lang, { amountCap: 1000, creditor, creditorId }, values, errors);
 */
import { errorMessages } from '../platform/errors.js';
import { html, type SafeHtml } from '../platform/html.js';
import type { Language, Translate } from '../platform/i18n.js';
import { csrfField } from '../site/index.js';
import { dayText } from './mails.js';
import { mandateText } from './mandate-text.js';
import { euro } from './receipt-pdf.js';
import { LIMITS, type FieldError } from './schemas.js';
import type { MandateRow, SupporterRow } from './store.js';
import type { SupporterMessageKey } from './supporter-messages.js';
import { INTERVALS } from './types.js';

type T = Translate<SupporterMessageKey>;

export interface FormFacts {
  amountCap: number;
  creditor: string;
  creditorId: string;
}

export type FormValues = Partial<Record<'name' | 'email' | 'iban' | 'amount' | 'interval' | 'street' | 'postcode' | 'city' | 'consent', string>>;

function fieldError(lang: Language, errors: FieldError[], field: string): SafeHtml | '' {
  const found = errors.find((e) => e.field === field);
  return found ? html`<span class="field-error" id="supporter-${field}-error">${errorMessages[lang][found.code]}</span>` : '';
}

/** `standalone`: the refused form on a page of its own, where its title is the page's h1. */
export function mandateForm(t: T, lang: Language, facts: FormFacts, values: FormValues = {}, errors: FieldError[] = [], standalone = false): SafeHtml {
  const has = (field: string) => errors.some((e) => e.field === field);
  const invalid = (field: string, hint = '') =>
    has(field) ? html` aria-invalid="true" aria-describedby="${[hint, `supporter-${field}-error`].filter(Boolean).join(' ')}"` : hint ? html` aria-describedby="${hint}"` : '';
  const input = (field: 'name' | 'email' | 'iban' | 'amount' | 'street' | 'postcode' | 'city', label: string, type: string, extra: SafeHtml | string = '', hint = '', className = 'field') =>
    html`<p class="${className}"><label for="supporter-${field}">${label}</label><input id="supporter-${field}" name="${field}" type="${type}" maxlength="${LIMITS[field]}" value="${values[field] ?? ''}"${extra}${invalid(field, hint)}>${fieldError(lang, errors, field)}</p>`;
  const interval = values.interval ?? 'monthly';
  const addressOpen = Boolean(values.street || values.postcode || values.city) || ['street', 'postcode', 'city'].some(has);
  return html`<section class="support-mandate" aria-labelledby="support-mandate-title" id="regular">
${standalone ? html`<h1 class="page-title" id="support-mandate-title">${t('form.title')}</h1>` : html`<h2 id="support-mandate-title">${t('form.title')}</h2>`}
<p class="support-lead">${t('form.intro')}</p>
${errors.length ? html`<div class="support-notice support-errors" role="alert"><p>${t('form.errorTitle')}</p><ul>${errors.map((e) => html`<li><a href="#supporter-${e.field === 'interval' ? 'interval-monthly' : e.field}">${errorMessages[lang][e.code]}</a></li>`)}</ul></div>` : ''}
<form method="post" action="/support/mandate" class="support-mandate-form">
${csrfField()}
<fieldset class="support-group"><legend>${t('form.gift')}</legend>
${input('amount', t('form.amount'), 'text', html` required inputmode="decimal" autocomplete="transaction-amount"`, 'supporter-amount-hint', 'field field-amount')}
<p class="field-note" id="supporter-amount-hint">${t('form.amountHint', { max: euro(facts.amountCap * 100) })}</p>
<fieldset class="support-intervals"${has('interval') ? html` aria-describedby="supporter-interval-error"` : ''}><legend>${t('form.interval')}</legend>
<div class="support-choices">${INTERVALS.map((i) => html`<label class="support-choice"><input type="radio" id="supporter-interval-${i}" name="interval" value="${i}"${i === interval ? html` checked` : ''}><span>${t(`form.${i}`)}</span></label>`)}</div>
${fieldError(lang, errors, 'interval')}
</fieldset>
</fieldset>
<fieldset class="support-group"><legend>${t('form.account')}</legend>
${input('name', t('form.name'), 'text', html` required autocomplete="name"`)}
${input('iban', t('form.iban'), 'text', html` required autocomplete="off" spellcheck="false" inputmode="text" autocapitalize="characters" placeholder="DE00 0000 0000 0000 0000 00"`, 'supporter-iban-hint', 'field field-iban')}
<p class="field-note" id="supporter-iban-hint">${t('form.ibanHint')}</p>
${input('email', t('form.email'), 'email', html` required autocomplete="email"`, 'supporter-email-hint')}
<p class="field-note" id="supporter-email-hint">${t('form.doubleOptIn')}</p>
</fieldset>
<details class="support-address"${addressOpen ? html` open` : ''}><summary>${t('form.address')}</summary>
<div class="support-address-fields">
${input('street', t('form.street'), 'text', html` autocomplete="address-line1"`, '', 'field field-street')}
${input('postcode', t('form.postcode'), 'text', html` autocomplete="postal-code" inputmode="numeric"`, '', 'field field-postcode')}
${input('city', t('form.city'), 'text', html` autocomplete="address-level2"`, '', 'field field-city')}
</div>
</details>
<p class="support-website" hidden><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></p>
<div class="support-consent${has('consent') ? ' support-consent-invalid' : ''}">
<p class="support-mandate-text" id="supporter-mandate-text">${mandateText(lang, { creditor: facts.creditor, creditorId: facts.creditorId })}</p>
<p class="support-consent-check"><label><input type="checkbox" id="supporter-consent" name="consent" value="on" required${values.consent ? html` checked` : ''}${invalid('consent', 'supporter-mandate-text')}> <span>${t('form.consent')}</span></label></p>
${fieldError(lang, errors, 'consent')}
</div>
<p class="support-submit"><button type="submit">${t('form.submit')}</button></p>
</form>
</section>`;
}

export function messageMain(title: string, text: string): SafeHtml {
  return html`<div class="static-page"><h1 class="page-title">${title}</h1><p class="notice" role="status">${text}</p></div>`;
}

function facts(t: T, lang: Language, mandate: MandateRow, creditorId: string): SafeHtml {
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="support-facts">
${row(t('fact.status'), t(`status.${mandate.status}`))}
${row(t('fact.amount'), euro(Number(mandate.amount_cents)))}
${row(t('fact.interval'), t(`form.${mandate.interval}`))}
${row(t('fact.iban'), mandate.iban_masked)}
${row(t('fact.reference'), mandate.reference)}
${row(t('fact.creditorId'), creditorId)}
${mandate.signed_on ? row(t('fact.signedOn'), dayText(mandate.signed_on, lang)) : ''}
${mandate.next_due && mandate.status === 'active' ? row(t('fact.nextDue'), dayText(mandate.next_due, lang)) : ''}
</dl>`;
}

export function confirmMain(t: T, lang: Language, mandate: MandateRow, creditorId: string, token: string): SafeHtml {
  return html`<div class="static-page support-confirm"><h1 class="page-title">${t('confirm.title')}</h1>
<p>${t('confirm.text')}</p>
${facts(t, lang, mandate, creditorId)}
<form method="post" action="/support/confirm">${csrfField()}<input type="hidden" name="token" value="${token}"><button type="submit">${t('confirm.button')}</button></form>
</div>`;
}

export function confirmedMain(t: T, lang: Language, mandate: MandateRow, manageUrl: string): SafeHtml {
  return html`<div class="static-page"><h1 class="page-title">${t('confirmed.title')}</h1>
<p class="notice" role="status">${t('confirmed.text', { amount: euro(Number(mandate.amount_cents)), date: mandate.next_due ? dayText(mandate.next_due, lang) : '' })}</p>
<p><a href="${manageUrl}">${t('mail.manageAction')}</a></p></div>`;
}

export interface ManageView {
  supporter: SupporterRow;
  mandates: MandateRow[];
  receipts: { id: number; year: number }[];
  creditorId: string;
  token: string;
  saved?: boolean;
  errors?: FieldError[];
}

export function manageMain(t: T, lang: Language, view: ManageView): SafeHtml {
  const action = (mandate: MandateRow, name: string, label: string, extra: SafeHtml | string = '') =>
    html`<form method="post" action="/support/manage" class="support-action">${csrfField()}<input type="hidden" name="token" value="${view.token}"><input type="hidden" name="mandate" value="${mandate.id}"><input type="hidden" name="action" value="${name}">${extra}<button type="submit">${label}</button></form>`;
  const tokenQuery = `token=${encodeURIComponent(view.token)}`;
  const running = view.mandates.filter((m) => m.status === 'active' || m.status === 'paused');
  return html`<div class="static-page support-manage"><h1 class="page-title">${t('manage.title')}</h1>
<p>${t('manage.intro')}</p>
${view.saved ? html`<p class="notice" role="status">${t('manage.saved')}</p>` : ''}
${(view.errors ?? []).length ? html`<p class="support-notice" role="alert">${errorMessages[lang][view.errors![0]!.code]}</p>` : ''}
${view.mandates.filter((m) => m.status !== 'pending').map((mandate) => html`<section class="support-mandate-card">
${facts(t, lang, mandate, view.creditorId)}
${mandate.status === 'active' ? action(mandate, 'pause', t('manage.pause')) : ''}
${mandate.status === 'paused' ? action(mandate, 'resume', t('manage.resume')) : ''}
${mandate.status === 'active' || mandate.status === 'paused'
  ? html`${action(mandate, 'amount', t('manage.change'), html`<label for="amount-${mandate.id}">${t('manage.newAmount')}</label> <input id="amount-${mandate.id}" name="amount" inputmode="decimal" maxlength="${LIMITS.amount}" required> `)}
${action(mandate, 'end', t('manage.end'))}`
  : ''}
</section>`)}
<p>${t('manage.transfer', { reference: view.supporter.reference })}</p>
${view.receipts.length ? html`<h2>${t('manage.receipts')}</h2><ul>${view.receipts.map((r) => html`<li><a href="/support/receipts/${r.id}.pdf?${tokenQuery}">${t('manage.receipt', { year: r.year })}</a></li>`)}</ul>` : ''}
<p><a href="/support/manage/data.json?${tokenQuery}">${t('manage.data')}</a></p>
<form method="post" action="/support/manage" class="support-action">${csrfField()}<input type="hidden" name="token" value="${view.token}"><input type="hidden" name="action" value="erase"><p class="field-note">${t('manage.eraseNote')}</p><button type="submit">${t('manage.erase')}</button></form>
${running.length === 0 ? '' : ''}
</div>`;
}
