/**
 * The webhook pages as markup for the newsroom frame: the registered receivers with a
 * form to add one, the page that shows a new secret once, and a receiver's deliveries
 * with what it answered. A receiver's answer is outside input: like every value here it
 * goes through the escaping `html` template.
 *
 * @example
 *   renderWebhooksPage('de', { webhooks, form: {} });
 *   renderDeliveriesPage('en', webhook, deliveries);
 */
import { html, type SafeHtml } from '../../platform/html.js';
import { formatDate, translator, type Language, type Translate } from '../../platform/i18n.js';
import { csrfField } from '../../site/index.js';
import { WEBHOOK_EVENTS } from './events.js';
import { webhookMessages, type WebhookMessageKey } from './messages.js';
import type { Delivery, Webhook } from './store.js';

type T = Translate<WebhookMessageKey>;

export const webhookT = (lang: Language): T => translator(lang, webhookMessages);

/** The registration form as it was sent, kept when it comes back with an error. */
export interface WebhookForm {
  url?: string;
  events?: string[];
  description?: string;
}

export interface WebhookFormError {
  field: 'url' | 'events' | 'description';
  message: WebhookMessageKey;
}

export type ListedDelivery = Delivery & { nextAttemptAt: Date | null };

const invalid = (error: WebhookFormError | undefined, field: WebhookFormError['field']) =>
  error?.field === field ? html` aria-invalid="true" aria-describedby="webhook-${field}-error"` : '';

const fieldError = (t: T, error: WebhookFormError | undefined, field: WebhookFormError['field']) =>
  error?.field === field ? html`<span class="field-error" id="webhook-${field}-error">${t(error.message)}</span>` : '';

const time = (date: Date, lang: Language) => html`<time datetime="${date.toISOString()}">${formatDate(date, lang, true)}</time>`;

function registerForm(t: T, form: WebhookForm, error: WebhookFormError | undefined): SafeHtml {
  // A fresh form offers the publication events; a returned one shows what was ticked.
  const ticked = form.events ?? ['article.published'];
  return html`<section aria-labelledby="webhook-form-title"><h2 id="webhook-form-title">${t('form.title')}</h2>
${error ? html`<p class="notice notice-error" role="alert">${t('form.errorTitle')}</p>` : ''}
<form method="post" action="/admin/webhooks/" class="webhook-form">
${csrfField()}
<p class="field"><label for="webhook-url">${t('form.url')}</label>
<input id="webhook-url" name="url" type="url" inputmode="url" maxlength="2000" required placeholder="https://" value="${form.url ?? ''}"${invalid(error, 'url')}>
${fieldError(t, error, 'url')}</p>
<fieldset class="field webhook-events"${error?.field === 'events' ? html` aria-invalid="true" aria-describedby="webhook-events-error"` : ''}><legend>${t('form.events')}</legend>
${WEBHOOK_EVENTS.map((event) => html`<label><input type="checkbox" name="events" value="${event}"${ticked.includes(event) ? html` checked` : ''}> <code>${event}</code></label>`)}
${fieldError(t, error, 'events')}</fieldset>
<p class="field"><label for="webhook-description">${t('form.description')}</label>
<input id="webhook-description" name="description" type="text" maxlength="200" value="${form.description ?? ''}"${invalid(error, 'description')}>
${fieldError(t, error, 'description')}</p>
<p><button type="submit">${t('form.submit')}</button></p>
</form>
</section>`;
}

