/**
 * The settings page (`/admin/settings/`): one plain form per section, no script. A refused
 * section comes back with every wrong field marked (`aria-invalid`, the message tied to
 * the input by `aria-describedby`) and with what was typed still in the inputs; a saved
 * one with a notice. Secrets are never put into the page.
 *
 * @example
 *   renderSettings(t, { values, secrets, saved: 'donation', errors: null });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { SettingsSection } from '../../platform/settings.js';
import { csrfField } from '../../site/index.js';
import type { SettingsFieldError } from '../settings.js';
import type { T } from './layout.js';
import type { AdminUiMessageKey } from './messages.js';
import { adminUiMessages } from './messages.js';
import { fieldsOf, SECTIONS, type FieldSpec } from './settings-form.js';

export interface SettingsPage {
  /** Per section, the strings its inputs show (stored values, or what was just typed). */
  values: Record<SettingsSection, Record<string, string>>;
  /** `section.key` of each secret and whether one is stored. */
  secrets: Record<string, boolean>;
  saved: SettingsSection | null;
  errors: { section: SettingsSection; list: readonly SettingsFieldError[] } | null;
}

/** A message that may not exist (a field added later without a label): the key instead. */
function label(t: T, key: string, fallback: string): string {
  return Object.hasOwn(adminUiMessages.de, key) ? t(key as AdminUiMessageKey) : fallback;
}

const HINTS: Partial<Record<FieldSpec['kind'], AdminUiMessageKey>> = {
  links: 'settings.hint.links',
  amounts: 'settings.hint.amounts',
  topics: 'settings.hint.topics',
};

function input(t: T, section: SettingsSection, field: FieldSpec, value: string, secretSet: boolean, error: SettingsFieldError | undefined): SafeHtml {
  const id = `s-${section}-${field.key}`;
  const hintKey = field.kind === 'secret' ? (secretSet ? 'settings.secretSet' : 'settings.secretUnset') : HINTS[field.kind];
  const described = [hintKey ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attrs = html`id="${id}" name="${field.key}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const name = label(t, `settings.field.${section}.${field.key}`, field.key);
  const hint = hintKey ? html`<span class="field-note" id="${id}-hint">${t(hintKey)}</span>` : '';
  const message = error ? html`<span class="field-error" id="${id}-error">${t(`settings.problem.${error.problem}`)}</span>` : '';
  if (field.kind === 'checkbox') {
    return html`<p class="field field-check"><label><input type="checkbox" ${attrs} value="on"${value ? html` checked` : ''}> ${name}</label>${message}</p>`;
  }
  let control: SafeHtml;
  switch (field.kind) {
    case 'select':
      control = html`<select ${attrs}>${(field.options ?? []).map(
        (option) => html`<option value="${option}"${option === value ? html` selected` : ''}>${label(t, `settings.option.${section}.${field.key}.${option}`, option)}</option>`,
      )}</select>`;
      break;
    case 'textarea':
    case 'links':
      control = html`<textarea ${attrs} rows="${field.kind === 'links' ? 4 : 3}">${value}</textarea>`;
      break;
    case 'secret':
      control = html`<input type="password" ${attrs} value="" autocomplete="off"${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}>`;
      break;
    case 'number':
      control = html`<input type="text" inputmode="numeric" ${attrs} value="${value}">`;
      break;
    default:
      control = html`<input type="text" ${attrs} value="${value}"${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}>`;
  }
  return html`<p class="field"><label for="${id}">${name}</label>${control}${hint}${message}</p>`;
}

function sectionForm(t: T, section: SettingsSection, page: SettingsPage): SafeHtml {
  const errors = page.errors?.section === section ? page.errors.list : [];
  const title = label(t, `settings.section.${section}`, section);
  return html`<section class="settings-section" id="settings-${section}" aria-labelledby="settings-${section}-title">
<h2 id="settings-${section}-title">${title}</h2>
${page.saved === section ? html`<p class="notice" role="status">${t('settings.saved', { section: title })}</p>` : ''}
${errors.length ? html`<p class="notice notice-error" role="alert">${t('settings.invalid')}</p>` : ''}
<form method="post" action="/admin/settings/${section}" class="settings-form">
${csrfField()}
${fieldsOf(section).map((field) =>
    input(t, section, field, page.values[section][field.key] ?? '', page.secrets[`${section}.${field.key}`] ?? false, errors.find((e) => e.key === field.key)),
  )}
<p><button type="submit">${t('settings.save')}</button></p>
</form>
</section>`;
}

export function renderSettings(t: T, page: SettingsPage): SafeHtml {
  return html`<div class="admin-settings">
<h1 class="page-title">${t('settings.title')}</h1>
<p class="field-note">${t('settings.intro')}</p>
<nav class="settings-toc" aria-label="${t('settings.sections')}"><ul>${SECTIONS.map((section) => html`<li><a href="#settings-${section}">${label(t, `settings.section.${section}`, section)}</a></li>`)}</ul></nav>
${SECTIONS.map((section) => sectionForm(t, section, page))}
</div>`;
}
