/**
 * The answers of the settings API (issue 17), for the OpenAPI document and the contract check
 * in tests: every section (secrets redacted to "(set)" or ""), or the one section just saved.
 * Open objects on purpose: capabilities add settings, and the serialiser must never drop one.
 *
 * @example
 *   app.get('/api/v1/admin/settings', { ...ADMINS, schema: { response: settingsAnswers(allSettingsAnswer) } }, handler);
 */
import { errorResponses } from '../platform/openapi.js';
import { DEFAULT_SETTINGS } from '../platform/settings.js';

const section = (name: string) => ({ type: 'object', additionalProperties: true, description: `The ${name} settings.` });

// The document's examples are a fresh site's settings: every field, in its real shape.
export const allSettingsAnswer = {
  type: 'object', additionalProperties: true, required: Object.keys(DEFAULT_SETTINGS),
  description: 'Every section of the site’s settings; a secret shows as "(set)" when set, else "".',
  properties: Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((name) => [name, section(name)])),
  examples: [DEFAULT_SETTINGS],
};

export const sectionAnswer = (name: string) => ({
  ...section(name),
  description: `The ${name} settings as saved (secrets redacted).`,
  examples: [(DEFAULT_SETTINGS as unknown as Record<string, unknown>)[name] ?? {}],
});

export const settingsAnswers = (answer: unknown) => ({ 200: answer, ...errorResponses(400, 401, 403, 404, 422) });
