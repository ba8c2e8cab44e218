/**
 * Who is asking, as the supporters' operations need it: a staff member with a role, or
 * anyone else with the day's hash of their address (for rate limits and the mandate's
 * record). A structural subset of the caller the platform resolves per request, so the
 * platform's value can be passed as it is; `callerOf` builds one from what the guard set
 * until every route has `request.caller`.
 *
 * @example
 *   await supporters.exportDebits(callerOf(request, secret, now), '2026-06-01');
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';
import { ipHash } from '../platform/privacy.js';
import { ROLES_FOR } from '../platform/permissions.js';
import type { Role } from '../platform/users.js';

export interface StaffIdentity {
  id: number;
  name: string;
  email?: string;
  role: Role;
}

export type FundingCaller =
  | { kind: 'staff'; staff: StaffIdentity; ipHash: string }
  | { kind: 'guest' | 'reader'; ipHash: string };

export type StaffFundingCaller = Extract<FundingCaller, { kind: 'staff' }>;

/**
 * Who sees supporters and money: the finance role, and owner and admin, who can give
 * themselves any role anyway. Editors do not.
 */
export const FINANCE_ROLES: Role[] = [...ROLES_FOR.finance];

export function callerOf(request: FastifyRequest, secret: string, now: () => Date): FundingCaller {
  const resolved = (request as { caller?: FundingCaller | null }).caller;
  if (resolved) return resolved;
  const hash = ipHash(request.ip, secret, now());
  return request.staff ? { kind: 'staff', staff: request.staff, ipHash: hash } : { kind: 'guest', ipHash: hash };
}

/** The operation's own check (routes check too): finance staff, or FORBIDDEN. */
export function requireFinance(caller: FundingCaller): StaffFundingCaller {
  if (caller.kind !== 'staff') throw new AppError('UNAUTHORIZED');
  if (!FINANCE_ROLES.includes(caller.staff.role)) throw new AppError('FORBIDDEN');
  return caller;
}
