/**
 * The settings page's plain forms, both ways: a section's values as the strings its
 * inputs show, and a posted form back into the typed patch that `saveSettings` checks
 * (the same check as the JSON API). Parsing never refuses anything itself: a number that
 * is not one stays a string and the shared check names the field.
 *
 * @example
 *   const kinds = fieldsOf('donation');          // [{ key: 'iban', kind: 'text' }, …]
 *   const { patch, raw } = parseSettingsForm('donation', request.body);
 */
import { isSecretSetting, sectionSchema } from '../settings.js';
import { DEFAULT_SETTINGS, type Link, type SettingsSection, type SiteSettings } from '../../platform/settings.js';

export type FieldKind = 'text' | 'textarea' | 'secret' | 'select' | 'number' | 'checkbox' | 'links' | 'amounts' | 'topics';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  options?: string[];
  maxLength?: number;
}

export const SECTIONS = Object.keys(DEFAULT_SETTINGS) as SettingsSection[];

export function isSection(value: string): value is SettingsSection {
  return Object.hasOwn(DEFAULT_SETTINGS, value);
}

const LONG = new Set(['description', 'followText', 'appeal', 'address', 'responsibleEditorAddress', 'editorialLine']);

type Json = Record<string, unknown>;

/** The fields of a section and how each is typed into a form, from the section's schema. */
export function fieldsOf(section: SettingsSection): FieldSpec[] {
  const properties = sectionSchema(section).properties as Record<string, Json>;
  return Object.entries(properties).map(([key, schema]): FieldSpec => {
    if (schema.enum) return { key, kind: 'select', options: schema.enum as string[] };
    if (isSecretSetting(section, key)) return { key, kind: 'secret', maxLength: Number(schema.maxLength) };
    if (schema.type === 'boolean') return { key, kind: 'checkbox' };
    if (schema.type === 'number') return { key, kind: 'number' };
    if (schema.type === 'array') {
      const items = schema.items as Json;
      return { key, kind: items.type === 'integer' ? 'amounts' : items.type === 'string' ? 'topics' : 'links' };
    }
    return { key, kind: LONG.has(key) ? 'textarea' : 'text', maxLength: Number(schema.maxLength) };
  });
}

/** What a form shows per field: a string, or the rows of a links list. */
export type FormValue = string | Link[];
export type FormValues = Record<string, FormValue>;

/** A section's stored values as form values (secrets are never shown: empty). */
export function formValuesOf(settings: SiteSettings, section: SettingsSection): FormValues {
  const values = settings[section] as unknown as Json;
  const out: FormValues = {};
  for (const field of fieldsOf(section)) {
    const value = values[field.key];
    if (field.kind === 'secret') out[field.key] = '';
    else if (field.kind === 'checkbox') out[field.key] = value ? 'on' : '';
    else if (field.kind === 'links') out[field.key] = (value as Link[]).map((link) => ({ ...link }));
    else if (field.kind === 'amounts' || field.kind === 'topics') out[field.key] = (value as unknown[]).join(', ');
    else out[field.key] = String(value ?? '');
  }
  return out;
}

function text(body: Json, key: string): string | undefined {
  const value = body[key];
  if (typeof value === 'string') return value;
  // A repeated field: the last one typed wins, as in a browser's own form handling.
  if (Array.isArray(value) && typeof value.at(-1) === 'string') return value.at(-1) as string;
  return undefined;
}

const list = (value: string) =>
  value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The older "Label | URL" lines, still understood from API-like form posts. */
function parseLinkLines(value: string): Link[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.indexOf('|');
      return bar < 0 ? { label: line, url: '' } : { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
    });
}

/** Most rows a links list accepts from a form (the check allows 20; more is reported). */
const MAX_ROWS = 40;

/**
 * The rows of a links list as posted (`social.0.label`, `social.0.url`, …, numbered in the
 * order shown), or undefined when the form did not carry the list. Rows left empty are
 * dropped; a row with only one half stays, so the check can name it.
 */
