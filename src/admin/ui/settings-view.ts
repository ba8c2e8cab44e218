/**
 * The settings pages: the index (`/admin/settings/`, every page as a card in its group,
 * like Ghost's settings) and one page per topic (`/admin/settings/<page>/`), one plain
 * form each. A refused form comes back with every wrong field marked (`aria-invalid`, the
 * message tied to the input by `aria-describedby`) and what was typed still in the inputs;
 * a saved one with a notice. Secrets are never put into the page.
 *
 * Without script everything works: links lists are numbered rows with buttons that post
 * the form back (nothing saved) and show it changed; fields that do not apply carry
 * `hidden`. `settings.js` adds the same list editing in place, shows and hides fields as
 * the choice they depend on changes, and warns before leaving with unsaved edits.
 *
 * @example
 *   renderSettingsPage(t, { page, values, secrets, saved: true, errors: [], pending: false, placeholders: {} });
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { Link, SettingsSection } from '../../platform/settings.js';
import { csrfField } from '../../site/index.js';
import type { SettingsFieldError } from '../settings.js';
import type { NavLinks, T } from './layout.js';
import type { AdminUiMessageKey } from './messages.js';
import { adminUiMessages } from './messages.js';
import { fieldsOf, type FieldSpec, type FormValue, type FormValues } from './settings-form.js';
import { conditionOf, EXTERNAL_PAGES, GROUPS, isApplicable, pageKeys, settingsPages, type SettingsPageSpec } from './settings-sections.js';

export interface SettingsPageView {
  page: SettingsPageSpec;
  /** The strings (and link rows) its inputs show: stored values, or what was just typed. */
  values: FormValues;
  /** `key` of each secret and whether one is stored. */
  secrets: Record<string, boolean>;
  saved: boolean;
  errors: readonly SettingsFieldError[];
  /** A list was changed by a button without script: shown, not saved yet. */
  pending: boolean;
  /** What an empty field stands for (the newsletter sender falls back to the site's name). */
  placeholders: Record<string, string>;
}

/** A message that may not exist (a field added later without a label): the key instead. */
function label(t: T, key: string, fallback: string): string {
  return Object.hasOwn(adminUiMessages.de, key) ? t(key as AdminUiMessageKey) : fallback;
}

export function pageTitle(t: T, page: { id: string }): string {
  return label(t, `settings.page.${page.id}`, label(t, `settings.section.${page.id}`, page.id));
}

const HINTS: Partial<Record<FieldSpec['kind'], AdminUiMessageKey>> = {
  amounts: 'settings.hint.amounts',
  topics: 'settings.hint.topics',
};

interface FieldContext {
  t: T;
  section: SettingsSection;
  view: SettingsPageView;
}

