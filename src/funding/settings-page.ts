/**
 * The supporters' settings as a plain form (`/admin/supporters/settings/`): the settings
 * as form strings and back, every wrong field found at once (not just the first), and the
 * page in the newsroom's settings components (`settings-section`, `field`, `field-note`,
 * `field-error`). A refused form comes back with each wrong field marked
 * (`aria-invalid`, the message tied by `aria-describedby`) and what was typed kept.
 * Saving goes through the same operation as `PUT /api/v1/admin/supporters/settings`.
 *
 * @example
 *   const { settings, errors } = settingsFromForm(valuesFromBody(request.body), current);
 */
import { errorMessages } from '../platform/errors.js';
import { html, type SafeHtml } from '../platform/html.js';
import { translator, type Language, type Translate } from '../platform/i18n.js';
import { csrfField } from '../site/index.js';
import { isValidCreditorId, type SupporterSettings } from './settings.js';
import { settingsMessages, type SettingsMessageKey } from './settings-messages.js';

type Kind = 'text' | 'textarea' | 'number' | 'checkbox' | 'date' | 'select';
interface Field {
  key: string;
  kind: Kind;
  max?: number;
  min?: number;
  rows?: number;
  options?: readonly string[];
  hint?: SettingsMessageKey;
}

const GROUPS: { id: 'debit' | 'receipts' | 'thanks' | 'appeals'; fields: Field[] }[] = [
  {
    id: 'debit',
    fields: [
      { key: 'enabled', kind: 'checkbox' },
      { key: 'creditorId', kind: 'text', max: 35, hint: 'hint.creditorId' },
      { key: 'leadDays', kind: 'number', min: 1, max: 60, hint: 'hint.leadDays' },
      { key: 'collectionDay', kind: 'number', min: 1, max: 28, hint: 'hint.collectionDay' },
      { key: 'amountCap', kind: 'number', min: 1, max: 100_000 },
    ],
  },
  {
    id: 'receipts',
    fields: [
      { key: 'nonProfit', kind: 'checkbox' },
      { key: 'receipt.issuer', kind: 'textarea', max: 300, rows: 3 },
      { key: 'receipt.purpose', kind: 'text', max: 300, hint: 'hint.receipt.purpose' },
      { key: 'receipt.taxOffice', kind: 'text', max: 100 },
      { key: 'receipt.taxNumber', kind: 'text', max: 40 },
      { key: 'receipt.basis', kind: 'select', options: ['exemption', 'statutes'] },
      { key: 'receipt.noticeDate', kind: 'date' },
      { key: 'receipt.period', kind: 'text', max: 40 },
      { key: 'receipt.place', kind: 'text', max: 60 },
      { key: 'receipt.signatory', kind: 'text', max: 100 },
      { key: 'receipt.machineMade', kind: 'checkbox' },
    ],
  },
  {
    id: 'thanks',
    fields: [
      { key: 'thanks.de.subject', kind: 'text', max: 200 },
      { key: 'thanks.de.body', kind: 'textarea', max: 5000, rows: 7, hint: 'hint.thanks' },
      { key: 'thanks.en.subject', kind: 'text', max: 200 },
      { key: 'thanks.en.body', kind: 'textarea', max: 5000, rows: 7, hint: 'hint.thanks' },
    ],
  },
  { id: 'appeals', fields: [{ key: 'appeals', kind: 'textarea', max: 12_000, rows: 4, hint: 'hint.appeals' }] },
];

const FIELDS = GROUPS.flatMap((g) => g.fields);

export type FormValues = Record<string, string>;
export interface SettingsFieldError {
  key: string;
  problem: 'range' | 'tooLong' | 'date' | 'basis' | 'appeal' | 'creditorId' | 'invalid';
  params?: Record<string, string | number>;
}

