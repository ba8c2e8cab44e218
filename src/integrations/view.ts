/**
 * The integrations page as markup for the newsroom frame: the integrations with their
 * scopes, keys, last use and a revoke button, the form to create one, and the answer that
 * shows a new token this once. Every value goes through the escaping `html` template.
 *
 * @example
 *   renderIntegrationsPage('de', { integrations, form: {} });
 */
import { html, type SafeHtml } from '../platform/html.js';
import { formatDate, translator, type Language, type Translate } from '../platform/i18n.js';
import { SCOPES } from '../platform/permissions.js';
import { csrfField } from '../site/index.js';
import { integrationMessages, type IntegrationMessageKey } from './messages.js';
import { INTEGRATION_LIMITS } from './service.js';
import type { Integration } from './store.js';

type T = Translate<IntegrationMessageKey>;

export const integrationT = (lang: Language): T => translator(lang, integrationMessages);

export interface IntegrationForm {
  name?: string;
  scopes?: string[];
  origins?: string;
}

export type IntegrationFormField = 'name' | 'scopes' | 'corsOrigins';

const time = (date: Date, lang: Language) => html`<time datetime="${date.toISOString()}">${formatDate(date, lang, true)}</time>`;

const invalid = (error: IntegrationFormField | undefined, field: IntegrationFormField) =>
  error === field ? html` aria-invalid="true" aria-describedby="integration-${field}-error"` : '';

const fieldError = (t: T, error: IntegrationFormField | undefined, field: IntegrationFormField) =>
  error === field ? html`<span class="field-error" id="integration-${field}-error">${t(`error.${field}`)}</span>` : '';

function createForm(t: T, form: IntegrationForm, error: IntegrationFormField | undefined): SafeHtml {
  const ticked = form.scopes ?? ['content:read'];
  return html`<section aria-labelledby="integration-form-title"><h2 id="integration-form-title">${t('form.title')}</h2>
${error ? html`<p class="notice notice-error" role="alert">${t('form.errorTitle')}</p>` : ''}
<form method="post" action="/admin/integrations/" class="integration-form">
${csrfField()}
<p class="field"><label for="integration-name">${t('form.name')}</label>
<input id="integration-name" name="name" type="text" maxlength="${INTEGRATION_LIMITS.name}" required value="${form.name ?? ''}" aria-describedby="integration-name-hint${error === 'name' ? ' integration-name-error' : ''}"${error === 'name' ? html` aria-invalid="true"` : ''}>
<span class="hint" id="integration-name-hint">${t('form.nameHint')}</span>
${fieldError(t, error, 'name')}</p>
<fieldset class="field integration-scopes"${invalid(error, 'scopes')}><legend>${t('form.scopes')}</legend>
${SCOPES.map((scope) => html`<label><input type="checkbox" name="scopes" value="${scope}"${ticked.includes(scope) ? html` checked` : ''}> ${t(`scope.${scope}`)} <code>${scope}</code></label>`)}
${fieldError(t, error, 'scopes')}</fieldset>
<p class="field"><label for="integration-origins">${t('form.origins')}</label>
<textarea id="integration-origins" name="origins" rows="2" maxlength="2200" aria-describedby="integration-origins-hint${error === 'corsOrigins' ? ' integration-corsOrigins-error' : ''}"${error === 'corsOrigins' ? html` aria-invalid="true"` : ''}>${form.origins ?? ''}</textarea>
<span class="hint" id="integration-origins-hint">${t('form.originsHint')}</span>
${fieldError(t, error, 'corsOrigins')}</p>
<p><button type="submit">${t('form.submit')}</button></p>
</form>
</section>`;
}

function list(t: T, lang: Language, integrations: readonly Integration[]): SafeHtml {
  if (integrations.length === 0) return html`<p class="muted">${t('list.empty')}</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="integrations-caption" tabindex="0"><table class="desk-table integration-list">
<caption id="integrations-caption" class="visually-hidden">${t('list.caption')}</caption>
<thead><tr><th scope="col">${t('list.name')}</th><th scope="col">${t('list.scopes')}</th><th scope="col">${t('list.keys')}</th><th scope="col">${t('list.lastUsed')}</th><th scope="col">${t('list.state')}</th></tr></thead>
<tbody>${integrations.map((item) => html`<tr id="integration-${item.id}"${item.revokedAt ? html` class="is-revoked"` : ''}>
<th scope="row">${item.name}<br><span class="muted">${t('list.created')} ${time(item.createdAt, lang)}</span></th>
<td><ul class="plain-list">${item.scopes.map((scope) => html`<li>${t(`scope.${scope}`)}</li>`)}</ul></td>
<td><span>${t('list.tokenHint', { hint: item.tokenHint })}</span><br><span>${t('list.contentKey')}: <code>${item.contentKey}</code></span>${item.corsOrigins.length ? html`<br><span>${t('list.origins')}: ${item.corsOrigins.join(', ')}</span>` : ''}</td>
<td>${item.lastUsedAt ? time(item.lastUsedAt, lang) : t('list.never')}</td>
<td>${item.revokedAt
    ? t('list.revoked', { date: formatDate(item.revokedAt, lang, true) })
    : html`${t('list.live')}<form method="post" action="/admin/integrations/${item.id}/revoke">${csrfField()}<button type="submit" class="button-secondary" aria-label="${t('list.revokeNamed', { name: item.name })}">${t('list.revoke')}</button></form>`}</td>
</tr>`)}</tbody>
</table></div>`;
}

/** `/admin/integrations/`: the integrations and the form to create one. */
export function renderIntegrationsPage(
  lang: Language,
  data: { integrations: readonly Integration[]; form: IntegrationForm; error?: IntegrationFormField; revoked?: boolean },
): SafeHtml {
  const t = integrationT(lang);
  return html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')} <a href="/api/docs/">${t('docs')}</a></p>
${data.revoked ? html`<p class="notice" role="status">${t('list.revokedNotice')}</p>` : ''}
${list(t, lang, data.integrations)}
${createForm(t, data.form, data.error)}`;
}

/** The answer to a creation: the token, this once, and the content key. */
export function renderCreatedPage(lang: Language, integration: Integration, token: string): SafeHtml {
  const t = integrationT(lang);
  return html`<h1 class="page-title">${t('created.title', { name: integration.name })}</h1>
<p class="notice" role="status">${t('created.token')}</p>
<p class="field"><label for="integration-token">${t('created.tokenLabel')}</label>
<input id="integration-token" class="integration-secret" type="text" readonly value="${token}" size="60"></p>
<p class="field"><label for="integration-content-key">${t('created.contentKeyLabel')}</label>
<input id="integration-content-key" class="integration-secret" type="text" readonly value="${integration.contentKey}" size="60"></p>
<p><a href="/admin/integrations/">${t('created.back')}</a> · <a href="/api/docs/">${t('docs')}</a></p>`;
}