function linkRows({ t, section }: FieldContext, field: FieldSpec, rows: readonly Link[], errors: readonly SettingsFieldError[], name: string): SafeHtml {
  const id = `s-${section}-${field.key}`;
  const rowError = (i: number, part: 'label' | 'url') => errors.find((e) => e.field.endsWith(`${field.key}[${i}].${part}`));
  const row = (link: Link, i: number, last: boolean) => {
    const labelError = rowError(i, 'label');
    const urlError = rowError(i, 'url');
    const cell = (part: 'label' | 'url', value: string, error: SettingsFieldError | undefined) => {
      const inputId = `${id}-${i}-${part}`;
      return html`<span class="link-cell link-${part}"><label for="${inputId}">${t(part === 'label' ? 'settings.links.label' : 'settings.links.url')}</label>
<input type="text" id="${inputId}" name="${field.key}.${i}.${part}" value="${value}" maxlength="${part === 'label' ? 100 : 2000}"${part === 'url' ? html` inputmode="url" autocomplete="off"` : ''}${error ? html` aria-invalid="true" aria-describedby="${inputId}-error"` : ''}>
${error ? html`<span class="field-error" id="${inputId}-error">${t(`settings.problem.${error.problem}`)}</span>` : ''}</span>`;
    };
    const what = link.label || t('settings.links.row', { n: i + 1 });
    return html`<li class="link-row" data-row>
<span class="link-number" aria-hidden="true">${i + 1}.</span>
${cell('label', link.label, labelError)}
${cell('url', link.url, urlError)}
<span class="link-actions">
<button type="submit" class="button-small" name="_op" value="${field.key}.up.${i}" aria-label="${t('settings.links.up', { what })}"${i === 0 ? html` disabled` : ''} data-op="up">↑</button>
<button type="submit" class="button-small" name="_op" value="${field.key}.down.${i}" aria-label="${t('settings.links.down', { what })}"${last ? html` disabled` : ''} data-op="down">↓</button>
<button type="submit" class="button-small button-quiet" name="_op" value="${field.key}.remove.${i}" aria-label="${t('settings.links.remove', { what })}" data-op="remove">${t('settings.links.removeShort')}</button>
</span>
</li>`;
  };
  // The script builds new rows from these words ("%" stands for the row's label).
  const words = html`data-t-row="${t('settings.links.row', { n: '%' })}" data-t-up="${t('settings.links.up', { what: '%' })}" data-t-down="${t('settings.links.down', { what: '%' })}" data-t-remove="${t('settings.links.remove', { what: '%' })}" data-t-label="${t('settings.links.label')}" data-t-url="${t('settings.links.url')}" data-t-remove-short="${t('settings.links.removeShort')}"`;
  return html`<fieldset class="field links-field" id="${id}" data-links="${field.key}" ${words}>
<legend>${name}</legend>
<p class="field-note" id="${id}-hint">${t(field.key === 'navigation' ? 'settings.hint.navigation' : 'settings.hint.linkList')}</p>
<ol class="link-rows" data-rows>${rows.map((link, i) => row(link, i, i === rows.length - 1))}</ol>
${rows.length === 0 ? html`<p class="field-note link-empty" data-empty>${t('settings.links.empty')}</p>` : ''}
<p><button type="submit" class="button-secondary" name="_op" value="${field.key}.add" data-op="add">${t('settings.links.add')}</button></p>
</fieldset>`;
}

