/**
 * The answer of the design API (issue 17), for the OpenAPI document and the contract check in
 * tests: `{ design, warnings }` as routes.ts sends it (DesignResult of site/theme). The design
 * settings stay an open object, so a setting added later is never dropped by the serialiser.
 *
 * @example
 *   app.get('/api/v1/admin/design', { ...ADMINS, schema: { response: designAnswers() } }, handler);
 */
import { errorResponses } from '../../platform/openapi.js';

const str = { type: 'string' } as const;

const design = {
  type: 'object', additionalProperties: true, required: ['accent', 'fonts', 'homeLayout'],
  properties: {
    accent: { type: 'string', description: '`#rrggbb`.' }, fonts: str, homeLayout: { type: 'string', enum: ['lead-grid', 'river'] },
    newsletterBox: { type: 'boolean' }, supportBox: { type: 'boolean' }, logoLight: str, logoDark: str,
    icons: { anyOf: [{ type: 'object', additionalProperties: true, properties: { png32: str, png180: str, png192: str, png512: str } }, { type: 'null' }] },
    customCss: str,
  },
} as const;

const warning = {
  type: 'object', additionalProperties: false, required: ['code', 'field', 'contrast', 'suggestion', 'message'],
  properties: {
    code: { type: 'string', enum: ['ACCENT_CONTRAST_LOW'] }, field: { type: 'string', enum: ['accent'] }, contrast: { type: 'number' },
    suggestion: { type: 'string', description: 'A darker accent that reads.' },
    message: { type: 'object', additionalProperties: false, required: ['de', 'en'], properties: { de: str, en: str } },
  },
} as const;

export const designAnswer = {
  type: 'object', additionalProperties: false, required: ['design', 'warnings'],
  description: 'The design settings, with warnings (saved all the same).',
  properties: { design, warnings: { type: 'array', items: warning } },
} as const;

/** The route's answers: the design, or the coded errors a design change can give. */
export const designAnswers = (...statuses: number[]) => ({ 200: designAnswer, ...errorResponses(401, 403, ...statuses) });
