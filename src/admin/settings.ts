/**
 * Site settings for the newsroom (owner and admin): read all sections, change one. Every
 * field is checked (types and lengths from the defaults, enums, http(s) links, the IBAN by
 * its checksum); the answer names the field that is wrong, and nothing is half-saved.
 * Secrets (the Telegram bot token) are never sent back, only whether one is set.
 *
 * @example
 *   PUT /api/v1/admin/settings/donation  { "iban": "DE02 1203 0000 0000 2020 51", "bic": "BYLADEM1001" }
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { isSitePath, parseHttpUrl } from '../platform/html.js';
import { DEFAULT_SETTINGS, type SettingsSection, type SiteSettings } from '../platform/settings.js';
import { isValidBic, isValidIban, normalizeIban } from '../platform/iban.js';
import { ROLES_FOR } from '../platform/permissions.js';
import type { Audit } from './audit.js';
import { allSettingsAnswer, sectionAnswer, settingsAnswers } from './settings-answers.js'; // issue 17

/** What this module needs from the composition root. */
export type AdminSettingsDeps = Pick<PlatformDeps, 'settings'>;

const ENUMS: Record<string, readonly string[]> = {
  'site.language': ['de', 'en'],
  'legal.country': ['de', 'at'],
  'discussion.policy': ['first', 'all', 'none'],
  'discussion.identity': ['guests', 'accounts', 'both'],
};
const SECRETS = new Set(['telegram.botToken']);

type Json = Record<string, unknown>;

/** A JSON schema for one section, derived from its defaults so new fields are covered. */
export function sectionSchema(section: SettingsSection): Json {
  const defaults = DEFAULT_SETTINGS[section] as unknown as Json;
  const properties: Record<string, Json> = {};
  for (const [key, value] of Object.entries(defaults)) {
    const path = `${section}.${key}`;
    if (ENUMS[path]) properties[key] = { type: 'string', enum: ENUMS[path] };
    else if (typeof value === 'string') properties[key] = { type: 'string', maxLength: key === 'editorialLine' || key === 'appeal' ? 5000 : 1000 };
    else if (typeof value === 'number') properties[key] = { type: 'number', minimum: 0, maximum: 1_000_000 };
    else if (typeof value === 'boolean') properties[key] = { type: 'boolean' };
    else if (Array.isArray(value)) {
      properties[key] =
        key === 'amounts'
          ? { type: 'array', maxItems: 8, items: { type: 'integer', minimum: 1, maximum: 10_000 } }
          : key === 'topics'
            ? { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 80 } }
            : {
                type: 'array',
                maxItems: 20,
                items: {
                  type: 'object',
                  required: ['label', 'url'],
                  properties: { label: { type: 'string', minLength: 1, maxLength: 100 }, url: { type: 'string', maxLength: 2000 } },
                  additionalProperties: false,
                },
              };
    }
  }
  return { type: 'object', properties, additionalProperties: false };
}

/** Why a field was refused; pages turn it into a sentence, the API into `detail`. */
export type SettingsProblem = 'type' | 'enum' | 'tooLong' | 'range' | 'tooMany' | 'link' | 'label' | 'iban' | 'bic' | 'unknown';

export interface SettingsFieldError {
  /** The field's name within its section (`iban`, `social`), as a form names its input. */
  key: string;
  /** The full path (`donation.iban`, `site.social[0].url`), as the API reports it. */
  field: string;
  problem: SettingsProblem;
  detail: string;
}

/**
 * A refused settings change: the API reports the first field, a page every one. A link
 * that is not http(s) is `URL_INVALID` (422), as everywhere links are typed.
 */
export class SettingsInvalid extends AppError {
  constructor(readonly errors: readonly SettingsFieldError[]) {
    super(errors[0]?.problem === 'link' ? 'URL_INVALID' : 'VALIDATION', { field: errors[0]?.field, detail: errors[0]?.detail });
  }
}

/** Navigation may also point at a page of this site; every other link leaves it (http(s) only). */
const isLinkUrl = (key: string, url: string) => parseHttpUrl(url) !== null || (key === 'navigation' && isSitePath(url));

function checkValue(section: string, key: string, schema: Json, value: unknown): SettingsFieldError[] {
  const field = `${section}.${key}`;
  const error = (problem: SettingsProblem, detail: string, at = field) => [{ key, field: at, problem, detail }];
  if (schema.enum) return (schema.enum as string[]).includes(value as string) ? [] : error('enum', `one of ${(schema.enum as string[]).join(', ')}`);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return error('type', 'a string');
      return value.length > Number(schema.maxLength) ? error('tooLong', `at most ${String(schema.maxLength)} characters`) : [];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return error('type', 'a number');
      return value < Number(schema.minimum) || value > Number(schema.maximum) ? error('range', `between ${String(schema.minimum)} and ${String(schema.maximum)}`) : [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : error('type', 'true or false');
    case 'array': {
      if (!Array.isArray(value)) return error('type', 'a list');
      if (value.length > Number(schema.maxItems)) return error('tooMany', `at most ${String(schema.maxItems)} entries`);
      const items = schema.items as Json;
      for (const [i, item] of value.entries()) {
        const at = `${field}[${i}]`;
        if (items.type === 'integer') {
          if (!Number.isInteger(item) || item < Number(items.minimum) || item > Number(items.maximum)) return error('range', `whole numbers from ${String(items.minimum)} to ${String(items.maximum)}`, at);
        } else if (items.type === 'string') {
          if (typeof item !== 'string' || item.length > Number(items.maxLength)) return error('tooLong', `texts of at most ${String(items.maxLength)} characters`, at);
        } else {
          const link = item as { label?: unknown; url?: unknown } | null;
          if (!link || typeof link !== 'object' || typeof link.label !== 'string' || link.label.length < 1 || link.label.length > 100) return error('label', 'a label of 1 to 100 characters', `${at}.label`);
          if (typeof link.url !== 'string' || link.url.length > 2000 || !isLinkUrl(key, link.url)) {
            return error('link', key === 'navigation' ? 'an http(s) address or a path on this site' : 'an http(s) address', `${at}.url`);
          }
        }
      }
      return [];
    }
    default:
      return error('type', 'an unexpected value');
  }
}