/** The stored settings as the strings the form shows. */
export function valuesOf(s: SupporterSettings): FormValues {
  const on = (b: boolean) => (b ? 'on' : '');
  return {
    enabled: on(s.enabled), creditorId: s.creditorId, leadDays: String(s.leadDays), collectionDay: String(s.collectionDay), amountCap: String(s.amountCap),
    nonProfit: on(s.nonProfit), 'receipt.issuer': s.receipt.issuer, 'receipt.purpose': s.receipt.purpose, 'receipt.taxOffice': s.receipt.taxOffice,
    'receipt.taxNumber': s.receipt.taxNumber, 'receipt.basis': s.receipt.basis, 'receipt.noticeDate': s.receipt.noticeDate, 'receipt.period': s.receipt.period,
    'receipt.place': s.receipt.place, 'receipt.signatory': s.receipt.signatory, 'receipt.machineMade': on(s.receipt.machineMade),
    'thanks.de.subject': s.thanks.de.subject, 'thanks.de.body': s.thanks.de.body, 'thanks.en.subject': s.thanks.en.subject, 'thanks.en.body': s.thanks.en.body,
    appeals: s.appeals.map((a) => `${a.code} ${a.label}`).join('\n'),
  };
}

/** What the browser sent, one string per field (a missing checkbox is unticked). */
export function valuesFromBody(body: unknown): FormValues {
  const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const field of FIELDS) {
    const raw = record[field.key];
    const value = typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : '';
    values[field.key] = field.kind === 'checkbox' ? (value ? 'on' : '') : value.replace(/\r\n/g, '\n');
  }
  return values;
}

/** The form's strings as settings, or every field that is wrong. */
export function settingsFromForm(v: FormValues): { settings: SupporterSettings | null; errors: SettingsFieldError[] } {
  const errors: SettingsFieldError[] = [];
  for (const field of FIELDS) {
    const value = (v[field.key] ?? '').trim();
    if (field.kind === 'number') {
      if (!/^\d{1,7}$/.test(value) || Number(value) < field.min! || Number(value) > field.max!) errors.push({ key: field.key, problem: 'range', params: { min: field.min!, max: field.max! } });
    } else if (field.kind === 'date') {
      if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push({ key: field.key, problem: 'date' });
    } else if (field.kind === 'select') {
      if (!field.options!.includes(value)) errors.push({ key: field.key, problem: 'basis' });
    } else if (field.max !== undefined && [...value].length > field.max) {
      errors.push({ key: field.key, problem: 'tooLong', params: { max: field.max } });
    }
  }
  const creditorId = (v.creditorId ?? '').replace(/\s+/g, '').toUpperCase();
  if (creditorId && !errors.some((e) => e.key === 'creditorId') && !isValidCreditorId(creditorId)) errors.push({ key: 'creditorId', problem: 'creditorId' });
  const appeals: { code: string; label: string }[] = [];
  (v.appeals ?? '').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const match = /^\s*([A-Za-z0-9-]{3,20})(?:\s+(.{0,100}))?\s*$/.exec(line);
    if (!match) {
      if (!errors.some((e) => e.key === 'appeals')) errors.push({ key: 'appeals', problem: 'appeal', params: { line: i + 1 } });
      return;
    }
    appeals.push({ code: match[1]!.toUpperCase(), label: (match[2] ?? '').trim() });
  });
  if (errors.length) return { settings: null, errors };
  const text = (key: string) => (v[key] ?? '').trim();
  return {
    errors,
    settings: {
      enabled: v.enabled === 'on', creditorId, leadDays: Number(text('leadDays')), collectionDay: Number(text('collectionDay')), amountCap: Number(text('amountCap')),
      nonProfit: v.nonProfit === 'on',
      receipt: {
        issuer: text('receipt.issuer'), purpose: text('receipt.purpose'), taxOffice: text('receipt.taxOffice'), taxNumber: text('receipt.taxNumber'),
        basis: text('receipt.basis') as SupporterSettings['receipt']['basis'], noticeDate: text('receipt.noticeDate'), period: text('receipt.period'),
        place: text('receipt.place'), signatory: text('receipt.signatory'), machineMade: v['receipt.machineMade'] === 'on',
      },
      thanks: { de: { subject: text('thanks.de.subject'), body: text('thanks.de.body') }, en: { subject: text('thanks.en.subject'), body: text('thanks.en.body') } },
      appeals,
    },
  };
}

type T = Translate<SettingsMessageKey>;
export const settingsT = (lang: Language): T => translator(lang, settingsMessages);

