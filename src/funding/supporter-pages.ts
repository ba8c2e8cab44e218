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

export function mandateForm(t: T, lang: Language, facts: FormFacts, values: FormValues = {}, errors: FieldError[] = []): SafeHtml {
  const invalid = (field: string) => (errors.some((e) => e.field === field) ? html` aria-invalid="true" aria-describedby="supporter-${field}-error"` : '');
  const input = (field: 'name' | 'email' | 'iban' | 'amount' | 'street' | 'postcode' | 'city', label: string, type: string, extra: SafeHtml | string = '') =>
    html`<p class="field"><label for="supporter-${field}">${label}</label><input id="supporter-${field}" name="${field}" type="${type}" maxlength="${LIMITS[field]}" value="${values[field] ?? ''}"${extra}${invalid(field)}>${fieldError(lang, errors, field)}</p>`;
  const interval = values.interval ?? 'monthly';
  return html`<section class="support-mandate" aria-labelledby="support-mandate-title" id="regular">
<h2 id="support-mandate-title">${t('form.title')}</h2>
<p>${t('form.intro')}</p>
${errors.length ? html`<p class="support-notice" role="alert">${t('form.errorTitle')}</p>` : ''}
<form method="post" action="/support/mandate" class="support-mandate-form">
${csrfField()}
${input('name', t('form.name'), 'text', html` required autocomplete="name"`)}
${input('email', t('form.email'), 'email', html` required autocomplete="email"`)}
${input('iban', t('form.iban'), 'text', html` required autocomplete="off" spellcheck="false" inputmode="text"`)}
${input('amount', t('form.amount'), 'text', html` required inputmode="decimal" aria-describedby="supporter-amount-hint"`)}
<p class="field-note" id="supporter-amount-hint">${t('form.amountHint', { max: euro(facts.amountCap * 100) })}</p>
<fieldset class="field"><legend>${t('form.interval')}</legend>
${INTERVALS.map((i) => html`<label class="support-choice"><input type="radio" name="interval" value="${i}"${i === interval ? html` checked` : ''}> ${t(`form.${i}`)}</label>`)}
${fieldError(lang, errors, 'interval')}
</fieldset>
<fieldset class="field"><legend>${t('form.address')}</legend>
${input('street', t('form.street'), 'text', html` autocomplete="street-address"`)}
${input('postcode', t('form.postcode'), 'text', html` autocomplete="postal-code"`)}
${input('city', t('form.city'), 'text', html` autocomplete="address-level2"`)}
</fieldset>
<p class="support-website" hidden><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></p>
<div class="field support-consent">
<p><label><input type="checkbox" name="consent" value="on"${values.consent ? html` checked` : ''}${invalid('consent')}> ${t('form.consent')}</label></p>
<p class="support-mandate-text">${mandateText(lang, { creditor: facts.creditor, creditorId: facts.creditorId })}</p>
${fieldError(lang, errors, 'consent')}
</div>
<p class="field-note">${t('form.doubleOptIn')}</p>
<p><button type="submit">${t('form.submit')}</button></p>
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
