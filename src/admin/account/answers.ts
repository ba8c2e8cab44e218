/**
 * The answers of a staff member's own account API and of the password reset (issue 17), for
 * the OpenAPI document and the contract check in tests: what `routes.ts` and `service.ts`
 * really send, plus the coded errors each route gives.
 *
 * @example
 *   app.post('/api/v1/admin/account/totp/setup', { ...STAFF, schema: { response: { 200: totpSetupAnswer, ...errorResponses(401, 403) } } }, handler);
 */
const str = { type: 'string' } as const;

export const totpSetupAnswer = {
  type: 'object', required: ['secret', 'uri', 'qrSvg'], additionalProperties: false,
  description: 'A new secret, not active until a code from the app confirms it (POST …/totp/enable).',
  properties: { secret: { type: 'string', description: 'Base32, for typing into the app.' }, uri: { type: 'string', description: 'The otpauth:// URI.' }, qrSvg: { type: 'string', description: 'The URI as a QR code (SVG markup).' } },
} as const;

export const totpEnabledAnswer = {
  type: 'object', required: ['enabled', 'recoveryCodes'], additionalProperties: false,
  description: 'The second factor is on; the recovery codes are shown this once.',
  properties: { enabled: { type: 'boolean', enum: [true] }, recoveryCodes: { type: 'array', items: str } },
} as const;

export const totpDisabledAnswer = {
  type: 'object', required: ['enabled'], additionalProperties: false, description: 'The second factor is off.',
  properties: { enabled: { type: 'boolean', enum: [false] } },
} as const;

export const sessionsAnswer = {
  type: 'object', required: ['sessions'], additionalProperties: false, description: 'The account’s open sessions, newest first.',
  properties: {
    sessions: {
      type: 'array',
      items: {
        type: 'object', required: ['id', 'createdAt', 'lastSeenAt', 'userAgent', 'current'], additionalProperties: false,
        properties: { id: { type: 'string', description: 'For DELETE …/sessions/:id.' }, createdAt: str, lastSeenAt: str, userAgent: str, current: { type: 'boolean', description: 'The session asking.' } },
      },
    },
  },
} as const;

export const resetRequestedAnswer = {
  type: 'object', required: ['status'], additionalProperties: false,
  description: 'The same answer whether or not the address has an account.',
  properties: { status: { type: 'string', enum: ['sent-if-known'] } },
} as const;

export const noContent = (description: string) => ({ type: 'null', description }) as const;