function parseLinkRows(form: Json, key: string): Link[] | undefined {
  const rows: { index: number; link: Link }[] = [];
  let seen = false;
  for (const name of Object.keys(form)) {
    const match = new RegExp(`^${key}\\.(\\d{1,3})\\.(label|url)$`).exec(name);
    if (!match) continue;
    seen = true;
    const index = Number(match[1]);
    if (index >= MAX_ROWS) continue;
    let row = rows.find((r) => r.index === index);
    if (!row) rows.push((row = { index, link: { label: '', url: '' } }));
    row.link[match[2] as 'label' | 'url'] = (text(form, name) ?? '').trim();
  }
  if (!seen) return undefined;
  return rows
    .sort((a, b) => a.index - b.index)
    .map((r) => r.link)
    .filter((link) => link.label !== '' || link.url !== '');
}

/** A list change asked for by a button without script: `social.add`, `social.up.2`, … */
export interface ListOp {
  key: string;
  op: 'add' | 'remove' | 'up' | 'down';
  index: number;
}

export function parseListOp(body: unknown): ListOp | null {
  const value = body && typeof body === 'object' ? text(body as Json, '_op') : undefined;
  const match = value ? /^([a-zA-Z]{1,40})\.(add|remove|up|down)(?:\.(\d{1,3}))?$/.exec(value) : null;
  return match ? { key: match[1]!, op: match[2] as ListOp['op'], index: Number(match[3] ?? 0) } : null;
}

/** Applies a list change to the rows as typed (nothing is saved by it). */
export function applyListOp(rows: readonly Link[], op: ListOp): Link[] {
  const next = rows.map((row) => ({ ...row }));
  const i = op.index;
  if (op.op === 'add') next.push({ label: '', url: '' });
  else if (i >= 0 && i < next.length) {
    if (op.op === 'remove') next.splice(i, 1);
    else {
      const j = op.op === 'up' ? i - 1 : i + 1;
      if (j >= 0 && j < next.length) [next[i], next[j]] = [next[j]!, next[i]!];
    }
  }
  return next;
}

/**
 * A posted form as a typed patch, and the values as typed (to show them again when a
 * field is refused). Only `keys` are read (the page's fields; default all of the
 * section's). A text field the form did not carry is left as it is; an unticked box is
 * false; an empty secret keeps the stored one.
 */
export function parseSettingsForm(section: SettingsSection, body: unknown, keys?: readonly string[]): { patch: Json; raw: FormValues } {
  const form = body && typeof body === 'object' ? (body as Json) : {};
  const patch: Json = {};
  const raw: FormValues = {};
  for (const field of fieldsOf(section)) {
    if (keys && !keys.includes(field.key)) continue;
    if (field.kind === 'links') {
      const lines = text(form, field.key);
      const rows = parseLinkRows(form, field.key) ?? (lines === undefined ? undefined : parseLinkLines(lines));
      if (rows === undefined) continue;
      patch[field.key] = rows;
      raw[field.key] = rows;
      continue;
    }
    const value = text(form, field.key);
    if (field.kind === 'checkbox') {
      patch[field.key] = value !== undefined && value !== '';
      raw[field.key] = patch[field.key] ? 'on' : '';
      continue;
    }
    if (value === undefined) continue;
    raw[field.key] = field.kind === 'secret' ? '' : value;
    switch (field.kind) {
      case 'secret':
        if (value !== '') patch[field.key] = value;
        break;
      case 'number':
        patch[field.key] = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
        break;
      case 'amounts':
        patch[field.key] = list(value).map((item) => (/^\d+$/.test(item) ? Number(item) : item));
        break;
      case 'topics':
        patch[field.key] = list(value);
        break;
      default:
        patch[field.key] = field.kind === 'select' ? value : value.replace(/\r\n/g, '\n');
    }
  }
  return { patch, raw };
}