/**
 * Every check a settings change must pass, all at once (a page marks each wrong field):
 * types and lengths from the section's schema, enums, links, the IBAN by its checksum.
 *
 * @example
 *   checkSettings('donation', { iban: 'DE02 1203 0000 0000 2020 52' }); // [{ key: 'iban', problem: 'iban', … }]
 */
export function checkSettings(section: SettingsSection, patch: Json): SettingsFieldError[] {
  const properties = sectionSchema(section).properties as Record<string, Json>;
  const errors: SettingsFieldError[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const schema = properties[key];
    if (!schema) errors.push({ key, field: `${section}.${key}`, problem: 'unknown', detail: 'no such setting' });
    else errors.push(...checkValue(section, key, schema, value));
  }
  if (section === 'donation') {
    if (typeof patch.iban === 'string' && patch.iban.trim() !== '' && !isValidIban(patch.iban)) {
      errors.push({ key: 'iban', field: 'donation.iban', problem: 'iban', detail: 'not a valid IBAN (checksum)' });
    }
    if (typeof patch.bic === 'string' && patch.bic.trim() !== '' && !isValidBic(patch.bic)) {
      errors.push({ key: 'bic', field: 'donation.bic', problem: 'bic', detail: 'not a valid BIC' });
    }
  }
  return errors;
}

/**
 * Changes one section: checks it (nothing is saved when a field is wrong), keeps a secret
 * that came back as its "(set)" placeholder, saves and writes the audit entry. The JSON
 * API and the settings page both call this.
 *
 * @example
 *   await saveSettings(services, audit, request.staff!, 'donation', { iban: 'DE02120300000000202051' });
 */
export async function saveSettings(
  services: Pick<AdminSettingsDeps, 'settings'>,
  audit: Pick<Audit, 'record'>,
  actor: { id: number; name: string },
  section: SettingsSection,
  body: Json,
): Promise<void> {
  // The design has its own operations (site/theme: images, contrast, cache scope), never this door.
  if (section === 'design') throw new AppError('NOT_FOUND', { field: 'section' });
  const patch = { ...body };
  const errors = checkSettings(section, patch);
  if (errors.length) throw new SettingsInvalid(errors);
  if (section === 'donation' && typeof patch.iban === 'string' && patch.iban.trim() !== '') patch.iban = normalizeIban(patch.iban);
  // "(set)" is what a redacted secret looks like: sending it back keeps the secret.
  for (const path of SECRETS) {
    const [secretSection, key] = path.split('.') as [string, string];
    if (secretSection === section && patch[key] === '(set)') delete patch[key];
  }
  await services.settings.update(section, patch as never);
  await audit.record(actor, 'settings.change', 'settings', section, { fields: Object.keys(patch) });
}

/** Whether a field holds a secret that is never sent to a browser. */
export function isSecretSetting(section: string, key: string): boolean {
  return SECRETS.has(`${section}.${key}`);
}

export function registerSettingsRoutes(app: FastifyInstance, services: AdminSettingsDeps, audit: Audit): void {
  const ADMINS = { config: { access: 'staff' as const, roles: [...ROLES_FOR.administer] } };

  const redact = (all: SiteSettings) => {
    const copy = structuredClone(all) as unknown as Record<string, Json>;
    for (const path of SECRETS) {
      const [section, key] = path.split('.') as [string, string];
      if (copy[section]) copy[section][key] = copy[section][key] ? '(set)' : '';
    }
    return copy;
  };

  app.get('/api/v1/admin/settings', { ...ADMINS, schema: { response: settingsAnswers(allSettingsAnswer) } }, async () => redact(await services.settings.all()));

  // design has its own operations and routes (admin/design over site/theme): images, checks, cache scope.
  for (const section of (Object.keys(DEFAULT_SETTINGS) as SettingsSection[]).filter((key) => key !== 'design')) {
    app.put<{ Body: Json }>(`/api/v1/admin/settings/${section}`, { ...ADMINS, schema: { body: sectionSchema(section), response: settingsAnswers(sectionAnswer(section)) } }, async (request) => {
      await saveSettings(services, audit, request.staff!, section, request.body);
      return redact(await services.settings.all())[section];
    });
  }
}