function input(ctx: FieldContext, field: FieldSpec, value: FormValue, errors: readonly SettingsFieldError[]): SafeHtml {
  const { t, section, view } = ctx;
  const id = `s-${section}-${field.key}`;
  const name = label(t, `settings.field.${section}.${field.key}`, field.key);
  const condition = conditionOf(section, field.key);
  const applies = isApplicable(section, field.key, view.values);
  const when = condition ? html` data-when-field="${condition.field}" data-when-values="${condition.values.join(' ')}"${applies ? '' : html` hidden`}` : '';
  if (field.kind === 'links') {
    const rows = Array.isArray(value) ? value : [];
    return html`<div class="field-wrap"${when}>${linkRows(ctx, field, rows, errors.filter((e) => e.key === field.key), name)}
${errors.some((e) => e.key === field.key && !/\[\d+\]/.test(e.field)) ? html`<p class="field-error">${t(`settings.problem.${errors.find((e) => e.key === field.key)!.problem}`)}</p>` : ''}</div>`;
  }
  const text = typeof value === 'string' ? value : '';
  const error = errors.find((e) => e.key === field.key);
  const secretSet = view.secrets[field.key] ?? false;
  const hintKey: AdminUiMessageKey | undefined =
    field.kind === 'secret' ? (secretSet ? 'settings.secretSet' : 'settings.secretUnset') : (HINTS[field.kind] ?? (Object.hasOwn(adminUiMessages.de, `settings.hint.${section}.${field.key}`) ? (`settings.hint.${section}.${field.key}` as AdminUiMessageKey) : undefined));
  const placeholder = view.placeholders[field.key];
  const described = [hintKey ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attrs = html`id="${id}" name="${field.key}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}${placeholder ? html` placeholder="${placeholder}"` : ''}`;
  const hint = hintKey ? html`<span class="field-note" id="${id}-hint">${t(hintKey, { value: placeholder ?? '' })}</span>` : '';
  const message = error ? html`<span class="field-error" id="${id}-error">${t(`settings.problem.${error.problem}`)}</span>` : '';
  if (field.kind === 'checkbox') {
    return html`<p class="field field-check"${when}><label><input type="checkbox" ${attrs} value="on"${text ? html` checked` : ''} data-controls="${field.key}"> ${name}</label>${message}</p>`;
  }
  let control: SafeHtml;
  switch (field.kind) {
    case 'select':
      control = html`<select ${attrs} data-controls="${field.key}">${(field.options ?? []).map(
        (option) => html`<option value="${option}"${option === text ? html` selected` : ''}>${label(t, `settings.option.${section}.${field.key}.${option}`, option)}</option>`,
      )}</select>`;
      break;
    case 'textarea':
      control = html`<textarea ${attrs} rows="${field.key === 'editorialLine' || field.key === 'appeal' ? 5 : 3}"${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}>${text}</textarea>`;
      break;
    case 'secret':
      control = html`<input type="password" ${attrs} value="" autocomplete="off"${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}>`;
      break;
    case 'number':
      control = html`<input type="text" inputmode="numeric" class="input-short" ${attrs} value="${text}">`;
      break;
    default:
      control = html`<input type="text" ${attrs} value="${text}"${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}${field.key === 'senderEmail' || field.key === 'email' ? html` inputmode="email" autocomplete="off"` : ''}>`;
  }
  return html`<p class="field"${when}><label for="${id}">${name}</label>${control}${hint}${message}</p>`;
}

/** One settings page: its form, the notices, and a way back to the index. */
export function renderSettingsPage(t: T, view: SettingsPageView): SafeHtml {
  const { page } = view;
  const title = pageTitle(t, page);
  const ctx: FieldContext = { t, section: page.section, view };
  const keys = pageKeys(page);
  const fields = fieldsOf(page.section).filter((field) => keys.includes(field.key));
  const intro = `settings.intro.${page.id}`;
  return html`<div class="admin-settings">
<p class="breadcrumb"><a href="/admin/settings/">${t('settings.title')}</a> <span aria-hidden="true">›</span></p>
<h1 class="page-title">${title}</h1>
${Object.hasOwn(adminUiMessages.de, intro) ? html`<p class="field-note settings-intro">${t(intro as AdminUiMessageKey)}</p>` : ''}
${view.saved ? html`<p class="notice" role="status">${t('settings.saved', { section: title })}</p>` : ''}
${view.errors.length ? html`<p class="notice notice-error" role="alert">${t('settings.invalid')}</p>` : ''}
${view.pending ? html`<p class="notice notice-pending" role="status">${t('settings.pending')}</p>` : ''}
<form method="post" action="/admin/settings/${page.id}" class="settings-form" data-settings-form data-warn="${t('settings.unsavedWarning')}" novalidate>
${csrfField()}
<button type="submit" class="visually-hidden" name="_op" value="save" tabindex="-1" aria-hidden="true">${t('settings.save')}</button>
${fields.map((field) => input(ctx, field, view.values[field.key] ?? (field.kind === 'links' ? [] : ''), view.errors))}
<div class="settings-actions">
<button type="submit" class="button-primary" name="_op" value="save">${t('settings.save')}</button>
<span class="unsaved-note" data-unsaved-note${view.pending ? '' : html` hidden`}>${t('settings.unsaved')}</span>
</div>
</form>
</div>`;
}

export interface SettingsIndexView {
  links: NavLinks;
}

/** The index: every page as a card with what it holds, grouped. */
export function renderSettingsIndex(t: T, view: SettingsIndexView): SafeHtml {
  const pages = [
    ...settingsPages().map((page) => ({ id: page.id, href: `/admin/settings/${page.id}/`, group: page.group })),
    ...EXTERNAL_PAGES.filter((page) => !page.needs || view.links[page.needs]),
  ];
  return html`<div class="admin-settings">
<h1 class="page-title">${t('settings.title')}</h1>
<p class="field-note">${t('settings.intro')}</p>
${GROUPS.map((group) => {
    const inGroup = pages.filter((page) => page.group === group);
    if (inGroup.length === 0) return '';
    return html`<section class="settings-group" aria-labelledby="settings-group-${group}">
<h2 id="settings-group-${group}">${t(`settings.group.${group}`)}</h2>
<ul class="settings-cards">${inGroup.map((page) => {
      const about = `settings.about.${page.id}`;
      return html`<li class="settings-card"><a href="${page.href}"><span class="settings-card-title">${pageTitle(t, page)}</span>${Object.hasOwn(adminUiMessages.de, about) ? html`<span class="settings-card-about">${t(about as AdminUiMessageKey)}</span>` : ''}</a></li>`;
    })}</ul>
</section>`;
  })}
</div>`;
}
