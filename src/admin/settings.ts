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
import type { Services } from '../app.js';
import { AppError } from '../platform/errors.js';
import { DEFAULT_SETTINGS, type SettingsSection, type SiteSettings } from '../platform/settings.js';
import { isValidBic, isValidIban, normalizeIban } from '../funding/index.js';
import { ROLES_FOR } from './permissions.js';
import type { Audit } from './audit.js';

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

function checkLinks(section: string, patch: Json): void {
  for (const [key, value] of Object.entries(patch)) {
    if (!Array.isArray(value)) continue;
    value.forEach((item, i) => {
      if (item && typeof item === 'object' && 'url' in item) {
        const url = String((item as { url: unknown }).url);
        const ok = url.startsWith('/') ? !url.startsWith('//') : /^https?:\/\/[^\s]+$/i.test(url);
        if (!ok) throw new AppError('VALIDATION', { field: `${section}.${key}[${i}].url`, detail: 'an http(s) address or a path on this site' });
      }
    });
  }
}

export function registerSettingsRoutes(app: FastifyInstance, services: Services, audit: Audit): void {
  const ADMINS = { config: { access: 'staff' as const, roles: [...ROLES_FOR.administer] } };

  const redact = (all: SiteSettings) => {
    const copy = structuredClone(all) as unknown as Record<string, Json>;
    for (const path of SECRETS) {
      const [section, key] = path.split('.') as [string, string];
      if (copy[section]) copy[section][key] = copy[section][key] ? '(set)' : '';
    }
    return copy;
  };

  app.get('/api/v1/admin/settings', ADMINS, async () => redact(await services.settings.all()));

  for (const section of Object.keys(DEFAULT_SETTINGS) as SettingsSection[]) {
    app.put<{ Body: Json }>(`/api/v1/admin/settings/${section}`, { ...ADMINS, schema: { body: sectionSchema(section) } }, async (request) => {
      const patch = { ...request.body };
      checkLinks(section, patch);
      if (section === 'donation') {
        if (typeof patch.iban === 'string' && patch.iban.trim() !== '') {
          if (!isValidIban(patch.iban)) throw new AppError('VALIDATION', { field: 'donation.iban', detail: 'not a valid IBAN (checksum)' });
          patch.iban = normalizeIban(patch.iban);
        }
        if (typeof patch.bic === 'string' && patch.bic.trim() !== '' && !isValidBic(patch.bic)) {
          throw new AppError('VALIDATION', { field: 'donation.bic', detail: 'not a valid BIC' });
        }
      }
      // "(set)" is what a redacted secret looks like: sending it back keeps the secret.
      for (const path of SECRETS) {
        const [secretSection, key] = path.split('.') as [string, string];
        if (secretSection === section && patch[key] === '(set)') delete patch[key];
      }
      await services.settings.update(section, patch as never);
      await audit.record(request.staff!, 'settings.change', 'settings', section, { fields: Object.keys(patch) });
      return redact(await services.settings.all())[section];
    });
  }
}