function problemText(t: T, lang: Language, error: SettingsFieldError): string {
  return error.problem === 'creditorId' ? errorMessages[lang].CREDITOR_ID_INVALID : t(`problem.${error.problem}`, error.params);
}

/**
 * Fields that apply only with a box ticked (issue 11): the debit details while sign-ups
 * by direct debit are offered, the receipt's details for a non-profit. Hidden, not
 * dropped: the value is kept and posted back; the newsroom's settings script shows and
 * hides them as the box changes.
 */
const WHEN: Record<string, string> = {
  creditorId: 'enabled', leadDays: 'enabled', collectionDay: 'enabled', amountCap: 'enabled',
  ...Object.fromEntries(FIELDS.filter((f) => f.key.startsWith('receipt.')).map((f) => [f.key, 'nonProfit'])),
};

function input(t: T, lang: Language, field: Field, value: string, error: SettingsFieldError | undefined, values: FormValues = {}): SafeHtml {
  const controller = WHEN[field.key];
  const when = controller ? html` data-when-field="${controller}" data-when-values="on"${values[controller] ? '' : html` hidden`}` : '';
  const id = `ss-${field.key.replace(/\./g, '-')}`;
  const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attrs = html`id="${id}" name="${field.key}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const label = t(`field.${field.key}` as SettingsMessageKey);
  const hint = field.hint ? html`<span class="field-note" id="${id}-hint">${t(field.hint)}</span>` : '';
  const message = error ? html`<span class="field-error" id="${id}-error">${problemText(t, lang, error)}</span>` : '';
  if (field.kind === 'checkbox') {
    return html`<p class="field field-check"${when}><label><input type="checkbox" ${attrs} value="on"${value ? html` checked` : ''} data-controls="${field.key}"> ${label}</label>${hint}${message}</p>`;
  }
  let control: SafeHtml;
  switch (field.kind) {
    case 'select':
      control = html`<select ${attrs}>${field.options!.map((o) => html`<option value="${o}"${o === value ? html` selected` : ''}>${t(`option.${o}` as SettingsMessageKey)}</option>`)}</select>`;
      break;
    case 'textarea':
      control = html`<textarea ${attrs} rows="${field.rows ?? 3}" maxlength="${field.max!}">${value}</textarea>`;
      break;
    case 'number':
      control = html`<input type="text" inputmode="numeric" class="input-short" ${attrs} value="${value}" maxlength="7">`;
      break;
    case 'date':
      control = html`<input type="date" class="input-short" ${attrs} value="${value}">`;
      break;
    default:
      control = html`<input type="text" ${attrs} value="${value}" maxlength="${field.max!}"${field.key === 'creditorId' ? html` class="input-code" spellcheck="false" autocomplete="off"` : ''}>`;
  }
  return html`<p class="field"${when}><label for="${id}">${label}</label>${control}${hint}${message}</p>`;
}

export interface SettingsPageView {
  values: FormValues;
  errors: SettingsFieldError[];
  saved: boolean;
  lang: Language;
}

export function settingsMain(view: SettingsPageView): SafeHtml {
  const t = settingsT(view.lang);
  return html`<p class="back-link"><a href="/admin/supporters/">← ${t('back')}</a></p>
<div class="admin-settings">
<h1 class="page-title">${t('title')}</h1>
<p class="field-note">${t('intro')}</p>
${view.saved ? html`<p class="notice" role="status">${t('saved')}</p>` : ''}
${view.errors.length ? html`<p class="notice notice-error" role="alert">${t('invalid')}</p>` : ''}
<form method="post" action="/admin/supporters/settings/" class="settings-form" data-settings-form data-warn="${t('unsavedWarning')}">
${csrfField()}
${GROUPS.map((group) => html`<section class="settings-section" aria-labelledby="ss-${group.id}-title">
<h2 id="ss-${group.id}-title">${t(`group.${group.id}`)}</h2>
${group.fields.map((field) => input(t, view.lang, field, view.values[field.key] ?? '', view.errors.find((e) => e.key === field.key), view.values))}
</section>`)}
<p class="form-actions"><button type="submit">${t('save')}</button></p>
</form>
</div>`;
}