function webhookList(t: T, lang: Language, webhooks: readonly Webhook[]): SafeHtml {
  if (webhooks.length === 0) return html`<p class="muted">${t('list.empty')}</p>`;
  return html`<table class="desk-table webhook-list">
<thead><tr><th scope="col">${t('list.url')}</th><th scope="col">${t('list.events')}</th><th scope="col">${t('list.description')}</th><th scope="col">${t('list.created')}</th><th scope="col"><span class="visually-hidden">${t('list.delete')}</span></th></tr></thead>
<tbody>${webhooks.map((hook) => html`<tr id="webhook-${hook.id}">
<td><a href="/admin/webhooks/${hook.id}/"><code>${hook.url}</code></a><br><a href="/admin/webhooks/${hook.id}/">${t('list.deliveries')}</a></td>
<td>${hook.events.map((event, i) => html`${i ? ', ' : ''}<code>${event}</code>`)}</td>
<td>${hook.description}</td>
<td>${time(hook.createdAt, lang)}</td>
<td><form method="post" action="/admin/webhooks/${hook.id}/delete">${csrfField()}<button type="submit" class="button-secondary">${t('list.delete')}</button></form></td>
</tr>`)}</tbody>
</table>`;
}

/** `/admin/webhooks/`: the receivers and the form to register one. */
export function renderWebhooksPage(
  lang: Language,
  data: { webhooks: readonly Webhook[]; form: WebhookForm; error?: WebhookFormError; deleted?: boolean },
): SafeHtml {
  const t = webhookT(lang);
  return html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')}</p>
${data.deleted ? html`<p class="notice" role="status">${t('list.deleted')}</p>` : ''}
${webhookList(t, lang, data.webhooks)}
${registerForm(t, data.form, data.error)}`;
}

/** The answer to a registration: the secret, this once. */
export function renderCreatedPage(lang: Language, webhook: Webhook, secret: string): SafeHtml {
  const t = webhookT(lang);
  return html`<h1 class="page-title">${t('created.title')}</h1>
<p><code>${webhook.url}</code> · ${webhook.events.map((event, i) => html`${i ? ', ' : ''}<code>${event}</code>`)}</p>
<p class="notice" role="status">${t('created.secret')}</p>
<p><label for="webhook-secret" class="visually-hidden">Secret</label><input id="webhook-secret" class="webhook-secret" type="text" readonly value="${secret}" size="60"></p>
<p><a href="/admin/webhooks/${webhook.id}/">${t('list.deliveries')}</a> · <a href="/admin/webhooks/">${t('created.back')}</a></p>`;
}

/** `/admin/webhooks/:id/`: the receiver's deliveries, newest first. */
export function renderDeliveriesPage(lang: Language, webhook: Webhook, deliveries: readonly ListedDelivery[]): SafeHtml {
  const t = webhookT(lang);
  const rows = deliveries.map((d) => html`<tr class="webhook-delivery-${d.status}" id="delivery-${d.id}">
<td>${time(d.lastAttemptAt ?? d.createdAt, lang)}</td>
<td><code>${d.event}</code></td>
<td>${t(`status.${d.status}`)}</td>
<td>${d.attempts}</td>
<td data-column="code">${d.responseCode ?? '–'}</td>
<td>${d.error ? html`<span class="webhook-error">${d.error}</span><br>` : ''}${d.responseExcerpt ? html`<pre class="webhook-response">${d.responseExcerpt}</pre>` : ''}</td>
<td>${d.nextAttemptAt ? time(d.nextAttemptAt, lang) : '–'}</td>
</tr>`);
  return html`<h1 class="page-title">${t('deliveries.title', { url: webhook.url })}</h1>
<p>${webhook.events.map((event, i) => html`${i ? ', ' : ''}<code>${event}</code>`)}${webhook.description ? html` · ${webhook.description}` : ''}</p>
${deliveries.length
    ? html`<table class="desk-table webhook-deliveries">
<thead><tr><th scope="col">${t('deliveries.time')}</th><th scope="col">${t('deliveries.event')}</th><th scope="col">${t('deliveries.status')}</th><th scope="col">${t('deliveries.attempt')}</th><th scope="col">${t('deliveries.code')}</th><th scope="col">${t('deliveries.response')}</th><th scope="col">${t('deliveries.next')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p class="muted">${t('deliveries.empty')}</p>`}
<p><a href="/admin/webhooks/">${t('deliveries.back')}</a></p>`;
}
