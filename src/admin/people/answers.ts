/**
 * The answers of the people API (issue 17), for the OpenAPI document and the contract check
 * in tests: the list of staff accounts (`Person` of service.ts), the new account's id after an
 * invitation, and no content for the changes; with the coded errors these routes give.
 *
 * @example
 *   app.get('/api/v1/admin/people', { ...API, schema: { response: peopleAnswers(200, peopleAnswer) } }, handler);
 */
import { ROLES } from '../../platform/users.js';
import { errorResponses } from '../../platform/openapi.js';

const person = {
  type: 'object', additionalProperties: false, required: ['id', 'name', 'email', 'role', 'createdAt', 'state', 'totp', 'lastSeen'],
  properties: {
    id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string', enum: [...ROLES] }, createdAt: { type: 'string' },
    state: { type: 'string', enum: ['active', 'invited', 'suspended'] }, totp: { type: 'boolean', description: 'Whether a second factor is on.' },
    lastSeen: { type: ['string', 'null'], description: 'The last time any of their sessions was used.' },
  },
} as const;

export const peopleAnswer = { type: 'object', additionalProperties: false, required: ['people'], properties: { people: { type: 'array', items: person } }, description: 'The newsroom’s accounts (removed ones left out), by name.' } as const;
export const invitedAnswer = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'integer' } }, description: 'Invited: a mail with a link to set a password is on its way.' } as const;
export const changedAnswer = { type: 'null', description: 'Done.' } as const;

/** A route's answer with the coded errors of the people API. */
export const peopleAnswers = (status: number, answer: unknown) => ({ [status]: answer, ...errorResponses(400, 401, 403, 404, 409) });
