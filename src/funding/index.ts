/**
 * Funding: the support page with SEPA bank details and GiroCode, links to other payment
 * providers. Donation details are site settings (`donation`); no payment data passes
 * through Blattwerk.
 *
 * @example
 *   registerFundingRoutes(app, services); // GET /support/, GET /support/girocode.svg
 */
import type { FastifyInstance } from 'fastify';

import { registerSupportRoutes, type FundingRoutesDeps } from './routes.js';

export { epcPayload, epcQrSvg, formatIban, isValidBic, isValidIban, normalizeIban } from './epc.js';
export { resolveTransfer, safeProviders } from './transfer.js';

export function registerFundingRoutes(app: FastifyInstance, services: FundingRoutesDeps): void {
  registerSupportRoutes(app, services);
}
