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

/** A section's stored values as form strings (secrets are never shown: empty). */
export function formValuesOf(settings: SiteSettings, section: SettingsSection): Record<string, string> {
  const values = settings[section] as unknown as Json;
  const out: Record<string, string> = {};
  for (const field of fieldsOf(section)) {
    const value = values[field.key];
    if (field.kind === 'secret') out[field.key] = '';
    else if (field.kind === 'checkbox') out[field.key] = value ? 'on' : '';
    else if (field.kind === 'links') out[field.key] = (value as Link[]).map((link) => `${link.label} | ${link.url}`).join('\n');
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

function parseLinks(value: string): Link[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.indexOf('|');
      return bar < 0 ? { label: line, url: '' } : { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
    });
}

/**
 * A posted form as a typed patch, and the strings as typed (to show them again when a
 * field is refused). A text field the form did not carry is left as it is; an unticked
 * box is false; an empty secret keeps the stored one.
 */
export function parseSettingsForm(section: SettingsSection, body: unknown): { patch: Json; raw: Record<string, string> } {
  const form = body && typeof body === 'object' ? (body as Json) : {};
  const patch: Json = {};
  const raw: Record<string, string> = {};
  for (const field of fieldsOf(section)) {
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
      case 'links':
        patch[field.key] = parseLinks(value);
        break;
      default:
        patch[field.key] = field.kind === 'select' ? value : value.replace(/\r\n/g, '\n');
    }
  }
  return { patch, raw };
}
